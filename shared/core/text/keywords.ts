import type { Language } from '../types.js';
import { isStopword, MEANINGFUL_SINGLE_HAN } from './stopwords.js';
import { tokenize } from './tokenize.js';

const SINGLE_HAN = /^\p{Script=Han}$/u;
const PURE_NUMBER = /^\p{N}+(?:[.,]\p{N}+)*$/u;
/** Single Latin letters ("a", "x") are noise for topics; "w"/"l" chat votes belong to sentiment, not keywords. */
const SINGLE_NON_HAN_LETTER = /^(?!\p{Script=Han})\p{L}$/u;

/**
 * Content words of a text: tokens minus English/Chinese stopwords, minus single-character Chinese
 * tokens (except the few in MEANINGFUL_SINGLE_HAN), single letters, and one-digit numbers.
 * Numbers of two or more digits stay ("666", "99") because chat uses them as words.
 */
export function keywords(text: string, language: Language): string[] {
  return tokenize(text, language).filter((token) => {
    if (isStopword(token)) return false;
    if (SINGLE_HAN.test(token)) return MEANINGFUL_SINGLE_HAN.has(token);
    if (SINGLE_NON_HAN_LETTER.test(token)) return false;
    if (PURE_NUMBER.test(token)) return token.length >= 2;
    return true;
  });
}
