import type { Language } from '../types.js';

/**
 * How many Latin letters one Han character is worth when deciding which script dominates.
 * A Chinese word averages ~1.6 characters and an English word ~4.7 letters, so one ideograph
 * carries roughly three letters' worth of text; without this weight a Chinese sentence with one
 * brand name in it ("我用iPhone拍的") would count as English.
 */
const LETTERS_PER_HAN_CHARACTER = 3;

const HAN_CHARACTER = /\p{Script=Han}/gu;
const LATIN_LETTER = /\p{Script=Latin}/gu;

/** 'zh' when CJK ideographs dominate Latin letters across all texts, else 'en' (also for empty input). */
export function detectLanguage(texts: readonly string[]): Language {
  let han = 0;
  let latin = 0;
  for (const text of texts) {
    han += countMatches(text, HAN_CHARACTER);
    latin += countMatches(text, LATIN_LETTER);
  }
  return han > 0 && han * LETTERS_PER_HAN_CHARACTER >= latin ? 'zh' : 'en';
}

function countMatches(text: string, pattern: RegExp): number {
  let count = 0;
  for (const _ of text.matchAll(pattern)) count += 1;
  return count;
}
