/** Compliance terms the host said, once per term with its first occurrence as evidence. */
import type { FlaggedClaim } from '../schemas/review.js';
import type { ComplianceFlag } from '../types.js';
import type { EvidenceFinder } from './evidence.js';

export function flaggedClaims(compliance: readonly ComplianceFlag[], evidence: EvidenceFinder): FlaggedClaim[] {
  const byTerm = new Map<string, { first: ComplianceFlag; count: number }>();
  for (const flag of [...compliance].sort((a, b) => a.start - b.start)) {
    // Viewers' words are not the host's script: only what was said on air is planned around.
    if (flag.source !== 'speech') continue;
    const key = flag.term.toLowerCase();
    const entry = byTerm.get(key);
    if (entry === undefined) byTerm.set(key, { first: flag, count: 1 });
    else entry.count++;
  }
  return [...byTerm.values()]
    .sort((a, b) => Number(b.first.severity === 'block') - Number(a.first.severity === 'block') || b.count - a.count)
    .map(({ first, count }) => ({ term: first.term, rule: first.rule, severity: first.severity, count, evidence: [evidence.make(first.start, first.text, 'speech')] }));
}
