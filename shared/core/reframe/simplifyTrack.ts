/** Fewer track points for the same path: Ramer-Douglas-Peucker on time, both axes at once. */
import type { TrackPoint } from './types.js';

/** Deviation of `point` from the straight line between `from` and `to`, the larger of the two axes. */
function deviation(point: TrackPoint, from: TrackPoint, to: TrackPoint): number {
  const span = to.t - from.t;
  const along = span > 0 ? (point.t - from.t) / span : 0;
  return Math.max(Math.abs(from.cx + (to.cx - from.cx) * along - point.cx), Math.abs(from.cy + (to.cy - from.cy) * along - point.cy));
}

/** Keeps the first and last point and every point the linear path between kept ones would miss by more than `tolerance`. */
export function simplifyTrack(points: readonly TrackPoint[], tolerance: number): TrackPoint[] {
  if (points.length <= 2) return [...points];
  const keep = new Array<boolean>(points.length).fill(false);
  keep[0] = true;
  keep[points.length - 1] = true;
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length > 0) {
    const [from, to] = stack.pop() as [number, number];
    let worst = -1;
    let worstDeviation = tolerance;
    for (let i = from + 1; i < to; i += 1) {
      const d = deviation(points[i] as TrackPoint, points[from] as TrackPoint, points[to] as TrackPoint);
      if (d > worstDeviation) {
        worst = i;
        worstDeviation = d;
      }
    }
    if (worst >= 0) {
      keep[worst] = true;
      stack.push([from, worst], [worst, to]);
    }
  }
  return points.filter((_, i) => keep[i]);
}
