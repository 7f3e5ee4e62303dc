/**
 * Parses what `pocketsphinx_continuous -time yes` prints and turns it into timed segments with word
 * confidences. Pure: the process that produces the text is run elsewhere (pocketsphinxContinuous.ts).
 *
 * The output is, per utterance, the hypothesis line and then one line per token:
 *   `word start end posterior` (seconds from the file start; posterior 0..1, printed up to 1.0003).
 * Tokens include the utterance markers `<s>` and `</s>`, silences `<sil>`, fillers such as `[NOISE]`
 * or `++UH++`, and pronunciation variants written `word(2)`.
 */
import type { Segment, Word } from '../../core/types.js';

/** One recognised word on the file's clock (seconds), with pocketsphinx's posterior probability. */
export interface PocketsphinxWord {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly confidence: number;
}

/** A pause longer than this between two words ends a segment even inside one utterance, seconds. */
export const SEGMENT_PAUSE_SECONDS = 1.0;
/** Longest segment, words: keeps captions readable when the decoder hears one long utterance. */
export const MAX_WORDS_PER_SEGMENT = 30;
/** pocketsphinx's frame: a printed end time is the start of the word's last 10 ms frame. */
const FRAME_SECONDS = 0.01;

const TOKEN_LINE = /^(\S+) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?) (-?\d+(?:\.\d+)?(?:e-?\d+)?)$/i;
/** Tokens that are not words: utterance markers, silence, and fillers ([NOISE], [SPEECH], ++UH++, +NSN+). */
const NOT_A_WORD = /^(<s>|<\/s>|<sil>|\[.*\]|\+\+.*\+\+|\+.*\+)$/i;
/** Pronunciation variant suffix: `and(2)` is the word `and`. */
const VARIANT = /\(\d+\)$/;

/**
 * Utterances of words from `pocketsphinx_continuous -time yes` output. Hypothesis lines and anything
 * that is not a token line are ignored; an utterance ends at `</s>`. Empty output gives [].
 */
export function parsePocketsphinxTimes(output: string): PocketsphinxWord[][] {
  const utterances: PocketsphinxWord[][] = [];
  let current: PocketsphinxWord[] = [];
  const close = (): void => {
    if (current.length > 0) utterances.push(current);
    current = [];
  };
  for (const line of output.split(/\r?\n/)) {
    const match = TOKEN_LINE.exec(line.trim());
    if (!match) continue;
    const [, token, start, end, posterior] = match as unknown as [string, string, string, string, string];
    if (token === '<s>') close();
    if (token === '</s>') {
      close();
      continue;
    }
    if (NOT_A_WORD.test(token)) continue;
    const text = token.replace(VARIANT, '');
    if (!text) continue;
    current.push({ text, start: Number(start), end: Number(end) + FRAME_SECONDS, confidence: clamp01(Number(posterior)) });
  }
  close();
  return utterances;
}

/** Where a chunk sits on the recording clock, seconds. */
export interface ChunkClock {
  readonly offset: number;
  readonly duration: number;
}

/**
 * Utterances -> segments on the recording clock (the chunk offset added, times clamped to the chunk).
 * A segment is an utterance, split further at long pauses and at a length cap. Every word keeps its
 * posterior as `confidence`; the segment's confidence is the mean of its words'.
 */
export function segmentsFromUtterances(utterances: readonly (readonly PocketsphinxWord[])[], clock: ChunkClock): Segment[] {
  const last = clock.offset + clock.duration;
  const place = (seconds: number): number => Math.min(Math.max(round(clock.offset + seconds), clock.offset), last);
  const segments: Segment[] = [];
  for (const utterance of utterances) {
    let current: Word[] = [];
    const flush = (): void => {
      const first = current[0];
      const final = current[current.length - 1];
      if (first && final && final.end > first.start) {
        const mean = current.reduce((sum, word) => sum + (word.confidence ?? 0), 0) / current.length;
        segments.push({ start: first.start, end: final.end, text: current.map((word) => word.text).join(' '), words: current, confidence: round(mean) });
      }
      current = [];
    };
    utterance.forEach((word, index) => {
      const start = place(word.start);
      current.push({ start, end: Math.max(start, place(word.end)), text: word.text, confidence: word.confidence });
      const next = utterance[index + 1];
      if (!next || next.start - word.end > SEGMENT_PAUSE_SECONDS || current.length >= MAX_WORDS_PER_SEGMENT) flush();
    });
  }
  return segments;
}

const clamp01 = (value: number): number => (Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0);
const round = (value: number): number => Math.round(value * 1000) / 1000;
