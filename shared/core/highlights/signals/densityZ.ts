import type { HighlightConfig } from '../config.js';
import { quantile, robustSpread } from '../robustStats.js';

/**
 * Robust z of a windowed density of sparse events (scene cuts, mentions) against the whole show: the quiet level
 * is the show's baseline quantile rather than its median, since events cluster and a busy show is "eventful"
 * much of the time; `minSpread` (events per window) keeps a near-empty show from turning one event into a peak.
 */
export function densityZ(density: readonly number[], minSpread: number, config: HighlightConfig): number[] {
  const center = quantile(density, config.baselineQuantile);
  const spread = robustSpread(density, minSpread, center);
  return density.map((d) => (d - center) / spread);
}
