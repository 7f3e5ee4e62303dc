/**
 * Optional: a language model turns the mined topic suggestions into pitches for upcoming shows.
 * It may only refer to suggestions it was given (by index); topics, scores and evidence stay ours.
 */
import { z } from 'zod';
import type { Language, TopicSuggestion } from '../../core/types.js';
import type { LanguageModel, Logger } from '../ports.js';
import { boundLines } from './boundedText.js';

export interface PitchedTopics {
  readonly topics: TopicSuggestion[];
  /** 'miner' when no model wrote pitches, else the model's name. */
  readonly writtenBy: string;
}

export async function pitchTopics(topics: readonly TopicSuggestion[], language: Language, model: LanguageModel | undefined, logger: Logger, signal?: AbortSignal): Promise<PitchedTopics> {
  const mined: PitchedTopics = { topics: [...topics], writtenBy: 'miner' };
  if (!model || topics.length === 0) return mined;
  const indexes = topics.map((_, index) => String(index)) as [string, ...string[]];
  const schema = z.object({ pitches: z.array(z.object({ topic: z.enum(indexes), pitch: z.string().min(1).max(240) })).max(topics.length) });
  try {
    const answer = await model.complete({
      task: 'topic-pitch',
      instructions: `For each numbered topic mined from past live-commerce shows, write a one-sentence pitch for a segment of an upcoming show, in ${language === 'zh' ? 'Simplified Chinese' : 'English'}, grounded only in the evidence given.`,
      data: topics.map((topic, index) => ({
        topic: String(index),
        name: topic.topic,
        kind: topic.kind,
        why: topic.why,
        quotes: boundLines(topic.evidence.map((evidence) => evidence.quote), 4),
      })),
      schema,
      maxOutputTokens: 80 * topics.length + 50,
      signal,
    });
    const pitches = new Map(answer.pitches.map((entry) => [Number(entry.topic), entry.pitch]));
    return { topics: topics.map((topic, index) => (pitches.has(index) ? { ...topic, pitch: pitches.get(index) as string } : topic)), writtenBy: model.name };
  } catch (error) {
    if (signal?.aborted) throw error;
    logger.warn('topic pitches fell back to the miner', { reason: (error as Error).message });
    return { ...mined, writtenBy: `miner (fallback: ${(error as Error).message.slice(0, 120)})` };
  }
}
