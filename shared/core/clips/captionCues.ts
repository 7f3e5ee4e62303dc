/**
 * Burned-in caption cues for a clip: transcript segments inside the clip window, shifted to clip
 * time and split into short lines a phone screen can show (long ASR utterances become several cues).
 */
import type { Language, Segment, TimeRange } from '../types.js';

/** Longest cue line: ~32 Latin characters or ~14 Chinese characters fit a 1080-wide vertical frame at caption size. */
export const MAX_CUE_CHARS: Readonly<Record<Language, number>> = { en: 32, zh: 14 };
/** Cues shorter than this are merged into a neighbour's time, seconds. */
const MIN_CUE_SECONDS = 0.6;

export function captionCues(segments: readonly Segment[], window: TimeRange, language: Language): Segment[] {
  const cues: Segment[] = [];
  const length = window.end - window.start;
  for (const segment of segments) {
    if (segment.end <= window.start || segment.start >= window.end) continue;
    const pieces = splitText(segment.text, MAX_CUE_CHARS[language], language);
    const totalChars = pieces.reduce((sum, piece) => sum + piece.length, 0) || 1;
    let cursor = segment.start;
    for (const piece of pieces) {
      // Time is shared out in proportion to characters: a fair guess when word timings are missing.
      const span = ((segment.end - segment.start) * piece.length) / totalChars;
      const start = Math.max(0, cursor - window.start);
      const end = Math.min(length, cursor + span - window.start);
      cursor += span;
      if (end - start >= MIN_CUE_SECONDS / 2) cues.push({ start: round(start), end: round(Math.max(end, start + MIN_CUE_SECONDS)), text: piece });
    }
  }
  return cues;
}

/** Splits text into lines of at most `maxChars`, on word boundaries for English and on punctuation or length for Chinese. */
export function splitText(text: string, maxChars: number, language: Language): string[] {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length === 0) return [];
  if (language === 'zh') {
    const lines: string[] = [];
    for (const clause of clean.split(/(?<=[，。！？；,.!?;])/)) {
      for (let i = 0; i < clause.length; i += maxChars) lines.push(clause.slice(i, i + maxChars).trim());
    }
    return lines.filter(Boolean);
  }
  const lines: string[] = [];
  let line = '';
  for (const word of clean.split(' ')) {
    if (line && line.length + 1 + word.length > maxChars) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

const round = (value: number): number => Math.round(value * 1000) / 1000;
