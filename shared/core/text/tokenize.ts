import type { Language } from '../types.js';
import { segmentChineseWords } from './chineseSegmenter.js';

/**
 * One pass over the text picks out, in order:
 * - runs of Han characters (segmented further by jieba, guessed fragments like 妹是 cut again),
 * - decimal numbers kept whole ("3.5", "1,000"),
 * - non-Han words with inner apostrophes kept ("don't").
 * Everything else (punctuation, whitespace, emoji) is dropped.
 */
const TOKEN_PATTERN =
  /(\p{Script=Han}+)|(\p{N}+(?:[.,]\p{N}+)+)|((?:(?!\p{Script=Han})[\p{L}\p{N}])+(?:'(?:(?!\p{Script=Han})[\p{L}\p{N}])+)*)/gu;

const HAS_WORD_CHARACTER = /[\p{L}\p{N}]/u;

/**
 * Splits text into lowercase word tokens: jieba words for Chinese, words/numbers for everything else.
 *
 * Segmentation follows the script of each run rather than `language`, because live chat mixes
 * scripts freely ("这个 iPhone 壳 yyds"): English words inside Chinese text stay lowercase words and
 * Chinese inside English text is still segmented. `language` is the caller's statement of the
 * dominant language and does not change the result.
 */
export function tokenize(text: string, language: Language): string[] {
  const normalised = normaliseForTokens(text);
  const tokens: string[] = [];
  for (const match of normalised.matchAll(TOKEN_PATTERN)) {
    const [whole, hanRun] = match;
    if (hanRun !== undefined) {
      for (const word of segmentChineseWords(hanRun)) {
        if (HAS_WORD_CHARACTER.test(word)) tokens.push(word);
      }
    } else {
      tokens.push(whole.toLowerCase());
    }
  }
  return tokens;
}

/**
 * NFKC folds full-width forms (ＡＢＣ, １２３, ！) that Chinese keyboards produce into ASCII, and the
 * typographic apostrophe becomes a plain one so "don’t" and "don't" are the same token.
 */
export function normaliseForTokens(text: string): string {
  return text.normalize('NFKC').replace(/[\u2018\u2019\u02bc]/g, "'");
}
