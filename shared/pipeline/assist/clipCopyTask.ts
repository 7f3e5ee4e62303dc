/**
 * Clip titles, descriptions and hashtags: written by the language model in the show's language when
 * one is configured, the offline copy (`showClipCopy`) otherwise, or when the model fails or its copy
 * breaks a rule every clip keeps (limits, no sponsor reads, no flagged claims, no misheard words).
 */
import { z } from 'zod';
import { copyMaterial, copyProblems, MAX_DESCRIPTION_CHARS, MAX_HASHTAGS, MAX_TITLE_CHARS } from '../../core/clips/index.js';
import type { ClaimRule } from '../../core/compliance/index.js';
import { keywords } from '../../core/text/index.js';
import type { ClipCopy, Highlight, Language } from '../../core/types.js';
import type { LanguageModel, Logger } from '../ports.js';
import { boundLines } from './boundedText.js';

// Looser than the rules on purpose: an answer that parses but breaks a rule is reported as such, not as malformed.
const clipCopySchema = z.object({
  title: z.string().min(1).max(80),
  description: z.string().min(1).max(MAX_DESCRIPTION_CHARS),
  hashtags: z.array(z.string().min(2).max(40)).max(MAX_HASHTAGS),
});

export interface WrittenCopy extends ClipCopy {
  /** Who wrote it: 'extractive' or the model's name. */
  readonly writtenBy: string;
}

/** What the copy of one clip is written from, besides the highlight. */
export interface ClipCopyContext {
  readonly language: Language;
  /** The offline copy of this clip: the fallback, and what the model's copy must do at least as well as. */
  readonly offline: ClipCopy;
  /** The channel or brand, when not `default`. */
  readonly channel?: string;
  readonly rules?: readonly ClaimRule[];
  /** Offline titles of the show's other clips: the model's title must differ from them. */
  readonly otherTitles?: readonly string[];
}

export async function writeClipCopy(highlight: Highlight, context: ClipCopyContext, model: LanguageModel | undefined, logger: Logger, signal?: AbortSignal): Promise<WrittenCopy> {
  const extractive = { ...context.offline, writtenBy: 'extractive' };
  if (!model) return extractive;
  const { language, rules } = context;
  const material = copyMaterial(highlight, rules);
  const unsure = (highlight.speech ?? []).filter((line) => !line.reliable).length;
  try {
    const answer = await model.complete({
      task: 'clip-copy',
      instructions: [
        `Write a short-video title, a one- or two-sentence description and up to ${MAX_HASHTAGS} hashtags for a clip from a live stream.`,
        `Write natural ${language === 'zh' ? 'Simplified Chinese' : 'English'}. The title is a hook that says what happens in the moment (see "moment"), at most ${MAX_TITLE_CHARS[language]} characters; never a time stamp.`,
        'Use only facts present in the data: "said" holds the only words the host is known to have said; speech the recogniser was unsure of is left out, so do not guess at it.',
        'Quote a viewer only from "viewerReactions". Never use sponsor reads (本节目由…, 冠名, "sponsored by"), personal data, prices or claims not in the data,',
        'and no superlatives or absolute claims such as "best", "No.1", 最好, 第一, 100%. Cut a quote only at a clause boundary.',
        'Hashtags start with #: the products, the channel, the kind of moment, and at most two words specific to this moment (no filler like #Hello or #你好).',
        'The title must differ from "otherTitles".',
      ].join(' '),
      data: {
        moment: material.kind,
        products: material.products,
        ...(context.channel !== undefined ? { channel: context.channel } : {}),
        said: boundLines(material.sentences, 12),
        ...(unsure > 0 ? { unsureSpeechLinesLeftOut: unsure } : {}),
        viewerReactions: boundLines(material.reactions, 8),
        why: highlight.signals.map((signal) => signal.detail),
        otherTitles: boundLines(context.otherTitles ?? [], 20),
      },
      schema: clipCopySchema,
      maxOutputTokens: 300,
      signal,
    });
    const copy: ClipCopy = {
      title: answer.title.trim(),
      description: answer.description.trim(),
      hashtags: answer.hashtags.map((tag) => (tag.startsWith('#') ? tag : `#${tag}`)),
    };
    const problems = copyProblems(copy, highlight, { language, keywordsOf: keywords, ...(rules ? { rules } : {}), otherTitles: context.otherTitles ?? [] });
    if (problems.length > 0) {
      logger.warn('clip copy from the model broke a rule; using the offline copy', { problems });
      return { ...extractive, writtenBy: `extractive (fallback: ${model.name} copy ${problems.join('; ')})`.slice(0, 200) };
    }
    return { ...copy, writtenBy: model.name };
  } catch (error) {
    // A stopped invocation is not a model failure: the stage stops too instead of writing the fallback.
    if (signal?.aborted) throw error;
    logger.warn('clip copy fell back to extractive', { reason: (error as Error).message });
    return { ...extractive, writtenBy: `extractive (fallback: ${(error as Error).message.slice(0, 120)})` };
  }
}
