import type { TimeRange } from '../types.js';

/** A prediction counts as a hit when its IoU with a label reaches this, or when it contains the label's centre. */
export const MIN_HIT_IOU = 0.3;

/** Intersection over union of two time ranges (0 when disjoint or degenerate). */
export function intersectionOverUnion(a: TimeRange, b: TimeRange): number {
  const intersection = Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
  const union = Math.max(a.end, b.end) - Math.min(a.start, b.start);
  return union > 0 ? intersection / union : 0;
}

/** The hit rule of the evaluation: IoU >= 0.3, or the prediction contains the label's centre. */
export function isHit(predicted: TimeRange, label: TimeRange): boolean {
  const centre = (label.start + label.end) / 2;
  return intersectionOverUnion(predicted, label) >= MIN_HIT_IOU || (predicted.start <= centre && centre <= predicted.end);
}

/**
 * One-to-one matching of ranked predictions to labels: in rank order, each prediction takes the unclaimed
 * label it hits with the highest IoU (ties: the earlier label). A second prediction on an already claimed
 * label is a miss: a duplicate clip of the same moment is no new highlight.
 * Returns, per prediction (same order), the index of its label or undefined.
 */
export function matchHighlights(ranked: readonly TimeRange[], labels: readonly TimeRange[]): (number | undefined)[] {
  const claimed = new Uint8Array(labels.length);
  return ranked.map((predicted) => {
    let best: number | undefined;
    let bestIou = -1;
    labels.forEach((label, index) => {
      if (claimed[index] === 1 || !isHit(predicted, label)) return;
      const iou = intersectionOverUnion(predicted, label);
      if (iou > bestIou) [best, bestIou] = [index, iou];
    });
    if (best !== undefined) claimed[best] = 1;
    return best;
  });
}
