import type { SignalSeries } from '../types.js';
import type { HighlightConfig } from './config.js';

/**
 * Fused highlight score per second: the weighted sum over signals of the part of each normalised
 * value above `noiseFloor`. Length = the longest series; missing samples count as baseline (0).
 */
export function fuseSignals(signals: readonly SignalSeries[], config: HighlightConfig): number[] {
  const n = signals.reduce((max, s) => Math.max(max, s.values.length), 0);
  const fused = new Array<number>(n).fill(0);
  for (const signal of signals) {
    const weight = config.weights[signal.name];
    if (weight === 0) continue;
    signal.values.forEach((value, i) => {
      const above = value - config.noiseFloor;
      if (above > 0) fused[i] = (fused[i] ?? 0) + weight * above;
    });
  }
  return fused;
}
