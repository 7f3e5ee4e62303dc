/**
 * Merges per-chunk transcripts of overlapping chunks into one, on the recording's clock. Each chunk
 * keeps only what falls in the time it owns ([start, end) of its plan): words by their midpoint when
 * the engine gives word timings, whole segments by their midpoint otherwise. Overlap audio gives the
 * engine context at the seam; ownership makes sure a word there is kept exactly once.
 */
import type { Language, Segment, TimeRange, Word } from '../types.js';

export interface ChunkSegments {
  /** The time this chunk owns. */
  readonly owned: TimeRange;
  readonly segments: readonly Segment[];
}

const midpoint = (range: TimeRange): number => (range.start + range.end) / 2;
const owns = (owned: TimeRange, range: TimeRange): boolean => midpoint(range) >= owned.start && midpoint(range) < owned.end;

export function mergeChunkSegments(chunks: readonly ChunkSegments[], language: Language): Segment[] {
  const merged: Segment[] = [];
  // The last chunk owns its end point too, so a word ending exactly at the end of the show is kept.
  const lastEnd = Math.max(...chunks.map((chunk) => chunk.owned.end));
  for (const chunk of chunks) {
    const owned = chunk.owned.end === lastEnd ? { start: chunk.owned.start, end: Infinity } : chunk.owned;
    for (const segment of chunk.segments) {
      if (segment.words && segment.words.length > 0) {
        const words = segment.words.filter((word) => owns(owned, word));
        if (words.length === 0) continue;
        merged.push(
          words.length === segment.words.length
            ? segment
            : {
                start: words[0]!.start,
                end: words[words.length - 1]!.end,
                text: joinWords(words, language),
                words,
                // The engine's segment confidence still describes the words kept.
                ...(segment.confidence !== undefined ? { confidence: segment.confidence } : {}),
              },
        );
      } else if (owns(owned, segment)) {
        merged.push(segment);
      }
    }
  }
  return merged.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Joins word tokens back into text: spaces between Latin words, none between Chinese characters. */
export function joinWords(words: readonly Word[], language: Language): string {
  let text = '';
  for (const word of words) {
    const token = word.text;
    if (text === '' || /^\s/.test(token)) text += token;
    else if (language === 'zh' && (/\p{Script=Han}$/u.test(text) || /^\p{Script=Han}/u.test(token))) text += token;
    else if (/^[,.!?;:，。！？；：、]/.test(token)) text += token;
    else text += ` ${token}`;
  }
  return text.trim();
}
