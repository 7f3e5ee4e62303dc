import type { AudioAnalysis, ChatMessage, MetricsPoint, ProductMention, Segment, SentimentScore } from '../types.js';
import type { OnStreamClock } from './streamClock.js';

/**
 * Everything the detector reads about one show. All times `t` are seconds on the stream's clock (from the
 * recording start): chat-derived items are already moved back by the show's chat lag and keep the time they
 * were posted in `postedAt` (see streamClock.ts).
 */
export interface HighlightInputs {
  readonly showId: string;
  /** Seconds. */
  readonly duration: number;
  /** Loudness per second (LUFS) and silences. */
  readonly audio: AudioAnalysis;
  /** Transcript segments with per-segment sentiment. */
  readonly segments: readonly (Segment & { readonly sentiment: SentimentScore })[];
  /** What viewers wrote (plain and paid messages), scored. */
  readonly chat: readonly OnStreamClock<ChatMessage & { readonly sentiment: SentimentScore }>[];
  /** Money the audience spent on the moment: paid messages, gifts and memberships (kind != 'message'). */
  readonly supportEvents: readonly OnStreamClock<ChatMessage>[];
  /** Sparse, sorted by t. */
  readonly metrics: readonly MetricsPoint[];
  /** Product mentions in speech (`postedAt` = `t`, when said) and chat. */
  readonly mentions: readonly OnStreamClock<ProductMention>[];
  /** Call-to-action keyword hits in speech (price, link, countdown, 链接, 秒杀, 上车 ...), computed by the caller. */
  readonly ctaMentions: readonly { readonly t: number; readonly term: string }[];
  /** Scene cuts found between keyframes, seconds ([] for audio-only recordings or shows measured without video). */
  readonly sceneChanges: readonly number[];
}
