import type { SignalName, SignalSeries } from '../types.js';
import type { HighlightConfig } from './config.js';

/**
 * Signals that carry the audience's reaction to a moment: what viewers write and spend (on the stream's clock,
 * so already moved back by the show's chat lag) and the room's loudness (laughter, cheering, the host reacting).
 */
export const REACTION_SIGNALS: readonly SignalName[] = ['chatRate', 'chatSentiment', 'reactions', 'paidMessages', 'gifts', 'loudness'];

/** A reaction has ended once no reaction signal has fired for this long, seconds. */
export const REACTION_GAP_SECONDS = 3;

/**
 * Where the audience's reaction to the moment at `peak` dies down, seconds on the stream's clock: one second
 * after the last second, from the peak on, where a reaction signal reaches its threshold, allowing pauses of up
 * to REACTION_GAP_SECONDS. Chat trails the stream by the viewers' lag plus their typing; the lag is taken out
 * when chat is placed on the stream's clock, the typing is what this follows. Looks at most `horizonSeconds`
 * ahead (the longest clip). Undefined when nothing reacts within `postRollSeconds` of the peak.
 */
export function reactionEnd(
  peak: number,
  series: readonly SignalSeries[],
  config: Pick<HighlightConfig, 'thresholds' | 'weights' | 'postRollSeconds'>,
  horizonSeconds: number,
): number | undefined {
  const reacting = series.filter((s) => REACTION_SIGNALS.includes(s.name) && config.weights[s.name] > 0);
  if (reacting.length === 0) return undefined;
  const n = Math.max(...reacting.map((s) => s.values.length));
  const from = Math.max(0, Math.floor(peak));
  const to = Math.min(n - 1, Math.floor(peak + horizonSeconds));
  let last: number | undefined;
  for (let i = from; i <= to; i++) {
    const fired = reacting.some((s) => {
      const v = s.values[i] ?? 0;
      return v > 0 && v >= config.thresholds[s.name];
    });
    if (fired) last = i;
    else if (last === undefined ? i - from > config.postRollSeconds : i - last > REACTION_GAP_SECONDS) break;
  }
  return last === undefined ? undefined : last + 1;
}
