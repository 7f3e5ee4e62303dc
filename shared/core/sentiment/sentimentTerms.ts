import { segmentChinese } from '../text/chineseSegmenter.js';
import { normaliseForTokens } from '../text/tokenize.js';
import {
  CHINESE_LEXICON,
  CHINESE_LEXICON_MAX_LENGTH,
  CHINESE_REPEAT_PATTERNS,
  CHINESE_WHOLE_RUN_PATTERNS,
} from './chineseLexicon.js';
import { EMOJI_VALENCE, EMOTICON_VALENCE } from './emojiLexicon.js';
import {
  ENGLISH_LEXICON,
  ENGLISH_LEXICON_MAX_WORDS,
  ENGLISH_SLANG_PATTERNS,
  LIKE_AS_VERB_AFTER,
  LIKE_VERB_VALENCE,
  SIZE_LETTERS,
} from './englishLexicon.js';
import type { LexiconEntry, SlangPattern } from './lexiconEntry.js';

/**
 * One unit of a text as the scorer sees it. `reaction` valences (emoji, emoticons, 哈哈哈, 666, lol)
 * are outbursts rather than statements, so negators and intensifiers never touch them:
 * "不好用😭" must stay negative even though 😭 sits inside 不's scope.
 */
export type SentimentTerm =
  | { readonly kind: 'valence'; readonly text: string; readonly value: number; readonly reaction: boolean }
  | { readonly kind: 'negator'; readonly text: string }
  | { readonly kind: 'intensifier'; readonly text: string; readonly factor: number }
  | { readonly kind: 'ambivalent'; readonly text: string; readonly value: number; readonly factor: number }
  | { readonly kind: 'neutral'; readonly text: string }
  /** Clause boundary; `contrast` for "but"/但是, `exclamations` = number of '!' in it. */
  | { readonly kind: 'break'; readonly text: string; readonly contrast: boolean; readonly exclamations: number };

const EMOJI = /\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier})*(?:\u200D\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier})*)*/uy;
const EXCLAMATIONS = /!+/y;
const CLAUSE_PUNCTUATION = /[,.;:?。、…~\n]+/y;
const HAN_RUN = /\p{Script=Han}+/uy;
const WORD = /(?:(?!\p{Script=Han})[\p{L}\p{N}])+(?:['-](?:(?!\p{Script=Han})[\p{L}\p{N}])+)*/uy;
const ALPHANUMERIC = /[\p{L}\p{N}]/u;
const HAS_HAN = /\p{Script=Han}/u;

/**
 * Splits a text into sentiment terms, script by script: Han runs are matched longest-first against
 * the Chinese lexicon (jieba segments the gaps so negation scope counts words, not characters),
 * other words against AFINN + chat slang (with AFINN's multi-word phrases), plus emoji, emoticons,
 * '!' runs and clause punctuation. Deterministic; the only state is jieba's lazily built dictionary.
 */
export function sentimentTerms(text: string): SentimentTerm[] {
  const source = normaliseForTokens(text);
  const chineseLine = HAS_HAN.test(source);
  const terms: SentimentTerm[] = [];
  let words: string[] = [];
  const flushWords = (): void => {
    if (words.length > 0) terms.push(...englishTerms(words, chineseLine));
    words = [];
  };

  let position = 0;
  while (position < source.length) {
    const emoticon = emoticonAt(source, position);
    if (emoticon !== undefined) {
      flushWords();
      terms.push({ kind: 'valence', text: emoticon.emoticon, value: emoticon.value, reaction: true });
      position += emoticon.emoticon.length;
      continue;
    }
    const emoji = stickyMatch(EMOJI, source, position);
    if (emoji !== undefined) {
      flushWords();
      terms.push(emojiTerm(emoji));
      position += emoji.length;
      continue;
    }
    const exclamations = stickyMatch(EXCLAMATIONS, source, position);
    if (exclamations !== undefined) {
      flushWords();
      terms.push({ kind: 'break', text: exclamations, contrast: false, exclamations: exclamations.length });
      position += exclamations.length;
      continue;
    }
    const punctuation = stickyMatch(CLAUSE_PUNCTUATION, source, position);
    if (punctuation !== undefined) {
      flushWords();
      terms.push({ kind: 'break', text: punctuation, contrast: false, exclamations: 0 });
      position += punctuation.length;
      continue;
    }
    const hanRun = stickyMatch(HAN_RUN, source, position);
    if (hanRun !== undefined) {
      flushWords();
      terms.push(...chineseTerms(hanRun));
      position += hanRun.length;
      continue;
    }
    const word = stickyMatch(WORD, source, position);
    if (word !== undefined) {
      // Words separated only by spaces stay in one run so AFINN phrases ("does not work") can match.
      words.push(word.toLowerCase());
      position += word.length;
      continue;
    }
    position += 1; // whitespace, symbols and combining marks carry nothing
  }
  flushWords();
  return terms;
}

function stickyMatch(pattern: RegExp, text: string, position: number): string | undefined {
  pattern.lastIndex = position;
  return pattern.exec(text)?.[0];
}

/** Emoticons that start or end with a letter or digit (":D", "T_T", "<3") need a word boundary there. */
function emoticonAt(text: string, position: number): { emoticon: string; value: number } | undefined {
  for (const candidate of EMOTICON_VALENCE) {
    const { emoticon } = candidate;
    if (!text.startsWith(emoticon, position)) continue;
    const before = text[position - 1];
    const after = text[position + emoticon.length];
    if (ALPHANUMERIC.test(emoticon[0] ?? '') && before !== undefined && ALPHANUMERIC.test(before)) continue;
    if (ALPHANUMERIC.test(emoticon.at(-1) ?? '') && after !== undefined && ALPHANUMERIC.test(after)) continue;
    return candidate;
  }
  return undefined;
}

function emojiTerm(emoji: string): SentimentTerm {
  const base = String.fromCodePoint(emoji.codePointAt(0) ?? 0);
  const value = EMOJI_VALENCE.get(base);
  return value === undefined ? { kind: 'neutral', text: emoji } : { kind: 'valence', text: emoji, value, reaction: true };
}

function entryTerm(text: string, entry: LexiconEntry): SentimentTerm {
  switch (entry.kind) {
    case 'valence':
      return { kind: 'valence', text, value: entry.value, reaction: false };
    case 'negator':
      return { kind: 'negator', text };
    case 'intensifier':
      return { kind: 'intensifier', text, factor: entry.factor };
    case 'ambivalent':
      return { kind: 'ambivalent', text, value: entry.value, factor: entry.factor };
    case 'neutral':
      return { kind: 'neutral', text };
    case 'break':
      return { kind: 'break', text, contrast: true, exclamations: 0 };
  }
}

function matchSlang(patterns: readonly SlangPattern[], text: string): SlangPattern | undefined {
  return patterns.find(({ pattern }) => pattern.test(text));
}

/** Longest-first matching over one Han run; unmatched stretches are segmented by jieba into neutral words. */
function chineseTerms(run: string): SentimentTerm[] {
  const wholeRun = matchSlang(CHINESE_WHOLE_RUN_PATTERNS, run);
  if (wholeRun !== undefined) return [{ kind: 'valence', text: run, value: wholeRun.value, reaction: true }];

  const terms: SentimentTerm[] = [];
  let gapStart = 0;
  const flushGap = (end: number): void => {
    if (end > gapStart) {
      for (const word of segmentChinese(run.slice(gapStart, end))) terms.push({ kind: 'neutral', text: word });
    }
  };

  let position = 0;
  while (position < run.length) {
    const repeat = repeatAt(run, position);
    if (repeat !== undefined) {
      flushGap(position);
      terms.push({ kind: 'valence', text: repeat.text, value: repeat.value, reaction: true });
      position += repeat.text.length;
      gapStart = position;
      continue;
    }
    const longest = longestChineseEntry(run, position);
    if (longest !== undefined) {
      flushGap(position);
      terms.push(entryTerm(longest.text, longest.entry));
      position += longest.text.length;
      gapStart = position;
      continue;
    }
    position += 1;
  }
  flushGap(run.length);
  return terms;
}

function repeatAt(run: string, position: number): { text: string; value: number } | undefined {
  const rest = run.slice(position);
  for (const { pattern, value } of CHINESE_REPEAT_PATTERNS) {
    const text = pattern.exec(rest)?.[0];
    if (text !== undefined) return { text, value };
  }
  return undefined;
}

function longestChineseEntry(run: string, position: number): { text: string; entry: LexiconEntry } | undefined {
  for (let length = Math.min(CHINESE_LEXICON_MAX_LENGTH, run.length - position); length >= 1; length -= 1) {
    const text = run.slice(position, position + length);
    const entry = CHINESE_LEXICON.get(text);
    if (entry !== undefined) return { text, entry };
  }
  return undefined;
}

/** Terms of a run of space-separated words, matching AFINN phrases longest-first. */
function englishTerms(words: readonly string[], chineseLine: boolean): SentimentTerm[] {
  const terms: SentimentTerm[] = [];
  let index = 0;
  while (index < words.length) {
    const phrase = longestEnglishPhrase(words, index);
    if (phrase !== undefined) {
      terms.push(entryTerm(phrase.text, phrase.entry));
      index += phrase.length;
      continue;
    }
    const word = words[index] ?? '';
    if (chineseLine && SIZE_LETTERS.has(word)) terms.push({ kind: 'neutral', text: word });
    else terms.push(...englishWordTerms(word, words[index - 1]));
    index += 1;
  }
  return terms;
}

function longestEnglishPhrase(
  words: readonly string[],
  index: number,
): { text: string; entry: LexiconEntry; length: number } | undefined {
  for (let length = Math.min(ENGLISH_LEXICON_MAX_WORDS, words.length - index); length >= 2; length -= 1) {
    const text = words.slice(index, index + length).join(' ');
    const entry = ENGLISH_LEXICON.get(text);
    if (entry !== undefined) return { text, entry, length };
  }
  return undefined;
}

function englishWordTerms(word: string, previous: string | undefined): SentimentTerm[] {
  const slang = matchSlang(ENGLISH_SLANG_PATTERNS, word);
  if (slang !== undefined) return [{ kind: 'valence', text: word, value: slang.value, reaction: true }];
  if (word === 'like' && previous !== undefined && LIKE_AS_VERB_AFTER.has(previous)) {
    return [{ kind: 'valence', text: word, value: LIKE_VERB_VALENCE, reaction: false }];
  }
  const entry = ENGLISH_LEXICON.get(word);
  if (entry !== undefined) return [entryTerm(word, entry)];
  // Hyphenated words AFINN does not list ("super-cute") are scored by their parts.
  if (word.includes('-')) return word.split('-').flatMap((part, i, parts) => englishWordTerms(part, parts[i - 1] ?? previous));
  return [{ kind: 'neutral', text: word }];
}
