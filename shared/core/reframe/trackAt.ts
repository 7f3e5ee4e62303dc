/** Reading a crop track: the window centre at any clip second. */
import type { CropTrack, TrackPoint } from './types.js';

/** The track's centre at `t`, linear between points and held before the first and after the last. */
export function trackAt(track: CropTrack, t: number): { cx: number; cy: number } {
  const first = track[0];
  if (!first) return { cx: 0.5, cy: 0.5 };
  if (t <= first.t) return { cx: first.cx, cy: first.cy };
  for (let i = 1; i < track.length; i += 1) {
    const next = track[i] as TrackPoint;
    if (t <= next.t) {
      const previous = track[i - 1] as TrackPoint;
      const span = next.t - previous.t;
      const along = span > 0 ? (t - previous.t) / span : 1;
      return { cx: previous.cx + (next.cx - previous.cx) * along, cy: previous.cy + (next.cy - previous.cy) * along };
    }
  }
  const last = track[track.length - 1] as TrackPoint;
  return { cx: last.cx, cy: last.cy };
}
