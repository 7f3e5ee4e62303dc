import type { MetricsPoint } from '../../types.js';
import type { HighlightConfig } from '../config.js';
import { formatSeconds, signed, valueAt } from './evidenceText.js';
import { defineSignal } from './signal.js';

/** A business metric read as a per-second step function. */
type JumpMetric = 'viewers' | 'orders';

/** Where a metric's rises are centred and how widely they vary, from the signed rises and the metric's level. */
type RiseNoise = (rise: readonly number[], level: readonly number[], config: HighlightConfig) => { center: number; spread: number };

/**
 * Jumps of a metric: the rise of its step-interpolated series across the metrics horizon, centred on the second,
 * normalised against the whole show by the metric's own noise model. A show that never reports it gives zeros.
 */
export function metricJumpSignal<Metric extends JumpMetric>(metric: Metric, noise: RiseNoise) {
  return defineSignal({
    name: metric,
    measure({ inputs, seconds: n, config }) {
      const level = stepInterpolate(inputs.metrics, metric, n);
      if (level === undefined) return { z: new Array<number>(n).fill(0), evidence: { delta: new Array<number>(n).fill(0) } };
      const horizon = Math.max(1, Math.round(config.metricsHorizonSeconds));
      const back = Math.floor(horizon / 2);
      const ahead = horizon - back;
      const rise = level.map((_, i) => (level[Math.min(n - 1, i + ahead)] ?? 0) - (level[Math.max(0, i - back)] ?? 0));
      const { center, spread } = noise(rise, level, config);
      return {
        z: rise.map((r) => (r - center) / spread),
        evidence: {
          /** Rise of the metric across the metrics horizon (0 where it fell). */
          delta: rise.map((r) => Math.max(0, r)),
        },
      };
    },
    explain: ({ delta }, at, _value, config) => `${metric} ${signed(valueAt(delta, at), 0)} in ${formatSeconds(config.metricsHorizonSeconds)}`,
  });
}

/** Per-second level of a metric: the last reported value at or before each second; undefined when never reported. */
function stepInterpolate(metrics: readonly MetricsPoint[], metric: JumpMetric, n: number): number[] | undefined {
  const points = metrics
    .filter((p) => Number.isFinite(p.t) && p[metric] !== undefined && Number.isFinite(p[metric]))
    .map((p) => ({ t: p.t, value: p[metric] ?? 0 }))
    .sort((a, b) => a.t - b.t);
  const first = points[0];
  if (first === undefined) return undefined;
  const level = new Array<number>(n);
  let next = 0;
  // Before the first report the first value holds, so the series does not "jump" from zero.
  let current = first.value;
  for (let i = 0; i < n; i++) {
    while (next < points.length && (points[next]?.t ?? Infinity) < i + 1) {
      current = points[next]?.value ?? current;
      next++;
    }
    level[i] = current;
  }
  return level;
}
