/**
 * Runs the detector (and its ablation variants) over loaded labelled shows and scores the results.
 * Pure apart from measuring how long detection takes.
 */
import { performance } from 'node:perf_hooks';
import {
  ablationVariants,
  aggregateMomentScores,
  aggregateScores,
  scoreAtMoments,
  scoreShow,
  type MomentScore,
  type SetMomentScore,
  type DetectorVariant,
  type SetScore,
  type ShowScore,
} from '../../shared/core/evaluation/index.js';
import { DEFAULT_CHAT_LAG_SECONDS } from '../../shared/core/chat/chatLag.js';
import {
  assembleHighlightInputs,
  buildSignalSet,
  detectHighlightsFromSignals,
  resolveHighlightConfig,
  type HighlightConfig,
} from '../../shared/core/highlights/index.js';
import type { Language, SignalName } from '../../shared/core/types.js';
import type { LabelledShow } from './loadLabelledShow.js';

export interface PredictedHighlight {
  readonly rank: number;
  readonly start: number;
  readonly end: number;
  readonly score: number;
  readonly signals: readonly SignalName[];
  /** Index into the show's labels when this prediction is a hit. */
  readonly label: number | undefined;
}

export interface ShowResult {
  readonly name: string;
  readonly language: Language;
  readonly minutes: number;
  readonly measuredFrom: LabelledShow['measuredFrom'];
  readonly transcriptFrom: LabelledShow['transcriptFrom'];
  readonly score: Omit<ShowScore, 'matches'>;
  /** Scores at K = the show's labelled moments: precision@K, opening coverage, lead-in, decoys in the top K. */
  readonly atMoments: MomentScore;
  readonly highlights: readonly PredictedHighlight[];
  /** Labelled windows no prediction matched. */
  readonly missed: readonly { readonly start: number; readonly end: number; readonly kind: string }[];
  /** Signal building + detection of the fused detector, seconds. */
  readonly detectSeconds: number;
  /** The chat lag the detector applied to this show, seconds, and where it came from. */
  readonly chatLag: { readonly appliedSeconds: number; readonly appliedFrom: string; readonly measuredSeconds?: number; readonly confidence: number };
}

export interface VariantResult {
  readonly name: string;
  readonly kind: DetectorVariant['kind'];
  readonly signal?: SignalName;
  readonly overall: SetScore;
}

export interface HighlightEvaluation {
  readonly config: HighlightConfig;
  readonly shows: readonly ShowResult[];
  readonly overall: SetScore;
  /** The moment scores over the set (precision@K averaged per show, coverage pooled, decoys summed). */
  readonly overallAtMoments: SetMomentScore;
  readonly byLanguage: Readonly<Partial<Record<Language, SetScore>>>;
  /** Recall per label kind, pooled over shows. */
  readonly recallByKind: Readonly<Record<string, { readonly labels: number; readonly found: number; readonly recall: number }>>;
  /** Fused first, then "without X" and "only X" per signal; absent when ablations were not asked for. */
  readonly ablations?: readonly VariantResult[];
}

export interface EvaluateOptions {
  /** Partial highlight configuration on top of the defaults (same shape as the pipeline's). */
  readonly config?: unknown;
  readonly ablations?: boolean;
  /**
   * 'measured' (default) calibrates each show's chat lag as the analyze stage does; 'fixed' applies the
   * default lag (DEFAULT_CHAT_LAG_SECONDS) to every show, to measure what calibration is worth.
   */
  readonly chatLag?: 'measured' | 'fixed';
  /**
   * Seconds added to every chat event of every show before detection (player latency a set did not have), to
   * measure what chat-lag calibration recovers. Events pushed past the end are dropped. @default 0
   */
  readonly chatDelaySeconds?: number;
}

/** Detects and scores every show with the configured detector, and with each ablation variant when asked. */
export function evaluateShows(shows: readonly LabelledShow[], options: EvaluateOptions = {}): HighlightEvaluation {
  // The shipped default: the automatic clip count (no maxClips), so what is measured is what a run cuts.
  // `--config` with `{ "maxClips": 100 }` measures the detector without the per-ten-minutes budget.
  const config = resolveHighlightConfig(options.config ?? {});
  const variants = options.ablations ? ablationVariants(config) : ablationVariants(config).slice(0, 1);
  const perVariant = variants.map(() => [] as ShowScore[]);
  const results: ShowResult[] = [];
  /** Per show, per label: whether the fused detector matched it. */
  const labelFound: boolean[][] = [];

  for (const show of shows) {
    const started = performance.now();
    // Same assembly and chat-lag calibration as the analyze stage, so what is measured is what ships.
    const { inputs, chatLag: lag } = assembleHighlightInputs(delayChat(show.evidence, options.chatDelaySeconds ?? 0), {
      ...(options.chatLag === 'fixed' ? { chatLagSeconds: DEFAULT_CHAT_LAG_SECONDS } : {}),
    });
    const signals = buildSignalSet(inputs, config);
    const labels = show.labels;
    variants.forEach((variant, v) => {
      const highlights = detectHighlightsFromSignals(inputs, signals, variant.config);
      const score = scoreShow(highlights, labels);
      perVariant[v]?.push(score);
      if (v !== 0) return;
      const detectSeconds = (performance.now() - started) / 1000;
      const matchedLabels = new Set(score.matches.filter((m): m is number => m !== undefined));
      labelFound.push(labels.map((_, i) => matchedLabels.has(i)));
      const { matches, ...rest } = score;
      results.push({
        name: show.name,
        language: show.evidence.language,
        minutes: round(show.evidence.duration / 60, 1),
        measuredFrom: show.measuredFrom,
        transcriptFrom: show.transcriptFrom,
        score: rest,
        atMoments: scoreAtMoments(highlights, labels, matches, show.decoys),
        highlights: highlights.map((h, i) => ({
          rank: h.rank,
          start: h.start,
          end: h.end,
          score: h.score,
          signals: h.signals.map((s) => s.name),
          label: matches[i],
        })),
        missed: labels.filter((_, i) => !matchedLabels.has(i)).map(({ start, end, kind }) => ({ start, end, kind })),
        detectSeconds: round(detectSeconds, 3),
        chatLag: {
          appliedSeconds: lag.appliedSeconds,
          appliedFrom: options.chatLag === 'fixed' ? 'fixed' : lag.appliedFrom,
          ...(lag.estimate.method === 'default' ? {} : { measuredSeconds: round(lag.estimate.lagSeconds, 2) }),
          confidence: round(lag.estimate.confidence, 2),
        },
      });
    });
  }

  const fusedScores = perVariant[0] ?? [];
  const byLanguage: Partial<Record<Language, SetScore>> = {};
  for (const language of ['en', 'zh'] as const) {
    const scores = fusedScores.filter((_, i) => results[i]?.language === language);
    if (scores.length > 0) byLanguage[language] = aggregateScores(scores);
  }
  return {
    config,
    shows: results,
    overall: aggregateScores(fusedScores),
    overallAtMoments: aggregateMomentScores(
      results.map((r) => r.atMoments),
      results.map((r) => r.score.hits),
    ),
    byLanguage,
    recallByKind: recallByKind(shows, labelFound),
    ...(options.ablations
      ? {
          ablations: variants.map((variant, v) => ({
            name: variant.name,
            kind: variant.kind,
            ...(variant.signal ? { signal: variant.signal } : {}),
            overall: aggregateScores(perVariant[v] ?? []),
          })),
        }
      : {}),
  };
}

function recallByKind(shows: readonly LabelledShow[], labelFound: readonly (readonly boolean[])[]): HighlightEvaluation['recallByKind'] {
  const counts: Record<string, { labels: number; found: number }> = {};
  shows.forEach((show, s) => {
    show.labels.forEach((label, i) => {
      const entry = (counts[label.kind] ??= { labels: 0, found: 0 });
      entry.labels += 1;
      if (labelFound[s]?.[i]) entry.found += 1;
    });
  });
  return Object.fromEntries(
    Object.entries(counts)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([kind, c]) => [kind, { ...c, recall: c.labels > 0 ? c.found / c.labels : 1 }]),
  );
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** The show's evidence with every chat event `seconds` later (events past the end are left out by assembly). */
function delayChat(evidence: LabelledShow['evidence'], seconds: number): LabelledShow['evidence'] {
  if (seconds === 0) return evidence;
  return { ...evidence, chat: evidence.chat.map((event) => ({ ...event, t: event.t + seconds })) };
}
