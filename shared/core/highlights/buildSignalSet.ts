/**
 * Scoring half of the highlight detector: runs every registered signal (signals/registry.ts) over a show, each
 * normalised against the show itself (so a quiet podcast and a shouting sale both work) and soft-clamped to
 * [0, signalCeiling). Deciding what is a highlight happens elsewhere (fuse, pickPeaks).
 */
import type { SignalSeries } from '../types.js';
import type { HighlightConfig } from './config.js';
import type { HighlightInputs } from './highlightInputs.js';
import { movingSum } from './robustStats.js';
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
  /**
   * Per second, the share (0..1) of the chat around it that was participation (echo floods: a giveaway's "1"s),
   * over `participationWindowSeconds`. The detector damps the fused score by it: what a giveaway lends the
   * moment around it (the shouted prompt, the viewers it draws) is not a highlight either. Absent: no damping.
   */
  readonly participation?: readonly number[];
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
  return { series, evidence: evidence as SignalEvidence, participation: participationShare(context.chatLines, config.participationWindowSeconds) };
}

function participationShare(lines: { readonly lines: readonly number[]; readonly participation: readonly number[] }, windowSeconds: number): number[] {
  const echoed = movingSum(lines.participation, windowSeconds);
  const all = movingSum(lines.lines.map((count, i) => count + (lines.participation[i] ?? 0)), windowSeconds);
  return echoed.map((count, i) => (count > 0 ? count / Math.max(1, all[i] ?? 0) : 0));
}
