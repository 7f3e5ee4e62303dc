import { isViewerText } from '../chat/isViewerText.js';
import { findProductMentions } from '../inputs/productMentions.js';
import { findCallToActionMentions } from '../mentions/callToActionMentions.js';
import { scoreSentiment } from '../sentiment/scoreSentiment.js';
import type { AudioAnalysis, ChatMessage, Language, MetricsPoint, Product, Segment } from '../types.js';
import type { HighlightInputs } from './highlightInputs.js';

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
  readonly chat: readonly ChatMessage[];
  readonly metrics: readonly MetricsPoint[];
  readonly products: readonly Product[];
}

/**
 * Scores and annotates a show's evidence into the detector's inputs: sentiment per segment and chat line,
 * product mentions in speech and chat, call-to-action hits in speech. The analyze stage and the evaluation
 * harness both go through here, so what is measured is what ships.
 */
export function assembleHighlightInputs(evidence: ShowEvidence): HighlightInputs {
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
  return {
    showId: evidence.showId,
    duration,
    audio: evidence.audio,
    segments,
    chat,
    supportEvents: evidence.chat.filter((event) => event.t < duration && event.kind !== 'message'),
    metrics: evidence.metrics,
    mentions,
    ctaMentions: findCallToActionMentions(segments),
    sceneChanges: evidence.sceneChanges,
  };
}
