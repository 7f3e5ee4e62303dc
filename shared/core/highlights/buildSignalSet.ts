/**
 * Scoring half of the highlight detector: runs every registered signal (signals/registry.ts) over a show, each
 * normalised against the show itself (so a quiet podcast and a shouting sale both work) and soft-clamped to
 * [0, signalCeiling). Deciding what is a highlight happens elsewhere (fuse, pickPeaks).
 */
import type { SignalSeries } from '../types.js';
import type { HighlightConfig } from './config.js';
import type { HighlightInputs } from './highlightInputs.js';
import { SIGNALS, type EvidenceOf, type RegisteredSignal } from './signals/registry.js';
import { signalContext } from './signals/signal.js';
import { softClamp } from './signals/softClamp.js';

/**
 * Raw, human-scale numbers behind each normalised series, per signal, index-aligned with it (chat-derived arrays
 * on the stream's clock, like their inputs). Used to explain why a signal fired.
 */
export type SignalEvidence = { readonly [S in RegisteredSignal as S['name']]: EvidenceOf<S> };

/** The normalised series (one per SignalName, in SIGNAL_NAMES order) and the evidence behind them. */
export interface SignalSet {
  readonly series: readonly SignalSeries[];
  readonly evidence: SignalEvidence;
}

/** One normalised per-second series per SignalName, in SIGNAL_NAMES order, each of length ceil(duration). */
export function buildSignals(inputs: HighlightInputs, config: HighlightConfig): SignalSeries[] {
  return [...buildSignalSet(inputs, config).series];
}

/** Like `buildSignals`, plus the raw evidence used to explain fired signals. */
export function buildSignalSet(inputs: HighlightInputs, config: HighlightConfig): SignalSet {
  const context = signalContext(inputs, config);
  const evidence: Partial<Record<RegisteredSignal['name'], unknown>> = {};
  const series = SIGNALS.map((signal): SignalSeries => {
    const measured = signal.measure(context);
    evidence[signal.name] = measured.evidence;
    return { name: signal.name, values: measured.z.map((v) => softClamp(v, config.signalCeiling)) };
  });
  return { series, evidence: evidence as SignalEvidence };
}
