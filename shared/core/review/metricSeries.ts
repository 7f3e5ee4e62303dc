/**
 * Reading the metrics CSV's series: `viewers` is a level (the audience at `t`), every other metric a running
 * total since the show began. Between two rows a total is taken to grow evenly (an order placed between two
 * readings is prorated), and a level to move in a straight line.
 */
import type { MetricsPoint } from '../types.js';

/** Running totals of the metrics CSV. */
export type CumulativeMetric = 'likes' | 'orders' | 'gmv' | 'uv' | 'views' | 'productClicks' | 'addToCart' | 'follows';

interface Reading {
  readonly t: number;
  readonly value: number;
}

/** The rows that carry `metric`, in time order. */
function readings(metrics: readonly MetricsPoint[], metric: CumulativeMetric | 'viewers'): Reading[] {
  const out: Reading[] = [];
  for (const point of metrics) {
    const value = point[metric];
    if (value !== undefined && Number.isFinite(value)) out.push({ t: point.t, value });
  }
  return out;
}

/**
 * A running total as a function of time. Totals never fall, so a reading below an earlier one (a dashboard
 * glitch, a late correction) is held at the earlier high rather than read as negative sales.
 */
export class CumulativeSeries {
  private readonly points: readonly Reading[];

  constructor(metrics: readonly MetricsPoint[], metric: CumulativeMetric) {
    const raw = readings(metrics, metric);
    let high = 0;
    const points: Reading[] = [];
    // The total is 0 when the show starts; a first row later than 0 s grows from there.
    if (raw.length > 0 && raw[0]!.t > 0) points.push({ t: 0, value: 0 });
    for (const reading of raw) {
      high = Math.max(high, reading.value);
      points.push({ t: reading.t, value: high });
    }
    this.points = points;
  }

  /** True when the metrics have this column at all. */
  get present(): boolean {
    return this.points.length > 0;
  }

  /** The final total (null when the column is missing). */
  get total(): number | null {
    return this.points.length === 0 ? null : this.points[this.points.length - 1]!.value;
  }

  /** The total at `t`, interpolated between readings, held flat outside them. */
  at(t: number): number {
    return interpolate(this.points, t);
  }

  /** What the total grew by over [from, to). */
  gained(from: number, to: number): number {
    return to <= from ? 0 : Math.max(0, this.at(to) - this.at(from));
  }
}

/** The concurrent audience as a function of time. */
export class ViewerSeries {
  readonly points: readonly Reading[];

  constructor(metrics: readonly MetricsPoint[]) {
    this.points = readings(metrics, 'viewers');
  }

  get present(): boolean {
    return this.points.length > 0;
  }

  /** The highest reading and its time (the first, on ties). */
  peak(): Reading | null {
    let best: Reading | null = null;
    for (const point of this.points) if (best === null || point.value > best.value) best = point;
    return best;
  }

  /** The audience at `t`: interpolated between readings, the nearest reading outside them. */
  at(t: number): number {
    return interpolate(this.points, t);
  }

  /**
   * Viewer-seconds over [from, to): the audience integrated over time (trapezoids between readings, the
   * nearest reading held before the first and after the last).
   */
  viewerSeconds(from: number, to: number): number {
    if (to <= from || this.points.length === 0) return 0;
    const cuts = [from, ...this.points.map((p) => p.t).filter((t) => t > from && t < to), to];
    let total = 0;
    for (let i = 1; i < cuts.length; i++) {
      const a = cuts[i - 1]!;
      const b = cuts[i]!;
      total += ((this.at(a) + this.at(b)) / 2) * (b - a);
    }
    return total;
  }

  /** Time-weighted mean audience over [from, to). */
  mean(from: number, to: number): number {
    return to > from ? this.viewerSeconds(from, to) / (to - from) : this.at(from);
  }
}

/** The value at `t` on the straight lines between readings; the nearest reading outside them. */
function interpolate(points: readonly Reading[], t: number): number {
  if (points.length === 0) return 0;
  if (t <= points[0]!.t) return points[0]!.value;
  const last = points[points.length - 1]!;
  if (t >= last.t) return last.value;
  let lo = 0;
  let hi = points.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (points[mid]!.t <= t) lo = mid;
    else hi = mid;
  }
  const a = points[lo]!;
  const b = points[hi]!;
  return b.t === a.t ? b.value : a.value + ((b.value - a.value) * (t - a.t)) / (b.t - a.t);
}
