/**
 * ffmpeg expressions that move a crop window along a subject track: the `x` and `y` options of the
 * `crop` filter as piecewise-linear functions of the clip time `t`. Pure string building.
 */
import type { FrameSize } from '../../core/clips/variantSize.js';
import type { SubjectPoint } from '../../pipeline/ports.js';

export type { SubjectPoint };

/**
 * Most keypoints an expression holds. crop evaluates x and y on every frame, so the cost is per frame
 * and per term; 48 points over a 60-second clip is one every 1.25 s, finer than a pleasant camera
 * move needs. Longer tracks are resampled evenly. @default 48
 */
export const MAX_TRACK_KEYS = 48;

const num = (value: number, digits: number): string => String(Math.round(value * 10 ** digits) / 10 ** digits);

/** At most `max` points, evenly spread over the track, the first and last always kept. */
export function boundTrack(track: readonly SubjectPoint[], max = MAX_TRACK_KEYS): SubjectPoint[] {
  const sorted = track.filter((p) => Number.isFinite(p.t) && Number.isFinite(p.cx) && Number.isFinite(p.cy)).sort((a, b) => a.t - b.t);
  if (sorted.length <= max) return sorted;
  return Array.from({ length: max }, (_, i) => sorted[Math.round((i * (sorted.length - 1)) / (max - 1))] as SubjectPoint);
}

/**
 * A piecewise-linear expression of `t` through (t_i, v_i): constant before the first and after the
 * last point. Flat sums of `gte(t,a)*lt(t,b)*(...)` terms rather than nested ifs: ffmpeg's expression
 * parser refuses deep nesting, a sum has no depth.
 */
export function piecewiseLinear(points: readonly { t: number; v: number }[]): string {
  // Times as written (ms). Two points at the same time are a step (a subject that jumps at a trim
  // cut): the empty segment between them is skipped, the later value holds from that time on.
  const keys = points.map((p) => ({ t: Number(num(p.t, 3)), v: p.v }));
  const first = keys[0];
  const last = keys.at(-1);
  if (!first || !last) return '0';
  if (keys.length === 1) return num(first.v, 1);
  const terms = [`lt(t,${first.t})*${num(first.v, 1)}`];
  for (let i = 0; i + 1 < keys.length; i += 1) {
    const a = keys[i] as { t: number; v: number };
    const b = keys[i + 1] as { t: number; v: number };
    if (b.t <= a.t) continue;
    const slope = (b.v - a.v) / (b.t - a.t);
    terms.push(`gte(t,${a.t})*lt(t,${b.t})*(${num(a.v, 1)}+${num(slope, 4)}*(t-${a.t}))`);
  }
  terms.push(`gte(t,${last.t})*${num(last.v, 1)}`);
  return terms.join('+');
}

/**
 * The crop's top-left corner along the track, in source pixels: the window centred on the subject,
 * held inside the frame. The clamp wraps the interpolation (`clip(...)`), not the keypoints: a subject
 * running to the edge is followed at its own speed until the window meets the edge.
 */
export function cropTrackExpressions(track: readonly SubjectPoint[], source: FrameSize, crop: FrameSize): { x: string; y: string } {
  const keys = boundTrack(track);
  const maxX = source.width - crop.width;
  const maxY = source.height - crop.height;
  if (keys.length === 0) return { x: num(maxX / 2, 1), y: num(maxY / 2, 1) };
  const x = keys.map((p) => ({ t: p.t, v: p.cx * source.width - crop.width / 2 }));
  const y = keys.map((p) => ({ t: p.t, v: p.cy * source.height - crop.height / 2 }));
  // An axis the window fills (a 9:16 crop of landscape is full height) needs no expression at all.
  const axis = (points: { t: number; v: number }[], max: number) => (max <= 0 ? '0' : `clip(${piecewiseLinear(points)},0,${max})`);
  return { x: axis(x, maxX), y: axis(y, maxY) };
}
