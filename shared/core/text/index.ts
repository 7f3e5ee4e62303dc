export { detectLanguage } from './language.js';
export { segmentChinese } from './chineseSegmenter.js';
export { tokenize, normaliseForTokens } from './tokenize.js';
export { keywords } from './keywords.js';
export { ENGLISH_STOPWORDS, CHINESE_STOPWORDS, MEANINGFUL_SINGLE_HAN, isStopword } from './stopwords.js';
export { COMMON_WORDS, isCommonWord } from './commonWords.js';
