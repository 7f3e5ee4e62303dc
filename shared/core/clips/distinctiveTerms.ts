/**
 * Topic terms of a moment that are worth a hashtag: content words that recur in the moment's trustworthy text
 * and stand out against ordinary speech. Ordinary means two things: the built-in background vocabulary
 * (`commonWords.ts`: greetings, filler, generic shopping talk) and, across the show, words in most of its
 * highlights (a host who says "skin" all show long does not make every clip about #Skin).
 */
import type { Language } from '../types.js';
import { isCommonWord } from '../text/commonWords.js';

/** Content words of a text (stopwords removed); injected so this module stays free of tokenizers. */
export type KeywordsOf = (text: string, language: Language) => string[];

/** A term must appear in at least this many of the moment's texts to be its topic. @default 2 */
export const MIN_TERM_TEXTS = 2;
/**
 * A term in more than this share of the show's highlights is the show's running vocabulary, not the moment's.
 * Applied only when the show has at least `MIN_HIGHLIGHTS_FOR_SHOW_SHARE` highlights. @default 0.5
 */
export const MAX_SHOW_SHARE = 0.5;
const MIN_HIGHLIGHTS_FOR_SHOW_SHARE = 3;
const PURE_NUMBER = /^[\p{N}.,]+$/u;

/** How many of the show's highlights use each term, to judge what is ordinary in this show. */
export interface ShowVocabulary {
  readonly highlights: number;
  readonly termCounts: ReadonlyMap<string, number>;
}

/** Terms of each text, lower-cased, once per text. */
export function termsOf(text: string, language: Language, keywordsOf: KeywordsOf): Set<string> {
  return new Set(keywordsOf(text, language).map((word) => word.toLowerCase()).filter((word) => usable(word, language)));
}

/** The show's vocabulary from each highlight's texts. */
export function showVocabulary(textsPerHighlight: readonly (readonly string[])[], language: Language, keywordsOf: KeywordsOf): ShowVocabulary {
  const termCounts = new Map<string, number>();
  for (const texts of textsPerHighlight) {
    const terms = new Set(texts.flatMap((text) => [...termsOf(text, language, keywordsOf)]));
    for (const term of terms) termCounts.set(term, (termCounts.get(term) ?? 0) + 1);
  }
  return { highlights: textsPerHighlight.length, termCounts };
}

/**
 * Distinctive terms of a moment's texts, most used first (ties: first appearance). `excluded` are words
 * already tagged otherwise (product names).
 */
export function distinctiveTerms(
  texts: readonly string[],
  language: Language,
  keywordsOf: KeywordsOf,
  options: { readonly excluded?: readonly string[]; readonly show?: ShowVocabulary } = {},
): string[] {
  const excluded = (options.excluded ?? []).map((text) => text.toLowerCase());
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const term of termsOf(text, language, keywordsOf)) counts.set(term, (counts.get(term) ?? 0) + 1);
  }
  const show = options.show;
  const ordinaryInShow = (term: string): boolean =>
    show !== undefined &&
    show.highlights >= MIN_HIGHLIGHTS_FOR_SHOW_SHARE &&
    (show.termCounts.get(term) ?? 0) / show.highlights > MAX_SHOW_SHARE;
  return [...counts.entries()]
    .filter(([term, count]) => count >= MIN_TERM_TEXTS && !ordinaryInShow(term) && !excluded.some((name) => name.includes(term)))
    .sort((a, b) => b[1] - a[1])
    .map(([term]) => term);
}

/** Long enough to mean something, not a number, not background vocabulary. */
function usable(word: string, language: Language): boolean {
  if (PURE_NUMBER.test(word) || isCommonWord(word)) return false;
  const han = /\p{Script=Han}/u.test(word);
  return han ? Array.from(word).length >= 2 : word.length >= (language === 'zh' ? 2 : 3);
}
