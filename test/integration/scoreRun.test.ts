import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const execFileAsync = promisify(execFile);
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A catalog entry as a run writes it, with its one variant file under the run's output folder. */
function entry(rank: number, start: number, end: number) {
  const id = `h${String(rank).padStart(10, '0')}`;
  const dir = `shows/show-1/clips/${id}/v1`;
  return {
    clipId: id, showId: 'show-1', rank, start, end, duration: end - start, score: 10 - rank, title: `Clip ${rank}`, description: '',
    hashtags: [], products: [], language: 'en', compliance: { status: 'clear', flags: [] },
    files: { thumbnail: `${dir}/thumbnail.jpg`, captions: `${dir}/captions.srt`, meta: `shows/show-1/clips/${id}/meta.json` },
    variants: [{ aspect: '16:9', width: 640, height: 360, file: `${dir}/16x9.mp4` }],
    signals: ['chatRate'], createdFrom: { recordingKey: 'recordings/show-1/recording.mp4', transcriptEngine: 'captions' },
  };
}

describe('eval:run scores the clips of a real run against a labelled show', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'score-run-'));
    await mkdir(path.join(dir, 'labelled'));
    await writeFile(path.join(dir, 'labelled', 'labels.json'), JSON.stringify([
      { start: 100, end: 130, kind: 'demo' }, // covered: clip 98-135
      { start: 300, end: 330, kind: 'funny' }, // found, but the clip starts 2 s late
      { start: 500, end: 520, kind: 'qa-rush' }, // missed
    ]));
    await writeFile(path.join(dir, 'labelled', 'truth.json'), JSON.stringify({ confounders: [{ start: 700, end: 740, kind: 'giveaway-flood' }] }));
    const entries = [entry(1, 98, 135), entry(2, 702, 730), entry(3, 302, 335)];
    const runShow = path.join(dir, 'out', 'shows', 'show-1');
    await mkdir(runShow, { recursive: true });
    await writeFile(path.join(runShow, 'catalog.json'), JSON.stringify({ showId: 'show-1', runId: 'r1', entries }));
    for (const e of entries) {
      await mkdir(path.join(dir, 'out', path.dirname(e.variants[0]!.file)), { recursive: true });
      await writeFile(path.join(dir, 'out', e.variants[0]!.file), 'mp4');
    }
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const run = (...args: string[]) =>
    execFileAsync('node', ['--import', 'tsx', path.join(REPO_ROOT, 'scripts/scoreRun.ts'), ...args], { cwd: REPO_ROOT }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );

  it('names the covering clip of each moment, the confounder a top clip lands on, and the scores at K', async () => {
    const { code, stdout } = await run(path.join(dir, 'labelled'), path.join(dir, 'out', 'shows', 'show-1'));
    expect(code).toBe(0);
    expect(stdout).toMatch(/1 +demo +1:40\.0-2:10\.0 +#1 1:38\.0-2:15\.0 \(37 s\) +covered/);
    expect(stdout).toMatch(/funny .* #3 5:02\.0-5:35\.0 \(33 s\) +found, opening not held/);
    expect(stdout).toMatch(/qa-rush .* none +missed/);
    expect(stdout).toContain('#2 11:42.0-12:10.0 on giveaway-flood 11:40.0-12:20.0');
    expect(stdout).toContain('clips 3, K 3, p@K 0.67, recall 0.67, covered 1/3, confounders@K 1, distractors@K 0, longest clip 37.0 s');
  });

  it('fails when a clip file the catalog lists is missing, and on a folder without a catalog', async () => {
    await rm(path.join(dir, 'out', entry(3, 302, 335).variants[0]!.file));
    const missing = await run(path.join(dir, 'labelled'), path.join(dir, 'out', 'shows', 'show-1'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/missing clip files: shows\/show-1\/clips\/h0000000003\/v1\/16x9\.mp4/);
    const noCatalog = await run(path.join(dir, 'labelled'), dir);
    expect(noCatalog.code).toBe(2);
    expect(noCatalog.stderr).toMatch(/catalog\.json/);
  });
});
