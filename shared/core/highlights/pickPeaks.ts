import { clipBudget } from './clipBudget.js';
import type { HighlightConfig } from './config.js';
import { scoreFloor } from './scoreFloor.js';

/** Number of equal parts the show is cut into for the diversity rule. */
const DIVERSITY_PARTS = 10;

/**
 * Deciding half of the detector: picks peak seconds from the fused score by greedy non-maximum
 * suppression (highest first; nothing within `minGapSeconds` of an earlier pick), keeping only values
 * ≥ `minFusedScore`.
 *
 * How many: every strong peak (at or above the show's score floor, scoreFloor.ts), up to the clip budget
 * (clipBudget.ts: `maxClips` when set, else about `clipsPerTenMinutes` per ten minutes). When fewer are strong,
 * the best `keepBestClips` peaks are kept anyway, so a show with corroborated moments always gets its best.
 *
 * A diversity rule spreads picks over the show: at most ceil(budget · maxSharePerTenth) picks in any tenth
 * of it, unless nothing else qualifies, in which case the held-back candidates fill the remaining slots
 * (still honouring the gap).
 *
 * `isEligible` lets the caller veto seconds (e.g. where no single signal fires). Returns seconds best
 * first. Ties go to the earlier second, so the result is deterministic.
 */
export function pickPeaks(
  fused: readonly number[],
  config: HighlightConfig,
  isEligible: (second: number) => boolean = () => true,
): number[] {
  const n = fused.length;
  if (n === 0) return [];
  const budget = clipBudget(n, config);
  if (budget === 0) return [];
  const candidates: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = fused[i] ?? 0;
    if (Number.isFinite(v) && v >= config.minFusedScore && v > 0 && isEligible(i)) candidates.push(i);
  }
  candidates.sort((a, b) => (fused[b] ?? 0) - (fused[a] ?? 0) || a - b);

  // 1. Non-maximum suppression over every candidate: the local peaks, mutually ≥ minGap apart.
  const peaks: number[] = [];
  for (const i of candidates) {
    if (peaks.every((p) => Math.abs(p - i) >= config.minGapSeconds)) peaks.push(i);
  }

  // 2. The strong peaks, and at least the best few of the rest (peaks are best first).
  const floor = scoreFloor(fused, config);
  const keep = Math.min(budget, config.keepBestClips);
  const chosen = peaks.filter((i, rank) => (fused[i] ?? 0) >= floor || rank < keep);

  // 3. Diversity: best first, but at most perPartLimit peaks per tenth of the show.
  const perPartLimit = Math.max(1, Math.ceil(budget * config.maxSharePerTenth));
  const partOf = (i: number) => Math.min(DIVERSITY_PARTS - 1, Math.floor((i * DIVERSITY_PARTS) / n));
  const perPart = new Array<number>(DIVERSITY_PARTS).fill(0);
  const picks: number[] = [];
  const heldBack: number[] = [];
  for (const i of chosen) {
    if (picks.length >= budget) break;
    const part = partOf(i);
    if ((perPart[part] ?? 0) >= perPartLimit) {
      heldBack.push(i);
      continue;
    }
    picks.push(i);
    perPart[part] = (perPart[part] ?? 0) + 1;
  }
  // 4. Nothing else qualified: the crowded parts fill the remaining slots, best first.
  for (const i of heldBack) {
    if (picks.length >= budget) break;
    picks.push(i);
  }
  return picks.sort((a, b) => (fused[b] ?? 0) - (fused[a] ?? 0) || a - b);
}
