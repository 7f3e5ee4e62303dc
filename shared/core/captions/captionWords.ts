/**
 * Timed caption words in clip time. Engine word timings are used when a segment has them; otherwise
 * (sidecar captions, engines without word timings) the segment's time is spread over its words in
 * proportion to their length. Chinese without word timings is split into jieba words, each timed by
 * its number of characters.
 */
import type { ClipTimeline } from '../clips/clipTimeline.js';
import { rangeToClipTime } from '../clips/clipTimeline.js';
import type { Segment, TranscriptEngine } from '../types.js';
import { segmentChinese } from '../text/chineseSegmenter.js';
import { displayWidth, isWide } from './lineBreaking.js';

/** One word of a caption, in clip seconds. */
export interface CaptionWord {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** Whether the word may be shown as said. */
  readonly reliable: boolean;
}

/**
 * A pause longer than this (clip seconds) starts a new caption, so a caption never hangs on screen
 * over silence. Trimmed silences are already gone from clip time.
 */
export const PHRASE_PAUSE_SECONDS = 1;

/**
 * The clip's words grouped into phrases: one per segment, split again at pauses. Words the timeline
 * cuts out (trimmed fillers and silences, anything outside the clip) are dropped.
 */
export function captionPhrases(segments: readonly Segment[], engine: TranscriptEngine, timeline: ClipTimeline): CaptionWord[][] {
  const phrases: CaptionWord[][] = [];
  for (const segment of segments) {
    let phrase: CaptionWord[] = [];
    for (const word of segmentWords(segment, engine)) {
      const clipRange = rangeToClipTime(timeline, word);
      if (!clipRange) continue;
      const previous = phrase.at(-1);
      if (previous && clipRange.start - previous.end > PHRASE_PAUSE_SECONDS) {
        phrases.push(phrase);
        phrase = [];
      }
      phrase.push({ ...word, start: roundMs(clipRange.start), end: roundMs(clipRange.end) });
    }
    if (phrase.length > 0) phrases.push(phrase);
  }
  return phrases.sort((a, b) => (a[0]?.start ?? 0) - (b[0]?.start ?? 0));
}

/**
 * Whether a segment's text may be shown when its words say nothing themselves. The platform's
 * captions are taken as said unless marked otherwise; engine output only when marked reliable.
 */
export function segmentReliable(segment: Segment, engine: TranscriptEngine): boolean {
  return segment.reliable ?? engine === 'captions';
}

/** A segment's words in source seconds, with their reliability. */
export function segmentWords(segment: Segment, engine: TranscriptEngine): CaptionWord[] {
  const fallback = segmentReliable(segment, engine);
  const timed = (segment.words ?? [])
    .map((word) => ({ text: cleanText(word.text), start: word.start, end: Math.max(word.start, word.end), reliable: word.reliable ?? fallback }))
    .filter((word) => word.text !== '');
  if (timed.length > 0) return timed;
  return spreadWords(splitWords(segment.text), segment.start, segment.end, fallback);
}

const roundMs = (seconds: number): number => Math.round(seconds * 1000) / 1000;

/** Collapses whitespace (newlines included): captions are re-broken into lines here. */
const cleanText = (text: string): string => text.replace(/\s+/gu, ' ').trim();

const PUNCTUATION = /[\p{P}\p{S}]/u;

/**
 * Splits caption text into display words: Latin words on spaces, Chinese into jieba words (so a line
 * never breaks inside 补货), other CJK into characters. Punctuation stays with the word before it, so a
 * line never starts with a comma.
 */
export function splitWords(text: string): string[] {
  return groupChinese(splitCharacters(text));
}

const HAN = /^\p{Script=Han}/u;

/** Joins runs of single Han characters into jieba words, keeping trailing punctuation on the run's last word. */
function groupChinese(words: readonly string[]): string[] {
  const out: string[] = [];
  let run: string[] = [];
  const flush = (): void => {
    if (run.length === 0) return;
    const base = run.map((word) => [...word][0] ?? '').join('');
    const tail = [...(run.at(-1) ?? '')].slice(1).join('');
    const tokens = segmentChinese(base);
    // jieba covers the run exactly; should it not, the characters themselves are still words.
    const grouped = tokens.join('') === base ? tokens : [...base];
    grouped[grouped.length - 1] += tail;
    out.push(...grouped);
    run = [];
  };
  for (const word of words) {
    if (!HAN.test(word)) {
      flush();
      out.push(word);
      continue;
    }
    run.push(word);
    if ([...word].length > 1) flush();
  }
  flush();
  return out;
}

/** Latin words on spaces and each CJK character on its own, punctuation kept on the word before it. */
function splitCharacters(text: string): string[] {
  const words: string[] = [];
  let current = '';
  let currentWide = false;
  const flush = (): void => {
    if (current !== '') words.push(current);
    current = '';
  };
  for (const char of cleanText(text)) {
    if (char === ' ') flush();
    else if (PUNCTUATION.test(char) && current !== '') current += char;
    else if (isWide(char)) {
      flush();
      current = char;
      currentWide = true;
    } else {
      if (currentWide) flush();
      current += char;
      currentWide = false;
    }
  }
  flush();
  return words;
}

/**
 * Shares a span out over words in proportion to their display width without punctuation (which takes
 * no time to say): a Chinese character, one syllable, weighs as much as two Latin letters.
 */
function spreadWords(words: readonly string[], start: number, end: number, reliable: boolean): CaptionWord[] {
  const weights = words.map((word) => Math.max(1, displayWidth([...word].filter((char) => !PUNCTUATION.test(char)).join(''))));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const span = Math.max(0, end - start);
  let cursor = start;
  return words.map((text, index) => {
    const length = (span * (weights[index] ?? 1)) / total;
    const word = { text, start: cursor, end: cursor + length, reliable };
    cursor += length;
    return word;
  });
}
