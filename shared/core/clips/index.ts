export type { KeywordsOf } from './clipCopy.js';
export { MAX_HASHTAGS, MAX_TITLE_CHARS, clipCopy, toHashtag } from './clipCopy.js';
export { MAX_CUE_CHARS, captionCues, splitText } from './captionCues.js';
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
  type FrameSize,
  type VariantFit,
} from './variantSize.js';
