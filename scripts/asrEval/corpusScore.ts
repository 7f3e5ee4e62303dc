/**
 * Error counts per transcript and corpus-level error rates: total edits over total reference tokens, so a 100-second
 * recording weighs more than a 2-second one (the mean of per-file rates would let one short file swing the result).
 *
 * English is scored by words (WER, lowercased, punctuation removed); Chinese by characters, with Latin words of
 * code-switched speech as one token each (CER, see normaliseChinese.ts). Pure functions.
 */
import { editDistance, normaliseForScoring } from '../../shared/core/transcript/errorRate.js';
import type { Language } from '../../shared/core/types.js';
import { chineseScoringTokens } from './normaliseChinese.js';

/** Edits needed to turn the hypothesis into the reference, and the reference length, in scoring tokens. */
export interface ErrorCount {
  readonly edits: number;
  readonly referenceTokens: number;
}

/** The metric used for a language: word error rate for English, character error rate for Chinese. */
export function metricFor(language: Language): 'WER' | 'CER' {
  return language === 'zh' ? 'CER' : 'WER';
}

/** Normalised scoring tokens of a text in the given language. */
export function scoringTokens(text: string, language: Language): string[] {
  if (language === 'zh') return chineseScoringTokens(text);
  return normaliseForScoring(text).split(' ').filter(Boolean);
}

/** Counts the edits (substitutions, deletions, insertions) between a reference and a hypothesis. */
export function countErrors(reference: string, hypothesis: string, language: Language): ErrorCount {
  const referenceTokens = scoringTokens(reference, language);
  return { edits: editDistance(referenceTokens, scoringTokens(hypothesis, language)), referenceTokens: referenceTokens.length };
}

/** Total edits / total reference tokens; undefined when there is no reference token to score against. */
export function corpusErrorRate(counts: readonly ErrorCount[]): number | undefined {
  const referenceTokens = counts.reduce((sum, count) => sum + count.referenceTokens, 0);
  if (referenceTokens === 0) return undefined;
  return counts.reduce((sum, count) => sum + count.edits, 0) / referenceTokens;
}
