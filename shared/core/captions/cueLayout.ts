/**
 * Lays caption phrases out as cues (one screenful each: up to `maxLines` lines) and settles their
 * times so cues never overlap and each stays up long enough to read.
 */
import type { CaptionStyle } from './captionStyle.js';
import type { CaptionWord } from './captionWords.js';
import { balancedLines } from './lineBreaking.js';

/** One caption on screen, in clip seconds: its lines of words. */
export interface CaptionCue {
  readonly start: number;
  readonly end: number;
  readonly lines: readonly (readonly CaptionWord[])[];
}

/** A cue stays on screen at least this long (seconds), borrowing from the pause after it. */
export const MIN_CUE_SECONDS = 0.8;

/** Splits each phrase into balanced lines of at most `maxWidth` columns and the lines into cues of `maxLines`. */
export function layoutCues(phrases: readonly (readonly CaptionWord[])[], style: Pick<CaptionStyle, 'maxLines'>, maxWidth: number): CaptionCue[] {
  const cues: CaptionCue[] = [];
  for (const phrase of phrases) {
    const lines = balancedLines(
      phrase.map((word) => word.text),
      maxWidth,
    ).map((indexes) => indexes.map((index) => phrase[index] as CaptionWord));
    for (let first = 0; first < lines.length; first += style.maxLines) {
      const group = lines.slice(first, first + style.maxLines);
      const words = group.flat();
      cues.push({ start: words[0]?.start ?? 0, end: Math.max(...words.map((word) => word.end)), lines: group });
    }
  }
  return cues;
}

/** The words of a cue in reading order. */
export const cueWords = (cue: CaptionCue): readonly CaptionWord[] => cue.lines.flat();

/**
 * Cue times for display: each cue starts no earlier than the previous one ends, lasts at least
 * {@link MIN_CUE_SECONDS} where the clip allows (pushing a too-close next cue later rather than
 * overlapping it), and ends by `duration`. Cues left with no time at the clip's end are dropped.
 */
export function settleCueTimes(cues: readonly CaptionCue[], duration: number): CaptionCue[] {
  const sorted = [...cues].sort((a, b) => a.start - b.start);
  const settled: CaptionCue[] = [];
  let previousEnd = 0;
  for (const [index, cue] of sorted.entries()) {
    const start = Math.max(cue.start, previousEnd);
    const next = sorted[index + 1];
    let end = Math.max(cue.end, start + MIN_CUE_SECONDS);
    // Give the next cue its start back unless that would cut this one below the minimum.
    if (next) end = Math.min(end, Math.max(next.start, start + MIN_CUE_SECONDS));
    end = Math.min(end, duration);
    if (end - start < 0.01) continue;
    settled.push({ ...cue, start: round(start), end: round(end) });
    previousEnd = round(end);
  }
  return settled;
}

const round = (seconds: number): number => Math.round(seconds * 1000) / 1000;
