/**
 * Which chat lag the detector applies to a show: the lag measured on the show itself when the measurement is
 * clear, the caller's override when one is given, the documented default otherwise. The assembler moves every
 * chat-derived input (chat lines, paid messages, gifts, chat mentions) back by it, onto the stream's clock,
 * so they line up with the moment the audience reacted to.
 */
import { DEFAULT_CHAT_LAG_SECONDS, estimateChatLag, type ChatLagEstimate, type ChatLagInput } from '../chat/chatLag.js';
import type { ChatLagRecord } from '../schemas/chatLag.js';

/** Confidence from which a measured lag may replace the default. */
export const MIN_APPLIED_LAG_CONFIDENCE = 0.4;
/**
 * Separate stream events that must be followed by a chat burst at the measured lag, beyond what chance gives,
 * before the lag replaces the default. Confidence alone is not enough on short shows: with five moments, chat
 * unrelated to the stream (shifted by minutes) lined up with 4 loud onsets by chance and claimed confidence up
 * to 0.74 (test/unit/chatLag.test.ts), as high as true lags there. Two-hour shows gather 16 or more.
 */
export const MIN_APPLIED_LAG_SUPPORT = 6;

/** Whether a measurement is clear enough to apply: confident, and agreed on by enough separate moments. */
export function isApplicableLag(estimate: ChatLagEstimate): boolean {
  return (
    estimate.method !== 'default' &&
    estimate.confidence >= MIN_APPLIED_LAG_CONFIDENCE &&
    estimate.supportingEvents - estimate.chanceSupport >= MIN_APPLIED_LAG_SUPPORT
  );
}

/** Where the applied lag came from. */
export type ChatLagSource = ChatLagRecord['appliedFrom'];

export interface ChatLagCalibration {
  /** What the show's own chat and loudness say (kept for the report even when not applied). */
  readonly estimate: ChatLagEstimate;
  /** Seconds chat-derived inputs are moved back by. */
  readonly appliedSeconds: number;
  readonly appliedFrom: ChatLagSource;
}

/**
 * Measures the show's chat lag from loudness onsets and decides what to apply. Speech onsets are left out:
 * live-commerce hosts pitch continuously, so every line would count as an event (see chat/chatLag.ts).
 * @param show the times viewers' lines were posted (before any alignment) and the per-second loudness.
 * @param overrideSeconds the caller's lag (a flag or job option), applied as given.
 */
export function calibrateChatLag(
  show: Pick<ChatLagInput, 'duration' | 'chatTimes' | 'loudness'>,
  overrideSeconds?: number,
): ChatLagCalibration {
  const estimate = estimateChatLag({ duration: show.duration, chatTimes: show.chatTimes, loudness: show.loudness });
  if (overrideSeconds !== undefined) return { estimate, appliedSeconds: overrideSeconds, appliedFrom: 'override' };
  if (isApplicableLag(estimate)) {
    return { estimate, appliedSeconds: Math.round(estimate.lagSeconds * 10) / 10, appliedFrom: 'measured' };
  }
  return { estimate, appliedSeconds: DEFAULT_CHAT_LAG_SECONDS, appliedFrom: 'default' };
}
