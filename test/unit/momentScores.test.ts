import { describe, expect, it } from 'vitest';
import {
  aggregateMomentScores,
  coversOpening,
  decoysInTopK,
  matchHighlights,
  scoreAtMoments,
} from '../../shared/core/evaluation/index.js';

const r = (start: number, end: number) => ({ start, end });
const decoy = (start: number, end: number, kind: string) => ({ start, end, kind });

describe('coversOpening', () => {
  it('needs the first 11 s of the moment inside one clip of at most 45 s', () => {
    expect(coversOpening(r(95, 130), r(100, 130))).toBe(true);
    expect(coversOpening(r(100, 111), r(100, 130))).toBe(true); // exactly the opening
    expect(coversOpening(r(101, 130), r(100, 130))).toBe(false); // misses the first second
    expect(coversOpening(r(95, 110), r(100, 130))).toBe(false); // stops before the eleventh second
    expect(coversOpening(r(90, 136), r(100, 130))).toBe(false); // 46 s: too long to count
  });

  it('asks for the whole of a label shorter than 11 s', () => {
    expect(coversOpening(r(0, 8), r(2, 8))).toBe(true);
  });
});

describe('decoysInTopK', () => {
  const decoys = [decoy(100, 200, 'music-break'), decoy(300, 330, 'giveaway-flood'), decoy(400, 410, 'chat-spam')];

  it('counts top-k predictions overlapping a decoy by at least 1 s, per kind', () => {
    const ranked = [r(150, 180), r(320, 350), r(199.5, 230), r(405, 420)];
    expect(decoysInTopK(ranked, decoys, 3)).toEqual({ total: 2, byKind: { 'music-break': 1, 'giveaway-flood': 1 } });
    expect(decoysInTopK(ranked, decoys, 4)).toEqual({ total: 3, byKind: { 'music-break': 1, 'giveaway-flood': 1, 'chat-spam': 1 } });
    expect(decoysInTopK(ranked, decoys, 0)).toEqual({ total: 0, byKind: {} });
  });

  it('counts a prediction once, for the decoy it overlaps most', () => {
    expect(decoysInTopK([r(190, 310)], decoys, 1)).toEqual({ total: 1, byKind: { 'music-break': 1 } });
  });
});

describe('scoreAtMoments', () => {
  const labels = [r(100, 130), r(300, 340), r(500, 530)];
  const none = { distractors: [], confounders: [] };

  it('scores precision at K = labels, coverage and the lead-in of the matched clips', () => {
    const ranked = [r(96, 126), r(700, 720), r(302, 330), r(505, 540)];
    const score = scoreAtMoments(ranked, labels, matchHighlights(ranked, labels), {
      distractors: [decoy(690, 730, 'raid')],
      confounders: [decoy(520, 560, 'music-break')],
    });
    expect(score.k).toBe(3);
    expect(score.precisionAtK).toBeCloseTo(2 / 3);
    // Only the first clip holds its moment's opening: the others start after their moment.
    expect(score.covered).toBe(1);
    expect(score.coverage).toBeCloseTo(1 / 3);
    expect(score.meanLeadInSeconds).toBeCloseTo((4 - 2 - 5) / 3);
    expect(score.distractorsInTopK).toEqual({ total: 1, byKind: { raid: 1 } });
    // The fourth clip overlaps the music break, but it is outside the top 3.
    expect(score.confoundersInTopK.total).toBe(0);
  });

  it('gives 0 precision and no lead-in without predictions, and full coverage without labels', () => {
    const empty = scoreAtMoments([], labels, [], none);
    expect(empty.precisionAtK).toBe(0);
    expect(empty.meanLeadInSeconds).toBeUndefined();
    expect(scoreAtMoments([r(0, 10)], [], [undefined], none).coverage).toBe(1);
  });

  it('aggregates: precision@K per show, coverage pooled, lead-in over moments, decoys summed by kind', () => {
    const a = scoreAtMoments([r(95, 125)], [r(100, 130)], [0], { distractors: [], confounders: [decoy(0, 50, 'music-break')] });
    const ranked = [r(10, 40), r(298, 330), r(500, 530)];
    const b = scoreAtMoments(ranked, [r(300, 340), r(500, 530)], matchHighlights(ranked, [r(300, 340), r(500, 530)]), {
      distractors: [],
      confounders: [decoy(0, 50, 'giveaway-flood')],
    });
    const set = aggregateMomentScores([a, b], [1, 2]);
    expect(set.precisionAtK).toBeCloseTo((1 + 0.5) / 2);
    expect(set.labels).toBe(3);
    expect(set.covered).toBe(3);
    expect(set.meanLeadInSeconds).toBeCloseTo((5 + 2 + 0) / 3);
    expect(set.confoundersInTopK).toEqual({ total: 1, byKind: { 'giveaway-flood': 1 } });
  });
});
