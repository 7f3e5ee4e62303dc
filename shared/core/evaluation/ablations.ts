import type { HighlightConfig } from '../highlights/config.js';
import { SIGNAL_NAMES } from '../highlights/config.js';
import type { SignalName } from '../types.js';

/** A detector variant of an ablation study: the fused detector, one signal removed, or one signal alone. */
export interface DetectorVariant {
  readonly name: string;
  readonly kind: 'fused' | 'without' | 'only';
  readonly signal?: SignalName;
  readonly config: HighlightConfig;
}

/**
 * The fused detector, then per signal "without X" (its weight set to 0, all else equal) and "only X" (every
 * other weight 0, firing wherever X crosses its own threshold, no corroboration asked). Signals whose weight is already 0 are skipped: removing them changes nothing.
 */
export function ablationVariants(config: HighlightConfig): DetectorVariant[] {
  const withWeights = (weights: HighlightConfig['weights']): HighlightConfig => ({ ...config, weights });
  const active = SIGNAL_NAMES.filter((name) => config.weights[name] > 0);
  const zeroed = Object.fromEntries(SIGNAL_NAMES.map((name) => [name, 0])) as Record<SignalName, number>;
  return [
    { name: 'fused', kind: 'fused', config },
    ...active.map((signal) => ({
      name: `without ${signal}`,
      kind: 'without' as const,
      signal,
      config: withWeights({ ...config.weights, [signal]: 0 }),
    })),
    // Alone, a signal is judged at its own threshold: it fires where it crosses it, with nothing to corroborate.
    ...active.map((signal) => ({
      name: `only ${signal}`,
      kind: 'only' as const,
      signal,
      config: {
        ...withWeights({ ...zeroed, [signal]: config.weights[signal] }),
        minFiredSignals: 1,
        minFusedScore: config.weights[signal] * Math.max(0, config.thresholds[signal] - config.noiseFloor),
      },
    })),
  ];
}
