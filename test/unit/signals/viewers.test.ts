import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../scripts/prng.js';
import { DEFAULT_HIGHLIGHT_CONFIG } from '../../../shared/core/highlights/config.js';
import { viewers } from '../../../shared/core/highlights/signals/viewers.js';
import { argmax, measure, peakIn, quietShow } from '../../helpers/signalFixtures.js';

const config = DEFAULT_HIGHLIGHT_CONFIG;

/** About 1,000 viewers reported every 10 s, wandering by ±10, with 300 joining at `jumpAt` when given. */
function audienceEvery10s(jumpAt?: number) {
  const random = mulberry32(5);
  const metrics = [];
  for (let t = 0; t < 600; t += 10) metrics.push({ t, viewers: 1000 + Math.round((random() - 0.5) * 20) + (jumpAt !== undefined && t >= jumpAt ? 300 : 0) });
  return metrics;
}

describe('viewers signal', () => {
  it('fires where the audience jumps and names the rise', () => {
    const { values, evidence } = measure(viewers, { ...quietShow(), metrics: audienceEvery10s(300) });
    const peak = argmax(values);
    expect(Math.abs(peak - 300)).toBeLessThanOrEqual(config.metricsHorizonSeconds / 2);
    expect(values[peak]).toBeGreaterThanOrEqual(config.thresholds.viewers);
    expect(viewers.explain(evidence, peak, values[peak] ?? 0, config)).toMatch(/^viewers \+3\d\d in 30 s$/);
  });

  it('stays quiet while the audience wanders, and is all zeros without viewer counts', () => {
    expect(peakIn(measure(viewers, { ...quietShow(), metrics: audienceEvery10s() }).values)).toBeLessThan(config.thresholds.viewers);
    expect(measure(viewers, quietShow()).values.every((v) => v === 0)).toBe(true);
  });
});
