import type { Highlight, TimeRange } from '../types.js';
import type { HighlightConfig } from './config.js';
import { DEFAULT_HIGHLIGHT_CONFIG } from './config.js';
import { explainSignals } from './explainSignals.js';
import { fuseSignals } from './fuse.js';
import { highlightId } from './highlightId.js';
import { highlightMaterial } from './highlightMaterial.js';
import { pickPeaks } from './pickPeaks.js';
import type { HighlightInputs } from './highlightInputs.js';
import type { SignalSet } from './buildSignalSet.js';
import { buildSignalSet } from './buildSignalSet.js';
import { secondsIn } from './signals/secondIndex.js';
import { cutPointsOf, snapBoundaries } from './snapBoundaries.js';
import { reactionEnd } from './reactionEnd.js';
import type { OnStreamClock } from './streamClock.js';

interface Window extends TimeRange {
  readonly peak: number;
  readonly score: number;
}

/**
 * Finds the show's highlights: signals → fused score → peaks → windows cut at sentences or silences, kept
 * until the audience's reaction dies down → merged windows →
 * highlights ranked by fused score (rank 1 = best), each listing the signals that fired inside it.
 * Returns [] when nothing stands out (a show without excitement has no highlights).
 */
export function detectHighlights(inputs: HighlightInputs, config: HighlightConfig = DEFAULT_HIGHLIGHT_CONFIG): Highlight[] {
  if (secondsIn(inputs.duration) === 0) return [];
  return detectHighlightsFromSignals(inputs, buildSignalSet(inputs, config), config);
}

/**
 * `detectHighlights` over signals already built from the same inputs. Building signals reads every
 * setting except the weights and thresholds, so variants that differ only in those (the evaluation's
 * ablations) can share one SignalSet.
 */
export function detectHighlightsFromSignals(inputs: HighlightInputs, signals: SignalSet, config: HighlightConfig): Highlight[] {
  const n = secondsIn(inputs.duration);
  if (n === 0) return [];
  const fused = dampedFusedScore(signals, config);
  const eligible = secondsWithCorroboration(signals, n, config);
  const peaks = pickPeaks(fused, config, (i) => eligible[i] === 1);
  // Cut points are the show's, not the peak's: found once.
  const cuts = cutPointsOf(inputs, config);
  const windows = mergeOverlapping(
    peaks.map((peak) => ({
      ...snapBoundaries(peak, cuts, config, reactionEnd(peak, signals.series, config, config.maxClipSeconds)),
      peak,
      score: fused[peak] ?? 0,
    })),
    config.maxClipSeconds,
    config.minClipSeconds,
  );

  const highlights = windows
    .map((window) => toHighlight(window, inputs, signals, config))
    .filter((h) => h.signals.length > 0)
    .sort((a, b) => b.score - a.score || a.start - b.start);
  return highlights.map((h, i) => ({ ...h, rank: i + 1 }));
}

/** Why a show has no highlights, in numbers a person can check (stored with the empty highlights list). */
export type NoHighlightsReason =
  | { readonly kind: 'too-short'; readonly durationSeconds: number; readonly minClipSeconds: number }
  | { readonly kind: 'below-floor'; readonly bestScore: number; readonly at: number; readonly floor: number }
  | { readonly kind: 'uncorroborated'; readonly bestScore: number; readonly at: number; readonly requiredSignals: number };

/**
 * Why `detectHighlightsFromSignals` found nothing: the recording is shorter than the shortest clip, or its
 * best second scores under the floor every clip needs (`minFusedScore`), or the best seconds above that floor
 * have too few signals firing around them to be explained.
 */
export function explainNoHighlights(inputs: HighlightInputs, signals: SignalSet, config: HighlightConfig): NoHighlightsReason {
  const n = secondsIn(inputs.duration);
  if (inputs.duration < config.minClipSeconds || n === 0) {
    return { kind: 'too-short', durationSeconds: Math.round(inputs.duration * 10) / 10, minClipSeconds: config.minClipSeconds };
  }
  const fused = dampedFusedScore(signals, config);
  const eligible = secondsWithCorroboration(signals, n, config);
  let best = 0;
  let bestCorroborated = -1;
  for (let i = 0; i < n; i++) {
    if ((fused[i] ?? 0) > (fused[best] ?? 0)) best = i;
    if (eligible[i] === 1 && (bestCorroborated < 0 || (fused[i] ?? 0) > (fused[bestCorroborated] ?? 0))) bestCorroborated = i;
  }
  const round = (value: number): number => Math.round(value * 100) / 100;
  if ((fused[best] ?? 0) < config.minFusedScore || bestCorroborated >= 0) {
    const at = bestCorroborated >= 0 ? bestCorroborated : best;
    return { kind: 'below-floor', bestScore: round(fused[at] ?? 0), at, floor: config.minFusedScore };
  }
  return { kind: 'uncorroborated', bestScore: round(fused[best] ?? 0), at: best, requiredSignals: requiredSignals(signals, config) };
}

/** The fused score per second, damped where the chat around is mostly participation (see SignalSet.participation). */
function dampedFusedScore(signals: SignalSet, config: HighlightConfig): number[] {
  return fuseSignals(signals.series, config).map((value, i) => value * (1 - (signals.participation?.[i] ?? 0)));
}

/** Signals that must fire near a second for it to count as corroborated (see secondsWithCorroboration). */
function requiredSignals(signals: SignalSet, config: HighlightConfig): number {
  const weighted = signals.series.filter((series) => config.weights[series.name] > 0);
  const withData = weighted.filter((series) => series.values.some((v) => v > 0)).length;
  return Math.max(1, Math.min(config.minFiredSignals, Math.ceil(withData / 3)));
}

/**
 * 1 where enough distinct weighted signals reach their thresholds within the nominal clip window around the
 * second: `minFiredSignals`, or a third of the signals that carry any data when that is fewer (at least one),
 * so every highlight has corroborated reasons a person can read.
 */
function secondsWithCorroboration(signals: SignalSet, n: number, config: HighlightConfig): Uint8Array {
  const weighted = signals.series.filter((series) => config.weights[series.name] > 0);
  const required = requiredSignals(signals, config);
  const firedNearby = new Uint8Array(n);
  const prefix = new Int32Array(n + 1);
  for (const series of weighted) {
    const threshold = config.thresholds[series.name];
    for (let i = 0; i < n; i++) {
      const v = series.values[i] ?? 0;
      prefix[i + 1] = (prefix[i] ?? 0) + (v >= threshold && v > 0 ? 1 : 0);
    }
    for (let i = 0; i < n; i++) {
      const from = Math.max(0, Math.floor(i - config.preRollSeconds));
      const to = Math.min(n, Math.ceil(i + config.postRollSeconds) + 1);
      if ((prefix[to] ?? 0) - (prefix[from] ?? 0) > 0) firedNearby[i] = (firedNearby[i] ?? 0) + 1;
    }
  }
  return firedNearby.map((count) => (count >= required ? 1 : 0));
}

/**
 * Windows in score order; a window overlapping a stronger one is merged into it when the union still
 * fits in `maxLength`. Otherwise it is trimmed back to where the stronger clip ends (or begins), so two
 * neighbouring moments both get a clip; it is dropped only when the trimmed clip would lose its own
 * peak or fall below `minLength` (then the stronger clip already covers that moment).
 */
function mergeOverlapping(windows: readonly Window[], maxLength: number, minLength: number): Window[] {
  let kept: Window[] = [];
  for (const window of windows) {
    // Work on a copy: if the union grows too long part-way, the stronger windows stay untouched.
    let trial = kept;
    let current = window;
    for (;;) {
      const overlapping = trial.filter((k) => current.start < k.end && k.start < current.end);
      if (overlapping.length === 0) {
        kept = [...trial, current];
        break;
      }
      const group = [current, ...overlapping];
      const start = Math.min(...group.map((w) => w.start));
      const end = Math.max(...group.map((w) => w.end));
      if (end - start > maxLength) {
        const trimmed = trimAgainst(current, overlapping, minLength);
        if (trimmed && !trial.some((k) => trimmed.start < k.end && k.start < trimmed.end)) kept = [...trial, trimmed];
        break;
      }
      const strongest = group.reduce((best, w) => (w.score > best.score ? w : best));
      trial = trial.filter((k) => !overlapping.includes(k));
      // The union may now overlap further kept windows: loop until it stands alone.
      current = { start, end, peak: strongest.peak, score: strongest.score };
    }
  }
  return kept;
}

/** The part of `window` clear of the stronger windows, when it keeps its peak and at least `minLength` seconds. */
function trimAgainst(window: Window, stronger: readonly Window[], minLength: number): Window | undefined {
  let { start, end } = window;
  for (const other of stronger) {
    if (other.end <= window.peak) start = Math.max(start, other.end);
    else if (other.start >= window.peak) end = Math.min(end, other.start);
    else return undefined; // the peak itself lies inside a stronger clip
  }
  return end - start >= minLength && start <= window.peak && window.peak <= end ? { ...window, start, end } : undefined;
}

function toHighlight(window: Window, inputs: HighlightInputs, signals: SignalSet, config: HighlightConfig): Highlight {
  const { start, end } = window;
  const fired = explainSignals(window, signals, config);
  const { transcript, chat, products, moment, speech } = highlightMaterial(window, inputs, fired);
  // Field order is what highlights.json stores (writeJson writes values as built).
  return {
    start,
    end,
    id: highlightId(inputs.showId, start, end),
    rank: 0,
    score: Math.round(window.score * 1000) / 1000,
    peak: window.peak,
    signals: fired,
    transcript,
    chat,
    products,
    moment,
    speech,
  };
}
