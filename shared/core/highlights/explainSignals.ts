import type { FiredSignal, SignalName, TimeRange } from '../types.js';
import type { HighlightConfig } from './config.js';
import { SIGNAL_NAMES } from './config.js';
import type { SignalEvidence, SignalSet } from './buildSignalSet.js';
import { signalNamed } from './signals/registry.js';

/**
 * Every signal whose peak inside `range` reaches its threshold, with the evidence in words, strongest
 * contribution first (ties in SIGNAL_NAMES order).
 */
export function explainSignals(range: TimeRange, signals: SignalSet, config: HighlightConfig): FiredSignal[] {
  const fired: (FiredSignal & { contribution: number; order: number })[] = [];
  for (const series of signals.series) {
    const from = Math.max(0, Math.floor(range.start));
    const to = Math.min(series.values.length, Math.max(from + 1, Math.ceil(range.end)));
    let at = -1;
    let value = -Infinity;
    for (let i = from; i < to; i++) {
      const v = series.values[i] ?? 0;
      if (v > value) [at, value] = [i, v];
    }
    const threshold = config.thresholds[series.name];
    if (at < 0 || value < threshold || value <= 0) continue;
    fired.push({
      name: series.name,
      value: round(value, 2),
      threshold,
      at,
      detail: explainSignal(series.name, at, value, signals.evidence, config),
      contribution: config.weights[series.name] * value,
      order: SIGNAL_NAMES.indexOf(series.name),
    });
  }
  fired.sort((a, b) => b.contribution - a.contribution || a.order - b.order);
  return fired.map(({ name, value, threshold, at, detail }) => ({ name, value, threshold, at, detail }));
}

/** One human-readable line saying why `name` is high at second `at`, e.g. "orders +12 in 30 s". */
export function explainSignal(
  name: SignalName,
  at: number,
  value: number,
  evidence: SignalEvidence,
  config: HighlightConfig,
): string {
  return signalNamed(name).explain(evidence[name], at, value, config);
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
