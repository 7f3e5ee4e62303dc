import type { AudioAnalysis, TimeRange } from '../types.js';
import type { HighlightConfig } from './config.js';
import type { HighlightInputs } from './highlightInputs.js';

/** What boundary snapping reads from a show: its length, its sentences and its silences. */
export type SnapInputs = Pick<HighlightInputs, 'duration' | 'segments'> & {
  readonly audio: Pick<AudioAnalysis, 'silences'>;
};

/**
 * Clip window around a peak: [peak − preRoll, peak + postRoll], with the start moved back to the
 * nearest sentence start or silence end and the end moved forward to the nearest sentence end or
 * silence start (each within `snapToleranceSeconds`; the other direction only when nothing lies that
 * way), so clips neither begin nor end mid-word. Then clamped to [0, duration] and to
 * [minClipSeconds, maxClipSeconds] (the whole show when it is shorter than the minimum).
 * Boundaries are rounded outward to 0.01 s.
 */
export function snapBoundaries(peak: number, inputs: SnapInputs, config: HighlightConfig): TimeRange {
  const duration = Number.isFinite(inputs.duration) ? Math.max(0, inputs.duration) : 0;
  const at = clamp(peak, 0, duration);
  const startMarks = finiteSorted([
    ...inputs.segments.map((s) => s.start),
    ...inputs.audio.silences.map((s) => s.end),
  ]);
  const endMarks = finiteSorted([
    ...inputs.segments.map((s) => s.end),
    ...inputs.audio.silences.map((s) => s.start),
  ]);
  const tolerance = config.snapToleranceSeconds;

  let start = snapStart(at - config.preRollSeconds, startMarks, tolerance, at);
  let end = snapEnd(at + config.postRollSeconds, endMarks, tolerance, at);
  start = clamp(start, 0, duration);
  end = clamp(end, 0, duration);

  const rolls = config.preRollSeconds + config.postRollSeconds;
  const preShare = rolls > 0 ? config.preRollSeconds / rolls : 0.5;
  const { minClipSeconds: minLength, maxClipSeconds: maxLength } = config;

  if (end - start > maxLength) {
    // Too long: keep a max-length window placed around the peak as the rolls ask, inside the snapped one.
    start = clamp(at - maxLength * preShare, start, end - maxLength);
    end = start + maxLength;
  }
  if (end - start < minLength) {
    if (duration <= minLength) return { start: 0, end: duration };
    const need = minLength - (end - start);
    start -= need * preShare;
    end += need * (1 - preShare);
    if (start < 0) [start, end] = [0, end - start];
    if (end > duration) [start, end] = [Math.max(0, start - (end - duration)), duration];
    // The stretched edges may now sit mid-sentence: snap them outward if the clip stays short enough.
    const snappedStart = nearestWithin(startMarks, start - tolerance, start, start);
    if (snappedStart !== undefined && snappedStart >= 0 && end - snappedStart <= maxLength) start = snappedStart;
    const snappedEnd = nearestWithin(endMarks, end, end + tolerance, end);
    if (snappedEnd !== undefined && snappedEnd <= duration && snappedEnd - start <= maxLength) end = snappedEnd;
  }
  return {
    start: Math.max(0, Math.floor(start * 100 + 1e-6) / 100),
    end: Math.min(duration, Math.ceil(end * 100 - 1e-6) / 100),
  };
}

/** Start mark at or before `target` within tolerance; else the nearest one after it that stays before the peak. */
function snapStart(target: number, marks: readonly number[], tolerance: number, peak: number): number {
  return (
    nearestWithin(marks, target - tolerance, target, target) ??
    nearestWithin(marks, target, Math.min(target + tolerance, peak), target) ??
    target
  );
}

/** End mark at or after `target` within tolerance; else the nearest one before it that stays after the peak. */
function snapEnd(target: number, marks: readonly number[], tolerance: number, peak: number): number {
  return (
    nearestWithin(marks, target, target + tolerance, target) ??
    nearestWithin(marks, Math.max(target - tolerance, peak), target, target) ??
    target
  );
}

/** The mark in [lo, hi] closest to `target` (earliest on ties), or undefined. */
function nearestWithin(marks: readonly number[], lo: number, hi: number, target: number): number | undefined {
  let best: number | undefined;
  for (const mark of marks) {
    if (mark < lo) continue;
    if (mark > hi) break;
    if (best === undefined || Math.abs(mark - target) < Math.abs(best - target)) best = mark;
  }
  return best;
}

function finiteSorted(values: readonly number[]): number[] {
  return values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
}

function clamp(value: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, value));
}
