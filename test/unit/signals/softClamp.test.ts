import { describe, expect, it } from 'vitest';
import { softClamp } from '../../../shared/core/highlights/signals/softClamp.js';

describe('softClamp', () => {
  it('is the identity up to half the ceiling, then rises slowly and stays below the ceiling', () => {
    expect(softClamp(-3, 10)).toBe(0);
    expect(softClamp(Number.NaN, 10)).toBe(0);
    expect(softClamp(4.2, 10)).toBe(4.2);
    const big = [6, 10, 30, 100, 1000].map((v) => softClamp(v, 10));
    for (let i = 1; i < big.length; i++) expect(big[i]).toBeGreaterThan(big[i - 1] ?? Infinity);
    expect(Math.max(...big)).toBeLessThan(10);
    expect(softClamp(Infinity, 10)).toBe(10);
  });
});
