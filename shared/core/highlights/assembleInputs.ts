import { isViewerText } from '../chat/isViewerText.js';
import { findProductMentions } from '../inputs/productMentions.js';
import { findCallToActionMentions } from '../mentions/callToActionMentions.js';
import { scoreSentiment } from '../sentiment/scoreSentiment.js';
import type { AudioAnalysis, ChatMessage, Language, MetricsPoint, Product, Segment } from '../types.js';
import { calibrateChatLag, type ChatLagCalibration } from './calibrateChatLag.js';
import type { HighlightInputs } from './highlightInputs.js';
import { onStreamClock } from './streamClock.js';

/** What is known about one show before detection: measurements, transcript and side inputs. */
export interface ShowEvidence {
  readonly showId: string;
  readonly language: Language;
  /** Seconds; chat after it is left out. */
  readonly duration: number;
  readonly audio: AudioAnalysis;
  /** Scene cuts between keyframes, seconds. */
  readonly sceneChanges: readonly number[];
  readonly segments: readonly Segment[];
  /** As logged: times are when each event was posted. */
  readonly chat: readonly ChatMessage[];
  readonly metrics: readonly MetricsPoint[];
  readonly products: readonly Product[];
}

export interface AssembleOptions {
  /** The caller's chat lag (a flag or job option), seconds, applied instead of the measured one. */
  readonly chatLagSeconds?: number;
}

/** The detector's inputs and the chat lag they were aligned with (for the report). */
export interface AssembledShow {
  readonly inputs: HighlightInputs;
  readonly chatLag: ChatLagCalibration;
}

/**
 * Scores and annotates a show's evidence into the detector's inputs: sentiment per segment and chat line,
 * product mentions in speech and chat, call-to-action hits in speech. Then measures the show's chat lag and
 * moves every chat-derived input back by it, onto the stream's clock, so the signals line up with the moment
 * the audience reacted to rather than with their typing. The analyze stage and the evaluation harness both
 * go through here, so what is measured is what ships.
 */
export function assembleHighlightInputs(evidence: ShowEvidence, options: AssembleOptions = {}): AssembledShow {
  const { duration, language } = evidence;
  const segments = evidence.segments.map((segment) => ({ ...segment, sentiment: scoreSentiment(segment.text, language) }));
  // Only what viewers wrote feeds the text signals (rate, sentiment, questions, reactions, mentions).
  const chat = evidence.chat
    .filter((line) => line.t < duration && isViewerText(line))
    .map((line) => ({ ...line, sentiment: scoreSentiment(line.text) }));
  const mentions = findProductMentions(
    [
      ...segments.map((segment) => ({ t: segment.start, text: segment.text, source: 'speech' as const })),
      ...chat.map((line) => ({ t: line.t, text: line.text, source: 'chat' as const })),
    ],
    evidence.products,
  );
  // Calibration correlates the times chat was posted with the stream, so it runs before the alignment.
  const chatLag = calibrateChatLag({ duration, chatTimes: chat.map((line) => line.t), loudness: evidence.audio.loudness }, options.chatLagSeconds);
  const lag = chatLag.appliedSeconds;
  return {
    inputs: {
      showId: evidence.showId,
      duration,
      audio: evidence.audio,
      segments,
      chat: chat.map((line) => onStreamClock(line, lag)),
      supportEvents: evidence.chat.filter((event) => event.t < duration && event.kind !== 'message').map((event) => onStreamClock(event, lag)),
      metrics: evidence.metrics,
      mentions: mentions.map((mention) => onStreamClock(mention, mention.source === 'chat' ? lag : 0)),
      ctaMentions: findCallToActionMentions(segments),
      sceneChanges: evidence.sceneChanges,
    },
    chatLag,
  };
}
