/**
 * How far an engine's confidence can be trusted, measured against references: hypothesis words are
 * aligned to reference words (Levenshtein, the alignment behind WER), then grouped by confidence
 * bucket and by the `reliable` verdict of shared/core/transcript/reliability.ts. Pure functions; the
 * thresholds in RELIABILITY_THRESHOLDS are chosen from what this prints.
 */
import { markReliability, type ReliabilityThreshold, type ScoredEngine, RELIABILITY_THRESHOLDS } from '../../shared/core/transcript/reliability.js';
import type { Language, Segment, TranscriptEngine } from '../../shared/core/types.js';
import { scoringTokens } from './corpusScore.js';

/**
 * For each hypothesis token, whether a minimum-edit alignment matches it to an equal reference token
 * (a hit); substitutions and insertions are misses. Ties prefer a match, then a substitution.
 */
export function alignHits<T>(reference: readonly T[], hypothesis: readonly T[]): boolean[] {
  const rows = reference.length + 1;
  const cols = hypothesis.length + 1;
  const cost = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i += 1) {
    for (let j = 1; j < cols; j += 1) {
      const same = reference[i - 1] === hypothesis[j - 1];
      cost[i]![j] = Math.min(cost[i - 1]![j - 1]! + (same ? 0 : 1), cost[i - 1]![j]! + 1, cost[i]![j - 1]! + 1);
    }
  }
  const hits = hypothesis.map(() => false);
  let i = reference.length;
  let j = hypothesis.length;
  while (i > 0 && j > 0) {
    const same = reference[i - 1] === hypothesis[j - 1];
    if (cost[i]![j] === cost[i - 1]![j - 1]! + (same ? 0 : 1)) {
      hits[j - 1] = same;
      i -= 1;
      j -= 1;
    } else if (cost[i]![j] === cost[i - 1]![j]! + 1) {
      i -= 1;
    } else {
      j -= 1;
    }
  }
  return hits;
}

/** One scored unit of a hypothesis: a word where the engine gives words, else a whole segment. */
export interface ScoredUnit {
  readonly confidence?: number;
  /** The unit's own verdict (a word's `reliable`, or its segment's when it is a segment). */
  readonly reliable: boolean;
  /** Whether the segment around it is reliable, i.e. whether `reliableText` would quote it. */
  readonly quoted: boolean;
  /** Scoring tokens in the unit (a word may normalise to none, or to two). */
  readonly tokens: number;
  /** Of those, tokens aligned to an equal reference token. */
  readonly hits: number;
}

/** Units of marked segments with their hits against the reference. */
export function scoreUnits(segments: readonly Segment[], reference: string, language: Language): ScoredUnit[] {
  const pieces: { unit: Omit<ScoredUnit, 'tokens' | 'hits'>; tokens: string[] }[] = [];
  for (const segment of segments) {
    const quoted = segment.reliable === true;
    if (segment.words && segment.words.length > 0) {
      for (const word of segment.words) {
        pieces.push({ unit: { ...confidenceOf(word.confidence ?? segment.confidence), reliable: word.reliable === true, quoted }, tokens: scoringTokens(word.text, language) });
      }
    } else {
      pieces.push({ unit: { ...confidenceOf(segment.confidence), reliable: quoted, quoted }, tokens: scoringTokens(segment.text, language) });
    }
  }
  const hits = alignHits(scoringTokens(reference, language), pieces.flatMap((piece) => piece.tokens));
  let next = 0;
  return pieces.map(({ unit, tokens }) => {
    const own = hits.slice(next, next + tokens.length);
    next += tokens.length;
    return { ...unit, tokens: tokens.length, hits: own.filter(Boolean).length };
  });
}

/** Tokens and hits of a group of units. */
export interface Tally {
  readonly tokens: number;
  readonly hits: number;
  /** hits / tokens; undefined when there are no tokens. */
  readonly precision: number | undefined;
}

export interface Bucket extends Tally {
  /** [from, to) of confidence; the last bucket includes 1. Undefined bounds: units without a confidence. */
  readonly from?: number;
  readonly to?: number;
}

/** Confidence bucket edges used in reports. */
export const DEFAULT_BUCKET_EDGES: readonly number[] = [0, 0.2, 0.4, 0.6, 0.8, 1];

/** Precision per confidence bucket, plus one bucket (no bounds) for units without a confidence when there are any. */
export function precisionByBucket(units: readonly ScoredUnit[], edges: readonly number[] = DEFAULT_BUCKET_EDGES): Bucket[] {
  if (edges.length < 2) throw new Error('bucket edges need at least two values');
  const buckets: Bucket[] = [];
  for (let index = 0; index < edges.length - 1; index += 1) {
    const from = edges[index]!;
    const to = edges[index + 1]!;
    const last = index === edges.length - 2;
    const inside = units.filter((unit) => unit.confidence !== undefined && unit.confidence >= from && (unit.confidence < to || (last && unit.confidence <= to)));
    buckets.push({ from, to, ...tally(inside) });
  }
  const unscored = units.filter((unit) => unit.confidence === undefined);
  if (unscored.length > 0) buckets.push(tally(unscored));
  return buckets;
}

/** What a verdict lets through: tokens, precision, and coverage (share of all hypothesis tokens). */
export interface VerdictSummary extends Tally {
  readonly coverage: number | undefined;
}

export interface ReliabilitySummary {
  /** Every hypothesis token. */
  readonly all: Tally;
  /** Tokens of units marked reliable themselves (words over the threshold). */
  readonly reliableWords: VerdictSummary;
  /** Tokens of reliable segments: the text `reliableText` quotes. */
  readonly quoted: VerdictSummary;
}

export function summariseReliability(units: readonly ScoredUnit[]): ReliabilitySummary {
  const all = tally(units);
  const verdict = (chosen: readonly ScoredUnit[]): VerdictSummary => {
    const counted = tally(chosen);
    return { ...counted, coverage: all.tokens > 0 ? counted.tokens / all.tokens : undefined };
  };
  return { all, reliableWords: verdict(units.filter((unit) => unit.reliable)), quoted: verdict(units.filter((unit) => unit.quoted)) };
}

/** One transcribed file: the engine's raw segments and the reference text. */
export interface CalibrationSample {
  readonly segments: readonly Segment[];
  readonly reference: string;
}

/** A candidate threshold and what it lets through on the samples. */
export interface SweepRow extends ReliabilitySummary {
  readonly threshold: ReliabilityThreshold;
}

/**
 * Re-marks the samples with each candidate threshold for `engine` (other engines keep the table's)
 * and summarises what each lets through: the data behind a threshold choice.
 */
export function sweepThresholds(
  samples: readonly CalibrationSample[],
  engine: ScoredEngine,
  candidates: readonly ReliabilityThreshold[],
  language: Language,
): SweepRow[] {
  return candidates.map((threshold) => {
    const table = { ...RELIABILITY_THRESHOLDS, [engine]: threshold };
    const units = samples.flatMap((sample) => scoreUnits(markReliability(sample.segments, engine, table), sample.reference, language));
    return { threshold, ...summariseReliability(units) };
  });
}

/** Units of samples marked with the table's thresholds. */
export function markedUnits(samples: readonly CalibrationSample[], engine: TranscriptEngine, language: Language): ScoredUnit[] {
  return samples.flatMap((sample) => scoreUnits(markReliability(sample.segments, engine), sample.reference, language));
}

function tally(units: readonly ScoredUnit[]): Tally {
  const tokens = units.reduce((sum, unit) => sum + unit.tokens, 0);
  const hits = units.reduce((sum, unit) => sum + unit.hits, 0);
  return { tokens, hits, precision: tokens > 0 ? hits / tokens : undefined };
}

const confidenceOf = (confidence: number | undefined): { confidence?: number } => (confidence === undefined ? {} : { confidence });
