/**
 * Filler words per language: hesitation sounds that carry no meaning and can be cut from a clip.
 * Keyed by language on purpose: a sound that is a filler in one language can be a word in another,
 * so a word is only ever checked against its own language's list.
 */
import type { Language } from '../schemas/basics.js';

/** Hesitations only: no words that also carry meaning ("like", "so", 那个, 就是 are left alone). */
export const FILLER_WORDS: Readonly<Record<Language, ReadonlySet<string>>> = {
  en: new Set(['um', 'umm', 'ummm', 'uh', 'uhh', 'uhhh', 'uhm', 'erm', 'er', 'err', 'hmm', 'hmmm', 'mm', 'mmm']),
  // 嗯/呃/额/唔/呣 as a whole token; 额 inside 额头 or 金额 is a different token and never matches.
  zh: new Set(['嗯', '嗯嗯', '呃', '额', '唔', '呣', '噢']),
};

/** Lower case, without surrounding punctuation ("Um," -> "um", "嗯，" -> "嗯"). */
function normalise(text: string): string {
  return text.toLowerCase().replace(/^[\p{P}\p{S}\s]+|[\p{P}\p{S}\s]+$/gu, '');
}

/** Whether a recognised word is a filler in the given language. */
export function isFiller(text: string, language: Language): boolean {
  return FILLER_WORDS[language].has(normalise(text));
}
