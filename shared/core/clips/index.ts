export { MAX_HASHTAGS, MAX_TITLE_CHARS, clipCopy, copyMaterial, toHashtag, type ClipCopyOptions, type CopyMaterial, type KeywordsOf } from './clipCopy.js';
export { copyComplianceFlags, tripsRule } from './copyCompliance.js';
export { isSponsorRead } from './sponsorRead.js';
export { quoteClause } from './quoteClause.js';
export { showClipCopy } from './showClipCopy.js';
export { MAX_DESCRIPTION_CHARS, copyProblems, type CopyCheckContext } from './copyProblems.js';
export { FILLER_WORDS, isFiller } from './fillerWords.js';
export { DEFAULT_TRIM_OPTIONS, planTrim, type TimedWord, type TrimInput, type TrimOptions } from './trimPlan.js';
export {
  MAX_REFRAME_UPSCALE,
  NOMINAL_VARIANT_SIZES,
  aspectRatio,
  cropWindow,
  hasShape,
  variantFit,
  variantSize,
  defaultAspects,
  type FrameSize,
  type VariantFit,
} from './variantSize.js';
