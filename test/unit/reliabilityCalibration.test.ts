import { describe, expect, it } from 'vitest';
import { alignHits, precisionByBucket, scoreUnits, summariseReliability, sweepThresholds } from '../../scripts/asrEval/reliabilityCalibration.js';
import type { Segment } from '../../shared/core/types.js';

const w = (text: string, confidence: number) => ({ start: 0, end: 1, text, confidence });

describe('alignHits', () => {
  it('marks hypothesis tokens aligned to an equal reference token', () => {
    expect(alignHits(['the', 'cat', 'sat'], ['the', 'bat', 'sat'])).toEqual([true, false, true]);
    expect(alignHits(['a', 'b'], ['x', 'a', 'b', 'y'])).toEqual([false, true, true, false]);
    expect(alignHits(['a', 'b', 'c'], ['c'])).toEqual([true]);
    expect(alignHits([], ['a'])).toEqual([false]);
    expect(alignHits(['a'], [])).toEqual([]);
  });
});

describe('reliability calibration', () => {
  const segments: Segment[] = [
    { start: 0, end: 3, text: 'the cat sat', reliable: true, words: [{ ...w('the', 0.95), reliable: true }, { ...w('bat', 0.9), reliable: true }, { ...w('sat', 0.1), reliable: false }] },
    { start: 3, end: 4, text: 'down', reliable: false, words: [{ ...w('down', 0.5), reliable: false }] },
  ];
  const units = scoreUnits(segments, 'The cat sat down.', 'en');

  it('scores each word against the reference with its confidence and verdicts', () => {
    expect(units.map((unit) => [unit.confidence, unit.hits, unit.tokens, unit.reliable, unit.quoted])).toEqual([
      [0.95, 1, 1, true, true],
      [0.9, 0, 1, true, true],
      [0.1, 1, 1, false, true],
      [0.5, 1, 1, false, false],
    ]);
  });

  it('gives precision per confidence bucket, the top bucket including 1, and a bucket for unscored units', () => {
    const buckets = precisionByBucket([...units, { reliable: false, quoted: false, tokens: 2, hits: 1 }, { confidence: 1, reliable: true, quoted: true, tokens: 1, hits: 1 }], [0, 0.5, 1]);
    expect(buckets).toEqual([
      { from: 0, to: 0.5, tokens: 1, hits: 1, precision: 1 },
      { from: 0.5, to: 1, tokens: 4, hits: 3, precision: 0.75 },
      { tokens: 2, hits: 1, precision: 0.5 },
    ]);
  });

  it('summarises precision and coverage of reliable words and quoted segments', () => {
    const summary = summariseReliability(units);
    expect(summary.all).toEqual({ tokens: 4, hits: 3, precision: 0.75 });
    expect(summary.reliableWords).toEqual({ tokens: 2, hits: 1, precision: 0.5, coverage: 0.5 });
    expect(summary.quoted).toEqual({ tokens: 3, hits: 2, precision: 2 / 3, coverage: 0.75 });
  });

  it('re-marks raw segments for each candidate threshold', () => {
    const raw: Segment[] = [{ start: 0, end: 3, text: 'the bat sat', words: [w('the', 0.95), w('bat', 0.6), w('sat', 0.7)] }];
    const rows = sweepThresholds([{ segments: raw, reference: 'the cat sat' }], 'pocketsphinx', [
      { word: 0.5, segment: 0.5, segmentWordShare: 1, minLetters: 1 },
      { word: 0.65, segment: 0.65, segmentWordShare: 0.5, minLetters: 1 },
    ], 'en');
    expect(rows.map((row) => [row.reliableWords.tokens, row.reliableWords.precision, row.quoted.tokens])).toEqual([
      [3, 2 / 3, 3],
      [2, 1, 3],
    ]);
  });
});
