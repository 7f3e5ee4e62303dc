/**
 * kill -9 in the middle of transcription, then the same command again: the rerun continues the
 * interrupted run, reusing every chunk already transcribed; `status` never calls the dead run running;
 * a second run of a show that is running is refused and touches nothing. Real CLI, ffmpeg, pocketsphinx.
 */
import { spawn } from 'node:child_process';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SampleShow } from '../../scripts/sampleShow.js';
import { makeWorkspace, sampleShow } from '../helpers/pipelineFixture.js';
import { postshow } from '../helpers/postshowCli.js';

const CLI = path.resolve('bin/postshow.js');

async function listOrEmpty(dir: string): Promise<string[]> {
  return (await readdir(dir).catch(() => [])).sort();
}

describe('a run killed during transcription', () => {
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  let sample: SampleShow;
  let out: string;
  let args: string[];

  beforeAll(async () => {
    workspace = await makeWorkspace();
    out = path.join(workspace.dir, 'out');
    sample = await sampleShow('resume-en', { minutes: 1, language: 'en', seed: 3, width: 320, height: 180 });
    // Ten-second chunks: six of them, so the kill lands with some transcribed and some not.
    args = ['run', sample.recording, '--chat', sample.chat, '--metrics', sample.metrics, '--chunk', '10', '--max-clips', '0', '--out', out];
  });
  afterAll(() => workspace?.cleanup());

  it('is refused while running, reported interrupted once killed, and continued by the same command', async () => {
    const first = spawn('node', [CLI, ...args], { stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => first.once('exit', () => resolve()));
    let showDir = '';
    let chunksAtKill: string[] = [];
    for (let waited = 0; waited < 240_000 && chunksAtKill.length === 0; waited += 100) {
      await sleep(100);
      const [show] = await listOrEmpty(path.join(out, 'shows'));
      if (!show) continue;
      showDir = path.join(out, 'shows', show);
      chunksAtKill = (await listOrEmpty(path.join(showDir, 'transcript'))).filter((name) => name.startsWith('chunk-'));
    }
    expect(chunksAtKill.length).toBeGreaterThan(0);
    const showId = path.basename(showDir);
    const recordingsBefore = await listOrEmpty(path.join(out, 'recordings', showId));

    // A second run while the first works on the show: refused, and the inputs the first is reading stay.
    const second = await postshow(args);
    expect(second.code).toBe(3);
    expect(second.stderr).toMatch(new RegExp(`^postshow: show ${showId} is already running \\(run r[0-9a-f]+, process ${first.pid} on .+\\)`, 'm'));
    expect(await listOrEmpty(path.join(out, 'recordings', showId))).toEqual(recordingsBefore);

    first.kill('SIGKILL');
    await exited;
    chunksAtKill = (await listOrEmpty(path.join(showDir, 'transcript'))).filter((name) => name.startsWith('chunk-'));
    const transcribed = new Map<string, { body: string; mtimeMs: number }>();
    for (const name of chunksAtKill) {
      const file = path.join(showDir, 'transcript', name);
      transcribed.set(name, { body: await readFile(file, 'utf8'), mtimeMs: (await stat(file)).mtimeMs });
    }
    // The killed process's scratch is still there (in the workspace, not /tmp) until the next start.
    expect(await listOrEmpty(path.join(out, 'tmp'))).toHaveLength(1);

    const interrupted = await postshow(['status', showId, '--out', out]);
    expect(interrupted.code).toBe(0);
    const status = JSON.parse(interrupted.stdout);
    expect(status.state).toBe('interrupted');
    expect(status.interrupted).toMatchObject({ runId: expect.stringMatching(/^r[0-9a-f]+$/), resume: expect.stringContaining('postshow run') });

    const rerun = await postshow([...args, '--json']);
    expect(rerun.stderr).toContain(`postshow: resuming the interrupted run ${status.interrupted.runId} of ${showId}; finished work is reused`);
    expect(rerun.code).toBe(0);
    expect(JSON.parse(rerun.stdout)).toMatchObject({ showId, status: 'succeeded' });

    const chunksAfter = (await listOrEmpty(path.join(showDir, 'transcript'))).filter((name) => name.startsWith('chunk-'));
    expect(chunksAfter.length).toBeGreaterThan(chunksAtKill.length);
    for (const name of chunksAfter) {
      const item = `transcribe-${name.slice('chunk-'.length, -'.json'.length)}`;
      const part = JSON.parse(await readFile(path.join(showDir, 'status', `${item}.json`), 'utf8'));
      const before = transcribed.get(name);
      // A chunk transcribed before the kill is read back, never transcribed again.
      expect(part.summary.reused, item).toBe(before !== undefined);
      if (before) {
        expect(await readFile(path.join(showDir, 'transcript', name), 'utf8')).toBe(before.body);
        expect((await stat(path.join(showDir, 'transcript', name))).mtimeMs).toBe(before.mtimeMs);
      }
    }
    expect(await listOrEmpty(path.join(out, 'tmp'))).toEqual([]);
    expect(await listOrEmpty(path.join(out, 'locks'))).toEqual([]);
    expect(JSON.parse((await postshow(['status', showId, '--out', out])).stdout).state).toBe('succeeded');
  }, 300_000);
});
