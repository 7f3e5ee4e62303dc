import { describe, expect, it } from 'vitest';
import { clampCentre, cropSize, needsReframe } from '../../../shared/core/reframe/index.js';

describe('cropGeometry', () => {
  it('cuts full height from a wide source and full width from a tall one', () => {
    expect(cropSize(1920, 1080, '9:16')).toEqual({ width: (9 / 16) ** 2, height: 1 });
    expect(cropSize(1920, 1080, '1:1').width).toBeCloseTo(0.5625, 6);
    expect(cropSize(1080, 1920, '16:9')).toEqual({ width: 1, height: (9 / 16) ** 2 });
    expect(cropSize(1080, 1920, '1:1').height).toBeCloseTo(0.5625, 6);
    expect(cropSize(1080, 1920, '4:5').height).toBeCloseTo((1080 / 1920) / 0.8, 6);
  });

  it('needs no reframe where the source has the shape, rounding included', () => {
    expect(needsReframe(1920, 1080, '16:9')).toBe(false);
    expect(needsReframe(1920, 1088, '16:9')).toBe(false);
    expect(needsReframe(1080, 1920, '9:16')).toBe(false);
    expect(needsReframe(1920, 1080, '9:16')).toBe(true);
    expect(needsReframe(1080, 1080, '4:5')).toBe(true);
  });

  it('clamps a centre so the window stays inside', () => {
    expect(clampCentre(0.05, 0.3)).toBe(0.15);
    expect(clampCentre(0.99, 0.3)).toBe(0.85);
    expect(clampCentre(0.2, 1)).toBe(0.5);
  });
});
