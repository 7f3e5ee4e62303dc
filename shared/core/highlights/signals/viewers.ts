import { median, robustSpread } from '../robustStats.js';
import { formatSeconds, signed, valueAt } from './evidenceText.js';
import { metricRise } from './metricRise.js';
import type { Signal } from './signal.js';

/** Smallest viewers-jump spread, as a share of the median audience (1 % of viewers). */
const MIN_VIEWERS_SPREAD_SHARE = 0.01;

export interface ViewersEvidence {
  /** Rise of the audience across the metrics horizon (0 where it fell or was not reported). */
  readonly delta: readonly number[];
}

/**
 * Viewer jumps: the rise of the step-interpolated audience across the metrics horizon, robust-z normalised
 * against the whole show. Viewer counts wander both ways, so the signed rise's own median and MAD describe
 * that noise. Without viewer counts, zeros.
 */
export const viewers: Signal<'viewers', ViewersEvidence> = {
  name: 'viewers',
  measure({ inputs, seconds: n, config }) {
    const jump = metricRise(inputs.metrics, 'viewers', n, config);
    if (jump === undefined) return { z: new Array<number>(n).fill(0), evidence: { delta: new Array<number>(n).fill(0) } };
    const { level, rise } = jump;
    const center = median(rise);
    const spread = robustSpread(rise, Math.max(1, MIN_VIEWERS_SPREAD_SHARE * Math.abs(median(level))), center);
    return { z: rise.map((r) => (r - center) / spread), evidence: { delta: rise.map((r) => Math.max(0, r)) } };
  },
  explain: ({ delta }, at, _value, config) => `viewers ${signed(valueAt(delta, at), 0)} in ${formatSeconds(config.metricsHorizonSeconds)}`,
};
