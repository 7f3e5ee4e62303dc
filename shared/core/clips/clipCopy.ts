/**
 * Offline, extractive copy for a clip: every word of the title and description comes from the
 * highlight's own transcript and chat, so nothing is invented and the result is deterministic.
 */
import type { ClipCopy, Highlight, Language } from '../types.js';

/** Content words of a text (stopwords removed); injected so this module stays free of tokenizers. */
export type KeywordsOf = (text: string, language: Language) => string[];

/** Longest title in characters (code points): feeds and shelves cut longer ones. */
export const MAX_TITLE_CHARS: Readonly<Record<Language, number>> = { en: 60, zh: 30 };
/** Most hashtags per clip; platforms down-rank tag spam. */
export const MAX_HASHTAGS = 6;
/** Keywords kept as the window's "topic" when judging which sentence represents it. */
const TOP_KEYWORDS = 8;
/** Keywords (beyond product names) turned into hashtags. */
const KEYWORD_HASHTAGS = 3;
/** Longest sentence or chat line quoted in a description, characters. */
const MAX_QUOTE_CHARS = 160;
const ELLIPSIS = '…';
const SENTENCE_END = /[.!?。！？…]$/u;
const PURE_NUMBER = /^\p{N}+$/u;

/** Title, description and hashtags for a highlight, extracted from its transcript, chat and products. */
export function clipCopy(highlight: Highlight, language: Language, keywordsOf: KeywordsOf): ClipCopy {
  const sentences = highlight.transcript.flatMap(splitSentences);
  const chatLines = highlight.chat.map((line) => line.trim()).filter((line) => line.length > 0);
  const keywordsIn = (text: string) => new Set(keywordsOf(text, language).map((k) => k.toLowerCase()));
  const ranked = rankKeywords(sentences.length > 0 ? sentences : chatLines, keywordsIn);
  // When some words recur, one-off words are left out of the topic: a word said once is not what the moment is about.
  const topic = (ranked[0]?.count ?? 0) >= 2 ? ranked.filter((k) => k.count >= 2) : ranked;
  const weightOf = new Map(topic.slice(0, TOP_KEYWORDS).map((k) => [k.word, k.count]));

  const rankedSentences = rankByOverlap(sentences, keywordsIn, weightOf);
  const topChat = rankByOverlap(chatLines, keywordsIn, weightOf)[0];
  const product = highlight.products[0];

  return {
    title: makeTitle(rankedSentences[0] ?? topChat, product, highlight.start, language),
    description: makeDescription(rankedSentences, sentences, topChat, language),
    // Topic words first; then the title sentence's own words, so a window without repeats still gets tags.
    hashtags: makeHashtags(highlight.products, [
      ...topic.map((k) => k.word),
      ...keywordsIn(rankedSentences[0] ?? topChat ?? ''),
    ]),
  };
}

/** `#GlowSerum` from "glow serum": words joined in CamelCase; Chinese (no letter case) kept as is. */
export function toHashtag(text: string): string {
  const words = text.normalize('NFKC').split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
  // Only all-lower-case words are capitalised, so brand spellings like "iPhone" survive.
  const joined = words.map((w) => (w === w.toLowerCase() ? w.charAt(0).toUpperCase() + w.slice(1) : w)).join('');
  return joined.length > 0 ? `#${joined}` : '';
}

function splitSentences(line: string): string[] {
  return line
    .split(/(?<=[.!?。！？])\s*/u)
    .map((s) => s.trim())
    .filter((s) => /[\p{L}\p{N}]/u.test(s));
}

interface KeywordCount {
  readonly word: string;
  readonly count: number;
}

/** Keywords by how many texts use them (each text counts a word once), ties by first appearance. */
function rankKeywords(texts: readonly string[], keywordsIn: (text: string) => Set<string>): KeywordCount[] {
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const word of keywordsIn(text)) {
      if (/[\p{L}\p{N}]/u.test(word)) counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  // Map iteration order is first appearance, and sort is stable: ties keep that order.
  return [...counts.entries()].map(([word, count]) => ({ word, count })).sort((a, b) => b.count - a.count);
}

/**
 * Texts ordered by how well they represent the window: distinct top keywords they contain, then the
 * summed frequency of those keywords, then how many content words they carry (so "666" loses to a
 * real remark), then earliest first.
 */
function rankByOverlap(
  texts: readonly string[],
  keywordsIn: (text: string) => Set<string>,
  weightOf: ReadonlyMap<string, number>,
): string[] {
  return texts
    .map((text, order) => {
      const words = keywordsIn(text);
      let overlap = 0;
      let weight = 0;
      for (const word of words) {
        const w = weightOf.get(word);
        if (w !== undefined) [overlap, weight] = [overlap + 1, weight + w];
      }
      return { text, order, overlap, weight, substance: words.size };
    })
    .sort((a, b) => b.overlap - a.overlap || b.weight - a.weight || b.substance - a.substance || a.order - b.order)
    .map((scored) => scored.text);
}

function makeTitle(sentence: string | undefined, product: string | undefined, start: number, language: Language): string {
  const limit = MAX_TITLE_CHARS[language];
  if (sentence === undefined) {
    return truncate(product ?? (language === 'zh' ? `高光时刻 ${clock(start)}` : `Highlight at ${clock(start)}`), limit, language);
  }
  const body = sentence.replace(/[.。]$/u, '');
  if (product === undefined || body.toLowerCase().includes(product.toLowerCase())) return truncate(body, limit, language);
  const prefix = language === 'zh' ? `${product}｜` : `${product}: `;
  const room = limit - length(prefix);
  // A product name so long that no sentence fits after it is a title on its own.
  if (room < 8) return truncate(product, limit, language);
  return prefix + truncate(body, room, language);
}

function makeDescription(
  ranked: readonly string[],
  inOrder: readonly string[],
  topChat: string | undefined,
  language: Language,
): string {
  // The two most representative sentences, told in the order they were said.
  const chosen = new Set(ranked.slice(0, 2));
  const speech = inOrder
    .filter((s) => chosen.has(s))
    .filter((s, i, all) => all.indexOf(s) === i)
    .map((s) => {
      const quoted = truncate(s, MAX_QUOTE_CHARS, language);
      return SENTENCE_END.test(quoted) ? quoted : `${quoted}${language === 'zh' ? '。' : '.'}`;
    })
    .join(language === 'zh' ? '' : ' ');
  const audience =
    topChat === undefined
      ? ''
      : `${language === 'zh' ? '观众：' : 'Audience: '}${truncate(topChat, MAX_QUOTE_CHARS, language)}`;
  return [speech, audience].filter((part) => part.length > 0).join('\n');
}

function makeHashtags(products: readonly string[], keywords: readonly string[]): string[] {
  const tags: string[] = [];
  const seen = new Set<string>();
  const add = (text: string): boolean => {
    const tag = toHashtag(text);
    const key = tag.toLowerCase();
    if (tag.length === 0 || seen.has(key) || tags.length >= MAX_HASHTAGS) return false;
    seen.add(key);
    tags.push(tag);
    return true;
  };
  for (const product of products) add(product);
  let added = 0;
  for (const word of keywords) {
    if (added >= KEYWORD_HASHTAGS) break;
    // Bare numbers ("666", "99") are chat noise and one-character words ("款") too vague to follow.
    if (PURE_NUMBER.test(word) || length(word) < 2) continue;
    if (add(word)) added++;
  }
  return tags;
}

/** Cuts text to at most `limit` code points, at a word boundary for English, ending in an ellipsis. */
function truncate(text: string, limit: number, language: Language): string {
  const chars = Array.from(text.trim());
  if (chars.length <= limit) return chars.join('');
  let cut = chars.slice(0, Math.max(0, limit - 1)).join('');
  const cutsInsideWord = !/\s/u.test(chars[limit - 1] ?? ' ');
  if (language === 'en' && cutsInsideWord) {
    const lastSpace = cut.lastIndexOf(' ');
    // Keep a word boundary unless that would throw away most of the room.
    if (lastSpace > cut.length / 2) cut = cut.slice(0, lastSpace);
  }
  return `${cut.replace(/[\s\p{P}]+$/u, '')}${ELLIPSIS}`;
}

function length(text: string): number {
  return Array.from(text).length;
}

function clock(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
