import { median, robustSpread } from '../robustStats.js';
import { metricJumpSignal } from './metricJumpSignal.js';

/** Smallest viewers-jump spread, as a share of the median audience (1 % of viewers). */
const MIN_VIEWERS_SPREAD_SHARE = 0.01;

/** Viewer jumps. Viewer counts wander both ways; the signed rise's own median and MAD describe that noise. */
export const viewers = metricJumpSignal('viewers', (rise, level) => {
  const center = median(rise);
  return { center, spread: robustSpread(rise, Math.max(1, MIN_VIEWERS_SPREAD_SHARE * Math.abs(median(level))), center) };
});
