/**
 * Word and character error rates for measuring transcription against a reference:
 * (substitutions + deletions + insertions) / reference length, by Levenshtein alignment.
 */

/** Lowercase, drop punctuation, collapse whitespace: the usual normalisation before scoring. */
export function normaliseForScoring(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}'\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Edit distance between two token sequences (O(n*m) time, O(m) memory). */
export function editDistance<T>(reference: readonly T[], hypothesis: readonly T[]): number {
  let previous = Array.from({ length: hypothesis.length + 1 }, (_, j) => j);
  for (let i = 1; i <= reference.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= hypothesis.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (reference[i - 1] === hypothesis[j - 1] ? 0 : 1);
      current.push(Math.min(substitution, (previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1));
    }
    previous = current;
  }
  return previous[hypothesis.length] ?? 0;
}

/** Word error rate of a hypothesis against a reference (1 when the reference is empty and the hypothesis is not). */
export function wordErrorRate(reference: string, hypothesis: string): number {
  const ref = normaliseForScoring(reference).split(' ').filter(Boolean);
  const hyp = normaliseForScoring(hypothesis).split(' ').filter(Boolean);
  if (ref.length === 0) return hyp.length === 0 ? 0 : 1;
  return editDistance(ref, hyp) / ref.length;
}

/** Character error rate (for Chinese), ignoring whitespace and punctuation. */
export function characterErrorRate(reference: string, hypothesis: string): number {
  const ref = [...normaliseForScoring(reference).replace(/\s/g, '')];
  const hyp = [...normaliseForScoring(hypothesis).replace(/\s/g, '')];
  if (ref.length === 0) return hyp.length === 0 ? 0 : 1;
  return editDistance(ref, hyp) / ref.length;
}
