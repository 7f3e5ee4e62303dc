import type { AudioAnalysis, TimeRange } from '../types.js';
import type { HighlightConfig } from './config.js';
import { CutPoints, type CutKind, type CutPoint } from './cutPoints.js';
import type { HighlightInputs } from './highlightInputs.js';

/** What boundary snapping reads from a show: its length, its sentences (and words) and its silences. */
export type SnapInputs = Pick<HighlightInputs, 'duration' | 'segments'> & {
  readonly audio: Pick<AudioAnalysis, 'silences'>;
};

/** The settings boundary snapping reads. */
export type SnapConfig = Pick<
  HighlightConfig,
  'preRollSeconds' | 'postRollSeconds' | 'snapToleranceSeconds' | 'minClipSeconds' | 'maxClipSeconds' | 'leadInSeconds' | 'leadOutSeconds'
>;

/**
 * Clip window around a peak, cut at sentence or silence boundaries and never inside a word. The wanted
 * window is [peak − preRoll, max(peak + postRoll, reactionEnd)]: the set-up, the moment and the audience's
 * reaction to it. Each edge then moves to a cut point (cutPoints.ts: a lead-in before a sentence start or after
 * a silence, a lead-out after a sentence end or before a silence), preferring, in this order:
 * 1. a sentence, silence or show edge within `snapToleranceSeconds`, widening the clip (start back, end forward);
 * 2. the same narrowing it (only when nothing lies within tolerance the widening way);
 * 3. a pause between two words of a sentence; then the wanted time itself when no speech is there;
 * 4. a sentence edge further away, and only as the last resort a cut inside a segment without word timings.
 * Starts prefer paragraphs: a start after a pause of 1.5 s or more (the set-up of a moment) may lie twice the
 * tolerance back at the cost of one within it, and a start in the middle of a run of speech costs more.
 * An end that would cut the reaction short costs more again.
 * The pair is the cheapest with the peak inside and a length in [minClipSeconds, maxClipSeconds], so a clip too
 * long for the maximum keeps the edges that cost least to give up. The whole show when it is shorter than
 * the minimum. Boundaries are multiples of 0.01 s.
 */
export function snapBoundaries(peak: number, inputs: SnapInputs | CutPoints, config: SnapConfig, reactionEnd?: number): TimeRange {
  const cuts = inputs instanceof CutPoints ? inputs : cutPointsOf(inputs, config);
  const { duration } = cuts;
  const { minClipSeconds: minLength, maxClipSeconds: maxLength, snapToleranceSeconds: tolerance } = config;
  if (duration <= minLength) return { start: 0, end: duration };
  const at = clamp(peak, 0, duration);
  const wantStart = clamp(at - config.preRollSeconds, 0, duration);
  const wantEnd = clamp(Math.max(at + config.postRollSeconds, reactionEnd ?? -Infinity), 0, duration);

  const rolls = config.preRollSeconds + config.postRollSeconds;
  const preShare = rolls > 0 ? config.preRollSeconds / rolls : 0.5;
  const startOptions = options(cuts, cuts.starts, 'start', [wantStart, at - minLength * preShare, at - maxLength * preShare], at - maxLength, at);
  const endOptions = options(cuts, cuts.ends, 'end', [wantEnd, at + minLength * (1 - preShare), at + maxLength * (1 - preShare)], at, at + maxLength);

  let best: { start: number; end: number; cost: number } | undefined;
  for (const s of startOptions) {
    const startCost = s.penalty + shift(wantStart - s.at, s.paragraph === true ? tolerance * PARAGRAPH_TOLERANCE_FACTOR : tolerance);
    if (best !== undefined && startCost >= best.cost) continue;
    for (const e of endOptions) {
      const length = e.at - s.at;
      if (length < minLength - 1e-9 || length > maxLength + 1e-9) continue;
      const cost = startCost + e.penalty + shift(e.at - wantEnd, tolerance) + (reactionEnd !== undefined && e.at < reactionEnd ? CUT_REACTION_PENALTY : 0);
      if (best === undefined || cost < best.cost - 1e-9) best = { start: s.at, end: e.at, cost };
    }
  }
  if (best !== undefined) return { start: best.start, end: best.end };
  return fallback(at, duration, config, preShare);
}

/** The cut points of a show for `snapBoundaries`: build once per show when snapping many peaks. */
export function cutPointsOf(inputs: SnapInputs, config: Pick<HighlightConfig, 'leadInSeconds' | 'leadOutSeconds'>): CutPoints {
  return new CutPoints(inputs, config);
}

interface Option {
  readonly at: number;
  /** Starts only: the first word follows a pause of PARAGRAPH_PAUSE_SECONDS or more (or nothing at all). */
  readonly paragraph?: boolean;
  /** Seconds-equivalent cost of cutting here for what lies here, before the distance from the wanted time. */
  readonly penalty: number;
}

/**
 * What cutting at a place costs, in tolerance units (comparable with `shift`): a sentence, silence or show edge
 * nothing; a pause between two words of a sentence more than any sentence edge within tolerance either way; the
 * wanted time where nothing is said (music, an untranscribed stretch) a little less; a cut inside a segment
 * without word timings (maybe mid-word) as much as a sentence edge a full tolerance beyond the wanted range.
 */
const KIND_PENALTY: Record<CutKind, number> = { sentence: 0, silence: 0, edge: 0, word: 2.5 };
const RAW_PENALTY = 2;
const INSIDE_SEGMENT_PENALTY = 4;
/** An end before the audience's reaction has died down costs this much more: the reaction is what makes the clip. */
const CUT_REACTION_PENALTY = 2;
/**
 * A start whose first word follows a pause at least this long opens a paragraph: where a host starts a new thing
 * (the set-up of a moment comes after a beat, its pay-off lines run on). Shorter pauses are run-on starts.
 */
const PARAGRAPH_PAUSE_SECONDS = 1.5;
/** A run-on start costs this much more: cutting into the middle of a run of speech drops its opening. */
const RUN_ON_START_PENALTY = 1;
/** A paragraph start may be this many times further back than the tolerance at the same cost: the set-up beats the nearest sentence. */
const PARAGRAPH_TOLERANCE_FACTOR = 2;

/** The cut points of one side within [lo, hi], plus the raw wanted times where no word is spoken. */
function options(cuts: CutPoints, points: readonly CutPoint[], side: 'start' | 'end', raw: readonly number[], lo: number, hi: number): Option[] {
  const found: Option[] = [];
  for (const point of inRange(points, lo, hi)) {
    const runOn = side === 'start' && point.kind !== 'edge' && (point.pauseBefore ?? Infinity) < PARAGRAPH_PAUSE_SECONDS;
    found.push({ at: point.at, penalty: KIND_PENALTY[point.kind] + (runOn ? RUN_ON_START_PENALTY : 0), paragraph: side === 'start' && !runOn });
  }
  for (const t of raw) {
    const at = cuts.legal(clamp(t, Math.max(0, lo), Math.min(cuts.duration, hi)), side, true);
    if (at === undefined || at < lo - 1e-9 || at > hi + 1e-9) continue;
    const runOn = side === 'start' && cuts.pauseAround(at) < PARAGRAPH_PAUSE_SECONDS;
    found.push({ at, penalty: (cuts.inSpeech(at, false) ? INSIDE_SEGMENT_PENALTY : RAW_PENALTY) + (runOn ? RUN_ON_START_PENALTY : 0), paragraph: side === 'start' && !runOn });
  }
  return found;
}

/**
 * Cost of moving an edge by `outward` seconds (positive widens the clip), scaled by the tolerance: moves that
 * widen within tolerance cost their distance; narrowing within tolerance costs more than any widening in it;
 * beyond tolerance, either way, more still.
 */
function shift(outward: number, tolerance: number): number {
  const t = Math.max(tolerance, 1e-6);
  const d = Math.abs(outward);
  if (d <= t) return outward >= 0 ? d / t : 1 + d / t;
  return 2 + (2 * d) / t;
}

/** Points with lo ≤ at ≤ hi (points are sorted). */
function inRange(points: readonly CutPoint[], lo: number, hi: number): CutPoint[] {
  let first = 0;
  let last = points.length;
  while (first < last) {
    const mid = (first + last) >> 1;
    if ((points[mid]?.at ?? 0) < lo) first = mid + 1;
    else last = mid;
  }
  const found: CutPoint[] = [];
  for (let i = first; i < points.length && (points[i]?.at ?? Infinity) <= hi; i++) found.push(points[i] as CutPoint);
  return found;
}

/** No pair of cuts fits (speech without a pause for a whole clip): the wanted window, clamped and sized. */
function fallback(at: number, duration: number, config: SnapConfig, preShare: number): TimeRange {
  let start = clamp(at - config.preRollSeconds, 0, duration);
  let end = clamp(at + config.postRollSeconds, 0, duration);
  if (end - start > config.maxClipSeconds) {
    start = clamp(at - config.maxClipSeconds * preShare, start, end - config.maxClipSeconds);
    end = start + config.maxClipSeconds;
  }
  if (end - start < config.minClipSeconds) {
    const need = config.minClipSeconds - (end - start);
    start -= need * preShare;
    end += need * (1 - preShare);
    if (start < 0) [start, end] = [0, end - start];
    if (end > duration) [start, end] = [Math.max(0, start - (end - duration)), duration];
  }
  return { start: Math.max(0, Math.floor(start * 100 + 1e-6) / 100), end: Math.min(duration, Math.ceil(end * 100 - 1e-6) / 100) };
}

function clamp(value: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, value));
}
