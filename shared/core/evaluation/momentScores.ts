import type { TimeRange } from '../types.js';

/**
 * A clip covers a moment's opening when it holds the moment's first this-many seconds: the set-up a viewer needs
 * to understand the pay-off (issue 18: "covered from their first to their eleventh second").
 */
export const COVERED_OPENING_SECONDS = 11;
/** Longest clip that counts for coverage, seconds: a longer one covers anything and says nothing about boundaries. */
export const MAX_COVERING_CLIP_SECONDS = 45;
/** A top-K highlight counts against a decoy when it overlaps the decoy's span by at least this much, seconds. */
export const MIN_DECOY_OVERLAP_SECONDS = 1;

/** An unlabelled span a good detector should not clip (a distractor or a confounder), with its kind. */
export interface Decoy extends TimeRange {
  readonly kind: string;
}

/** Top-K highlights that overlap decoys: the total and per decoy kind. */
export interface DecoysInTopK {
  readonly total: number;
  readonly byKind: Readonly<Record<string, number>>;
}

/** The scores a show gets at K = its number of labelled moments. */
export interface MomentScore {
  /** K: the number of labelled moments. */
  readonly k: number;
  /** Hits among the top min(K, predictions) over min(K, predictions), as precision@k elsewhere; 0 without predictions. */
  readonly precisionAtK: number;
  /** Labels whose opening (first 11 s) lies inside one clip of at most 45 s. */
  readonly covered: number;
  /** covered / labels (1 without labels). */
  readonly coverage: number;
  /** Mean over matched labels of label start minus clip start, seconds (positive: the clip starts before); undefined without matches. */
  readonly meanLeadInSeconds: number | undefined;
  readonly distractorsInTopK: DecoysInTopK;
  readonly confoundersInTopK: DecoysInTopK;
}

/** True when `clip` is at most 45 s long and holds the label's first 11 s (or all of a shorter label). */
export function coversOpening(clip: TimeRange, label: TimeRange): boolean {
  const openingEnd = Math.min(label.end, label.start + COVERED_OPENING_SECONDS);
  return clip.end - clip.start <= MAX_COVERING_CLIP_SECONDS && clip.start <= label.start && clip.end >= openingEnd;
}

/**
 * Counts the top-k predictions that overlap a decoy by at least {@link MIN_DECOY_OVERLAP_SECONDS}. Each prediction
 * counts once, for the decoy it overlaps most (ties: the earlier decoy).
 */
export function decoysInTopK(ranked: readonly TimeRange[], decoys: readonly Decoy[], k: number): DecoysInTopK {
  const byKind: Record<string, number> = {};
  let total = 0;
  for (const predicted of ranked.slice(0, Math.max(0, k))) {
    let best: Decoy | undefined;
    let bestOverlap = MIN_DECOY_OVERLAP_SECONDS;
    for (const decoy of decoys) {
      const overlap = Math.min(predicted.end, decoy.end) - Math.max(predicted.start, decoy.start);
      if (overlap >= bestOverlap && (best === undefined || overlap > bestOverlap)) [best, bestOverlap] = [decoy, overlap];
    }
    if (best === undefined) continue;
    total++;
    byKind[best.kind] = (byKind[best.kind] ?? 0) + 1;
  }
  return { total, byKind };
}

/**
 * Scores ranked predictions at K = the number of labels. `matches` is the one-to-one matching of the predictions
 * (matchHighlights / scoreShow), so the lead-in is measured on the clip that was credited with the moment.
 * Coverage asks only that SOME clip of the list covers the opening: every clip of a run is cut.
 */
export function scoreAtMoments(
  ranked: readonly TimeRange[],
  labels: readonly TimeRange[],
  matches: readonly (number | undefined)[],
  decoys: { readonly distractors: readonly Decoy[]; readonly confounders: readonly Decoy[] },
): MomentScore {
  const k = labels.length;
  const top = Math.min(k, ranked.length);
  const hitsAtK = matches.slice(0, top).filter((m) => m !== undefined).length;
  const covered = labels.filter((label) => ranked.some((clip) => coversOpening(clip, label))).length;
  const leadIns: number[] = [];
  matches.forEach((labelIndex, i) => {
    const label = labelIndex === undefined ? undefined : labels[labelIndex];
    const clip = ranked[i];
    if (label && clip) leadIns.push(label.start - clip.start);
  });
  return {
    k,
    precisionAtK: top > 0 ? hitsAtK / top : 0,
    covered,
    coverage: k > 0 ? covered / k : 1,
    meanLeadInSeconds: leadIns.length > 0 ? leadIns.reduce((a, b) => a + b, 0) / leadIns.length : undefined,
    distractorsInTopK: decoysInTopK(ranked, decoys.distractors, k),
    confoundersInTopK: decoysInTopK(ranked, decoys.confounders, k),
  };
}

/** Moment scores over a set of shows. */
export interface SetMomentScore {
  /** Mean over shows of precision@K. */
  readonly precisionAtK: number;
  /** Pooled: covered labels / labels. */
  readonly coverage: number;
  readonly covered: number;
  readonly labels: number;
  /** Mean over every matched label of every show, seconds. */
  readonly meanLeadInSeconds: number | undefined;
  readonly distractorsInTopK: DecoysInTopK;
  readonly confoundersInTopK: DecoysInTopK;
}

/**
 * Aggregates per-show moment scores. `matchedPerShow` (matched labels per show) weighs each show's mean lead-in
 * so the set's mean is over moments, not shows.
 */
export function aggregateMomentScores(scores: readonly MomentScore[], matchedPerShow: readonly number[]): SetMomentScore {
  const labels = scores.reduce((sum, s) => sum + s.k, 0);
  const covered = scores.reduce((sum, s) => sum + s.covered, 0);
  let leadSum = 0;
  let leadCount = 0;
  scores.forEach((s, i) => {
    const n = matchedPerShow[i] ?? 0;
    if (s.meanLeadInSeconds === undefined || n === 0) return;
    leadSum += s.meanLeadInSeconds * n;
    leadCount += n;
  });
  const sumDecoys = (pick: (s: MomentScore) => DecoysInTopK): DecoysInTopK => {
    const byKind: Record<string, number> = {};
    for (const s of scores) for (const [kind, n] of Object.entries(pick(s).byKind)) byKind[kind] = (byKind[kind] ?? 0) + n;
    return { total: scores.reduce((sum, s) => sum + pick(s).total, 0), byKind };
  };
  return {
    precisionAtK: scores.length > 0 ? scores.reduce((sum, s) => sum + s.precisionAtK, 0) / scores.length : 0,
    coverage: labels > 0 ? covered / labels : 1,
    covered,
    labels,
    meanLeadInSeconds: leadCount > 0 ? leadSum / leadCount : undefined,
    distractorsInTopK: sumDecoys((s) => s.distractorsInTopK),
    confoundersInTopK: sumDecoys((s) => s.confoundersInTopK),
  };
}
