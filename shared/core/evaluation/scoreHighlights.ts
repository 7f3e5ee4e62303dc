import type { TimeRange } from '../types.js';
import { matchHighlights } from './matchHighlights.js';

/** Cut-offs of precision@k reported by the harness. */
export const PRECISION_CUTOFFS = [3, 5, 10] as const;
export type PrecisionCutoff = (typeof PRECISION_CUTOFFS)[number];

/** How one show's ranked highlights compare with its labels. */
export interface ShowScore {
  readonly labels: number;
  readonly predictions: number;
  /** Predictions matched to a distinct label (over all predictions). */
  readonly hits: number;
  /** Hits among the top min(k, predictions), per cut-off. */
  readonly hitsAt: Readonly<Record<PrecisionCutoff, number>>;
  /** hitsAt[k] / min(k, predictions); 0 when nothing was predicted. */
  readonly precisionAt: Readonly<Record<PrecisionCutoff, number>>;
  /** hits / predictions (0 when nothing was predicted). */
  readonly precision: number;
  /** Labels matched / labels (1 when there are no labels). */
  readonly recall: number;
  readonly f1: number;
  /** Mean over matched pairs of (|Δstart| + |Δend|) / 2, seconds; undefined without matches. */
  readonly boundaryErrorSeconds: number | undefined;
  /** Per prediction, in rank order: the matched label's index or undefined. */
  readonly matches: readonly (number | undefined)[];
}

/**
 * Scores ranked predictions (best first) against labels. Precision@k divides by min(k, predictions) so a
 * detector that reports only three strong moments is not punished at k = 10 for restraint; recall and F1
 * use every prediction.
 */
export function scoreShow(ranked: readonly TimeRange[], labels: readonly TimeRange[]): ShowScore {
  const matches = matchHighlights(ranked, labels);
  const hits = matches.filter((m) => m !== undefined).length;
  const hitsAt = {} as Record<PrecisionCutoff, number>;
  const precisionAt = {} as Record<PrecisionCutoff, number>;
  for (const k of PRECISION_CUTOFFS) {
    const top = Math.min(k, ranked.length);
    hitsAt[k] = matches.slice(0, top).filter((m) => m !== undefined).length;
    precisionAt[k] = top > 0 ? hitsAt[k] / top : 0;
  }
  const precision = ranked.length > 0 ? hits / ranked.length : 0;
  const recall = labels.length > 0 ? hits / labels.length : 1;
  let boundarySum = 0;
  matches.forEach((labelIndex, i) => {
    const label = labelIndex === undefined ? undefined : labels[labelIndex];
    const predicted = ranked[i];
    if (label && predicted) boundarySum += (Math.abs(predicted.start - label.start) + Math.abs(predicted.end - label.end)) / 2;
  });
  return {
    labels: labels.length,
    predictions: ranked.length,
    hits,
    hitsAt,
    precisionAt,
    precision,
    recall,
    f1: harmonicMean(precision, recall),
    boundaryErrorSeconds: hits > 0 ? boundarySum / hits : undefined,
    matches,
  };
}

/** Scores over a set of shows. */
export interface SetScore {
  readonly shows: number;
  readonly labels: number;
  readonly predictions: number;
  readonly hits: number;
  /** Mean over shows of precision@k (every show weighs the same, long or short). */
  readonly precisionAt: Readonly<Record<PrecisionCutoff, number>>;
  /** Pooled: all hits / all predictions. */
  readonly precision: number;
  /** Pooled: all matched labels / all labels. */
  readonly recall: number;
  readonly f1: number;
  /** Mean over all matched pairs, seconds. */
  readonly boundaryErrorSeconds: number | undefined;
}

/** Aggregates show scores: precision@k averaged per show, precision/recall/F1 pooled over all labels. */
export function aggregateScores(scores: readonly ShowScore[]): SetScore {
  const sum = (pick: (s: ShowScore) => number) => scores.reduce((total, s) => total + pick(s), 0);
  const labels = sum((s) => s.labels);
  const predictions = sum((s) => s.predictions);
  const hits = sum((s) => s.hits);
  const precisionAt = {} as Record<PrecisionCutoff, number>;
  for (const k of PRECISION_CUTOFFS) precisionAt[k] = scores.length > 0 ? sum((s) => s.precisionAt[k]) / scores.length : 0;
  const matchedBoundary = sum((s) => (s.boundaryErrorSeconds ?? 0) * s.hits);
  const precision = predictions > 0 ? hits / predictions : 0;
  const recall = labels > 0 ? hits / labels : 1;
  return {
    shows: scores.length,
    labels,
    predictions,
    hits,
    precisionAt,
    precision,
    recall,
    f1: harmonicMean(precision, recall),
    boundaryErrorSeconds: hits > 0 ? matchedBoundary / hits : undefined,
  };
}

function harmonicMean(a: number, b: number): number {
  return a + b > 0 ? (2 * a * b) / (a + b) : 0;
}
