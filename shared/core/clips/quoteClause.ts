/**
 * Fits a spoken sentence into a title or description without cutting a phrase in half: the whole sentence
 * when it fits, else its leading clauses up to a clause mark (，、；：— , ; :), else nothing. A title that
 * stops mid-phrase ("…本节目由26年专注高品质燕窝的燕之…") is worse than no quote at all.
 */
import type { Language } from '../types.js';

/** Clause marks: punctuation in both scripts, and the spaces Chinese captions use between phrases. */
const CLAUSE_MARK = /[，,、；;：:—–]|\s[-–—]\s|(?<=\p{Script=Han})\s+(?=\p{Script=Han})/gu;
const SENTENCE_END = /[.。!！?？…]+$/u;
/** A quote shorter than this says nothing: "So," or "然后，". Characters for Chinese, words for English. */
const MIN_QUOTE: Readonly<Record<Language, number>> = { zh: 4, en: 3 };

/** Sentences of a transcript line, split after their end marks. */
export function splitSentences(line: string): string[] {
  return line
    .split(/(?<=[.!?。！？])\s*/u)
    .map((s) => s.trim())
    .filter((s) => /[\p{L}\p{N}]/u.test(s));
}

/**
 * `sentence` (without its final full stop) when it fits in `room` characters, else its longest run of leading
 * clauses that fits, else undefined.
 */
export function quoteClause(sentence: string, room: number, language: Language): string | undefined {
  const whole = sentence.trim().replace(/[.。]+$/u, '');
  if (length(whole) <= room) return substantial(whole, language) ? whole : undefined;
  let best: string | undefined;
  for (const mark of whole.matchAll(CLAUSE_MARK)) {
    const head = whole.slice(0, mark.index).trim().replace(SENTENCE_END, '');
    if (length(head) > room) break;
    if (substantial(head, language)) best = head;
  }
  return best;
}

/** Code points, so a Chinese character or an emoji counts as one. */
export function length(text: string): number {
  return Array.from(text).length;
}

function substantial(text: string, language: Language): boolean {
  const size = language === 'zh' ? length(text.replace(/[\s\p{P}]/gu, '')) : text.split(/\s+/u).filter((w) => /\p{L}/u.test(w)).length;
  return size >= MIN_QUOTE[language];
}
