import { describe, expect, it } from 'vitest';
import { judgeSegment, markReliability, reliableText, reliableWords, RELIABILITY_THRESHOLDS } from '../../shared/core/transcript/reliability.js';
import type { Segment } from '../../shared/core/types.js';

const threshold = { word: 0.8, segment: 0.6, segmentWordShare: 0.75, minLetters: 1 };
const word = (text: string, confidence?: number) => ({ start: 0, end: 1, text, ...(confidence === undefined ? {} : { confidence }) });

describe('judgeSegment', () => {
  it('marks words by their own confidence and the segment by the share of reliable words', () => {
    const mostly = judgeSegment({ start: 0, end: 4, text: 'a b c d', words: [word('a', 0.9), word('b', 0.85), word('c', 0.8), word('d', 0.2)] }, threshold);
    expect(mostly.words?.map((w) => w.reliable)).toEqual([true, true, true, false]);
    expect(mostly.reliable).toBe(true);
    const half = judgeSegment({ start: 0, end: 4, text: 'a b c d', words: [word('a', 0.9), word('b', 0.9), word('c', 0.1), word('d', 0.2)] }, threshold);
    expect(half.reliable).toBe(false);
  });

  it('judges a segment without word confidences by its own, and its words inherit the verdict', () => {
    const judged = judgeSegment({ start: 0, end: 2, text: 'x y', confidence: 0.7, words: [word('x'), word('y')] }, threshold);
    expect(judged.reliable).toBe(true);
    expect(judged.words?.map((w) => w.reliable)).toEqual([true, true]);
    expect(judgeSegment({ start: 0, end: 2, text: 'x y', confidence: 0.5 }, threshold).reliable).toBe(false);
  });

  it('never marks words shorter than the letter minimum reliable, whatever their confidence', () => {
    const judged = judgeSegment({ start: 0, end: 2, text: 'and serum', words: [word('and', 0.99), word('serum', 0.99)] }, { ...threshold, minLetters: 4, segmentWordShare: 0.5 });
    expect(judged.words?.map((w) => w.reliable)).toEqual([false, true]);
    expect(judged.reliable).toBe(true);
    expect(judgeSegment({ start: 0, end: 1, text: '精华', words: [word('精华', 0.9)] }, { ...threshold, minLetters: 2 }).reliable).toBe(true);
  });

  it('never marks text without any confidence reliable', () => {
    expect(judgeSegment({ start: 0, end: 2, text: 'heard by the asr filter' }, threshold).reliable).toBe(false);
  });
});

describe('markReliability', () => {
  const segments: Segment[] = [{ start: 0, end: 1, text: 'hello', words: [word('hello', 0.99)] }];

  it('trusts captions fully', () => {
    const [caption] = markReliability([{ start: 0, end: 2, text: 'as written', words: [word('as'), word('written')] }], 'captions');
    expect(caption).toMatchObject({ confidence: 1, reliable: true });
    expect(caption?.words?.every((w) => w.reliable && w.confidence === 1)).toBe(true);
  });

  it("judges by the engine's threshold from the table unless one is given, and is idempotent", () => {
    expect(markReliability(segments, 'pocketsphinx')[0]?.reliable).toBe(0.99 >= RELIABILITY_THRESHOLDS.pocketsphinx.word);
    const strict = { ...RELIABILITY_THRESHOLDS, pocketsphinx: { word: 0.995, segment: 0.995, segmentWordShare: 1, minLetters: 1 } };
    expect(markReliability(segments, 'pocketsphinx', strict)[0]?.reliable).toBe(false);
    const once = markReliability(segments, 'openai');
    expect(markReliability(once, 'openai')).toEqual(once);
  });
});

describe('reliableText', () => {
  it('quotes reliable segments only', () => {
    expect(reliableText({ start: 0, end: 1, text: 'yes', reliable: true })).toBe('yes');
    expect(reliableText({ start: 0, end: 1, text: 'maybe', reliable: false })).toBeUndefined();
    expect(reliableText({ start: 0, end: 1, text: 'unmarked' })).toBeUndefined();
  });

  it('leaves single reliable words quotable inside a doubtful segment', () => {
    const segment = { start: 0, end: 2, text: 'the glow serum', reliable: false, words: [{ ...word('the'), reliable: false }, { ...word('glow'), reliable: true }, { ...word('serum'), reliable: true }] };
    expect(reliableText(segment)).toBeUndefined();
    expect(reliableWords(segment).map((w) => w.text)).toEqual(['glow', 'serum']);
  });
});
