import type { SignalName } from '../../types.js';
import type { HighlightConfig } from '../config.js';
import type { HighlightInputs } from '../highlightInputs.js';
import { classifyChatLines, type ChatLineCounts } from './chatLines.js';
import { chatPrompts } from './chatPrompts.js';
import { secondsIn } from './secondIndex.js';

/** What a signal reads about one show. */
export interface SignalContext {
  /** The show, chat-derived times already on the stream's clock. */
  readonly inputs: HighlightInputs;
  /** Whole seconds of the show: the length of every series. */
  readonly seconds: number;
  readonly config: HighlightConfig;
  /** The viewer lines classified once per show, for the four chat signals. */
  readonly chatLines: ChatLineCounts;
}

/** A signal's output for one show, index-aligned per second. */
export interface SignalMeasurement<Evidence> {
  /** Normalised score: 0 at the show's own baseline, ~3 = three robust spreads above it (soft-clamped later). */
  readonly z: readonly number[];
  /** Human-scale numbers behind the score (messages, LU, orders), for explanations and tuning. */
  readonly evidence: Evidence;
}

/**
 * One detector signal, after PySceneDetect's detector contract: a name, a pure measurement of a show (no I/O),
 * and the words that explain a fired second. Each signal's own floors and constants are named, with units, in
 * its file; weights and firing thresholds are configuration (config.ts). Deciding what is a highlight happens
 * elsewhere (fuse, pickPeaks).
 */
export interface Signal<Name extends SignalName = SignalName, Evidence = unknown> {
  readonly name: Name;
  measure(context: SignalContext): SignalMeasurement<Evidence>;
  /** Why the signal is high at second `at`, where its clamped value is `value`, e.g. "orders +12 in 30 s". */
  explain(evidence: Evidence, at: number, value: number, config: HighlightConfig): string;
}

/** Declares a signal; its evidence type is what `measure` returns, so there is no second copy of it to keep in step. */
export function defineSignal<Name extends SignalName, Evidence>(signal: Signal<Name, Evidence>): Signal<Name, Evidence> {
  return signal;
}

/** The context for one show; the chat classification runs on first use, once for all chat signals. */
export function signalContext(inputs: HighlightInputs, config: HighlightConfig): SignalContext {
  const seconds = secondsIn(inputs.duration);
  let chatLines: ChatLineCounts | undefined;
  return {
    inputs,
    seconds,
    config,
    get chatLines() {
      return (chatLines ??= classifyChatLines(inputs.chat, seconds, config, chatPrompts(inputs.segments)));
    },
  };
}
