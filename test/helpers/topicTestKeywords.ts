/**
 * A stand-in for the real `keywords(text, language)` in tests of the topic modules: English is lower-cased and split on
 * non-letters with a small stop list; Chinese is cut with jieba and single characters and punctuation are dropped.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import type { Language } from '../../shared/core/types.js';

const EN_STOP = new Set(
  'a an and are as at be but by can could did do does for from has have how i if in is it its me my of on or our so that the this to was we what when where which who why will with you your there any'.split(
    ' ',
  ),
);
const ZH_STOP = new Set(['这个', '那个', '什么', '怎么', '多少', '哪里', '哪个', '有没有', '可以', '我们', '你们', '就是', '一下']);

let jieba: Jieba | undefined;

/** Content words of a text: deterministic, good enough to exercise the topic code. */
export function testKeywords(text: string, language: Language): string[] {
  if (language === 'zh') {
    jieba ??= Jieba.withDict(dict);
    return jieba
      .cut(text, false)
      .map((word) => word.trim().toLowerCase())
      .filter((word) => [...word].length >= 2 && /[\p{L}\p{N}]/u.test(word) && !ZH_STOP.has(word));
  }
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length >= 2 && !EN_STOP.has(word));
}
