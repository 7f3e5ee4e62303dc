/**
 * A clip's timeline: the spans of the source a (possibly trimmed) clip keeps, played back to back.
 * Captions, thumbnails and reframing tracks are timed on the clip, so each maps source seconds
 * through here; an untrimmed clip is one span.
 */
import type { TimeRange } from '../types.js';

/** Kept source spans, ascending and disjoint. */
export type ClipTimeline = readonly TimeRange[];

/** The timeline of an untrimmed clip. */
export const wholeSpan = (window: TimeRange): ClipTimeline => [{ start: window.start, end: window.end }];

/** Length of the clip in seconds. */
export function timelineDuration(timeline: ClipTimeline): number {
  return timeline.reduce((sum, span) => sum + (span.end - span.start), 0);
}

/**
 * Clip time of a source second. A second inside a removed gap maps to where the next kept span
 * starts (so a word that straddles a cut keeps its clip-time order); before or after the clip it is
 * clamped to 0 or the duration.
 */
export function toClipTime(timeline: ClipTimeline, sourceSeconds: number): number {
  let elapsed = 0;
  for (const span of timeline) {
    if (sourceSeconds < span.start) return elapsed;
    if (sourceSeconds <= span.end) return elapsed + (sourceSeconds - span.start);
    elapsed += span.end - span.start;
  }
  return elapsed;
}

/** A source interval in clip time; undefined when nothing of it is kept. */
export function rangeToClipTime(timeline: ClipTimeline, range: TimeRange): TimeRange | undefined {
  const start = toClipTime(timeline, range.start);
  const end = toClipTime(timeline, range.end);
  return end > start ? { start, end } : undefined;
}
