import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

/**
 * Building the jieba trie from its ~5 MB dictionary takes a few hundred milliseconds, so the
 * instance is created on the first Chinese text and shared afterwards; English-only runs never pay.
 */
let jieba: Jieba | undefined;

/**
 * Segments a run of Chinese text into words with jieba (deterministic: same text, same words).
 * HMM is on so out-of-dictionary chat words (主播, 绝绝子) come out whole instead of as single characters.
 */
export function segmentChinese(text: string): string[] {
  jieba ??= Jieba.withDict(dict);
  return jieba.cut(text, true);
}

/**
 * Grammatical characters (copulas, particles, pronouns, modal and motion verbs, "ask" and "say") that HMM
 * guessing glues onto a neighbour in chat: 妹是 (妹 + 是), 能寄到 (能 + 寄 + 到), 人问 (人 + 问).
 */
const GLUE_CHARACTERS = new Set([...'是到能的了在有吗就都也还要会可把被给和与让去来过着么呢吧啊呀哦嘛哪谁啥怎几问说很太最更又才这那我你他她它']);

/**
 * Words for keywords: jieba with HMM (so chat words outside the dictionary, 主播, 色号, 干皮, come out whole),
 * except that a word the dictionary does not know (jieba tags it `x`) and that holds a grammatical character
 * is a guess that glued two words together, and is cut again from the dictionary alone.
 */
export function segmentChineseWords(text: string): string[] {
  jieba ??= Jieba.withDict(dict);
  const words: string[] = [];
  for (const { word, tag } of jieba.tag(text, true)) {
    if (tag === 'x' && [...word].length >= 2 && [...word].some((char) => GLUE_CHARACTERS.has(char))) words.push(...jieba.cut(word, false));
    else words.push(word);
  }
  return words;
}

/** jieba's words with their part-of-speech tags (n noun, v verb, a adjective, vn verbal noun, x unknown, ...). */
export function tagChinese(text: string): { word: string; tag: string }[] {
  jieba ??= Jieba.withDict(dict);
  return jieba.tag(text, true);
}
