import type { MetricsPoint } from '../../types.js';
import type { HighlightConfig } from '../config.js';

/** A business metric read as a per-second step function. */
export type JumpMetric = 'viewers' | 'orders';

export interface MetricRise {
  /** The metric per second: the last reported value at or before it. */
  readonly level: readonly number[];
  /** Signed change of `level` across the metrics horizon centred on the second. */
  readonly rise: readonly number[];
}

/** How much a metric rose around each second; undefined when the show never reports it. */
export function metricRise(metrics: readonly MetricsPoint[], metric: JumpMetric, n: number, config: HighlightConfig): MetricRise | undefined {
  const level = stepInterpolate(metrics, metric, n);
  if (level === undefined) return undefined;
  const horizon = Math.max(1, Math.round(config.metricsHorizonSeconds));
  const back = Math.floor(horizon / 2);
  const ahead = horizon - back;
  const rise = level.map((_, i) => (level[Math.min(n - 1, i + ahead)] ?? 0) - (level[Math.max(0, i - back)] ?? 0));
  return { level, rise };
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
