/**
 * Optional: a language model rewords the review's fixes and the plan's items so they read like a planner's
 * notes. It only rewords: every number in its text must already be in the text it replaces (a model that
 * "rounds" 1,199.9 to 1,200 or invents a percentage is refused for that item, which keeps our wording), and the
 * kinds, order and evidence stay ours.
 */
import { z } from 'zod';
import type { ShowPlan, ShowReview } from '../../core/schemas/review.js';
import type { LanguageModel, Logger } from '../ports.js';
import { boundLines } from './boundedText.js';

/** Longest reworded item, characters. @default 280 */
export const MAX_PHRASED_CHARS = 280;

export interface PhrasedReview {
  readonly review: ShowReview;
  readonly plan: ShowPlan;
}

/** The numbers written in a text with digits ("1,199.9", "56", "10%"), normalised ("1199.9"). */
export function numbersIn(text: string): string[] {
  return [...text.normalize('NFKC').matchAll(/\d+(?:[.,]\d+)*/g)].map((m) => m[0].replace(/,(?=\d{3}\b)/g, ''));
}

/** Numbers written in Chinese numerals ("一百九十九"), which a model may use instead of digits. */
function chineseNumeralsIn(text: string): string[] {
  return [...text.matchAll(/[零〇一二两三四五六七八九十百千万亿]{2,}/gu)].map((m) => m[0]);
}

/** Whether `phrased` says no number that `original` does not (in digits or in Chinese numerals). */
export function keepsNumbers(original: string, phrased: string): boolean {
  const digits = new Set(numbersIn(original));
  const numerals = new Set(chineseNumeralsIn(original));
  return numbersIn(phrased).every((n) => digits.has(n)) && chineseNumeralsIn(phrased).every((n) => numerals.has(n));
}

export async function phraseReview(review: ShowReview, plan: ShowPlan, model: LanguageModel | undefined, logger: Logger, signal?: AbortSignal): Promise<PhrasedReview> {
  const items = [
    ...review.fixes.map((fix) => fix.text),
    ...plan.phases.flatMap((phase) => phase.items.map((item) => item.text)),
    ...plan.avoid.map((item) => item.text),
  ];
  if (!model || items.length === 0) return { review, plan };
  const indexes = items.map((_, index) => String(index)) as [string, ...string[]];
  const schema = z.object({ items: z.array(z.object({ item: z.enum(indexes), text: z.string().min(1).max(MAX_PHRASED_CHARS) })).max(items.length) });
  try {
    const answer = await model.complete({
      task: 'review-phrasing',
      instructions:
        `Reword each numbered note of a live-commerce show review and next-show plan so a content planner reads it as a clear, direct instruction, ` +
        `in ${review.language === 'zh' ? 'Simplified Chinese' : 'English'}. Keep every fact; do not add, change or round any number, and write numbers in digits exactly as given.`,
      data: boundLines(items, items.length, MAX_PHRASED_CHARS).map((text, index) => ({ item: String(index), text })),
      schema,
      maxOutputTokens: 90 * items.length + 50,
      signal,
    });
    const phrased = new Map<number, string>();
    let refused = 0;
    for (const entry of answer.items) {
      const index = Number(entry.item);
      if (keepsNumbers(items[index]!, entry.text)) phrased.set(index, entry.text.trim());
      else refused++;
    }
    if (refused > 0) logger.warn('kept our wording where the model changed a number', { refused });
    if (phrased.size === 0) return { review, plan };
    let next = 0;
    const reword = <T extends { text: string }>(item: T): T => {
      const text = phrased.get(next++);
      return text === undefined ? item : { ...item, text };
    };
    return {
      review: { ...review, fixes: review.fixes.map(reword), writtenBy: model.name },
      plan: { ...plan, phases: plan.phases.map((phase) => ({ ...phase, items: phase.items.map(reword) })), avoid: plan.avoid.map(reword), writtenBy: model.name },
    };
  } catch (error) {
    if (signal?.aborted) throw error;
    logger.warn('review phrasing fell back to our own wording', { reason: (error as Error).message });
    return { review, plan };
  }
}
