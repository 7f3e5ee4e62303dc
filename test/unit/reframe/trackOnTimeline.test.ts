import { describe, expect, it } from 'vitest';
import { CUT_STEP_SECONDS, trackAt, trackOnTimeline } from '../../../shared/core/reframe/index.js';

describe('trackOnTimeline', () => {
  // Planned over source 100..110: a pan from 0.2 to 0.7.
  const track = [{ t: 0, cx: 0.2, cy: 0.5 }, { t: 10, cx: 0.7, cy: 0.5 }];

  it('leaves an untrimmed clip as it is', () => {
    expect(trackOnTimeline(track, [{ start: 100, end: 110 }], 100)).toEqual(track);
  });

  it('drops the removed seconds and jumps at the join', () => {
    // Seconds 104..108 removed: clip 0..4 is source 100..104, clip 4..6 is source 108..110.
    const trimmed = trackOnTimeline(track, [{ start: 100, end: 104 }, { start: 108, end: 110 }], 100);
    expect(trackAt(trimmed, 2).cx).toBeCloseTo(0.3, 6);
    expect(trackAt(trimmed, 4 - CUT_STEP_SECONDS).cx).toBeCloseTo(0.4, 3);
    expect(trackAt(trimmed, 4).cx).toBeCloseTo(0.6, 6);
    expect(trackAt(trimmed, 6).cx).toBeCloseTo(0.7, 6);
    expect(trimmed.at(-1)?.t).toBe(6);
    for (let i = 1; i < trimmed.length; i += 1) expect(trimmed[i]!.t).toBeGreaterThan(trimmed[i - 1]!.t);
  });
});
