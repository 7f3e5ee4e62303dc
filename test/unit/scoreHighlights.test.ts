import { describe, expect, it } from 'vitest';
import { DEFAULT_HIGHLIGHT_CONFIG, SIGNAL_NAMES } from '../../shared/core/highlights/config.js';
import {
  ablationVariants,
  aggregateScores,
  intersectionOverUnion,
  isHit,
  matchHighlights,
  parseLabels,
  scoreShow,
} from '../../shared/core/evaluation/index.js';
import { InputError } from '../../shared/core/errors.js';

const r = (start: number, end: number) => ({ start, end });

describe('hit rule', () => {
  it('computes IoU', () => {
    expect(intersectionOverUnion(r(0, 10), r(5, 15))).toBeCloseTo(5 / 15);
    expect(intersectionOverUnion(r(0, 10), r(10, 20))).toBe(0);
    expect(intersectionOverUnion(r(0, 10), r(0, 10))).toBe(1);
  });

  it('counts IoU >= 0.3 or containing the centre as a hit', () => {
    expect(isHit(r(0, 30), r(20, 40))).toBe(true); // IoU 10/40 = 0.25 but contains the centre 30
    expect(isHit(r(0, 29), r(20, 40))).toBe(false); // IoU 9/40, centre 30 outside
    expect(isHit(r(101, 102), r(90, 110))).toBe(false); // inside, but IoU 1/20 and the centre 100 lies outside
  });
});

describe('matchHighlights', () => {
  it('matches one-to-one in rank order; a duplicate of a claimed label is a miss', () => {
    const labels = [r(10, 40), r(100, 130)];
    const ranked = [r(12, 42), r(15, 45), r(95, 125), r(300, 330)];
    expect(matchHighlights(ranked, labels)).toEqual([0, undefined, 1, undefined]);
  });
});

describe('scoreShow', () => {
  it('computes precision@k over min(k, predictions), recall, F1 and boundary error', () => {
    const labels = [r(10, 40), r(100, 130), r(200, 230), r(400, 430)];
    // Ranks 1 and 3 hit; rank 2 is a false positive; rank 4 duplicates label 0.
    const ranked = [r(12, 42), r(300, 330), r(96, 126), r(14, 44)];
    const score = scoreShow(ranked, labels);
    expect(score.hits).toBe(2);
    expect(score.hitsAt).toEqual({ 3: 2, 5: 2, 10: 2 });
    expect(score.precisionAt[3]).toBeCloseTo(2 / 3);
    expect(score.precisionAt[5]).toBeCloseTo(2 / 4);
    expect(score.precision).toBeCloseTo(0.5);
    expect(score.recall).toBeCloseTo(0.5);
    expect(score.f1).toBeCloseTo(0.5);
    // (|12-10| + |42-40|) / 2 = 2 and (|96-100| + |126-130|) / 2 = 4 -> mean 3.
    expect(score.boundaryErrorSeconds).toBeCloseTo(3);
  });

  it('scores nothing predicted as zero precision and no labels as full recall', () => {
    const none = scoreShow([], [r(0, 10)]);
    expect(none.precisionAt[5]).toBe(0);
    expect(none.recall).toBe(0);
    expect(none.boundaryErrorSeconds).toBeUndefined();
    expect(scoreShow([r(0, 10)], []).recall).toBe(1);
  });
});

describe('aggregateScores', () => {
  it('averages precision@k per show and pools recall over labels', () => {
    const a = scoreShow([r(0, 10)], [r(0, 10)]); // p@5 1, 1 of 1 label
    const b = scoreShow([r(50, 60), r(0, 10)], [r(0, 10), r(100, 110), r(200, 210)]); // p@5 1/2, 1 of 3
    const set = aggregateScores([a, b]);
    expect(set.precisionAt[5]).toBeCloseTo(0.75);
    expect(set.recall).toBeCloseTo(2 / 4);
    expect(set.precision).toBeCloseTo(2 / 3);
    expect(set.f1).toBeCloseTo((2 * (2 / 3) * 0.5) / (2 / 3 + 0.5));
    expect(set.boundaryErrorSeconds).toBe(0);
  });
});

describe('parseLabels', () => {
  it('sorts valid labels and names the show and entry on bad ones', () => {
    expect(parseLabels([{ start: 50, end: 70, kind: 'funny' }, { start: 5, end: 20 }], 'show-a')).toEqual([
      { start: 5, end: 20, kind: 'highlight' },
      { start: 50, end: 70, kind: 'funny' },
    ]);
    expect(() => parseLabels([{ start: 30, end: 10 }], 'show-b')).toThrow(InputError);
    expect(() => parseLabels([{ start: 30, end: 10 }], 'show-b')).toThrow(/show-b.*\[0\.end\]/);
    expect(() => parseLabels({ start: 1 }, 'show-c')).toThrow(/show-c/);
  });
});

describe('ablationVariants', () => {
  it('yields the fused detector, then each signal removed and each signal alone', () => {
    const variants = ablationVariants(DEFAULT_HIGHLIGHT_CONFIG);
    expect(variants).toHaveLength(1 + 2 * SIGNAL_NAMES.length);
    const without = variants.find((v) => v.name === 'without orders');
    expect(without?.config.weights.orders).toBe(0);
    expect(without?.config.weights.chatRate).toBe(DEFAULT_HIGHLIGHT_CONFIG.weights.chatRate);
    const only = variants.find((v) => v.name === 'only scenes');
    expect(SIGNAL_NAMES.filter((name) => (only?.config.weights[name] ?? 0) > 0)).toEqual(['scenes']);
  });
});
