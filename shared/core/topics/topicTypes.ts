/**
 * Types of the topic miner: what one show's audience reacted to and asked about, with evidence.
 * Kept apart from the functions so the miner, the question finder and the aggregator can share them.
 */
import type { ChatMessage, Language, MetricsPoint, ProductMention, Segment, SentimentScore, TimeRange } from '../types.js';

/** Extracts content keywords (stop words removed) from one text; injected so the core stays language-agnostic. */
export type KeywordsOf = (text: string, language: Language) => string[];

/** A clip's id and window, used to point evidence at a clip a planner can watch. */
export interface ClipWindow extends TimeRange {
  readonly id: string;
}

/** Everything the miner needs about one show. */
export interface ShowTopicInputs {
  readonly showId: string;
  readonly language: Language;
  /** Length of the show in seconds. */
  readonly duration: number;
  readonly segments: readonly (Segment & { readonly sentiment: SentimentScore })[];
  readonly chat: readonly (ChatMessage & { readonly sentiment: SentimentScore })[];
  readonly metrics: readonly MetricsPoint[];
  readonly mentions: readonly ProductMention[];
  /** Clip windows, so each piece of evidence can name a clip that overlaps it. */
  readonly clips: readonly ClipWindow[];
}

export type { AudienceQuestion, MinedTopic, ShowTopicEvidence, TopicResponse } from '../schemas/topics.js';
