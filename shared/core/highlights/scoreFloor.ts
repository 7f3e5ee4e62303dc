import type { HighlightConfig } from './config.js';
import { median, robustSpread } from './robustStats.js';

/** Smallest spread of the fused score, fused units: a show whose score is almost always 0 falls back to minFusedScore. */
const MIN_FUSED_SPREAD = 0.05;

/**
 * The score a peak needs to count as a strong moment of this show: `scoreFloorSpreads` robust spreads above
 * the median of its fused score, and never below `minFusedScore`. Moments are a small share of a show's
 * seconds, so the median and spread describe its ordinary stretches: a show whose score idles high (constant
 * chat, loud music, a busy host) needs a higher peak than a calm one before a moment stands out.
 *
 * Why the whole series and not the peaks: on a short show the moments are a third or more of its peaks, so the
 * peaks' own median and spread rise with them (on the generated 7-minute show a peak-based floor cut three of
 * five labelled moments). On the generated labelled set (20 shows) the ordinary stretches put the floor at
 * 3 to 9; corroboration already removes most noise there, so scoreFloorSpreads from 0 to 6 moves F1 by under
 * 0.01 and 4 is a margin above the classic 3-spread outlier cut for busy shows. A show whose score is 0 most of
 * the time (chat-only logs) gets minFusedScore: there the clip budget is what limits the count.
 */
export function scoreFloor(fused: readonly number[], config: Pick<HighlightConfig, 'minFusedScore' | 'scoreFloorSpreads'>): number {
  const finite = fused.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return config.minFusedScore;
  const center = median(finite);
  return Math.max(config.minFusedScore, center + config.scoreFloorSpreads * robustSpread(finite, MIN_FUSED_SPREAD, center));
}
