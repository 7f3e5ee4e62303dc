import type { AudioAnalysis, ChatMessage, MetricsPoint, ProductMention, Segment, SentimentScore } from '../types.js';

/** Everything the detector reads about one show. All times are seconds from the recording start. */
export interface HighlightInputs {
  readonly showId: string;
  /** Seconds. */
  readonly duration: number;
  /** Loudness per second (LUFS) and silences. */
  readonly audio: AudioAnalysis;
  /** Transcript segments with per-segment sentiment. */
  readonly segments: readonly (Segment & { readonly sentiment: SentimentScore })[];
  /** What viewers wrote (plain and paid messages), scored. */
  readonly chat: readonly (ChatMessage & { readonly sentiment: SentimentScore })[];
  /** Money the audience spent on the moment: paid messages, gifts and memberships (kind != 'message'). */
  readonly supportEvents: readonly ChatMessage[];
  /** Sparse, sorted by t. */
  readonly metrics: readonly MetricsPoint[];
  /** Product mentions in speech and chat. */
  readonly mentions: readonly ProductMention[];
  /** Call-to-action keyword hits in speech (price, link, countdown, 链接, 秒杀, 上车 ...), computed by the caller. */
  readonly ctaMentions: readonly { readonly t: number; readonly term: string }[];
  /** Scene cuts found between keyframes, seconds ([] for audio-only recordings or shows measured without video). */
  readonly sceneChanges: readonly number[];
}
