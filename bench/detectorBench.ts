/**
 * Detector benchmark: the highlight detector alone on a 2-hour show's signals (issue budget: under 2 s).
 * The show is generated in the labelled-show `signals.json` form (scripts/labelledShows) with dense chat
 * (3 messages/s, about 21,600 lines plus bursts), written to a temporary folder and loaded through the
 * evaluation harness's loader, so the timed path is exactly the analyze stage's: scoring sentiment and
 * mentions and measuring the chat lag (assembleHighlightInputs) then building signals and detecting (detectHighlights).
 * Reported: best and median of several runs, split into the two halves, and the share of the 2 s budget.
 * As a same-run baseline it also times JSON.parse of the show's files, the floor of merely reading them.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { assembleHighlightInputs, detectHighlights, resolveHighlightConfig } from '../shared/core/highlights/index.js';
import { FfmpegMedia } from '../shared/adapters/media/ffmpegMedia.js';
import { loadLabelledShow } from '../scripts/highlightEval/loadLabelledShow.js';
import { planShow } from '../scripts/labelledShows/planShow.js';
import { renderShowFiles } from '../scripts/labelledShows/renderSignals.js';

/** The budget for the detector on a 2-hour show, seconds. */
export const DETECTOR_BUDGET_SECONDS = 2;
const RUNS = 5;

export interface DetectorBenchResult {
  readonly minutes: number;
  readonly chatMessages: number;
  readonly segments: number;
  readonly highlights: number;
  /** Median over runs, seconds. */
  readonly assembleSeconds: number;
  readonly detectSeconds: number;
  readonly totalSeconds: number;
  readonly bestTotalSeconds: number;
  /** Median JSON.parse time of the show's chat, captions-as-JSON-size and signals files, seconds. */
  readonly parseBaselineSeconds: number;
  readonly budgetShare: number;
}

/** Generates a dense 2-hour show (once per call) and times the detector on it. */
export async function benchDetector(minutes = 120): Promise<DetectorBenchResult> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'postshow-detector-bench-'));
  try {
    const plan = planShow({ id: 'bench-2h', language: 'zh', durationSeconds: minutes * 60, chatRate: 3, baseLufs: -20, audience: 20000 }, 7);
    const files = renderShowFiles(plan);
    for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
    const show = await loadLabelledShow(dir, { media: new FfmpegMedia() });
    const config = resolveHighlightConfig({ maxClips: 100 });

    const raw = await Promise.all(['chat.jsonl', 'signals.json'].map((name) => readFile(path.join(dir, name), 'utf8')));
    const runs: { assemble: number; detect: number; parse: number; highlights: number }[] = [];
    for (let run = 0; run < RUNS; run++) {
      const t0 = performance.now();
      const { inputs } = assembleHighlightInputs(show.evidence);
      const t1 = performance.now();
      const highlights = detectHighlights(inputs, config);
      const t2 = performance.now();
      for (const line of raw[0]?.split('\n') ?? []) if (line) JSON.parse(line);
      JSON.parse(raw[1] ?? '{}');
      const t3 = performance.now();
      runs.push({ assemble: (t1 - t0) / 1000, detect: (t2 - t1) / 1000, parse: (t3 - t2) / 1000, highlights: highlights.length });
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
    const totals = runs.map((r) => r.assemble + r.detect);
    const total = median(totals);
    return {
      minutes,
      chatMessages: show.evidence.chat.length,
      segments: show.evidence.segments.length,
      highlights: runs[0]?.highlights ?? 0,
      assembleSeconds: round(median(runs.map((r) => r.assemble))),
      detectSeconds: round(median(runs.map((r) => r.detect))),
      totalSeconds: round(total),
      bestTotalSeconds: round(Math.min(...totals)),
      parseBaselineSeconds: round(median(runs.map((r) => r.parse))),
      budgetShare: round(total / DETECTOR_BUDGET_SECONDS),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** One line for the bench output. */
export function formatDetectorBench(result: DetectorBenchResult): string {
  return (
    `detector on a ${result.minutes}-min show (${result.chatMessages} chat lines, ${result.segments} caption cues): ` +
    `${result.totalSeconds.toFixed(3)} s median (best ${result.bestTotalSeconds.toFixed(3)} s; scoring inputs ${result.assembleSeconds.toFixed(3)} s, ` +
    `signals + detection ${result.detectSeconds.toFixed(3)} s) = ${(result.budgetShare * 100).toFixed(1)} % of the ${DETECTOR_BUDGET_SECONDS} s budget, ` +
    `${(result.totalSeconds / Math.max(result.parseBaselineSeconds, 1e-6)).toFixed(1)}x JSON-parsing its files (${result.parseBaselineSeconds.toFixed(3)} s)`
  );
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
