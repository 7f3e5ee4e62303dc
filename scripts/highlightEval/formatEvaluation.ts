/** Plain-text tables of a highlight evaluation, for the terminal. Pure. */
import type { DecoysInTopK, SetScore } from '../../shared/core/evaluation/index.js';
import { renderTextTable } from '../textTable.js';
import type { HighlightEvaluation, VariantResult } from './evaluateShows.js';

const f2 = (value: number | undefined) => (value === undefined ? '-' : value.toFixed(2));
const f1 = (value: number | undefined) => (value === undefined ? '-' : value.toFixed(1));

/** Per-show table, then overall and per-language lines, then recall per label kind. */
export function formatShowTable(evaluation: HighlightEvaluation): string {
  const headers = ['show', 'lang', 'min', 'labels', 'pred', 'p@3', 'p@5', 'p@10', 'recall', 'F1', 'bound s', 'lag s', 'input'];
  const rows = evaluation.shows.map((show) => [
    show.name,
    show.language,
    show.minutes.toFixed(1),
    String(show.score.labels),
    String(show.score.predictions),
    f2(show.score.precisionAt[3]),
    f2(show.score.precisionAt[5]),
    f2(show.score.precisionAt[10]),
    f2(show.score.recall),
    f2(show.score.f1),
    f1(show.score.boundaryErrorSeconds),
    // 5.2m = measured and applied, 4.0d = default (not measured or too uncertain), 4.0f = fixed by the run.
    `${show.chatLag.appliedSeconds.toFixed(1)}${show.chatLag.appliedFrom.charAt(0)}`,
    `${show.measuredFrom}+${show.transcriptFrom}`,
  ]);
  const setRow = (name: string, score: SetScore, minutes: number) => [
    name,
    '',
    minutes.toFixed(0),
    String(score.labels),
    String(score.predictions),
    f2(score.precisionAt[3]),
    f2(score.precisionAt[5]),
    f2(score.precisionAt[10]),
    f2(score.recall),
    f2(score.f1),
    f1(score.boundaryErrorSeconds),
    '',
    '',
  ];
  const minutesOf = (language?: string) =>
    evaluation.shows.filter((s) => language === undefined || s.language === language).reduce((sum, s) => sum + s.minutes, 0);
  rows.push(setRow('OVERALL', evaluation.overall, minutesOf()));
  for (const [language, score] of Object.entries(evaluation.byLanguage)) {
    if (score) rows.push(setRow(`  ${language}`, score, minutesOf(language)));
  }
  const kinds = Object.entries(evaluation.recallByKind)
    .map(([kind, k]) => `${kind} ${k.recall.toFixed(2)} (${k.found}/${k.labels})`)
    .join(', ');
  return `${renderTextTable(headers, rows)}\n\nrecall by kind: ${kinds}`;
}

/** `3 (giveaway-flood 2, music-break 1)`, or `0`. */
function decoyCell(decoys: DecoysInTopK): string {
  const kinds = Object.entries(decoys.byKind)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, n]) => `${kind} ${n}`);
  return kinds.length > 0 ? `${decoys.total} (${kinds.join(', ')})` : String(decoys.total);
}

/**
 * Per-show table at K = the show's labelled moments: precision@K, recall, opening coverage (first 11 s inside one
 * clip of at most 45 s), mean lead-in of the matched clips, and the top-K clips that land on distractors and on
 * confounders (from truth.json; shows without it have none).
 */
export function formatMomentTable(evaluation: HighlightEvaluation): string {
  const headers = ['show', 'lang', 'min', 'K', 'pred', 'p@K', 'recall', 'covered', 'lead-in s', 'distr@K', 'confounders@K'];
  const rows = evaluation.shows.map((show) => [
    show.name,
    show.language,
    show.minutes.toFixed(1),
    String(show.atMoments.k),
    String(show.score.predictions),
    f2(show.atMoments.precisionAtK),
    f2(show.score.recall),
    `${show.atMoments.covered}/${show.atMoments.k}`,
    f1(show.atMoments.meanLeadInSeconds),
    decoyCell(show.atMoments.distractorsInTopK),
    decoyCell(show.atMoments.confoundersInTopK),
  ]);
  const all = evaluation.overallAtMoments;
  rows.push([
    'OVERALL',
    '',
    evaluation.shows.reduce((sum, s) => sum + s.minutes, 0).toFixed(0),
    String(all.labels),
    String(evaluation.overall.predictions),
    f2(all.precisionAtK),
    f2(evaluation.overall.recall),
    `${all.covered}/${all.labels}`,
    f1(all.meanLeadInSeconds),
    decoyCell(all.distractorsInTopK),
    decoyCell(all.confoundersInTopK),
  ]);
  return renderTextTable(headers, rows);
}

/** Ablation table: every variant's overall scores and its F1 against the fused detector's. */
export function formatAblationTable(ablations: readonly VariantResult[]): string {
  const fused = ablations.find((a) => a.kind === 'fused');
  const rows = ablations.map((a) => [
    a.name,
    f2(a.overall.precisionAt[5]),
    f2(a.overall.recall),
    f2(a.overall.f1),
    fused && a !== fused ? signedDelta(a.overall.f1 - fused.overall.f1) : '',
    fused && a !== fused ? (a.overall.f1 < fused.overall.f1 ? 'lower' : 'NOT LOWER') : '',
  ]);
  return renderTextTable(['variant', 'p@5', 'recall', 'F1', 'dF1', 'vs fused'], rows);
}

/** Variants whose F1 is not below the fused detector's (empty when every ablation hurts, as it should). */
export function ablationsNotLower(ablations: readonly VariantResult[]): VariantResult[] {
  const fused = ablations.find((a) => a.kind === 'fused');
  if (!fused) return [];
  return ablations.filter((a) => a.kind !== 'fused' && a.overall.f1 >= fused.overall.f1);
}

function signedDelta(value: number): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(3)}`;
}
