/**
 * One local run per show, and the record that lets a crashed run be resumed.
 *
 * `postshow run` holds `locks/{showId}.json` in the workspace while it works on the show. The file names
 * the run (its id and the digest of what was submitted) and the process. A second run of the same show
 * while that process lives is refused (`ShowRunningError`, exit 3). A run that ends, succeeded or failed,
 * removes the file; one that was killed (kill -9, a power cut, Ctrl-C) leaves it behind with a dead
 * process in it: the show is then *interrupted*, and the next run of the same submission takes the lock
 * over and continues that run instead of starting again (`RunLock.resumes`).
 *
 * Creation is atomic (`link` of a complete temporary file, so nobody reads a half-written lock), and
 * taking over an abandoned lock is serialised by a `mkdir` guard, so two commands started at once on
 * the same abandoned show cannot both win.
 */
import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rmdir, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { PostshowError } from '../../core/errors.js';
import type { ShowId } from '../../core/keys.js';
import { currentProcess, isAlive } from './processIdentity.js';

/** Folder of the lock files, in the workspace. */
export const LOCKS_FOLDER = 'locks';
/** `postshow run`'s exit code when the show is already being processed. */
export const EXIT_SHOW_RUNNING = 3;
/** A takeover guard older than this was left by a process that died inside the few milliseconds it is held. */
const GUARD_STALE_MS = 30_000;

const lockRecordSchema = z.object({
  showId: z.string(),
  runId: z.string(),
  /** Digest of the submitted recording, side inputs, settings and engines: a different submission is a new run. */
  submission: z.string(),
  startedAt: z.string(),
  owner: z.object({ pid: z.number().int(), host: z.string(), startTicks: z.number().optional(), bootId: z.string().optional() }),
});
export type RunLockRecord = z.infer<typeof lockRecordSchema>;

/** What the workspace says about a show's local run. */
export type LocalRunState =
  | { readonly state: 'none' }
  | { readonly state: 'running'; readonly record: RunLockRecord }
  | { readonly state: 'interrupted'; readonly record: RunLockRecord };

export class ShowRunningError extends PostshowError {
  readonly record: RunLockRecord;

  constructor(record: RunLockRecord) {
    super(
      `show ${record.showId} is already running (run ${record.runId}, process ${record.owner.pid} on ${record.owner.host}, since ${record.startedAt}); ` +
        'wait for it to finish or stop it, then run again',
      { permanent: true },
    );
    this.name = 'ShowRunningError';
    this.record = record;
  }
}

export interface RunLock {
  readonly runId: string;
  /** True when this run continues an interrupted one (same run id, its finished work reused). */
  readonly resumes: boolean;
  /** The run is over (succeeded or failed on its own): the show is free and nothing is left to resume. */
  release(): Promise<void>;
}

export function lockPath(workspace: string, showId: ShowId): string {
  return path.join(workspace, LOCKS_FOLDER, `${showId}.json`);
}

export async function readLocalRunState(workspace: string, showId: ShowId): Promise<LocalRunState> {
  const record = await readRecord(lockPath(workspace, showId));
  if (!record) return { state: 'none' };
  return isAlive(record.owner) ? { state: 'running', record } : { state: 'interrupted', record };
}

/**
 * Takes the show's lock for a run of `submission`. An interrupted run of the same submission is resumed
 * (its run id is returned); anything else starts `newRunId`. Throws ShowRunningError while another
 * process holds the show.
 */
export async function acquireRunLock(workspace: string, showId: ShowId, submission: string, newRunId: string): Promise<RunLock> {
  const file = lockPath(workspace, showId);
  await mkdir(path.dirname(file), { recursive: true });
  // Three rounds cover losing a takeover race to another process and then reading its live lock.
  for (let round = 0; round < 3; round += 1) {
    const previous = await readRecord(file);
    if (previous && isAlive(previous.owner)) throw new ShowRunningError(previous);
    const resumes = previous?.submission === submission;
    const record: RunLockRecord = {
      showId,
      runId: resumes ? previous.runId : newRunId,
      submission,
      startedAt: new Date().toISOString(),
      owner: { ...currentProcess() },
    };
    if (previous && !(await removeAbandoned(file, previous))) continue;
    if (await createAtomically(file, record)) {
      return {
        runId: record.runId,
        resumes,
        release: async () => {
          // Only our own lock: never one a later run took over.
          const current = await readRecord(file);
          if (current?.owner.pid === record.owner.pid && current.startedAt === record.startedAt) await unlink(file).catch(() => undefined);
        },
      };
    }
  }
  const holder = await readRecord(file);
  if (holder) throw new ShowRunningError(holder);
  throw new PostshowError(`could not take the run lock ${file}: another postshow keeps changing it`, { permanent: false });
}

async function createAtomically(file: string, record: RunLockRecord): Promise<boolean> {
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temp, `${JSON.stringify(record, null, 2)}\n`);
  try {
    await link(temp, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

/** Removes the abandoned lock `previous`, unless someone replaced it meanwhile. False when the caller should look again. */
async function removeAbandoned(file: string, previous: RunLockRecord): Promise<boolean> {
  const guard = `${file}.takeover`;
  try {
    await mkdir(guard);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const age = await stat(guard).then((info) => Date.now() - info.mtimeMs, () => 0);
    if (age > GUARD_STALE_MS) await rmdir(guard).catch(() => undefined);
    else await sleep(50);
    return false;
  }
  try {
    const current = await readRecord(file);
    if (current && (current.owner.pid !== previous.owner.pid || current.startedAt !== previous.startedAt)) return false;
    await unlink(file).catch(() => undefined);
    return true;
  } finally {
    await rmdir(guard).catch(() => undefined);
  }
}

async function readRecord(file: string): Promise<RunLockRecord | undefined> {
  let body: string;
  try {
    body = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return lockRecordSchema.parse(JSON.parse(body));
  } catch {
    // Never written half (created by link), so an unreadable lock was edited by hand: report it, never guess.
    throw new PostshowError(`the run lock ${file} is not a postshow lock; delete it if no postshow is running`, { permanent: true });
  }
}
