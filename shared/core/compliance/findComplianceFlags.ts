import { detectLanguage } from '../text/language.js';
import type { ComplianceFlag, Language } from '../types.js';
import { compileClaimPattern, DEFAULT_CLAIM_RULES, type ClaimRule } from './claimRules.js';

/** A stretch of speech or one chat line to check. */
export interface ComplianceItem {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly source: 'speech' | 'chat';
}

interface Candidate {
  readonly index: number;
  readonly term: string;
  readonly rule: ClaimRule;
  readonly order: number;
}

/**
 * Flags banned or absolute advertising claims in speech and chat, one flag per match, sorted by
 * start (ties keep input order); the same rule and term on the same text at the same time is one flag. Every rule runs on every item, since hosts code-switch ("这个是
 * best ever"). Where matches overlap in one item (全网最低价 also contains 最低价) only one is kept:
 * `block` before `warn`, then the longer match, then the rule in the
 * line's own language ("NO.1" is in both lists), then the earlier rule. Text is NFKC-normalised first
 * so full-width "１００％" and "ＮＯ．１" match; `term` is the matched text in that normalised form.
 */
export function findComplianceFlags(
  items: readonly ComplianceItem[],
  rules: readonly ClaimRule[] = DEFAULT_CLAIM_RULES,
): ComplianceFlag[] {
  const compiled = rules.map((rule) => ({ rule, regex: compileClaimPattern(rule) }));
  const flags: ComplianceFlag[] = [];
  for (const item of items) {
    const text = item.text.normalize('NFKC');
    const language = detectLanguage([text]);
    const candidates: Candidate[] = [];
    compiled.forEach(({ rule, regex }, order) => {
      for (const match of text.matchAll(regex)) {
        if (match[0].length > 0) candidates.push({ index: match.index, term: match[0], rule, order });
      }
    });
    for (const candidate of keepNonOverlapping(candidates, language)) {
      flags.push({
        start: item.start,
        end: item.end,
        term: candidate.term,
        rule: candidate.rule.rule,
        severity: candidate.rule.severity,
        source: item.source,
        text: item.text,
        language: candidate.rule.language,
      });
    }
  }
  return dedupe(flags).sort((a, b) => a.start - b.start);
}

/** Each finding once: the same rule on the same text at the same time (a repeated caption cue, a line given twice). */
function dedupe(flags: readonly ComplianceFlag[]): ComplianceFlag[] {
  const seen = new Set<string>();
  return flags.filter((flag) => {
    const key = JSON.stringify([flag.rule, flag.term, flag.text.normalize('NFKC').trim(), flag.start, flag.end]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function keepNonOverlapping(candidates: readonly Candidate[], language: Language): Candidate[] {
  const languageRank = (candidate: Candidate): number => (candidate.rule.language === language ? 0 : 1);
  const preferred = [...candidates].sort(
    (a, b) =>
      severityRank(a) - severityRank(b) ||
      b.term.length - a.term.length ||
      languageRank(a) - languageRank(b) ||
      a.order - b.order ||
      a.index - b.index,
  );
  const kept: Candidate[] = [];
  for (const candidate of preferred) {
    const end = candidate.index + candidate.term.length;
    if (kept.every((other) => end <= other.index || candidate.index >= other.index + other.term.length)) kept.push(candidate);
  }
  return kept.sort((a, b) => a.index - b.index);
}

function severityRank(candidate: Candidate): number {
  return candidate.rule.severity === 'block' ? 0 : 1;
}
