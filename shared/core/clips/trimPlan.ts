/**
 * Plans what trimming keeps of a clip: long silences shrink to a short pause and filler words are cut,
 * while every other word is kept whole. The result is a ClipTimeline (kept source spans), which the
 * renderer plays back to back and captions, thumbnails and reframing tracks are timed against.
 */
import type { Language } from '../schemas/basics.js';
import type { TrimKind } from '../schemas/clipRender.js';
import type { TimeRange } from '../types.js';
import type { ClipTimeline } from './clipTimeline.js';
import { isFiller } from './fillerWords.js';

/** A recognised word with its timing (source seconds). */
export interface TimedWord extends TimeRange {
  readonly text: string;
}

/** Tunables of {@link planTrim}, in seconds. */
export interface TrimOptions {
  /** Silences longer than this are shortened. @default 0.7 */
  readonly minSilence: number;
  /** Pause left where a long silence was, split over its two sides. @default 0.25 */
  readonly keepPause: number;
  /** Extra removed on each side of a filler (word timings are approximate), never into a neighbour word. @default 0.04 */
  readonly fillerPad: number;
  /** Kept spans shorter than this (about three frames at 25 fps) are dropped unless they hold a word. @default 0.12 */
  readonly minSpan: number;
  /** Removals shorter than this are not worth a cut (a visible jump for nothing). @default 0.08 */
  readonly minCut: number;
}

export const DEFAULT_TRIM_OPTIONS: TrimOptions = { minSilence: 0.7, keepPause: 0.25, fillerPad: 0.04, minSpan: 0.12, minCut: 0.08 };

export interface TrimInput {
  /** The clip's window in source seconds. */
  readonly window: TimeRange;
  /** What may be removed; empty keeps the whole window. */
  readonly kinds: readonly TrimKind[];
  /** Silences of the recording (the audio analysis' `silences`), source seconds. */
  readonly silences: readonly TimeRange[];
  /** Words with timings, source seconds; without them only silences can be trimmed. */
  readonly words: readonly TimedWord[];
  /** The show's language: picks the filler list. */
  readonly language: Language;
}

/** Kept spans of the window after trimming; the whole window when nothing qualifies. */
export function planTrim(input: TrimInput, options: Partial<TrimOptions> = {}): ClipTimeline {
  const o = { ...DEFAULT_TRIM_OPTIONS, ...options };
  const { window } = input;
  if (!(window.end > window.start)) throw new RangeError(`clip window ${window.start}-${window.end} is empty`);
  const inWindow = (range: TimeRange) => range.end > window.start && range.start < window.end;
  const words = input.words.filter(inWindow).slice().sort((a, b) => a.start - b.start);
  const fillers = input.kinds.includes('fillers') ? words.filter((word) => isFiller(word.text, input.language)) : [];
  const spoken = words.filter((word) => !fillers.includes(word));

  const removals: TimeRange[] = [];
  if (input.kinds.includes('silence')) {
    for (const silence of input.silences) {
      const start = Math.max(silence.start, window.start);
      const end = Math.min(silence.end, window.end);
      if (end - start <= o.minSilence) continue;
      // Half the pause on each side of the cut; none at the clip's own edges (a clip opens on the speech).
      removals.push({ start: start > window.start ? start + o.keepPause / 2 : start, end: end < window.end ? end - o.keepPause / 2 : end });
    }
  }
  for (const filler of fillers) {
    // Pad outwards, but stop at the neighbouring words.
    const before = spoken.filter((word) => word.end <= filler.start).at(-1);
    const after = spoken.find((word) => word.start >= filler.end);
    removals.push({
      start: Math.max(filler.start - o.fillerPad, before?.end ?? -Infinity),
      end: Math.min(filler.end + o.fillerPad, after?.start ?? Infinity),
    });
  }

  // A spoken word is never cut into, whatever a silence or a filler's padding says.
  const cuts = subtract(merge(removals), spoken).filter((cut) => cut.end - cut.start >= o.minCut);
  const kept = subtract([window], cuts);
  const holdsWord = (span: TimeRange) => spoken.some((word) => word.end > span.start && word.start < span.end);
  const result = kept.filter((span) => span.end - span.start >= o.minSpan || holdsWord(span));
  return result.length > 0 ? result.map(round) : [{ start: window.start, end: window.end }];
}

const round = (span: TimeRange): TimeRange => ({ start: Math.round(span.start * 1000) / 1000, end: Math.round(span.end * 1000) / 1000 });

/** Sorted, overlapping or touching ranges joined. */
function merge(ranges: readonly TimeRange[]): TimeRange[] {
  const sorted = ranges.filter((r) => r.end > r.start).sort((a, b) => a.start - b.start);
  const out: TimeRange[] = [];
  for (const range of sorted) {
    const last = out.at(-1);
    if (last && range.start <= last.end) out[out.length - 1] = { start: last.start, end: Math.max(last.end, range.end) };
    else out.push({ ...range });
  }
  return out;
}

/** `ranges` minus every `holes` interval. */
function subtract(ranges: readonly TimeRange[], holes: readonly TimeRange[]): TimeRange[] {
  let pieces = [...ranges];
  for (const hole of holes) {
    pieces = pieces.flatMap((piece) => {
      if (hole.end <= piece.start || hole.start >= piece.end) return [piece];
      const parts: TimeRange[] = [];
      if (hole.start > piece.start) parts.push({ start: piece.start, end: hole.start });
      if (hole.end < piece.end) parts.push({ start: hole.end, end: piece.end });
      return parts;
    });
  }
  return pieces.filter((piece) => piece.end > piece.start);
}
