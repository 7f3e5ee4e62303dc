/**
 * The rules every clip copy keeps, as a check: used on a language model's copy before it is accepted (the
 * offline copy is built to keep them). A broken rule is named so the fallback can say why.
 */
import { containsPersonalData } from '../chat/screenChatLine.js';
import type { ClaimRule } from '../compliance/claimRules.js';
import type { ClipCopy, Highlight, Language } from '../types.js';
import { MAX_HASHTAGS, MAX_TITLE_CHARS } from './clipCopy.js';
import { copyComplianceFlags } from './copyCompliance.js';
import { isCommonWord } from '../text/commonWords.js';
import type { KeywordsOf } from './distinctiveTerms.js';
import { isMomentTag } from './momentLines.js';
import { length } from './quoteClause.js';
import { isSponsorRead } from './sponsorRead.js';

/** Longest description, characters. */
export const MAX_DESCRIPTION_CHARS = 400;
const HASHTAG = /^#[\p{L}\p{N}_]+$/u;
const PLACEHOLDER_TITLE = /^(?:highlight|clip|moment)\s*(?:at|@|#)?\s*[\d:]+$|^高光时刻\s*[\d:]+$/iu;

export interface CopyCheckContext {
  readonly language: Language;
  readonly keywordsOf: KeywordsOf;
  readonly rules?: readonly ClaimRule[];
  /** Titles of the show's other clips: a title must differ from them. */
  readonly otherTitles?: readonly string[];
}

/** What is wrong with a clip's copy (empty when nothing is). */
export function copyProblems(copy: ClipCopy, highlight: Highlight, context: CopyCheckContext): string[] {
  const { language } = context;
  const problems: string[] = [];
  const title = copy.title.trim();
  if (title.length === 0 || length(title) > MAX_TITLE_CHARS[language]) problems.push(`title must be 1-${MAX_TITLE_CHARS[language]} characters`);
  if (PLACEHOLDER_TITLE.test(title)) problems.push('title names a time, not what happens');
  if (length(copy.description) > MAX_DESCRIPTION_CHARS) problems.push(`description over ${MAX_DESCRIPTION_CHARS} characters`);
  if (copy.hashtags.length > MAX_HASHTAGS || copy.hashtags.some((tag) => !HASHTAG.test(tag))) problems.push(`hashtags must be up to ${MAX_HASHTAGS} single #words`);
  const filler = copy.hashtags.map((tag) => tag.replace(/^#/u, '')).filter((word) => isCommonWord(word) && !isMomentTag(word));
  if (filler.length > 0) problems.push(`tags filler words (${filler.join(', ')})`);
  if ((context.otherTitles ?? []).some((other) => other.toLowerCase() === title.toLowerCase())) problems.push('title repeats another clip of the show');
  const all = [copy.title, copy.description, ...copy.hashtags];
  if (all.some(isSponsorRead)) problems.push('quotes a sponsor read');
  if (all.some(containsPersonalData)) problems.push('carries personal data');
  const flags = copyComplianceFlags(copy, context.rules);
  if (flags.length > 0) problems.push(`makes a flagged claim (${[...new Set(flags.map((flag) => flag.term))].join(', ')})`);
  const misheard = misheardWords(copy, highlight, context);
  if (misheard.length > 0) problems.push(`uses words only unreliable speech had (${misheard.join(', ')})`);
  return problems;
}

/**
 * Words of the title and hashtags that occur in the clip's unreliable speech and nowhere in its trustworthy
 * material (reliable speech, chat, products): a model that saw the unsure lines must not repeat them.
 */
function misheardWords(copy: ClipCopy, highlight: Highlight, context: CopyCheckContext): string[] {
  const unreliable = (highlight.speech ?? []).filter((line) => !line.reliable).map((line) => line.text);
  if (unreliable.length === 0) return [];
  const { language, keywordsOf } = context;
  // Content words of two or more characters, background vocabulary aside ("live", "link" are no evidence of mishearing).
  const terms = (texts: readonly string[]): Set<string> =>
    new Set(
      texts
        .flatMap((text) => keywordsOf(text, language))
        .map((word) => word.toLowerCase())
        .filter((word) => Array.from(word).length >= 2 && !isCommonWord(word)),
    );
  const trusted = terms([...highlight.transcript, ...highlight.chat, ...highlight.products]);
  const unsure = [...terms(unreliable)].filter((term) => !trusted.has(term));
  // CamelCase tags are split back into words (#HypedUp → hyped up) so a misheard word is found inside them.
  const written = terms([copy.title, ...copy.hashtags.map((tag) => tag.replace(/^#/u, '').replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2'))]);
  return unsure.filter((term) => written.has(term));
}
