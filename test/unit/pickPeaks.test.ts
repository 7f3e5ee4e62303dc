import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../scripts/prng.js';
import { resolveHighlightConfig } from '../../shared/core/highlights/config.js';
import { fuseSignals } from '../../shared/core/highlights/fuse.js';
import { pickPeaks } from '../../shared/core/highlights/pickPeaks.js';

/** A flat series of `length` seconds with triangular bumps of the given heights (half-width 5 s). */
function bumps(length: number, at: Readonly<Record<number, number>>): number[] {
  const values = new Array<number>(length).fill(0);
  for (const [second, height] of Object.entries(at)) {
    const centre = Number(second);
    for (let d = -5; d <= 5; d++) {
      const i = centre + d;
      if (i >= 0 && i < length) values[i] = Math.max(values[i] ?? 0, height * (1 - Math.abs(d) / 6));
    }
  }
  return values;
}

const config = resolveHighlightConfig({ minFusedScore: 3, minGapSeconds: 40, maxClips: 8 });

describe('pickPeaks', () => {
  it('picks each bump once, at its top, best first', () => {
    const fused = bumps(1200, { 100: 5, 500: 9, 900: 7 });
    expect(pickPeaks(fused, config)).toEqual([500, 900, 100]);
  });

  it('keeps picks at least the minimum gap apart', () => {
    const random = mulberry32(3);
    const fused = Array.from({ length: 3000 }, () => random() * 10);
    // Uniform noise has no strong moment: no floor here, this is about the gap.
    const picks = pickPeaks(fused, resolveHighlightConfig({ maxClips: 20, minGapSeconds: 45, minFusedScore: 3, scoreFloorSpreads: 0 }));
    expect(picks.length).toBe(20);
    for (const a of picks) for (const b of picks) if (a !== b) expect(Math.abs(a - b)).toBeGreaterThanOrEqual(45);
  });

  it('drops peaks below the minimum fused score and returns nothing for a flat show', () => {
    expect(pickPeaks(bumps(600, { 100: 2.9, 300: 3.5 }), config)).toEqual([300]);
    expect(pickPeaks(new Array(600).fill(0), config)).toEqual([]);
    expect(pickPeaks([], config)).toEqual([]);
  });

  it('returns at most maxClips picks', () => {
    const heights = Object.fromEntries(Array.from({ length: 20 }, (_, k) => [50 + k * 100, 4 + k]));
    const picks = pickPeaks(bumps(2100, heights), resolveHighlightConfig({ maxClips: 5 }));
    expect(picks).toEqual([1950, 1850, 1750, 1650, 1550]);
  });

  it('spreads picks across the show before crowding one tenth of it', () => {
    // Six strong peaks inside the first tenth (0-200 s) and three weaker ones elsewhere.
    const fused = bumps(2000, { 10: 20, 60: 19, 110: 18, 150: 17, 190: 16, 500: 5, 1200: 6, 1800: 4 });
    const picks = pickPeaks(fused, resolveHighlightConfig({ maxClips: 6, minGapSeconds: 40 }));
    // ceil(6 / 3) = 2 from the crowded tenth, then all three others, then the crowded tenth fills the rest.
    expect(picks).toHaveLength(6);
    expect(picks).toEqual(expect.arrayContaining([500, 1200, 1800, 10, 60]));
    expect(picks.filter((p) => p < 200)).toHaveLength(3);
    expect(picks).toEqual([10, 60, 110, 1200, 500, 1800]);
  });

  it('lets one tenth take every slot when nothing else qualifies', () => {
    const fused = bumps(2000, { 10: 20, 60: 19, 110: 18, 150: 17 });
    expect(pickPeaks(fused, resolveHighlightConfig({ maxClips: 6 }))).toEqual([10, 60, 110, 150]);
  });

  it('without maxClips picks every peak above the floor, up to about three per ten minutes', () => {
    // 40 minutes of busy idle score (uniform 2..4: median 3, floor ≈ 3 + 4 · 0.74 ≈ 6) with fifteen bumps.
    const random = mulberry32(5);
    const idle = Array.from({ length: 2400 }, () => 2 + 2 * random());
    const heights = Object.fromEntries(Array.from({ length: 15 }, (_, k) => [80 + k * 150, k < 3 ? 5.5 : 10 + k]));
    const fused = bumps(2400, heights).map((v, i) => Math.max(v, idle[i] ?? 0));
    const picks = pickPeaks(fused, resolveHighlightConfig({}));
    // Twelve bumps clear the floor, exactly the budget of 40 minutes; the three weak ones do not.
    expect(picks).toHaveLength(12);
    expect([...picks].sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, k) => 80 + (k + 3) * 150));
    // 13 minutes, a budget of five: the two strong bumps, not the weak ones.
    expect(pickPeaks(fused.slice(0, 780), resolveHighlightConfig({}))).toEqual([680, 530]);
    // Only weak bumps: the best keepBestClips of them all the same.
    expect(pickPeaks(fused.slice(0, 360), resolveHighlightConfig({}))).toHaveLength(2);
  });

  it('honours the eligibility veto and breaks ties towards the earlier second', () => {
    const fused = bumps(1000, { 200: 8, 600: 6 });
    expect(pickPeaks(fused, config, (i) => i < 500)).toEqual([200]);
    const flatTop = new Array<number>(300).fill(0).map((_, i) => (i >= 100 && i < 110 ? 5 : 0));
    expect(pickPeaks(flatTop, config)).toEqual([100]);
  });
});

describe('fuseSignals', () => {
  it('sums the weighted part of each signal above the noise floor', () => {
    const cfg = resolveHighlightConfig({ noiseFloor: 1, weights: { loudness: 1, chatRate: 2 } });
    const fused = fuseSignals(
      [
        { name: 'loudness', values: [0, 1, 3, 5] },
        { name: 'chatRate', values: [0.5, 2, 4] },
      ],
      cfg,
    );
    expect(fused).toEqual([0, 2, 2 + 6, 4]);
  });

  it('ignores a signal whose weight is zero', () => {
    const cfg = resolveHighlightConfig({ weights: { orders: 0 } });
    expect(fuseSignals([{ name: 'orders', values: [9, 9] }], cfg)).toEqual([0, 0]);
  });
});
