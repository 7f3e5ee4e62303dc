/** The viewers and orders signals: a jump in the metric fires, its ordinary wandering does not, a missing metric gives zeros. */
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../scripts/prng.js';
import { DEFAULT_HIGHLIGHT_CONFIG } from '../../../shared/core/highlights/config.js';
import { orders } from '../../../shared/core/highlights/signals/orders.js';
import { viewers } from '../../../shared/core/highlights/signals/viewers.js';
import type { MetricsPoint } from '../../../shared/core/types.js';
import { argmax, measure, peakIn, quietShow } from '../../helpers/signalFixtures.js';

const config = DEFAULT_HIGHLIGHT_CONFIG;

/** A metrics row every 10 s over 10 minutes; `value(t, random)` is the metric's reading. */
function every10s(metric: 'viewers' | 'orders', value: (t: number, random: () => number) => number): MetricsPoint[] {
  const random = mulberry32(5);
  return Array.from({ length: 60 }, (_, k) => ({ t: k * 10, [metric]: value(k * 10, random) }));
}

/** Orders trickling in (0-2 per row), plus 30 in the row at `spikeAt` when given. */
function orderCounts(spikeAt?: number): MetricsPoint[] {
  let total = 0;
  return every10s('orders', (t, random) => (total += Math.floor(random() * 3) + (t === spikeAt ? 30 : 0)));
}

/** About 1,000 viewers wandering by ±10, with 300 joining at `jumpAt` when given. */
const audience = (jumpAt?: number) => every10s('viewers', (t, random) => 1000 + Math.round((random() - 0.5) * 20) + (jumpAt !== undefined && t >= jumpAt ? 300 : 0));

describe.each([
  { signal: orders, jump: orderCounts(300), steady: orderCounts(), words: /^orders \+3\d in 30 s$/ },
  { signal: viewers, jump: audience(300), steady: audience(), words: /^viewers \+3\d\d in 30 s$/ },
] as const)('$signal.name signal', ({ signal, jump, steady, words }) => {
  it('fires on a jump at 300 s and names the rise', () => {
    const { values, evidence } = measure(signal, { ...quietShow(), metrics: jump });
    const peak = argmax(values);
    expect(Math.abs(peak - 300)).toBeLessThanOrEqual(config.metricsHorizonSeconds / 2);
    expect(values[peak]).toBeGreaterThanOrEqual(config.thresholds[signal.name]);
    expect(signal.explain(evidence, peak, values[peak] ?? 0, config)).toMatch(words);
  });

  it('stays quiet while the metric wanders, and is all zeros when the show does not report it', () => {
    expect(peakIn(measure(signal, { ...quietShow(), metrics: steady }).values)).toBeLessThan(config.thresholds[signal.name]);
    expect(measure(signal, quietShow()).values.every((v) => v === 0)).toBe(true);
  });
});
