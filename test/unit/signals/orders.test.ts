import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../scripts/prng.js';
import { DEFAULT_HIGHLIGHT_CONFIG } from '../../../shared/core/highlights/config.js';
import { orders } from '../../../shared/core/highlights/signals/orders.js';
import { argmax, measure, peakIn, quietShow } from '../../helpers/signalFixtures.js';

const config = DEFAULT_HIGHLIGHT_CONFIG;

/** Orders every 10 s trickling in (0-2 per row), with 30 extra in the row at `spikeAt` when given. */
function ordersEvery10s(spikeAt?: number) {
  const random = mulberry32(5);
  let total = 0;
  const metrics = [];
  for (let t = 0; t < 600; t += 10) {
    total += Math.floor(random() * 3) + (t === spikeAt ? 30 : 0);
    metrics.push({ t, orders: total });
  }
  return metrics;
}

describe('orders signal', () => {
  it('fires on a jump in orders and names it', () => {
    const { values, evidence } = measure(orders, { ...quietShow(), metrics: ordersEvery10s(300) });
    const peak = argmax(values);
    expect(Math.abs(peak - 300)).toBeLessThanOrEqual(config.metricsHorizonSeconds / 2);
    expect(values[peak]).toBeGreaterThanOrEqual(config.thresholds.orders);
    expect(evidence.delta[peak]).toBeGreaterThanOrEqual(30);
    expect(orders.explain(evidence, peak, values[peak] ?? 0, config)).toMatch(/^orders \+3\d in 30 s$/);
  });

  it('stays quiet while orders trickle in, and is all zeros without order counts', () => {
    expect(peakIn(measure(orders, { ...quietShow(), metrics: ordersEvery10s() }).values)).toBeLessThan(config.thresholds.orders);
    expect(measure(orders, quietShow()).values.every((v) => v === 0)).toBe(true);
  });
});
