import { movingSum, robustSpread, rollingMedian } from '../robustStats.js';
import { formatSeconds, valueAt } from './evidenceText.js';
import { defineSignal } from './signal.js';

/** Smallest chat-sentiment spread, intensity units (≈ one clearly emotional message per window). */
const MIN_CHAT_SENTIMENT_SPREAD = 1;

/**
 * Chat sentiment: summed emotional intensity of viewers' lines per chat window (positive emphasised), above its
 * rolling median, in robust spreads.
 */
export const chatSentiment = defineSignal({
  name: 'chatSentiment',
  measure({ chatLines, config }) {
    const window = config.chatWindowSeconds;
    const intensity = movingSum(chatLines.intensity, window);
    const baseline = rollingMedian(intensity, config.baselineWindowSeconds);
    const excess = intensity.map((v, i) => v - (baseline[i] ?? 0));
    const spread = robustSpread(excess, MIN_CHAT_SENTIMENT_SPREAD, 0);
    return {
      z: excess.map((v) => v / spread),
      evidence: {
        /** Positive viewer lines in the chat window (questions and reactions left out). */
        positive: movingSum(chatLines.positive, window),
        /** Negative viewer lines in the chat window. */
        negative: movingSum(chatLines.negative, window),
      },
    };
  },
  explain: ({ positive, negative }, at, value, config) =>
    `chat sentiment z=${value.toFixed(1)} (${Math.round(valueAt(positive, at))} positive, ${Math.round(valueAt(negative, at))} negative msgs in ${formatSeconds(config.chatWindowSeconds)})`,
});
