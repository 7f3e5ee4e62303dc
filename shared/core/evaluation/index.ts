export { labelSchema, labelsSchema, parseLabels, type HighlightLabel } from './labels.js';
export { MIN_HIT_IOU, intersectionOverUnion, isHit, matchHighlights } from './matchHighlights.js';
export {
  PRECISION_CUTOFFS,
  aggregateScores,
  scoreShow,
  type PrecisionCutoff,
  type SetScore,
  type ShowScore,
} from './scoreHighlights.js';
export { ablationVariants, type DetectorVariant } from './ablations.js';
export {
  COVERED_OPENING_SECONDS,
  MAX_COVERING_CLIP_SECONDS,
  MIN_DECOY_OVERLAP_SECONDS,
  aggregateMomentScores,
  coversOpening,
  decoysInTopK,
  scoreAtMoments,
  type Decoy,
  type DecoysInTopK,
  type MomentScore,
  type SetMomentScore,
} from './momentScores.js';
