/**
 * Which transcript text may be quoted as said (clip titles, descriptions, burned captions).
 *
 * Engines report a confidence (0..1) per word and/or per segment; this module turns it into the
 * stored `reliable` flags against calibrated per-engine thresholds. Scoring (the engines' confidence)
 * is kept apart from deciding (here), so thresholds can be re-tuned from `npm run eval:asr` output.
 *
 * Rules, per segment:
 * - captions are the show's own text: every segment and word is reliable, confidence 1;
 * - a word is reliable when its own confidence >= the engine's `word` threshold and it has at least
 *   `minLetters` letters (pocketsphinx's posteriors say little about short words: stutters and
 *   function words such as "and", "that" come out confident and wrong);
 * - a segment whose words carry confidences is reliable when at least `segmentWordShare` of its
 *   words are reliable ("mostly right": the quoted text is the whole segment, so the share bounds
 *   how many doubtful words a quote may carry);
 * - a segment without word confidences is reliable when its own confidence >= the `segment`
 *   threshold, and its words (if any) inherit that verdict (OpenAI whisper-1 times words but gives
 *   them no probability);
 * - no confidence at all (the ffmpeg `asr` fallback, local Whisper through a binding that reports no
 *   probabilities): nothing is reliable.
 * Every segment and word comes out with `reliable` set (true or false); marking is idempotent.
 */
import type { Segment, TranscriptEngine, Word } from '../types.js';

/** Per-engine thresholds, all on the engine's 0..1 confidence scale. */
export interface ReliabilityThreshold {
  /** A word is reliable when its confidence is at least this. */
  readonly word: number;
  /** A segment without word confidences is reliable when its own confidence is at least this. */
  readonly segment: number;
  /** Share (0..1) of a segment's words that must be reliable for the segment to be. */
  readonly segmentWordShare: number;
  /** Letters (any script) a word needs before its confidence counts; shorter words are never reliable. */
  readonly minLetters: number;
}

/** Engines whose output is judged by confidence (captions are trusted; 'none' has no text). */
export type ScoredEngine = Exclude<TranscriptEngine, 'captions' | 'none'>;

/**
 * Calibrated thresholds (see `npm run eval:asr`, which prints precision per confidence bucket and
 * the precision/coverage of text marked reliable).
 */
export const RELIABILITY_THRESHOLDS: Readonly<Record<ScoredEngine, ReliabilityThreshold>> = {
  // Posteriors from pocketsphinx_continuous (Debian en-us model), calibrated with `npm run eval:asr --
  // --engines pocketsphinx --sets librivox,shared-en` (13 files, 196 s, 408 words heard, 47.8% right):
  // - words >= 0.9 with >= 4 letters: 93.3% right, 11.0% of heard words (45 words; LibriVox 15 of 15,
  //   shared-en 27 of 30). >= 0.85: 88.2%, 12.5%; >= 0.8: 83.1%, 14.5%. 0.9 keeps a margin over the
  //   85% goal on a sample this small;
  // - confidence alone cannot get there: >= 0.85 is 74.8% right, >= 0.9 76.4%, >= 0.95 71.6%. Short
  //   words come out confident and wrong, mostly on lucier.mp3 (a stuttered reading whose reference
  //   leaves the stutters out);
  // - whole utterances are almost never mostly right: 0.2% of heard words sit in reliable segments.
  //   So pocketsphinx text is quoted word by word (product names, keywords: `reliableWords`), almost
  //   never as a sentence.
  pocketsphinx: { word: 0.9, segment: 0.9, segmentWordShare: 0.8, minLetters: 4 },
  // Not calibrated here (no API key on the calibration machine): segment confidence is
  // exp(avg_logprob) reduced by no_speech_prob (shared/adapters/transcription/whisperConfidence.ts);
  // 0.5 is avg_logprob ~ -0.7, between Whisper's own fallback bound (-1) and typical clean speech (-0.3).
  openai: { word: 0.5, segment: 0.5, segmentWordShare: 0.8, minLetters: 1 },
  // Same scale as openai; @fugood/whisper.node 1.1.1 returns no probabilities, so today nothing local
  // Whisper hears is marked reliable.
  'whisper-local': { word: 0.5, segment: 0.5, segmentWordShare: 0.8, minLetters: 1 },
};

/** The segments with `reliable` (and, for captions, `confidence: 1`) set on every segment and word. */
export function markReliability(
  segments: readonly Segment[],
  engine: TranscriptEngine,
  thresholds: Readonly<Record<ScoredEngine, ReliabilityThreshold>> = RELIABILITY_THRESHOLDS,
): Segment[] {
  if (engine === 'captions') return segments.map(trusted);
  if (engine === 'none') return segments.map((segment) => withVerdict(segment, false));
  const threshold = thresholds[engine];
  return segments.map((segment) => judgeSegment(segment, threshold));
}

/** One segment judged against one engine's threshold (see the module rules). */
export function judgeSegment(segment: Segment, threshold: ReliabilityThreshold): Segment {
  const words = segment.words ?? [];
  if (words.some((word) => word.confidence !== undefined)) {
    const judged = words.map((word): Word => ({
      ...word,
      reliable: word.confidence !== undefined && word.confidence >= threshold.word && letters(word.text) >= threshold.minLetters,
    }));
    const share = judged.filter((word) => word.reliable).length / judged.length;
    return { ...segment, words: judged, reliable: share >= threshold.segmentWordShare };
  }
  return withVerdict(segment, segment.confidence !== undefined && segment.confidence >= threshold.segment);
}

/**
 * The segment's text when it may be quoted as said; undefined when it is not known to be reliable
 * (unmarked, or marked unreliable). Consumers show or summarise other text, never quote it.
 */
export function reliableText(segment: Segment): string | undefined {
  return segment.reliable === true ? segment.text : undefined;
}

/**
 * The words marked reliable, in order: what may be quoted from a segment that is not reliable as a
 * whole (a product name heard clearly inside a doubtful sentence). [] without words.
 */
export function reliableWords(segment: Segment): Word[] {
  return (segment.words ?? []).filter((word) => word.reliable === true);
}

const letters = (text: string): number => text.match(/\p{L}/gu)?.length ?? 0;

function trusted(segment: Segment): Segment {
  return {
    ...segment,
    confidence: 1,
    reliable: true,
    ...(segment.words ? { words: segment.words.map((word) => ({ ...word, confidence: 1, reliable: true })) } : {}),
  };
}

function withVerdict(segment: Segment, reliable: boolean): Segment {
  return { ...segment, reliable, ...(segment.words ? { words: segment.words.map((word) => ({ ...word, reliable })) } : {}) };
}
