/**
 * Clip titles, descriptions and hashtags: written by the language model in the show's language when
 * one is configured, extractive (from the clip's own transcript) otherwise or when the model fails.
 */
import { z } from 'zod';
import { clipCopy } from '../../core/clips/index.js';
import { keywords } from '../../core/text/index.js';
import type { ClipCopy, Highlight, Language } from '../../core/types.js';
import type { LanguageModel, Logger } from '../ports.js';
import { boundLines } from './boundedText.js';

const clipCopySchema = z.object({
  title: z.string().min(1).max(80),
  description: z.string().min(1).max(400),
  hashtags: z.array(z.string().min(2).max(40)).max(6),
});

export interface WrittenCopy extends ClipCopy {
  /** Who wrote it: 'extractive' or the model's name. */
  readonly writtenBy: string;
}

export async function writeClipCopy(highlight: Highlight, language: Language, model: LanguageModel | undefined, logger: Logger, signal?: AbortSignal): Promise<WrittenCopy> {
  const extractive = { ...clipCopy(highlight, language, keywords), writtenBy: 'extractive' };
  if (!model) return extractive;
  try {
    const copy = await model.complete({
      task: 'clip-copy',
      instructions: [
        `Write a short-video title, a one- or two-sentence description and up to 6 hashtags for a clip from a live-commerce stream.`,
        `Write in ${language === 'zh' ? 'Simplified Chinese' : 'English'}. Use only facts present in the data; no prices or claims that are not said in it;`,
        'no superlatives such as "best" or 最好. Hashtags start with #.',
      ].join(' '),
      data: {
        products: highlight.products,
        transcript: boundLines(highlight.transcript, 12),
        audience: boundLines(highlight.chat, 8),
        why: highlight.signals.map((signal) => signal.detail),
      },
      schema: clipCopySchema,
      maxOutputTokens: 300,
      signal,
    });
    return { ...copy, hashtags: copy.hashtags.map((tag) => (tag.startsWith('#') ? tag : `#${tag}`)), writtenBy: model.name };
  } catch (error) {
    // A stopped invocation is not a model failure: the stage stops too instead of writing the fallback.
    if (signal?.aborted) throw error;
    logger.warn('clip copy fell back to extractive', { reason: (error as Error).message });
    return { ...extractive, writtenBy: `extractive (fallback: ${(error as Error).message.slice(0, 120)})` };
  }
}
