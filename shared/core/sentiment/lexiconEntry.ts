/**
 * What a lexicon knows about one word or phrase. Scoring walks a sequence of these.
 * - `valence`: carries sentiment, -5..5 (AFINN scale).
 * - `negator`: flips (and dampens) the valence of the next few tokens.
 * - `intensifier`: multiplies the next valence by `factor` (< 1 dampens: "有点", "kinda").
 * - `ambivalent`: an intensifier when a valence word follows, otherwise a valence word itself
 *   (好 in 好贵 = "very expensive" vs 好 alone = "good"; "pretty good" vs "pretty").
 * - `neutral`: a known word with no sentiment; listed to stop a shorter entry matching inside it
 *   (最近 must not be read as 最 + 近, 牛奶 is milk, not 牛).
 * - `break`: a clause boundary ("but", 但是): negation and intensifiers stop here.
 */
export type LexiconEntry =
  | { readonly kind: 'valence'; readonly value: number }
  | { readonly kind: 'negator' }
  | { readonly kind: 'intensifier'; readonly factor: number }
  | { readonly kind: 'ambivalent'; readonly value: number; readonly factor: number }
  | { readonly kind: 'neutral' }
  | { readonly kind: 'break' };

/** A valence-only entry for repeated-character or numeric chat patterns, tested against a whole token. */
export interface SlangPattern {
  readonly pattern: RegExp;
  readonly value: number;
}

/** Builds a lexicon map from word->value records and word lists, later sources winning. */
export function buildLexicon(parts: {
  readonly valence?: Readonly<Record<string, number>>;
  readonly negators?: readonly string[];
  readonly intensifiers?: Readonly<Record<string, number>>;
  readonly ambivalent?: Readonly<Record<string, { readonly value: number; readonly factor: number }>>;
  readonly neutral?: readonly string[];
  readonly breaks?: readonly string[];
}): ReadonlyMap<string, LexiconEntry> {
  const lexicon = new Map<string, LexiconEntry>();
  for (const [word, value] of Object.entries(parts.valence ?? {})) lexicon.set(word, { kind: 'valence', value });
  for (const word of parts.negators ?? []) lexicon.set(word, { kind: 'negator' });
  for (const [word, factor] of Object.entries(parts.intensifiers ?? {})) lexicon.set(word, { kind: 'intensifier', factor });
  for (const [word, entry] of Object.entries(parts.ambivalent ?? {})) lexicon.set(word, { kind: 'ambivalent', ...entry });
  for (const word of parts.neutral ?? []) lexicon.set(word, { kind: 'neutral' });
  for (const word of parts.breaks ?? []) lexicon.set(word, { kind: 'break' });
  return lexicon;
}
