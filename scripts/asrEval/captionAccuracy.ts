/**
 * How right burned captions are: each recording is cut into clip-sized windows, each window gets its
 * captions from `buildClipCaptions` exactly as the clip stage builds them (reliability gate included),
 * and the words of the burned cues are scored against the recording's reference. The same windows
 * with every word taken as reliable give the ungated precision: what the gate buys. Pure functions.
 */
import type { FrameSize } from '../../shared/core/captions/assDocument.js';
import { buildClipCaptions } from '../../shared/core/captions/buildClipCaptions.js';
import { CAPTION_STYLE_PRESETS, type CaptionStyle } from '../../shared/core/captions/captionStyle.js';
import { cueWords } from '../../shared/core/captions/cueLayout.js';
import { wholeSpan } from '../../shared/core/clips/clipTimeline.js';
import type { Language, Segment, TimeRange, TranscriptEngine } from '../../shared/core/types.js';
import { scoringTokens } from './corpusScore.js';
import { alignHits } from './reliabilityCalibration.js';

/** Clip length the recordings are cut into, seconds: a typical short-video clip. @default 30 */
export const CAPTION_WINDOW_SECONDS = 30;
/** The 9:16 variant, where lines are narrowest (fewest words per cue). */
export const CAPTION_EVAL_FRAME: FrameSize = { width: 1080, height: 1920 };

/** One transcribed recording, segments marked as the transcribe stage stores them. */
export interface CaptionRecording {
  readonly id: string;
  /** Marked segments (`markReliability`), in recording seconds. */
  readonly segments: readonly Segment[];
  readonly engine: TranscriptEngine;
  readonly language: Language;
  /** What was said in the whole recording. */
  readonly reference: string;
  readonly durationSeconds: number;
}

export interface CaptionAccuracyOptions {
  readonly windowSeconds?: number;
  readonly style?: CaptionStyle;
  readonly frame?: FrameSize;
}

/** Caption tokens shown and how many of them are right. */
export interface CaptionTally {
  readonly tokens: number;
  readonly right: number;
  /** right / tokens; undefined when nothing was shown. */
  readonly precision: number | undefined;
}

export interface CaptionAccuracy {
  readonly windows: number;
  /** Windows whose clip would get burned captions. */
  readonly captionedWindows: number;
  /** Tokens of the cues burned through the reliability gate. */
  readonly burned: CaptionTally;
  /** Tokens of every cue, had each been burned (no gate). */
  readonly ungated: CaptionTally;
}

export interface RecordingCaptionAccuracy extends CaptionAccuracy {
  readonly id: string;
}

/** Consecutive windows of `windowSeconds` over [0, duration); the last one is whatever is left. */
export function clipWindows(durationSeconds: number, windowSeconds = CAPTION_WINDOW_SECONDS): TimeRange[] {
  if (!(windowSeconds > 0)) throw new RangeError(`window of ${windowSeconds} s`);
  const windows: TimeRange[] = [];
  for (let start = 0; start < durationSeconds; start += windowSeconds) windows.push({ start, end: Math.min(start + windowSeconds, durationSeconds) });
  return windows;
}

/**
 * The words of the cues a window's clip shows, window by window in recording order. A word straddling
 * two windows is shown in both clips and counted in both (the second is an insertion against the
 * reference), as a viewer of both clips would see it.
 */
export function burnedCaptionWords(
  segments: readonly Segment[],
  engine: TranscriptEngine,
  language: Language,
  windows: readonly TimeRange[],
  options: CaptionAccuracyOptions = {},
): { captionedWindows: number; words: string[] } {
  const style = options.style ?? CAPTION_STYLE_PRESETS.bold;
  const frame = options.frame ?? CAPTION_EVAL_FRAME;
  let captionedWindows = 0;
  const words: string[] = [];
  for (const window of windows) {
    const captions = buildClipCaptions({ segments, engine, language, timeline: wholeSpan(window), style, frame });
    if (!captions.state.burned) continue;
    captionedWindows += 1;
    for (const cue of captions.cues) words.push(...cueWords(cue).map((word) => word.text));
  }
  return { captionedWindows, words };
}

/** Caption tokens of `words` and how many align to an equal reference token (the whole reference, in order). */
export function scoreCaptionWords(words: readonly string[], reference: string, language: Language): CaptionTally {
  const tokens = words.flatMap((word) => scoringTokens(word, language));
  const right = alignHits(scoringTokens(reference, language), tokens).filter(Boolean).length;
  return tally(tokens.length, right);
}

/** Burned and ungated caption precision of one recording. */
export function recordingCaptionAccuracy(recording: CaptionRecording, options: CaptionAccuracyOptions = {}): RecordingCaptionAccuracy {
  const { id, segments, engine, language, reference } = recording;
  const windows = clipWindows(recording.durationSeconds, options.windowSeconds);
  const gated = burnedCaptionWords(segments, engine, language, windows, options);
  // Same layout (cues do not depend on reliability), every cue shown: the gate's contrast.
  const everything = burnedCaptionWords(segments.map(allReliable), engine, language, windows, options);
  return {
    id,
    windows: windows.length,
    captionedWindows: gated.captionedWindows,
    burned: scoreCaptionWords(gated.words, reference, language),
    ungated: scoreCaptionWords(everything.words, reference, language),
  };
}

/** Recordings pooled: token counts summed, so a long recording weighs more than a short one. */
export function poolCaptionAccuracy(results: readonly CaptionAccuracy[]): CaptionAccuracy {
  const sum = (pick: (result: CaptionAccuracy) => number): number => results.reduce((total, result) => total + pick(result), 0);
  return {
    windows: sum((result) => result.windows),
    captionedWindows: sum((result) => result.captionedWindows),
    burned: tally(sum((result) => result.burned.tokens), sum((result) => result.burned.right)),
    ungated: tally(sum((result) => result.ungated.tokens), sum((result) => result.ungated.right)),
  };
}

function tally(tokens: number, right: number): CaptionTally {
  return { tokens, right, precision: tokens > 0 ? right / tokens : undefined };
}

function allReliable(segment: Segment): Segment {
  return { ...segment, reliable: true, ...(segment.words ? { words: segment.words.map((word) => ({ ...word, reliable: true })) } : {}) };
}
