import type { AudioAnalysis, Segment } from '../types.js';

/** Ends a sentence inside a segment's words (Latin and CJK full stops, question and exclamation marks, ellipses). */
const SENTENCE_END = /[.!?。！？…]["'”’)\]）」』]*$/u;

/** How good a place to cut is: a sentence edge, a silence or the show's edge beat a pause between two words. */
export type CutKind = 'sentence' | 'silence' | 'edge' | 'word';

/** One place a clip may begin or end: `at` is the cut itself (lead-in or lead-out included), never inside a word. */
export interface CutPoint {
  readonly at: number;
  readonly kind: CutKind;
  /** Starts only: seconds of pause between the previous speech and this start's first word (Infinity when none). */
  readonly pauseBefore?: number;
}

/** What cutting reads from a show: its length, its transcript (with word timings where the engine gives them) and its silences. */
export interface CutInputs {
  readonly duration: number;
  readonly segments: readonly Pick<Segment, 'start' | 'end' | 'words'>[];
  readonly audio: Pick<AudioAnalysis, 'silences'>;
}

/** Padding around speech at a cut, seconds. */
export interface CutPadding {
  /** Kept before the first word of a clip (breath, the host turning to camera). */
  readonly leadInSeconds: number;
  /** Kept after the last word of a clip (the word's decay). */
  readonly leadOutSeconds: number;
}

/**
 * Where a show's clips may begin and end, each list sorted by time:
 * - starts: up to `leadInSeconds` before each sentence start (a segment's first word, or a word after a full stop), a
 *   silence's end, and the show's start; then, as a fallback, before every other word;
 * - ends: `leadOutSeconds` after each sentence end, a silence's start, and the show's end; then after every word.
 * The padding never reaches into the neighbouring word (it stops at the previous word's end or the next word's
 * start), so no cut lies inside a word's [start, end]. Segments without word timings count as one long word.
 * Silences are trusted over a wordless segment's loose timing (captions often linger), but not over word timings.
 */
export class CutPoints {
  readonly starts: readonly CutPoint[];
  readonly ends: readonly CutPoint[];
  private readonly spanStarts: Float64Array;
  private readonly endsUpTo: Float64Array;
  private readonly wordStarts: Float64Array;
  private readonly wordEndsUpTo: Float64Array;
  readonly duration: number;

  constructor(inputs: CutInputs, padding: CutPadding) {
    const duration = Number.isFinite(inputs.duration) ? Math.max(0, inputs.duration) : 0;
    this.duration = duration;
    const words: { start: number; end: number; text: string; first: boolean; last: boolean }[] = [];
    /** Segments without word timings. */
    const cues: { start: number; end: number }[] = [];
    for (const segment of inputs.segments) {
      const timed = (segment.words ?? []).filter((w) => Number.isFinite(w.start) && Number.isFinite(w.end) && w.end >= w.start);
      if (timed.length > 0) {
        timed.forEach((w, i) => words.push({ start: w.start, end: w.end, text: w.text, first: i === 0, last: i === timed.length - 1 }));
      } else if (Number.isFinite(segment.start) && Number.isFinite(segment.end) && segment.end >= segment.start) {
        cues.push({ start: segment.start, end: segment.end });
      }
    }
    words.sort((a, b) => a.start - b.start || a.end - b.end);
    const spans = [...cues, ...words.map(({ start, end }) => ({ start, end }))].sort((a, b) => a.start - b.start || a.end - b.end);
    [this.spanStarts, this.endsUpTo] = startsAndRunningEnds(spans);
    [this.wordStarts, this.wordEndsUpTo] = startsAndRunningEnds(words);

    const starts: CutPoint[] = [];
    const ends: CutPoint[] = [];
    const addStart = (onset: number, kind: CutKind, previousEnd = this.speechEndBefore(onset)) => {
      if (onset < 0 || onset > duration || this.inSpeech(onset, kind === 'silence')) return;
      // The lead-in takes the pause before the first word, up to leadInSeconds, but leaves the previous word's
      // decay (leadOutSeconds, or half a short pause) out: the clip opens on the pause, not on a tail of speech.
      const floor = previousEnd > 0 ? Math.min(previousEnd + padding.leadOutSeconds, (previousEnd + onset) / 2) : 0;
      const at = this.legal(Math.max(floor, onset - padding.leadInSeconds, 0), 'start', kind === 'silence');
      if (at !== undefined) starts.push({ at, kind, pauseBefore: previousEnd > 0 ? onset - previousEnd : Infinity });
    };
    const addEnd = (offset: number, kind: CutKind, ceiling = this.speechStartAfter(offset)) => {
      if (offset < 0 || offset > duration || this.inSpeech(offset, kind === 'silence')) return;
      const at = this.legal(Math.min(ceiling, offset + padding.leadOutSeconds, duration), 'end', kind === 'silence');
      if (at !== undefined) ends.push({ at, kind });
    };

    for (const cue of cues) {
      addStart(cue.start, 'sentence');
      addEnd(cue.end, 'sentence');
    }
    words.forEach((word, i) => {
      const previous = words[i - 1];
      const sentenceStart = word.first || (previous !== undefined && SENTENCE_END.test(previous.text.trim()));
      const sentenceEnd = word.last || SENTENCE_END.test(word.text.trim());
      addStart(word.start, sentenceStart ? 'sentence' : 'word');
      addEnd(word.end, sentenceEnd ? 'sentence' : 'word');
    });
    for (const silence of inputs.audio.silences) {
      if (!(Number.isFinite(silence.start) && Number.isFinite(silence.end) && silence.end > silence.start)) continue;
      addStart(silence.end, 'silence', Math.max(silence.start, this.wordEndBefore(silence.end)));
      addEnd(silence.start, 'silence', Math.min(silence.end, this.wordStartAfter(silence.start)));
    }
    if (!this.inSpeech(0, false)) starts.push({ at: 0, kind: 'edge' });
    if (!this.inSpeech(duration, false)) ends.push({ at: duration, kind: 'edge' });
    this.starts = dedupe(starts);
    this.ends = dedupe(ends);
  }

  /**
   * Whether `t` lies strictly inside speech: a word, or (unless `wordsOnly`) a segment without word timings.
   * A cut exactly where a word begins or ends is between words, not inside one.
   */
  inSpeech(t: number, wordsOnly: boolean): boolean {
    const [starts, endsUpTo] = wordsOnly ? [this.wordStarts, this.wordEndsUpTo] : [this.spanStarts, this.endsUpTo];
    const k = countBelow(starts, t);
    return k > 0 && (endsUpTo[k - 1] ?? -Infinity) > t;
  }

  /** Length of the pause `t` lies in, from the end of the speech before to the start of the speech after (Infinity without either). */
  pauseAround(t: number): number {
    const k = countBelow(this.spanStarts, t);
    if (k === 0) return Infinity;
    const after = firstAtOrAbove(this.spanStarts, t);
    return after === undefined ? Infinity : Math.max(0, after - (this.endsUpTo[k - 1] ?? 0));
  }

  /** End of the last speech before `t` (0 when none): how far back a lead-in may reach. */
  private speechEndBefore(t: number): number {
    const k = countBelow(this.spanStarts, t);
    return k > 0 ? Math.max(0, Math.min(t, this.endsUpTo[k - 1] ?? 0)) : 0;
  }

  private wordEndBefore(t: number): number {
    const k = countBelow(this.wordStarts, t);
    return k > 0 ? Math.min(t, this.wordEndsUpTo[k - 1] ?? 0) : 0;
  }

  /** Start of the first speech at or after `t` (the show's end when none): how far a lead-out may reach. */
  private speechStartAfter(t: number): number {
    return firstAtOrAbove(this.spanStarts, t) ?? this.duration;
  }

  private wordStartAfter(t: number): number {
    return firstAtOrAbove(this.wordStarts, t) ?? this.duration;
  }

  /**
   * `t` rounded to 0.01 s, outward for the clip (start down, end up) unless that enters speech, else the other
   * way (one more hundredth when float error puts `t` a hair inside the neighbouring word); undefined when all do.
   */
  legal(t: number, side: 'start' | 'end', wordsOnly: boolean): number | undefined {
    const down = Math.floor(t * 100 + 1e-6) / 100;
    const up = Math.ceil(t * 100 - 1e-6) / 100;
    const tries = side === 'start' ? [down, up, up + 0.01] : [up, down, down - 0.01];
    for (const v of tries) {
      const at = Math.round(Math.min(this.duration, Math.max(0, v)) * 100) / 100;
      if (!this.inSpeech(at, wordsOnly)) return at;
    }
    return undefined;
  }
}

function startsAndRunningEnds(spans: readonly { start: number; end: number }[]): [Float64Array, Float64Array] {
  const starts = Float64Array.from(spans, (s) => s.start);
  const endsUpTo = new Float64Array(spans.length);
  let running = -Infinity;
  spans.forEach((s, i) => {
    running = Math.max(running, s.end);
    endsUpTo[i] = running;
  });
  return [starts, endsUpTo];
}

/** Number of values strictly below `t` in a sorted array. */
function countBelow(sorted: Float64Array, t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? 0) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function firstAtOrAbove(sorted: Float64Array, t: number): number | undefined {
  return sorted[countBelow(sorted, t)];
}

/** Sorted by time; at one time only the best kind stays. */
function dedupe(points: readonly CutPoint[]): CutPoint[] {
  const rank: Record<CutKind, number> = { sentence: 0, silence: 0, edge: 0, word: 1 };
  const sorted = [...points].sort((a, b) => a.at - b.at || rank[a.kind] - rank[b.kind]);
  return sorted.filter((p, i) => i === 0 || p.at !== sorted[i - 1]?.at);
}
