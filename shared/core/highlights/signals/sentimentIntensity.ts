import type { SentimentScore } from '../../types.js';

/** Positive reactions weigh more than negative ones: clips are picked for delight, not for rows. */
const POSITIVE_EMPHASIS = 1.5;

/** Emotional intensity of one text: |score|, positive emphasised, 0 when no lexicon evidence. */
export function sentimentIntensity(sentiment: SentimentScore): number {
  if (sentiment.hits <= 0 || !Number.isFinite(sentiment.score)) return 0;
  const magnitude = Math.min(1, Math.abs(sentiment.score));
  return sentiment.score > 0 ? magnitude * POSITIVE_EMPHASIS : magnitude;
}
