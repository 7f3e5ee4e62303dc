import { quantile } from '../robustStats.js';
import { metricJumpSignal } from './metricJumpSignal.js';

/** Smallest orders-jump spread, orders. */
const MIN_ORDERS_SPREAD = 1;

/**
 * Order jumps. Orders are counts that only grow: their quiet level is a low quantile (with a product push every
 * few minutes most of a short show can be "rising"), and their noise is Poisson.
 */
export const orders = metricJumpSignal('orders', (rise, _level, config) => {
  const center = quantile(rise, config.baselineQuantile);
  return { center, spread: Math.max(MIN_ORDERS_SPREAD, Math.sqrt(Math.max(center, 0) + 1)) };
});
