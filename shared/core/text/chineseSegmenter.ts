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
