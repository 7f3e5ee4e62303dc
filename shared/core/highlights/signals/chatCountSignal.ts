import type { SignalName } from '../../types.js';
import { movingSum } from '../robustStats.js';
import type { ChatLineCounts } from './chatLines.js';
import { countBurst } from './countBurst.js';
import { formatSeconds, valueAt } from './evidenceText.js';
import type { Signal } from './signal.js';

export interface ChatCountEvidence {
  /** Counted lines of the signal's kind in the chat window centred on the second. */
  readonly count: readonly number[];
  /** The show's rolling quiet level of `count` (a low quantile), lines per chat window. */
  readonly baseline: readonly number[];
}

/** What an explanation says about one second of a chat-count signal. */
export interface ChatCountReading {
  /** Lines in the window, rounded. */
  readonly count: number;
  readonly baseline: number;
  /** The signal's value, one decimal. */
  readonly z: string;
  /** The chat window, e.g. "10 s". */
  readonly window: string;
}

/**
 * A signal that counts one kind of viewer line (all of them, questions, reactions) per chat window and scores
 * bursts against the show's quiet level (see countBurst).
 */
export function chatCountSignal<Name extends SignalName>(
  name: Name,
  linesOf: (lines: ChatLineCounts) => readonly number[],
  describe: (reading: ChatCountReading) => string,
): Signal<Name, ChatCountEvidence> {
  return {
    name,
    measure({ chatLines, config }) {
      const count = movingSum(linesOf(chatLines), config.chatWindowSeconds);
      const { baseline, z } = countBurst(count, config);
      return { z, evidence: { count, baseline } };
    },
    explain: ({ count, baseline }, at, value, config) =>
      describe({
        count: Math.round(valueAt(count, at)),
        baseline: valueAt(baseline, at),
        z: value.toFixed(1),
        window: formatSeconds(config.chatWindowSeconds),
      }),
  };
}
