/**
 * The highlight evaluation harness end to end, through its CLI (`npm run eval:highlights`): a small generated
 * labelled set in the signals form plus one labelled show given as a real recording (measured with ffmpeg),
 * the gates, readable errors on bad sets, and the acceptance bar on the default 20-show generated set.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateLabelledSet } from '../../scripts/labelledShows/writeLabelledSet.js';
import { SIGNAL_NAMES } from '../../shared/core/highlights/config.js';
import { sampleShow } from '../helpers/pipelineFixture.js';

const execFileAsync = promisify(execFile);
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const HARNESS = path.join(REPO_ROOT, 'scripts/evalHighlights.ts');

interface HarnessRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function runHarness(args: readonly string[]): Promise<HarnessRun> {
  try {
    const { stdout, stderr } = await execFileAsync('node', ['--import', 'tsx', HARNESS, ...args], { cwd: REPO_ROOT, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('eval:highlights', () => {
  let dir: string;
  let setDir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'postshow-eval-'));
    setDir = path.join(dir, 'set');
    await generateLabelledSet({ outDir: setDir, count: 4, seed: 3, minMinutes: 6, maxMinutes: 15 });
    // A labelled show given as a real recording: the sample generator writes labels.json beside it.
    const sample = await sampleShow('eval-recording-en', { minutes: 2, language: 'en', seed: 21, width: 320, height: 180 });
    const recordingDir = path.join(setDir, 'recorded-en');
    await mkdir(recordingDir, { recursive: true });
    for (const file of [sample.recording, sample.captions, sample.chat, sample.metrics, sample.products, sample.labels]) {
      await copyFile(file, path.join(recordingDir, path.basename(file)));
    }
  }, 240_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('scores every show, prints the tables and writes a JSON report that passes the gates', async () => {
    const reportPath = path.join(dir, 'report.json');
    // The ablation gate needs the 20-show set (below): with 20 labels here, a signal that only two moments
    // carry may happen not to decide any of them.
    const run = await runHarness([setDir, '--json', reportPath, '--min-p5', '0.8', '--min-recall', '0.7']);
    expect(run.stderr).not.toMatch(/gate failed/);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^OVERALL/m);
    expect(run.stdout).toMatch(/^without chatRate\s/m);
    expect(run.stdout).toMatch(/^only loudness\s/m);
    expect(run.stdout).toMatch(/^zh-test\s+80\s/m);

    const report = JSON.parse(await readFile(reportPath, 'utf8'));
    const shows = report.evaluation.shows as { name: string; language: string; measuredFrom: string; transcriptFrom: string; score: { labels: number } }[];
    expect(shows.map((s) => s.name).sort()).toEqual(['recorded-en', 's01-en-6m', 's02-zh-8m', 's03-en-11m', 's04-zh-15m']);
    const recorded = shows.find((s) => s.name === 'recorded-en');
    expect(recorded).toMatchObject({ measuredFrom: 'recording', transcriptFrom: 'captions', language: 'en' });
    expect(recorded?.score.labels).toBeGreaterThanOrEqual(2);
    expect(shows.filter((s) => s.measuredFrom === 'signals')).toHaveLength(4);
    expect(new Set(shows.map((s) => s.language))).toEqual(new Set(['en', 'zh']));

    const overall = report.evaluation.overall;
    expect(overall.precisionAt['5']).toBeGreaterThanOrEqual(0.8);
    expect(overall.recall).toBeGreaterThanOrEqual(0.7);
    const ablations = report.evaluation.ablations as { name: string; kind: string; overall: { f1: number } }[];
    expect(ablations.filter((a) => a.kind === 'without')).toHaveLength(SIGNAL_NAMES.length);
    // Every "only X" detector is far worse than the fusion, even on a small set.
    for (const ablation of ablations.filter((a) => a.kind === 'only')) expect(ablation.overall.f1, ablation.name).toBeLessThan(overall.f1);
    expect((report.sentiment as { set: string }[]).map((s) => s.set)).toEqual(expect.arrayContaining(['en-test', 'zh-test']));
  }, 240_000);

  it('compares with a baseline report and fails a gate with exit code 1', async () => {
    const first = path.join(dir, 'first.json');
    await runHarness([setDir, '--json', first, '--no-ablations']);
    const configPath = path.join(dir, 'strict.json');
    // A detector whose score bar no moment reaches finds nothing: precision@5 drops to 0 and the gate fails.
    await writeFile(configPath, JSON.stringify({ minFusedScore: 1000 }));
    const run = await runHarness([setDir, '--json', path.join(dir, 'second.json'), '--no-ablations', '--config', configPath, '--baseline', first, '--min-p5', '0.5']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/against .*first\.json/);
    expect(run.stdout).toMatch(/p@5\s+1?\d?\.\d{3} -> 0\.000/);
    expect(run.stderr).toMatch(/gate failed: precision@5 0\.000 < 0\.5/);
  }, 240_000);

  it('meets the acceptance bar on the default 20-show set (5 to 120 min, en and zh): p@5 >= 0.8, recall >= 0.7, every ablation lower', async () => {
    const twenty = path.join(dir, 'twenty');
    const summary = await generateLabelledSet({ outDir: twenty });
    expect(summary.shows).toHaveLength(20);
    const run = await runHarness([twenty, '--json', path.join(dir, 'twenty.json'), '--min-p5', '0.8', '--min-recall', '0.7', '--require-ablations']);
    expect(run.stderr).not.toMatch(/gate failed/);
    expect(run.code).toBe(0);
  }, 240_000);

  it('names the show and file when a set is broken, with exit code 2', async () => {
    const broken = path.join(dir, 'broken');
    await mkdir(path.join(broken, 'bad-labels'), { recursive: true });
    await writeFile(path.join(broken, 'bad-labels', 'labels.json'), JSON.stringify([{ start: 40, end: 10 }]));
    const badLabels = await runHarness([broken]);
    expect(badLabels.code).toBe(2);
    expect(badLabels.stderr).toMatch(/labels of bad-labels are invalid at \[0\.end\]/);

    await writeFile(path.join(broken, 'bad-labels', 'labels.json'), JSON.stringify([{ start: 10, end: 40 }]));
    const nothingToMeasure = await runHarness([broken]);
    expect(nothingToMeasure.code).toBe(2);
    expect(nothingToMeasure.stderr).toMatch(/bad-labels has neither signals\.json nor a recording/);

    const empty = path.join(dir, 'empty');
    await mkdir(empty, { recursive: true });
    const none = await runHarness([empty]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no labelled shows in/);
  }, 120_000);
});
