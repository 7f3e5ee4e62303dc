/**
 * A crop track planned over a clip's whole source span, carried onto a trimmed clip's timeline: the kept spans
 * play back to back, so each join is a cut and the window jumps there like at any other cut.
 */
import type { ClipTimeline } from '../clips/clipTimeline.js';
import { trackAt } from './trackAt.js';
import { CUT_STEP_SECONDS, type CropTrack, type TrackPoint } from './types.js';

/** `track` (t = seconds from `spanStart`, the first kept second) in clip seconds of `timeline`. */
export function trackOnTimeline(track: CropTrack, timeline: ClipTimeline, spanStart: number): CropTrack {
  const out: TrackPoint[] = [];
  let elapsed = 0;
  timeline.forEach((span, index) => {
    const from = span.start - spanStart;
    const to = span.end - spanStart;
    const length = to - from;
    if (length <= 0) return;
    const isLast = index === timeline.length - 1;
    // The last kept span runs to the clip's end; any other one stops a hair before the join, where the next takes over.
    const end = isLast ? length : Math.max(0, length - CUT_STEP_SECONDS);
    out.push({ t: elapsed, ...trackAt(track, from) });
    for (const point of track) if (point.t > from && point.t < from + end) out.push({ t: elapsed + point.t - from, cx: point.cx, cy: point.cy });
    if (end > 0) out.push({ t: elapsed + end, ...trackAt(track, from + end) });
    elapsed += length;
  });
  const round4 = (value: number): number => Math.round(value * 10_000) / 10_000;
  return out.map((point) => ({ t: round4(point.t), cx: point.cx, cy: point.cy }));
}
