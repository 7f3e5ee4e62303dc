import { describe, expect, it } from 'vitest';
import { joinWords, mergeChunkSegments } from '../../shared/core/transcript/mergeChunks.js';
import type { Segment, Word } from '../../shared/core/types.js';

/** Words spoken one per 0.5 s from `from`, as an engine with word timings would return them. */
function words(texts: string[], from: number): Word[] {
  return texts.map((text, i) => ({ start: from + i * 0.5, end: from + i * 0.5 + 0.4, text }));
}

describe('mergeChunkSegments', () => {
  it('keeps every word at an overlapping seam exactly once', () => {
    const sentence = 'the glow serum is back in stock and the link is live right now'.split(' ');
    const all = words(sentence, 116); // 116.0 .. 122.9, across the seam at 120
    // Chunk 0 owns [0,120) and heard up to 123; chunk 1 owns [120, 240) and heard from 117.
    const chunk0: Segment[] = [{ start: 116, end: 122.9, text: sentence.join(' '), words: all.filter((w) => w.start < 123) }];
    const chunk1: Segment[] = [{ start: 117, end: 122.9, text: '', words: all.filter((w) => w.start >= 117) }];
    const merged = mergeChunkSegments(
      [
        { owned: { start: 0, end: 120 }, segments: chunk0 },
        { owned: { start: 120, end: 240 }, segments: chunk1 },
      ],
      'en',
    );
    const mergedWords = merged.flatMap((segment) => segment.words ?? []);
    expect(mergedWords.map((w) => w.text)).toEqual(sentence);
    expect(merged.map((segment) => segment.text).join(' ')).toBe(sentence.join(' '));
  });

  it("keeps the engine's segment confidence on the part of a segment a chunk owns", () => {
    const heard = words(['one', 'two', 'three', 'four'], 119).map((w) => ({ ...w, confidence: 0.9 }));
    const merged = mergeChunkSegments([{ owned: { start: 0, end: 120 }, segments: [{ start: 119, end: 120.9, text: 'one two three four', words: heard, confidence: 0.7 }] }, { owned: { start: 120, end: 240 }, segments: [] }], 'en');
    expect(merged).toEqual([{ start: 119, end: 119.9, text: 'one two', words: heard.slice(0, 2), confidence: 0.7 }]);
  });

  it('keeps segments without word timings by their midpoint: one copy of the seam, from its owner', () => {
    const merged = mergeChunkSegments(
      [
        { owned: { start: 0, end: 60 }, segments: [{ start: 50, end: 58, text: 'first' }, { start: 58, end: 63, text: 'seam' }] },
        { owned: { start: 60, end: 90 }, segments: [{ start: 57, end: 63, text: 'seam again' }, { start: 70, end: 80, text: 'second' }] },
      ],
      'en',
    );
    // 'seam' (midpoint 60.5) and 'seam again' (midpoint 60) both fall in chunk 1's time: only chunk 1's copy stays.
    expect(merged.map((segment) => segment.text)).toEqual(['first', 'seam again', 'second']);
  });

  it('keeps a word that ends exactly at the end of the recording', () => {
    const merged = mergeChunkSegments([{ owned: { start: 0, end: 10 }, segments: [{ start: 9.8, end: 10.4, text: 'bye' }] }], 'en');
    expect(merged).toHaveLength(1);
  });
});

describe('joinWords', () => {
  it('spaces Latin words, not Chinese characters or punctuation', () => {
    expect(joinWords(words(['hello', 'world', '!'], 0), 'en')).toBe('hello world!');
    expect(joinWords(words(['这款', '面霜', '，', '真的', 'OK', 'la'], 0), 'zh')).toBe('这款面霜，真的OK la');
    expect(joinWords(words([' Hello', ' world'], 0), 'en')).toBe('Hello world');
  });
});
