/**
 * What a word does in its sentence, coarsely: a noun (a thing a show can be about: texture, 颜色, box), an adjective
 * (light, 轻薄) or anything else (move, comes, us, 继续, 放在). Topics are things, so keyphrase topics keep nouns and
 * adjective + noun pairs (topics/mineShowTopics.ts). English is tagged by compromise (a rule-and-lexicon tagger in
 * the sentence's context: "light" is a noun in "move the light", an adjective in "a light texture"), which the
 * caller loads (adapters/text/wordTagger.ts: it takes most of a second to load, so only a run that mines topics
 * pays it); Chinese by jieba's own tags.
 */
import type { Language } from '../types.js';
import { tagChinese } from './chineseSegmenter.js';

export type WordRole = 'noun' | 'adjective' | 'other';

/** A word of a sentence, lower-cased, with its role there. */
export interface TaggedWord {
  readonly word: string;
  readonly role: WordRole;
}

/** The words of `text` in order, with their roles (punctuation and spaces left out). */
export type TagWords = (text: string, language: Language) => TaggedWord[];

/** compromise's entry point, as far as it is used here: sentences of terms with their normal form and tags. */
export type EnglishTagger = (text: string) => { json(options: { terms: { normal: true } }): unknown };

/** A word tagger from compromise (English) and jieba (Chinese). */
export function wordTagger(english: EnglishTagger): TagWords {
  return (text, language) => {
    if (language === 'zh') {
      return tagChinese(text)
        .filter(({ word }) => /[\p{L}\p{N}]/u.test(word))
        .map(({ word, tag }) => ({ word: word.toLowerCase(), role: chineseRole(tag) }));
    }
    const sentences = english(text).json({ terms: { normal: true } }) as { terms: { normal: string; tags: string[] }[] }[];
    return sentences.flatMap((sentence) => sentence.terms.filter((t) => t.normal !== '').map((t) => ({ word: t.normal, role: englishRole(t.tags) })));
  };
}

function englishRole(tags: readonly string[]): WordRole {
  if (tags.includes('Pronoun') || tags.includes('Value') || tags.includes('Date')) return 'other';
  if (tags.includes('Noun')) return 'noun';
  return tags.includes('Adjective') ? 'adjective' : 'other';
}

/** jieba (ICTCLAS) tags: n… nouns (nr names, ns places, nz other proper), vn / an words used as nouns, eng Latin words. */
function chineseRole(tag: string): WordRole {
  if (tag.startsWith('n') || tag === 'vn' || tag === 'an' || tag === 'eng') return 'noun';
  return tag === 'a' ? 'adjective' : 'other';
}
