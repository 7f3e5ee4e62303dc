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
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) return '0';
  if (points.length === 1) return num(first.v, 1);
  const terms = [`lt(t,${num(first.t, 3)})*${num(first.v, 1)}`];
  for (let i = 0; i + 1 < points.length; i += 1) {
    const a = points[i] as { t: number; v: number };
    const b = points[i + 1] as { t: number; v: number };
    if (b.t <= a.t) continue;
    const slope = (b.v - a.v) / (b.t - a.t);
    terms.push(`gte(t,${num(a.t, 3)})*lt(t,${num(b.t, 3)})*(${num(a.v, 1)}+${num(slope, 4)}*(t-${num(a.t, 3)}))`);
  }
  terms.push(`gte(t,${num(last.t, 3)})*${num(last.v, 1)}`);
  return terms.join('+');
}

/**
 * The crop's top-left corner along the track, in source pixels: the window centred on the subject,
 * held inside the frame. Keypoints are clamped, so the interpolation between them stays inside too.
 */
export function cropTrackExpressions(track: readonly SubjectPoint[], source: FrameSize, crop: FrameSize): { x: string; y: string } {
  const keys = boundTrack(track);
  if (keys.length === 0) {
    return { x: num((source.width - crop.width) / 2, 1), y: num((source.height - crop.height) / 2, 1) };
  }
  const clamp = (value: number, max: number) => Math.min(Math.max(value, 0), max);
  const x = keys.map((p) => ({ t: p.t, v: clamp(p.cx * source.width - crop.width / 2, source.width - crop.width) }));
  const y = keys.map((p) => ({ t: p.t, v: clamp(p.cy * source.height - crop.height / 2, source.height - crop.height) }));
  return { x: piecewiseLinear(x), y: piecewiseLinear(y) };
}
