import { describe, expect, it } from 'vitest';
import { clipBudget } from '../../shared/core/highlights/clipBudget.js';
import { DEFAULT_HIGHLIGHT_CONFIG, resolveHighlightConfig } from '../../shared/core/highlights/config.js';
import { scoreFloor } from '../../shared/core/highlights/scoreFloor.js';
import { MAX_CLIPS } from '../../shared/core/settings/runSettings.js';

describe('clipBudget', () => {
  it('allows about three clips per ten minutes of show, at least five, at most the cap', () => {
    expect(clipBudget(2400, DEFAULT_HIGHLIGHT_CONFIG)).toBe(12);
    expect(clipBudget(2401, DEFAULT_HIGHLIGHT_CONFIG)).toBe(13);
    expect(clipBudget(600, DEFAULT_HIGHLIGHT_CONFIG)).toBe(DEFAULT_HIGHLIGHT_CONFIG.minClipBudget);
    expect(clipBudget(60, DEFAULT_HIGHLIGHT_CONFIG)).toBe(DEFAULT_HIGHLIGHT_CONFIG.minClipBudget);
    expect(clipBudget(7200, DEFAULT_HIGHLIGHT_CONFIG)).toBe(36);
    expect(clipBudget(48 * 3600, DEFAULT_HIGHLIGHT_CONFIG)).toBe(MAX_CLIPS);
    expect(clipBudget(Number.NaN, DEFAULT_HIGHLIGHT_CONFIG)).toBe(DEFAULT_HIGHLIGHT_CONFIG.minClipBudget);
  });

  it("is the caller's maxClips when given, 0 included", () => {
    expect(clipBudget(2400, resolveHighlightConfig({ maxClips: 2 }))).toBe(2);
    expect(clipBudget(2400, resolveHighlightConfig({ maxClips: 0 }))).toBe(0);
    expect(clipBudget(60, resolveHighlightConfig({ maxClips: 40 }))).toBe(40);
  });
});

describe('scoreFloor', () => {
  it('is minFusedScore for a show whose score is almost always 0', () => {
    const fused = new Array<number>(1000).fill(0);
    fused[500] = 20;
    expect(scoreFloor(fused, DEFAULT_HIGHLIGHT_CONFIG)).toBe(DEFAULT_HIGHLIGHT_CONFIG.minFusedScore);
    expect(scoreFloor([], DEFAULT_HIGHLIGHT_CONFIG)).toBe(DEFAULT_HIGHLIGHT_CONFIG.minFusedScore);
  });

  it('rises with a show whose score idles high: median plus scoreFloorSpreads robust spreads', () => {
    // Alternating 2 and 4: median 3, MAD 1, spread 1.4826.
    const busy = Array.from({ length: 1000 }, (_, i) => (i % 2 === 0 ? 2 : 4));
    expect(scoreFloor(busy, DEFAULT_HIGHLIGHT_CONFIG)).toBeCloseTo(3 + DEFAULT_HIGHLIGHT_CONFIG.scoreFloorSpreads * 1.4826, 6);
    expect(scoreFloor(busy, resolveHighlightConfig({ scoreFloorSpreads: 0 }))).toBe(3);
  });
});
