import type { HighlightConfig } from '../config.js';
import { rollingQuantile } from '../robustStats.js';

/** Smallest chat-count spread, messages per window, so a silent chat cannot make 2 messages a burst. */
export const MIN_CHAT_SPREAD_MSGS = 1.5;
/** Chat count spread over the Poisson √baseline: real chat is burstier than Poisson. */
const CHAT_OVERDISPERSION = 1.5;

/**
 * Robust z of a windowed event count against its rolling low quantile. Counts are roughly Poisson with
 * some overdispersion, so the spread is modelled as CHAT_OVERDISPERSION·√baseline rather than measured:
 * a window's MAD is inflated by the very bursts we look for whenever they are frequent.
 * @param minSpread smallest spread, events per window. @default MIN_CHAT_SPREAD_MSGS
 */
export function countBurst(count: readonly number[], config: HighlightConfig, minSpread = MIN_CHAT_SPREAD_MSGS) {
  const baseline = rollingQuantile(count, config.baselineWindowSeconds, config.baselineQuantile);
  const z = count.map((c, i) => {
    const b = baseline[i] ?? 0;
    const spread = Math.max(CHAT_OVERDISPERSION * Math.sqrt(b), minSpread);
    return (c - b) / spread;
  });
  return { baseline, z };
}
