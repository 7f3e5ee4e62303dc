/**
 * Compliance of the copy we write: a title, description or hashtag must not make an advertising claim the
 * rules flag (广告法 superlatives, "best ever", cure claims), whoever said it first. Copy is built from
 * phrases that pass this check, and a language model's copy is rejected when it fails it.
 */
import type { ClaimRule } from '../compliance/claimRules.js';
import { findComplianceFlags } from '../compliance/findComplianceFlags.js';
import type { ClipCopy, ComplianceFlag } from '../types.js';

/** True when the text would raise a compliance flag. */
export function tripsRule(text: string, rules?: readonly ClaimRule[]): boolean {
  return findComplianceFlags([{ start: 0, end: 0, text, source: 'speech' }], rules).length > 0;
}

/** The flags a clip's copy would raise, title first, then description, then each hashtag. */
export function copyComplianceFlags(copy: ClipCopy, rules?: readonly ClaimRule[]): ComplianceFlag[] {
  const texts = [copy.title, copy.description, ...copy.hashtags.map((tag) => tag.replace(/^#/u, ''))];
  return findComplianceFlags(texts.map((text) => ({ start: 0, end: 0, text, source: 'speech' as const })), rules);
}
