export type { KeywordsOf } from './clipCopy.js';
export { MAX_HASHTAGS, MAX_TITLE_CHARS, clipCopy, toHashtag } from './clipCopy.js';
export { MAX_CUE_CHARS, captionCues, splitText } from './captionCues.js';
