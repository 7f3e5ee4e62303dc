/** Topic mining and suggestions: what one show's audience reacted to and asked about, with evidence. */
import { z } from 'zod';
import { languageSchema, readonlyArray, readonlyObject, timeRangeSchema } from './basics.js';

/** One quote or moment that backs a topic, and the clip that shows it, when one does. */
export const topicEvidenceSchema = readonlyObject({
  showId: z.string(),
  t: z.number(),
  quote: z.string(),
  source: z.enum(['speech', 'chat', 'metrics']),
  clipId: z.string().optional(),
});
export type TopicEvidence = z.infer<typeof topicEvidenceSchema>;

/** A topic suggested for upcoming shows, with its evidence. */
export const topicSuggestionSchema = readonlyObject({
  topic: z.string(),
  kind: z.enum(['keyphrase', 'product', 'question']),
  /** Ranking score (higher = stronger audience response). */
  score: z.number(),
  why: z.string(),
  evidence: readonlyArray(topicEvidenceSchema),
  /** A segment pitch for an upcoming show, where a language model wrote one. */
  pitch: z.string().optional(),
});
export type TopicSuggestion = z.infer<typeof topicSuggestionSchema>;

/** How the audience responded while a topic was on air. */
export const topicResponseSchema = readonlyObject({
  /** Chat messages per second during the topic divided by the show's mean rate (1 = average, 0 = no chat). */
  chatRate: z.number(),
  /** Mean sentiment score in [-1, 1] of the chat messages that carried sentiment; 0 when none did. */
  sentiment: z.number(),
  /** Orders gained during the topic (from cumulative order-count diffs, prorated over sample intervals). */
  orders: z.number(),
});
export type TopicResponse = z.infer<typeof topicResponseSchema>;

/** A keyphrase or product the show talked about, with the audience's response to it. */
export const minedTopicSchema = readonlyObject({
  /** Stable key shared across shows: `kw:<phrase>` or `product:<name>`, lower-case. */
  key: z.string(),
  label: z.string(),
  kind: z.enum(['keyphrase', 'product']),
  /** Time spans in which the topic was discussed (mentions less than a minute apart merged). */
  spans: readonlyArray(timeRangeSchema),
  /** Number of times the topic was mentioned in speech (or in chat, for products only chat mentions). */
  mentions: z.number(),
  response: topicResponseSchema,
  score: z.number(),
  evidence: readonlyArray(topicEvidenceSchema),
  /** Keyphrases said in the same lines, folded into this theme (味道很淡 and 几乎闻不到 under 味道). */
  related: readonlyArray(z.string()).optional(),
});
export type MinedTopic = z.infer<typeof minedTopicSchema>;

/** A question a viewer asked in chat, and whether the host answered it soon after. */
export const audienceQuestionSchema = readonlyObject({
  /** Second of the first time it was asked. */
  t: z.number(),
  user: z.string(),
  text: z.string(),
  /** The question's keywords, unique and sorted: two questions with the same set count as one. */
  keywords: readonlyArray(z.string()),
  /** How many chat messages asked this (same keyword set). */
  count: z.number(),
  /** How many distinct viewers asked it. */
  askers: z.number(),
  answered: z.boolean(),
  /** Second at which the transcript had covered enough of the question's keywords. */
  answeredAt: z.number().optional(),
  /** A clip overlapping the question's time, when one does. */
  clipId: z.string().optional(),
});
export type AudienceQuestion = z.infer<typeof audienceQuestionSchema>;

/** One show's mined topics and audience questions (`topic-evidence.json`): the unit `suggestTopics` aggregates. */
export const showTopicEvidenceSchema = readonlyObject({
  showId: z.string(),
  language: languageSchema,
  topics: readonlyArray(minedTopicSchema),
  questions: readonlyArray(audienceQuestionSchema),
});
export type ShowTopicEvidence = z.infer<typeof showTopicEvidenceSchema>;
