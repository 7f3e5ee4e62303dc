import { quantile } from '../robustStats.js';
import { formatSeconds, signed, valueAt } from './evidenceText.js';
import { metricRise } from './metricRise.js';
import type { Signal } from './signal.js';

/** Smallest orders-jump spread, orders. */
const MIN_ORDERS_SPREAD = 1;

export interface OrdersEvidence {
  /** Orders placed across the metrics horizon. */
  readonly delta: readonly number[];
}

/**
 * Order jumps: the rise of the step-interpolated order count across the metrics horizon. Orders are counts that
 * only grow: their quiet level is a low quantile (with a product push every few minutes most of a short show can
 * be "rising"), and their noise is Poisson. Without order counts, zeros.
 */
export const orders: Signal<'orders', OrdersEvidence> = {
  name: 'orders',
  measure({ inputs, seconds: n, config }) {
    const jump = metricRise(inputs.metrics, 'orders', n, config);
    if (jump === undefined) return { z: new Array<number>(n).fill(0), evidence: { delta: new Array<number>(n).fill(0) } };
    const { rise } = jump;
    const center = quantile(rise, config.baselineQuantile);
    const spread = Math.max(MIN_ORDERS_SPREAD, Math.sqrt(Math.max(center, 0) + 1));
    return { z: rise.map((r) => (r - center) / spread), evidence: { delta: rise.map((r) => Math.max(0, r)) } };
  },
  explain: ({ delta }, at, _value, config) => `orders ${signed(valueAt(delta, at), 0)} in ${formatSeconds(config.metricsHorizonSeconds)}`,
};
