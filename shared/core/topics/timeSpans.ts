/** Small helpers over time ranges used by the topic miner. */
import type { TimeRange } from '../types.js';
import { compareText } from './compareText.js';
import type { ClipWindow } from './topicTypes.js';

/** Sorts ranges and merges those that overlap or are less than `gapSeconds` apart. */
export function mergeRanges(ranges: readonly TimeRange[], gapSeconds: number): TimeRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: { start: number; end: number }[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && range.start - last.end < gapSeconds) last.end = Math.max(last.end, range.end);
    else merged.push({ start: range.start, end: range.end });
  }
  return merged;
}

/** Length in seconds of the part two ranges share (0 when disjoint). */
export function overlapSeconds(a: TimeRange, b: TimeRange): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

/**
 * The clip to show for evidence at `t`: one containing `t` (the earliest-starting), else the clip sharing the most
 * time with `around`; ties go to the lower id so the choice is deterministic.
 */
export function clipFor(t: number, around: TimeRange, clips: readonly ClipWindow[]): string | undefined {
  const containing = clips
    .filter((clip) => t >= clip.start && t < clip.end)
    .sort((a, b) => a.start - b.start || compareText(a.id, b.id));
  if (containing[0] !== undefined) return containing[0].id;
  let best: { id: string; overlap: number } | undefined;
  for (const clip of clips) {
    const overlap = overlapSeconds(clip, around);
    if (overlap <= 0) continue;
    if (best === undefined || overlap > best.overlap || (overlap === best.overlap && clip.id < best.id)) {
      best = { id: clip.id, overlap };
    }
  }
  return best?.id;
}

/** Index of the first value in an ascending array that is >= `value` (the array length when none is). */
export function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? Infinity) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
