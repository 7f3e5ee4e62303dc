export {
  scoreSentiment,
  scoreTerms,
  SENTIMENT_NORMALISATION_ALPHA,
  NEGATION_SCALAR,
  NEGATION_SCOPE_TERMS,
  INTENSIFIER_SCOPE_TERMS,
  EXCLAMATION_BOOST,
  MAX_EXCLAMATIONS,
} from './scoreSentiment.js';
export { sentimentTimeline, SENTIMENT_POLARITY_THRESHOLD } from './sentimentTimeline.js';
export { sentimentTerms, type SentimentTerm } from './sentimentTerms.js';
export { CHINESE_LEXICON } from './chineseLexicon.js';
export { ENGLISH_LEXICON } from './englishLexicon.js';
export { EMOJI_VALENCE, EMOTICON_VALENCE } from './emojiLexicon.js';
export type { LexiconEntry } from './lexiconEntry.js';
export {
  classifySentiment,
  evaluateSentiment,
  evaluatePredictions,
  calibrateNeutralBand,
  labelledTextSchema,
  SENTIMENT_NEUTRAL_BAND,
  NEUTRAL_BAND_CANDIDATES,
  SENTIMENT_LABELS,
  type SentimentLabel,
  type LabelledText,
  type LabelMetrics,
  type SentimentEvaluation,
} from './evaluateSentiment.js';
