import type { SignalName } from '../../types.js';
import { movingSum } from '../robustStats.js';
import type { ChatLineCounts } from './chatLines.js';
import { countBurst } from './countBurst.js';
import { formatSeconds, valueAt } from './evidenceText.js';
import { defineSignal } from './signal.js';

/**
 * A signal that counts one kind of viewer line (all of them, questions, reactions) per chat window and scores
 * bursts against the show's quiet level (see countBurst). `describe` words one second of it: the lines in the
 * window (rounded), the show's usual count there, the signal's value and the window, e.g. "10 s".
 */
export function chatCountSignal<Name extends SignalName>(
  name: Name,
  linesOf: (lines: ChatLineCounts) => readonly number[],
  describe: (reading: { count: number; baseline: number; z: string; window: string }) => string,
) {
  return defineSignal({
    name,
    measure({ chatLines, config }) {
      const count = movingSum(linesOf(chatLines), config.chatWindowSeconds);
      const { baseline, z } = countBurst(count, config);
      return {
        z,
        evidence: {
          /** Counted lines of the signal's kind in the chat window centred on the second. */
          count,
          /** The show's rolling quiet level of `count` (a low quantile), lines per chat window. */
          baseline,
        },
      };
    },
    explain: ({ count, baseline }, at, value, config) =>
      describe({ count: Math.round(valueAt(count, at)), baseline: valueAt(baseline, at), z: value.toFixed(1), window: formatSeconds(config.chatWindowSeconds) }),
  });
}
