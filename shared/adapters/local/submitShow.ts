/**
 * Puts a local recording and its side inputs into the workspace under `recordings/{showId}/`,
 * the same layout users upload to S3, and returns the ingest message that starts the run.
 */
import { createHash, randomBytes } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../../core/errors.js';
import { parseShowId, recordingPrefix, slugify, type ShowId } from '../../core/keys.js';
import { parseJobOptions, type JobOptions } from '../../pipeline/manifest.js';
import type { StageMessage } from '../../pipeline/messages.js';
import type { Storage } from '../../pipeline/ports.js';
import { JOB_FILE, recordingFileName, sideInputFileName, type SideInputKind } from '../../pipeline/sideInputs.js';

export interface ShowSubmission {
  readonly recordingPath: string;
  readonly sideInputs?: Partial<Record<SideInputKind, string>>;
  /** Run settings; missing ones take their defaults. Validated before job.json is written. */
  readonly options?: Partial<Omit<JobOptions, 'sourceName'>>;
  /** Explicit show id; by default derived from the file name and a content fingerprint. */
  readonly showId?: string;
  /** Explicit run id (tests); by default random. */
  readonly runId?: string;
}

/** Bytes read from each end of the recording for the fingerprint: enough to tell shows apart, cheap for 10 GB files. */
const FINGERPRINT_BYTES = 1 << 20;

export async function submitShow(storage: Storage, submission: ShowSubmission): Promise<{ showId: ShowId; message: StageMessage }> {
  const recording = path.resolve(submission.recordingPath);
  const info = await stat(recording).catch(() => undefined);
  if (!info?.isFile()) throw new InputError(`recording ${submission.recordingPath} does not exist or is not a file`);
  const job = parseJobOptions({ ...submission.options, sourceName: path.basename(recording) });
  const showId = parseShowId(submission.showId ?? `${slugify(path.parse(recording).name)}-${await fingerprint(recording, info.size)}`);
  const prefix = recordingPrefix(showId);

  // A re-submission replaces the side inputs: stale ones from an earlier run must not linger.
  for (const key of await storage.list(prefix)) await storage.delete(key);
  for (const [kind, file] of Object.entries(submission.sideInputs ?? {}) as [SideInputKind, string | undefined][]) {
    if (!file) continue;
    const sideInfo = await stat(file).catch(() => undefined);
    if (!sideInfo?.isFile()) throw new InputError(`${kind} file ${file} does not exist or is not a file`);
    await storage.putFile(`${prefix}${sideInputFileName(kind, file)}`, path.resolve(file));
  }
  await storage.put(`${prefix}${JOB_FILE}`, JSON.stringify(job, null, 2));
  const recordingKey = `${prefix}${recordingFileName(path.basename(recording))}`;
  await storage.putFile(recordingKey, recording);
  const runId = submission.runId ?? `r${randomBytes(6).toString('hex')}`;
  return { showId, message: { stage: 'ingest', showId, recordingKey, runId } };
}

/** sha256 of size + first and last MiB, 10 hex chars: stable for the same file, distinct for different shows. */
async function fingerprint(file: string, size: number): Promise<string> {
  const hash = createHash('sha256').update(String(size));
  const handle = await open(file, 'r');
  try {
    for (const position of new Set([0, Math.max(0, size - FINGERPRINT_BYTES)])) {
      const buffer = Buffer.alloc(Math.min(FINGERPRINT_BYTES, size));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
      hash.update(buffer.subarray(0, bytesRead));
    }
  } finally {
    await handle.close();
  }
  return hash.digest('hex').slice(0, 10);
}
