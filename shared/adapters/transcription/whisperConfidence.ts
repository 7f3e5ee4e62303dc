/**
 * Whisper's own decoding scores -> a 0..1 confidence, for OpenAI's `verbose_json` segments and for
 * local whisper.cpp where its binding reports them. Pure.
 *
 * Mapping (documented in docs/formats.md):
 * - exp(avg_logprob): the geometric mean of the segment's token probabilities (0..1);
 * - times (1 - no_speech_prob): text the model itself thinks is probably not speech is worth less;
 * - compression_ratio above 2.4 (Whisper's own repetition bound: the text gzips too well, i.e. it
 *   loops) caps it at 0.1, whatever the log probability says.
 */

/** Whisper's `compression_ratio_threshold` (openai/whisper transcribe.py): above it the text is repetitive. */
export const COMPRESSION_RATIO_LIMIT = 2.4;
/** Confidence ceiling of a repetitive segment. */
export const REPETITIVE_CONFIDENCE_CAP = 0.1;

/** A segment's scores as Whisper reports them; any may be missing. */
export interface WhisperSegmentScores {
  /** Mean log probability of the segment's tokens (<= 0). */
  readonly avgLogprob?: number | null;
  /** Probability (0..1) that the window holds no speech. */
  readonly noSpeechProb?: number | null;
  /** gzip compression ratio of the segment's text. */
  readonly compressionRatio?: number | null;
}

/** The segment's confidence (0..1, 3 decimals), or undefined when Whisper reported no log probability. */
export function whisperSegmentConfidence(scores: WhisperSegmentScores): number | undefined {
  const { avgLogprob, noSpeechProb, compressionRatio } = scores;
  if (typeof avgLogprob !== 'number' || !Number.isFinite(avgLogprob)) return undefined;
  return scoredConfidence(Math.exp(Math.min(0, avgLogprob)), noSpeechProb, compressionRatio);
}

/**
 * A probability (e.g. mean token probability) reduced by the no-speech probability and capped for
 * repetitive text, as {@link whisperSegmentConfidence} does for exp(avg_logprob).
 */
export function scoredConfidence(probability: number, noSpeechProb?: number | null, compressionRatio?: number | null): number {
  let confidence = clamp01(probability);
  if (typeof noSpeechProb === 'number' && Number.isFinite(noSpeechProb)) confidence *= 1 - clamp01(noSpeechProb);
  if (typeof compressionRatio === 'number' && compressionRatio > COMPRESSION_RATIO_LIMIT) confidence = Math.min(confidence, REPETITIVE_CONFIDENCE_CAP);
  return Math.round(confidence * 1000) / 1000;
}

const clamp01 = (value: number): number => (Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0);
