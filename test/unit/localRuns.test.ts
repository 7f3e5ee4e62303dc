/**
 * One local run per show, resuming an interrupted one, scratch left by dead processes, and the
 * workspace's own copy of the inputs (shared/adapters/local).
 */
import { execFile } from 'node:child_process';
import { appendFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseShowId } from '../../shared/core/keys.js';
import { currentProcess, isAlive } from '../../shared/adapters/local/processIdentity.js';
import { claimScratchFolder } from '../../shared/adapters/local/scratchFolder.js';
import { acquireRunLock, lockPath, readLocalRunState, ShowRunningError } from '../../shared/adapters/local/showRunLock.js';
import { planSubmission, storeSubmission } from '../../shared/adapters/local/submitShow.js';
import { FsStorage } from '../../shared/adapters/storage/fsStorage.js';
import { localStatusReader } from '../../shared/adapters/local/localShowStatus.js';
import { refreshStatus, writeStatusPart } from '../../shared/pipeline/status.js';

const execFileAsync = promisify(execFile);
const showId = parseShowId('show-a1b2c3');

/** The identity of a process that has exited: what a lock left by kill -9 holds. */
async function deadProcess(): Promise<ReturnType<typeof currentProcess>> {
  const { stdout } = await execFileAsync('sh', ['-c', 'echo $$']);
  return { ...currentProcess(), pid: Number(stdout.trim()), startTicks: 1 };
}

async function writeAbandonedLock(workspace: string, runId: string, submission: string): Promise<void> {
  await mkdir(path.join(workspace, 'locks'), { recursive: true });
  const record = { showId, runId, submission, startedAt: '2026-12-05T10:00:00.000Z', owner: await deadProcess() };
  await writeFile(lockPath(workspace, showId), JSON.stringify(record));
}

describe('local runs', () => {
  let workspace: string;
  beforeEach(async () => {
    workspace = await mkdtemp(path.join(tmpdir(), 'postshow-runs-'));
  });
  afterEach(() => rm(workspace, { recursive: true, force: true }));

  it('tells a live process from one that has exited or whose pid was reused', async () => {
    expect(isAlive(currentProcess())).toBe(true);
    expect(isAlive(await deadProcess())).toBe(false);
    // Same pid, another start time: the number was given to a new process after ours died.
    expect(isAlive({ ...currentProcess(), startTicks: (currentProcess().startTicks ?? 0) + 1 })).toBe(false);
    expect(isAlive({ ...currentProcess(), bootId: 'another-boot' })).toBe(false);
  });

  it('refuses a second run of a show while the first one lives, and frees the show when it ends', async () => {
    const first = await acquireRunLock(workspace, showId, 'digest-1', 'rfirst1');
    expect(first).toMatchObject({ runId: 'rfirst1', resumes: false });
    const second = acquireRunLock(workspace, showId, 'digest-1', 'rsecond1');
    await expect(second).rejects.toBeInstanceOf(ShowRunningError);
    await expect(second).rejects.toThrow(/^show show-a1b2c3 is already running \(run rfirst1, process \d+ on .+, since .+\); wait for it to finish or stop it, then run again$/);
    expect(await readLocalRunState(workspace, showId)).toMatchObject({ state: 'running', record: { runId: 'rfirst1' } });
    await first.release();
    expect(await readLocalRunState(workspace, showId)).toEqual({ state: 'none' });
    expect(await acquireRunLock(workspace, showId, 'digest-1', 'rthird1')).toMatchObject({ runId: 'rthird1', resumes: false });
  });

  it('continues an interrupted run of the same submission and starts afresh for a different one', async () => {
    await writeAbandonedLock(workspace, 'rcrashed1', 'digest-1');
    expect(await readLocalRunState(workspace, showId)).toMatchObject({ state: 'interrupted', record: { runId: 'rcrashed1' } });
    const resumed = await acquireRunLock(workspace, showId, 'digest-1', 'rnew0001');
    expect(resumed).toMatchObject({ runId: 'rcrashed1', resumes: true });
    expect(JSON.parse(await readFile(lockPath(workspace, showId), 'utf8')).owner.pid).toBe(process.pid);
    await resumed.release();

    await writeAbandonedLock(workspace, 'rcrashed2', 'digest-1');
    expect(await acquireRunLock(workspace, showId, 'digest-2', 'rnew0002')).toMatchObject({ runId: 'rnew0002', resumes: false });
  });

  it('lets exactly one of several commands started at once take an abandoned show', async () => {
    await writeAbandonedLock(workspace, 'rcrashed1', 'digest-1');
    const outcomes = await Promise.allSettled(Array.from({ length: 6 }, (_, index) => acquireRunLock(workspace, showId, 'digest-1', `rnew000${index}`)));
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    for (const outcome of outcomes) if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(ShowRunningError);
    expect(await readdir(path.join(workspace, 'locks'))).toEqual([`${showId}.json`]);
  });

  it('reports a show whose run process died as interrupted, never as running', async () => {
    const storage = new FsStorage(workspace);
    const part = { stage: 'transcribe', item: 'transcribe-0001', state: 'running', attempt: 1, startedAt: '2026-12-05T10:00:01.000Z' } as const;
    await writeStatusPart(storage, showId, part);
    await refreshStatus(storage, showId);
    const readStatus = localStatusReader(storage, workspace);
    expect((await readStatus(showId))?.state).toBe('running');
    await writeAbandonedLock(workspace, 'rcrashed1', 'digest-1');
    expect(await readStatus(showId)).toMatchObject({
      state: 'interrupted',
      interrupted: { runId: 'rcrashed1', resume: expect.stringContaining('postshow run') },
      stages: { transcribe: { state: 'running' } },
    });
    const live = await acquireRunLock(workspace, showId, 'digest-1', 'rnew0001');
    expect((await readStatus(showId))?.state).toBe('running');
    await live.release();
    expect(await readStatus(parseShowId('never-run'))).toBeUndefined();
  });

  it('never guesses about a lock file it cannot read', async () => {
    await mkdir(path.join(workspace, 'locks'), { recursive: true });
    await writeFile(lockPath(workspace, showId), '{"pid": "edited by hand"');
    await expect(acquireRunLock(workspace, showId, 'digest-1', 'rnew0001')).rejects.toThrow(/is not a postshow lock; delete it if no postshow is running/);
  });

  it('removes the scratch folders of dead processes and keeps the live ones', async () => {
    const dead = path.join(workspace, 'tmp', '999-dead');
    await mkdir(path.join(dead, 'postshow-transcribe-x'), { recursive: true });
    await writeFile(path.join(dead, 'owner.json'), JSON.stringify(await deadProcess()));
    const live = await claimScratchFolder(workspace);
    const another = await claimScratchFolder(workspace);
    expect((await readdir(path.join(workspace, 'tmp'))).sort()).toEqual([path.basename(live.dir), path.basename(another.dir)].sort());
    await live.remove();
    expect(await readdir(path.join(workspace, 'tmp'))).toEqual([path.basename(another.dir)]);
  });

  describe('submission', () => {
    let recording: string;
    beforeEach(async () => {
      recording = path.join(workspace, 'show.mp4');
      await writeFile(recording, Buffer.alloc(3 << 20, 7));
    });

    it('keeps a true copy: editing the original in place afterwards changes nothing stored', async () => {
      const storage = new FsStorage(path.join(workspace, 'out'));
      const plan = await planSubmission({ recordingPath: recording });
      const message = await storeSubmission(storage, plan, 'rrun0001');
      if (message.stage !== 'ingest') throw new Error('expected an ingest message');
      await writeFile(recording, Buffer.alloc(3 << 20, 9), { flag: 'r+' });
      expect((await storage.get(message.recordingKey)).every((byte) => byte === 7)).toBe(true);
    });

    it('refuses a recording that changes while it is copied (still being written), storing none of it', async () => {
      const storage = new FsStorage(path.join(workspace, 'out'));
      const plan = await planSubmission({ recordingPath: recording });
      await appendFile(recording, Buffer.alloc(1024, 1));
      await expect(storeSubmission(storage, plan, 'rrun0001')).rejects.toThrow('show.mp4 changed while it was being copied into the workspace; submit it again once it is complete');
      expect(await storage.head(plan.recording.key)).toBeUndefined();
    });

    it('is the same submission only with the same files and settings', async () => {
      const chat = path.join(workspace, 'chat.jsonl');
      await writeFile(chat, '{"t": 1, "user": "a", "text": "hi"}\n');
      const base = await planSubmission({ recordingPath: recording, sideInputs: { chat } });
      expect((await planSubmission({ recordingPath: recording, sideInputs: { chat } })).digest).toBe(base.digest);
      expect((await planSubmission({ recordingPath: recording, sideInputs: { chat }, options: { maxClips: 2 } })).digest).not.toBe(base.digest);
      await appendFile(chat, '{"t": 2, "user": "b", "text": "yo"}\n');
      expect((await planSubmission({ recordingPath: recording, sideInputs: { chat } })).digest).not.toBe(base.digest);
    });
  });
});
