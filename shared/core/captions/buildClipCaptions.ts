/**
 * A clip's captions: the transcript's words in clip time, laid out in the caption style, gated by
 * reliability, as an SRT sidecar and (when burned) an ASS document for the target frame.
 */
import type { ClipTimeline } from '../clips/clipTimeline.js';
import { timelineDuration } from '../clips/clipTimeline.js';
import { formatSrt } from '../inputs/captions.js';
import type { CaptionState } from '../schemas/clipRender.js';
import type { Language, Segment, TranscriptEngine } from '../types.js';
import { assDocument, styleMetrics, type FrameSize } from './assDocument.js';
import { gateCues } from './captionGate.js';
import type { CaptionStyle } from './captionStyle.js';
import { captionPhrases } from './captionWords.js';
import { layoutCues, settleCueTimes, type CaptionCue } from './cueLayout.js';
import { joinWords } from './lineBreaking.js';

/** What {@link buildClipCaptions} needs: the transcript, the clip's timeline, a style and the target frame. */
export interface ClipCaptionsRequest {
  /** The transcript's segments, in source seconds (all of them: those outside the clip are skipped). */
  readonly segments: readonly Segment[];
  /** The engine that produced them. */
  readonly engine: TranscriptEngine;
  /** The show's language. Layout follows each word's script, so it is recorded, not needed. */
  readonly language: Language;
  /** The clip's kept spans (`wholeSpan(window)` for an untrimmed clip). */
  readonly timeline: ClipTimeline;
  readonly style: CaptionStyle;
  /** The variant the captions are burned into. */
  readonly frame: FrameSize;
}

/** A clip's captions for one frame size. */
export interface ClipCaptions {
  /** For `meta.json` `captions`. */
  readonly state: CaptionState;
  /** The cues shown, in clip seconds (empty when not burned). */
  readonly cues: readonly CaptionCue[];
  /** SRT sidecar with exactly the cues burned (empty text when not burned). */
  readonly srt: string;
  /** ASS document to burn; undefined when captions are not burned. */
  readonly ass: string | undefined;
}

/**
 * Builds a clip's captions for one frame size. Line breaks depend on the frame (a big font on a
 * narrow frame holds fewer columns), so call once per variant; the state is the same for each
 * variant of a style unless the style's font does not fit a frame's width.
 */
export function buildClipCaptions(request: ClipCaptionsRequest): ClipCaptions {
  const { segments, engine, timeline, style, frame } = request;
  if (!(frame.width > 0 && frame.height > 0)) throw new RangeError(`frame ${frame.width}x${frame.height} has no area`);
  const phrases = captionPhrases(segments, engine, timeline);
  const laidOut = layoutCues(phrases, style, styleMetrics(style, frame).maxColumns);
  const gate = gateCues(laidOut, engine);
  const state: CaptionState = { burned: gate.burned, source: engine, reliability: gate.reliability, reason: gate.reason, style: style.name };
  if (!gate.burned) return { state, cues: [], srt: '', ass: undefined };
  const cues = settleCueTimes(gate.reliableCues, timelineDuration(timeline));
  const srt = formatSrt(cues.map((cue) => ({ start: cue.start, end: cue.end, text: cueLines(cue).join('\n') })));
  return { state, cues, srt, ass: assDocument(cues, style, frame) };
}

/** A cue's lines as plain text. */
export const cueLines = (cue: CaptionCue): string[] => cue.lines.map((line) => joinWords(line.map((word) => word.text)));
