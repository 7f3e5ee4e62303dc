import { median, movingSum, robustSpread, rollingMedian } from '../robustStats.js';
import { valueAt } from './evidenceText.js';
import { defineSignal } from './signal.js';

/**
 * Smallest speech-rate spread, as a share of the show's median rate: captions and ASR segments give a
 * rate per sentence, and a show read at a steady pace would otherwise make a 5 % faster line an outlier.
 */
const MIN_SPEECH_RATE_SPREAD_SHARE = 0.08;
/** A second counts as spoken when a transcript segment covers at least this share of it. */
const SPOKEN_SHARE = 0.5;

/**
 * Speech rate: words (English) or characters (Chinese) per second of speech, from each transcript segment's
 * text over its duration, smoothed over the spoken seconds and compared with the show's rolling median
 * pace. Only faster-than-usual talk counts: hosts speed up when they get excited or count down a sale.
 */
export const speechRate = defineSignal({
  name: 'speechRate',
  measure({ inputs: { segments }, seconds: n, config }) {
    const units = new Float64Array(n);
    const covered = new Float64Array(n);
    for (const segment of segments) {
      const length = segment.end - segment.start;
      const count = speechUnits(segment.text);
      if (!(length > 0) || count === 0) continue;
      const pace = count / length;
      const from = Math.max(0, Math.floor(segment.start));
      const to = Math.min(n, Math.ceil(segment.end));
      for (let i = from; i < to; i++) {
        const overlap = Math.min(i + 1, segment.end) - Math.max(i, segment.start);
        if (overlap <= 0) continue;
        units[i] = (units[i] ?? 0) + pace * overlap;
        covered[i] = (covered[i] ?? 0) + overlap;
      }
    }
    const spokenSum = new Array<number>(n);
    const spokenCount = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      const spoken = (covered[i] ?? 0) >= SPOKEN_SHARE;
      spokenSum[i] = spoken ? (units[i] ?? 0) / (covered[i] ?? 1) : 0;
      spokenCount[i] = spoken ? 1 : 0;
    }
    const sums = movingSum(spokenSum, config.smoothingSeconds);
    const counts = movingSum(spokenCount, config.smoothingSeconds);
    const rate = sums.map((sum, i) => (spokenCount[i] === 1 && (counts[i] ?? 0) > 0 ? sum / (counts[i] ?? 1) : Number.NaN));
    const baseline = rollingMedian(rate, config.baselineWindowSeconds);
    const excess = rate.map((r, i) => (Number.isFinite(r) && Number.isFinite(baseline[i]) ? r - (baseline[i] ?? 0) : 0));
    const spoken = rate.filter(Number.isFinite);
    const spread = robustSpread(
      excess.filter((_, i) => Number.isFinite(rate[i])),
      Math.max(1e-6, MIN_SPEECH_RATE_SPREAD_SHARE * median(spoken)),
      0,
    );
    return {
      z: excess.map((e) => e / spread),
      evidence: {
        /** Speech units (words; Chinese characters) per second, smoothed over spoken seconds (0 where nobody speaks). */
        rate: rate.map((r) => (Number.isFinite(r) ? r : 0)),
        /** The show's rolling median of `rate`. */
        baseline: baseline.map((b) => (Number.isFinite(b) ? b : 0)),
      },
    };
  },
  explain: ({ rate, baseline }, at, value) =>
    `speech rate ${valueAt(rate, at).toFixed(1)}/s (usually ${valueAt(baseline, at).toFixed(1)}/s), z=${value.toFixed(1)}`,
});

/** Latin words plus Han characters: one unit is roughly one syllable-ish chunk of speech in either language. */
function speechUnits(text: string): number {
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  const words = text.replace(/\p{Script=Han}/gu, ' ').match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu)?.length ?? 0;
  return han + words;
}
