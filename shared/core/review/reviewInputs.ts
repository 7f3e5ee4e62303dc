/**
 * What the show review reads: one show's evidence as the pipeline stored it. The review is a pure function of
 * these (no clock, no storage), so the same show always gets the same review.
 */
import type { AudienceQuestion } from '../schemas/topics.js';
import type { ChatMessage, ComplianceFlag, Language, MetricsPoint, Product, ProductMention, Segment, TimeRange } from '../types.js';

/** A clip's id and window, so evidence can point at a clip a planner can watch. */
export interface ReviewClip extends TimeRange {
  readonly id: string;
}

export interface ShowReviewInputs {
  readonly showId: string;
  readonly language: Language;
  /** Length of the recording in seconds. */
  readonly duration: number;
  /**
   * Every transcript segment, with its `reliable` flag. Any segment is evidence that the host was talking;
   * only reliable ones are quoted or searched for words.
   */
  readonly segments: readonly Segment[];
  /** The whole chat log on the stream's clock (every kind: messages, paid, gifts, members). */
  readonly chat: readonly ChatMessage[];
  /** Metrics rows sorted by `t` ([] without a metrics file). */
  readonly metrics: readonly MetricsPoint[];
  /** products.json ([] without one). */
  readonly products: readonly Product[];
  /** Product mentions in reliable speech and in chat. */
  readonly mentions: readonly ProductMention[];
  /** Silent stretches the audio stage measured. */
  readonly silences: readonly TimeRange[];
  readonly compliance: readonly ComplianceFlag[];
  /** Audience questions as the topic miner found them (answered or not). */
  readonly questions: readonly AudienceQuestion[];
  readonly clips: readonly ReviewClip[];
}
