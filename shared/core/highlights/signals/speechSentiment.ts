import { median, movingAverage, robustSpread } from '../robustStats.js';
import { signed, valueAt } from './evidenceText.js';
import { sentimentIntensity } from './sentimentIntensity.js';
import { defineSignal } from './signal.js';

/**
 * Smallest speech-sentiment spread, intensity units (scores are in [-1, 1]): with sparse lexicon hits
 * the measured spread is tiny, and one mildly positive sentence (0.3) must not read as a 4-sigma event;
 * with this floor a sentence needs a score of about +0.5 (or −0.75) to reach z = 3.
 */
const MIN_SPEECH_SENTIMENT_SPREAD = 0.25;

/** Speech sentiment intensity per second (most intense segment covering it), smoothed and normalised per show. */
export const speechSentiment = defineSignal({
  name: 'speechSentiment',
  measure({ inputs: { segments }, seconds: n, config }) {
    const intensity = new Array<number>(n).fill(0);
    const score = new Array<number>(n).fill(0);
    for (const segment of segments) {
      const value = sentimentIntensity(segment.sentiment);
      if (value <= 0) continue;
      const from = Math.max(0, Math.floor(segment.start));
      const to = Math.min(n, Math.max(from + 1, Math.ceil(segment.end)));
      for (let i = from; i < to; i++) {
        if (value > (intensity[i] ?? 0)) {
          intensity[i] = value;
          score[i] = segment.sentiment.score;
        }
      }
    }
    const smoothed = movingAverage(intensity, config.smoothingSeconds);
    const center = median(smoothed);
    const spread = robustSpread(smoothed, MIN_SPEECH_SENTIMENT_SPREAD, center);
    return {
      z: smoothed.map((v) => (v - center) / spread),
      evidence: {
        /** Signed sentiment score of the most intense speech segment covering the second (0 if none). */
        score,
      },
    };
  },
  explain: ({ score }, at, value) => {
    const s = valueAt(score, at);
    return `speech sentiment z=${value.toFixed(1)} (${s >= 0 ? 'positive' : 'negative'}, score ${signed(s, 2)})`;
  },
});
