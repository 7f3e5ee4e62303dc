/**
 * Copy for every clip of a show at once, so the clips differ: the best-ranked clip takes the first title
 * variant of its kind, the next clip of the same kind the next one (even about another product), another clip
 * quotes another viewer where it can, and a term said in most of the show's highlights is no clip's hashtag. Deterministic, so each clip stage can compute it and keep its own.
 */
import type { ClipCopy, Highlight } from '../types.js';
import { clipCopy, copyTexts, titleHook, type ClipCopyOptions } from './clipCopy.js';
import { showVocabulary } from './distinctiveTerms.js';

/** Copy per highlight id, in rank order. */
export function showClipCopy(
  highlights: readonly Highlight[],
  options: Omit<ClipCopyOptions, 'usedTitles' | 'usedHooks' | 'usedQuotes' | 'show'>,
): Map<string, ClipCopy> {
  const show = showVocabulary(
    highlights.map((highlight) => copyTexts(highlight, options.rules)),
    options.language,
    options.keywordsOf,
  );
  const copies = new Map<string, ClipCopy>();
  const usedTitles: string[] = [];
  const usedHooks: string[] = [];
  const usedQuotes: string[] = [];
  for (const highlight of [...highlights].sort((a, b) => a.rank - b.rank || a.start - b.start)) {
    const copy = clipCopy(highlight, { ...options, usedTitles, usedHooks, usedQuotes, show });
    usedTitles.push(copy.title);
    usedHooks.push(titleHook(copy.title, highlight.products));
    const quoted = /[“](.+)[”]$/u.exec(copy.description)?.[1];
    if (quoted !== undefined) usedQuotes.push(quoted);
    copies.set(highlight.id, copy);
  }
  return copies;
}
