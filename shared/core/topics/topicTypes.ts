/**
 * Types of the topic miner: what one show's audience reacted to and asked about, with evidence.
 * Kept apart from the functions so the miner, the question finder and the aggregator can share them.
 */
import type {
  ChatMessage,
  Language,
  MetricsPoint,
  ProductMention,
  Segment,
  SentimentScore,
  TimeRange,
  TopicEvidence,
} from '../types.js';

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

/** How the audience responded while a topic was on air. */
export interface TopicResponse {
  /** Chat messages per second during the topic divided by the show's mean rate (1 = average, 0 = no chat). */
  readonly chatRate: number;
  /** Mean sentiment score in [-1, 1] of the chat messages that carried sentiment; 0 when none did. */
  readonly sentiment: number;
  /** Orders gained during the topic (from cumulative order-count diffs, prorated over sample intervals). */
  readonly orders: number;
}

/** A keyphrase or product the show talked about, with the audience's response to it. */
export interface MinedTopic {
  /** Stable key shared across shows: `kw:<phrase>` or `product:<name>`, lower-case. */
  readonly key: string;
  readonly label: string;
  readonly kind: 'keyphrase' | 'product';
  /** Time spans in which the topic was discussed (mentions less than a minute apart merged). */
  readonly spans: readonly TimeRange[];
  /** Number of times the topic was mentioned in speech (or in chat, for products only chat mentions). */
  readonly mentions: number;
  readonly response: TopicResponse;
  readonly score: number;
  readonly evidence: readonly TopicEvidence[];
}

/** A question a viewer asked in chat, and whether the host answered it soon after. */
export interface AudienceQuestion {
  /** Second of the first time it was asked. */
  readonly t: number;
  readonly user: string;
  readonly text: string;
  /** The question's keywords, unique and sorted: two questions with the same set count as one. */
  readonly keywords: readonly string[];
  /** How many chat messages asked this (same keyword set). */
  readonly count: number;
  /** How many distinct viewers asked it. */
  readonly askers: number;
  readonly answered: boolean;
  /** Second at which the transcript had covered enough of the question's keywords. */
  readonly answeredAt?: number;
  /** A clip overlapping the question's time, when one does. */
  readonly clipId?: string;
}

/** One show's mined topics and audience questions: the unit `suggestTopics` aggregates. */
export interface ShowTopicEvidence {
  readonly showId: string;
  readonly language: Language;
  readonly topics: readonly MinedTopic[];
  readonly questions: readonly AudienceQuestion[];
}
