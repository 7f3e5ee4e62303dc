import { describe, expect, it } from 'vitest';
import { clipCompliance } from '../../shared/core/compliance/index.js';
import type { ComplianceFlag } from '../../shared/core/types.js';

const flag = (start: number, end: number, severity: ComplianceFlag['severity'] = 'warn'): ComplianceFlag => ({
  start, end, severity, term: 'best', rule: 'superlative', source: end === start ? 'chat' : 'speech', text: 'the best mug', language: 'en',
});

describe('clipCompliance', () => {
  const clip = { start: 10, end: 20 };

  it('keeps flags that overlap the clip: a speech flag running into it, a chat point on its first second', () => {
    const inside = [flag(5, 11), flag(10, 10), flag(19.9, 25)];
    expect(clipCompliance([...inside, flag(2, 9.9), flag(20, 20), flag(20, 30)], clip).flags).toEqual(inside);
  });

  it('is clear without flags, warn with any, block when one blocks', () => {
    expect(clipCompliance([], clip).status).toBe('clear');
    expect(clipCompliance([flag(30, 31, 'block')], clip)).toEqual({ status: 'clear', flags: [] });
    expect(clipCompliance([flag(12, 13)], clip).status).toBe('warn');
    expect(clipCompliance([flag(12, 13), flag(15, 15, 'block')], clip).status).toBe('block');
  });
});
