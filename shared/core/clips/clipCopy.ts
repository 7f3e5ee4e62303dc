/**
 * Offline copy for a clip, from trustworthy material only: the kind of moment (its fired signals), the
 * products on air, reliable transcript sentences and screened viewer reactions. Nothing is invented beyond
 * the hook templates, unreliable recognition is never quoted or tagged, and the result is deterministic.
 */
import { quotableChatLines } from '../chat/screenChatLine.js';
import type { ClaimRule } from '../compliance/claimRules.js';
import { momentKind } from '../highlights/momentKind.js';
import type { ClipCopy, Highlight, Language, MomentKind } from '../types.js';
import { tripsRule } from './copyCompliance.js';
import { distinctiveTerms, termsOf, type KeywordsOf, type ShowVocabulary } from './distinctiveTerms.js';
import { momentSummary, momentTag } from './momentLines.js';
import { length, quoteClause, splitSentences } from './quoteClause.js';
import { isSponsorRead } from './sponsorRead.js';
import { titleHooks } from './titleTemplates.js';

export type { KeywordsOf } from './distinctiveTerms.js';

/** Longest title in characters (code points): feeds and shelves cut longer ones. */
export const MAX_TITLE_CHARS: Readonly<Record<Language, number>> = { en: 60, zh: 30 };
/** Most hashtags per clip; platforms down-rank tag spam. */
export const MAX_HASHTAGS = 6;
/** Topic terms (beyond products, channel and the moment) turned into hashtags. */
const TERM_HASHTAGS = 2;
/** Longest spoken sentence quoted in a description, characters. */
const MAX_QUOTE_CHARS = 160;
/** Spoken sentences quoted in a description. */
const DESCRIPTION_SENTENCES = 2;
/** The channel name that means "none given" (`--channel` default). */
const DEFAULT_CHANNEL = 'default';

export interface ClipCopyOptions {
  readonly language: Language;
  readonly keywordsOf: KeywordsOf;
  /** The channel or brand the show belongs to; tagged unless it is `default`. */
  readonly channel?: string;
  /** The show's compliance rules: a phrase that would trip one is left out of the copy. Default: built-in rules. */
  readonly rules?: readonly ClaimRule[];
  /** Titles the show's other clips already have (any case): this clip takes another variant. */
  readonly usedTitles?: readonly string[];
  /**
   * Hooks the show's other clips already use, product names replaced by `{p}` ("{p}: orders pour in live"):
   * a hook is reused for another product only when every other hook of the kind is taken.
   */
  readonly usedHooks?: readonly string[];
  /** Viewer lines other clips of the show already quote: another glad line is quoted when there is one. */
  readonly usedQuotes?: readonly string[];
  /** What is ordinary across the show, so its running vocabulary is not tagged on every clip. */
  readonly show?: ShowVocabulary;
}

/** The trustworthy material of a highlight, as the copy reads it. */
export interface CopyMaterial {
  readonly kind: MomentKind;
  readonly products: readonly string[];
  /** Reliable spoken sentences that may be quoted: no sponsor reads, no flagged claims. */
  readonly sentences: readonly string[];
  /** Viewer lines that may be quoted, best first (see `screenChatLine`). */
  readonly reactions: readonly string[];
}

/** Reads what a highlight offers the copy. Highlights stored before `moment` existed get their kind here. */
export function copyMaterial(highlight: Highlight, rules?: readonly ClaimRule[]): CopyMaterial {
  const sentences = highlight.transcript
    .flatMap(splitSentences)
    .filter((sentence) => !isSponsorRead(sentence) && !tripsRule(sentence, rules));
  return {
    kind: highlight.moment ?? momentKind(highlight.signals, highlight.chat, highlight.products.length),
    products: highlight.products,
    sentences: [...new Set(sentences)],
    reactions: quotableChatLines(highlight.chat, rules).filter((line) => !isSponsorRead(line)),
  };
}

/** Title, description and hashtags for a highlight. */
export function clipCopy(highlight: Highlight, options: ClipCopyOptions): ClipCopy {
  const { language, keywordsOf, rules } = options;
  const material = preferUnquoted(copyMaterial(highlight, rules), options.usedQuotes ?? []);
  const terms = distinctiveTerms([...material.sentences, ...material.reactions], language, keywordsOf, {
    excluded: material.products,
    ...(options.show ? { show: options.show } : {}),
  });
  const ranked = rankSentences(material, terms, language, keywordsOf);
  const best = ranked[0]?.sentence;
  // The description quotes the best sentence and one more only when it is about the moment too (no greetings).
  const quoted = [best, ...ranked.slice(1).filter((s) => s.relevant).map((s) => s.sentence)].filter((s): s is string => s !== undefined);
  return {
    title: makeTitle(material, best, options),
    description: makeDescription(material, quoted, language, rules),
    hashtags: makeHashtags(material, terms, options),
  };
}

/** The same material with reactions other clips already quote moved to the back (a show should not quote "so good" twice). */
function preferUnquoted(material: CopyMaterial, usedQuotes: readonly string[]): CopyMaterial {
  if (usedQuotes.length === 0) return material;
  const used = new Set(usedQuotes.map((quote) => quote.toLowerCase()));
  const fresh = material.reactions.filter((line) => !used.has(line.toLowerCase()));
  return { ...material, reactions: [...fresh, ...material.reactions.filter((line) => used.has(line.toLowerCase()))] };
}

/** A title with the product names replaced by `{p}`: what two clips about different products may share. */
export function titleHook(title: string, products: readonly string[]): string {
  return products.reduce((hook, product) => (product.length > 0 ? hook.split(product).join('{p}') : hook), title).toLowerCase();
}

/** The texts whose words describe a highlight (for the show's vocabulary): its reliable sentences and quotable chat. */
export function copyTexts(highlight: Highlight, rules?: readonly ClaimRule[]): string[] {
  const material = copyMaterial(highlight, rules);
  return [...material.sentences, ...material.reactions];
}

/** `#GlowSerum` from "glow serum": words joined in CamelCase; Chinese (no letter case) kept as is. */
export function toHashtag(text: string): string {
  const words = text.normalize('NFKC').split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
  // Only all-lower-case words are capitalised, so brand spellings like "iPhone" survive.
  const joined = words.map((w) => (w === w.toLowerCase() ? w.charAt(0).toUpperCase() + w.slice(1) : w)).join('');
  return joined.length > 0 ? `#${joined}` : '';
}

/**
 * Reliable sentences by how well they represent the moment: naming its lead product counts most, then
 * another product on air, then the topic terms used, then being said first. `relevant`: the sentence names
 * the lead product or uses a topic term (a greeting, or a line about another product, is not).
 */
function rankSentences(material: CopyMaterial, terms: readonly string[], language: Language, keywordsOf: KeywordsOf): { sentence: string; relevant: boolean }[] {
  const topic = new Set(terms);
  const [lead, ...others] = material.products.map((p) => p.toLowerCase());
  return material.sentences
    .map((sentence, order) => {
      const lower = sentence.toLowerCase();
      const overlap = [...termsOf(sentence, language, keywordsOf)].filter((term) => topic.has(term)).length;
      const namesLead = lead !== undefined && lower.includes(lead);
      const namesOther = others.some((p) => lower.includes(p));
      return { sentence, order, relevant: namesLead || overlap > 0, score: (namesLead ? 3 : namesOther ? 1 : 0) + overlap };
    })
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .map(({ sentence, relevant }) => ({ sentence, relevant }));
}

/**
 * The first title candidate that fits, trips no rule and no other clip of the show has. Candidates: the
 * kind's hooks (with the product, then without), a reliable spoken clause, a viewer's reaction. In a demo or
 * host talk the spoken clause leads, since the host's words are the moment.
 */
function makeTitle(material: CopyMaterial, best: string | undefined, options: ClipCopyOptions): string {
  const { language, rules } = options;
  const limit = MAX_TITLE_CHARS[language];
  const product = material.products.find((name) => length(name) <= limit - 8 && !tripsRule(name, rules));
  const hooks = titleHooks(material.kind, language, product);
  const spoken = spokenTitles(product, best, language, limit);
  const reaction = reactionTitles(product, material.reactions[0], language, limit);
  const wordsLead = material.kind === 'talk' || material.kind === 'demo';
  const candidates = wordsLead ? [...spoken, ...hooks, ...reaction] : [...hooks, ...spoken, ...reaction];
  const used = new Set((options.usedTitles ?? []).map((title) => title.toLowerCase()));
  const usedHooks = new Set(options.usedHooks ?? []);
  const fits = candidates.filter((title) => length(title) <= limit && !tripsRule(title, rules) && !isSponsorRead(title));
  const unused = fits.filter((title) => !used.has(title.toLowerCase()));
  const fresh = unused.find((title) => !usedHooks.has(titleHook(title, material.products))) ?? unused[0];
  if (fresh !== undefined) return fresh;
  // Every variant is taken (many clips of one kind): number the shortest one.
  const base = [...fits].sort((a, b) => length(a) - length(b))[0] ?? hooks.at(-1) ?? '';
  for (let n = 2; ; n++) {
    const numbered = language === 'zh' ? `${base}（${n}）` : `${base} (part ${n})`;
    if (!used.has(numbered.toLowerCase())) return numbered;
  }
}

/** Titles quoting the host's own words: a whole sentence or its leading clauses, after the product unless it names it. */
function spokenTitles(product: string | undefined, sentence: string | undefined, language: Language, limit: number): string[] {
  if (sentence === undefined) return [];
  const titles: string[] = [];
  if (product !== undefined && !sentence.toLowerCase().includes(product.toLowerCase())) {
    const prefix = language === 'zh' ? `${product}｜` : `${product}: `;
    const clause = quoteClause(sentence, limit - length(prefix), language);
    if (clause !== undefined) titles.push(prefix + clause);
  }
  const clause = quoteClause(sentence, limit, language);
  if (clause !== undefined) titles.push(clause);
  return titles;
}

/** A title quoting a viewer's (screened) reaction. */
function reactionTitles(product: string | undefined, reaction: string | undefined, language: Language, limit: number): string[] {
  if (reaction === undefined) return [];
  const prefix = language === 'zh' ? `${product !== undefined ? `${product}｜` : ''}弹幕：` : `${product !== undefined ? `${product} — ` : ''}chat: `;
  const clause = quoteClause(reaction, limit - length(prefix) - 2, language);
  const lead = language === 'en' && product === undefined ? 'Chat: ' : prefix;
  return clause === undefined ? [] : [`${lead}“${clause}”`];
}

/** What happened, then up to two of the chosen reliable sentences in the order said, then the best viewer reaction. */
function makeDescription(material: CopyMaterial, chosen: readonly string[], language: Language, rules?: readonly ClaimRule[]): string {
  const summary = momentSummary(material.kind, language, material.products[0]);
  const kept = new Set(chosen.slice(0, DESCRIPTION_SENTENCES));
  const speech = material.sentences
    .filter((sentence) => kept.has(sentence))
    .map((sentence) => quoteClause(sentence, MAX_QUOTE_CHARS, language))
    .filter((clause): clause is string => clause !== undefined)
    .map((clause) => (/[.!?。！？…]$/u.test(clause) ? clause : `${clause}${language === 'zh' ? '。' : '.'}`));
  const spoken = [summary, ...speech].join(language === 'zh' ? '' : ' ');
  const reaction = material.reactions[0];
  const audience = reaction === undefined ? '' : language === 'zh' ? `观众：“${reaction}”` : `Viewers: “${reaction}”`;
  const description = [spoken, audience].filter((part) => part.length > 0).join('\n');
  // The summary and reactions were screened one by one; a product name could still carry a claim.
  return tripsRule(description, rules) ? summaryWithout(material, language, rules) : description;
}

/** The plainest description: the summary, with the product left out when its name itself trips a rule. */
function summaryWithout(material: CopyMaterial, language: Language, rules?: readonly ClaimRule[]): string {
  const product = material.products.find((name) => !tripsRule(name, rules));
  return momentSummary(material.kind, language, product);
}

/** Products, the channel, the kind of moment, then distinctive topic terms; deduplicated, capped, rule-clean. */
function makeHashtags(material: CopyMaterial, terms: readonly string[], options: ClipCopyOptions): string[] {
  const tags: string[] = [];
  const seen = new Set<string>();
  const add = (text: string): boolean => {
    const tag = toHashtag(text);
    const key = tag.toLowerCase();
    if (tag.length === 0 || seen.has(key) || tags.length >= MAX_HASHTAGS || tripsRule(text, options.rules)) return false;
    seen.add(key);
    tags.push(tag);
    return true;
  };
  for (const product of material.products) add(product);
  if (options.channel !== undefined && options.channel !== DEFAULT_CHANNEL) add(options.channel);
  add(momentTag(material.kind, options.language));
  let added = 0;
  for (const term of terms) {
    if (added >= TERM_HASHTAGS) break;
    if (add(term)) added++;
  }
  return tags;
}
