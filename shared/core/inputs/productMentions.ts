import type { Product, ProductMention } from '../types.js';
import { containsCjk } from './textInput.js';

/** A timed text to search for product mentions: a transcript segment or a chat message. */
export interface MentionSource {
  readonly t: number;
  readonly text: string;
  readonly source: 'speech' | 'chat';
}

interface Term {
  readonly product: string;
  /** The name or alias as the products file spells it (reported as `matched`). */
  readonly spelling: string;
  /** Normalised form searched for. */
  readonly needle: string;
  /** CJK terms match anywhere; Latin ones only as whole words. */
  readonly wholeWord: boolean;
}

interface Hit {
  readonly start: number;
  readonly end: number;
  readonly term: Term;
}

/**
 * Finds product names and aliases in timed texts. Matching is case-insensitive and width-insensitive
 * (NFKC, so full-width "ＧＬＯＷ" matches "glow"); names containing CJK match as substrings, Latin ones on
 * word boundaries ("pen" does not match "open"). When matches overlap, the longest wins ("glow serum" over
 * "serum"). Each product is reported at most once per item, at its first surviving match. Sorted by `t`
 * (stable: items keep their order, mentions within an item follow the text).
 */
export function findProductMentions(items: readonly MentionSource[], products: readonly Product[]): ProductMention[] {
  const terms = toTerms(products);
  if (terms.length === 0) return [];
  const mentions: ProductMention[] = [];
  for (const item of items) {
    const text = normalise(item.text);
    const seen = new Set<string>();
    for (const hit of bestHits(text, terms)) {
      if (seen.has(hit.term.product)) continue;
      seen.add(hit.term.product);
      mentions.push({ t: item.t, product: hit.term.product, matched: hit.term.spelling, source: item.source });
    }
  }
  mentions.sort((a, b) => a.t - b.t);
  return mentions;
}

function toTerms(products: readonly Product[]): Term[] {
  const terms: Term[] = [];
  for (const product of products) {
    for (const spelling of [product.name, ...product.aliases]) {
      const needle = normalise(spelling);
      if (needle === '') continue;
      terms.push({ product: product.name, spelling, needle, wholeWord: !containsCjk(needle) });
    }
  }
  return terms;
}

/** NFKC (full-width -> ASCII), lower case, whitespace runs -> one space. Applied to text and terms alike. */
function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** All term occurrences, then overlaps resolved longest-first (ties: earlier start, then product order). */
function bestHits(text: string, terms: readonly Term[]): Hit[] {
  const hits: Hit[] = [];
  for (const term of terms) {
    for (let at = text.indexOf(term.needle); at >= 0; at = text.indexOf(term.needle, at + 1)) {
      const end = at + term.needle.length;
      if (term.wholeWord && !(isBoundary(text, at - 1) && isBoundary(text, end))) continue;
      hits.push({ start: at, end, term });
    }
  }
  // Stable sort keeps product-file order as the last tie-breaker.
  hits.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const chosen: Hit[] = [];
  for (const hit of hits) {
    if (chosen.every((c) => hit.end <= c.start || hit.start >= c.end)) chosen.push(hit);
  }
  return chosen.sort((a, b) => a.start - b.start);
}

/** A Latin word continues through letters, digits and underscores; CJK characters end it (no spaces in 这个serum很好). */
const WORD_CHAR = /[\p{L}\p{N}\p{M}_]/u;

/** True when the UTF-16 unit at `index` (or the edge of the text) cannot continue a Latin word. */
function isBoundary(text: string, index: number): boolean {
  // Half a surrogate pair (emoji, rare CJK) matches neither class, so it counts as a boundary, as it should.
  const char = text[index] ?? '';
  return char === '' || !WORD_CHAR.test(char) || containsCjk(char);
}
