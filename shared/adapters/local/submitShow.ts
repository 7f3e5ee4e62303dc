/**
 * Puts a local recording and its side inputs into the workspace under `recordings/{showId}/`,
 * the same layout users upload to S3, and returns the ingest message that starts the run.
 *
 * Two steps, so the CLI can take the show's run lock between them: `planSubmission` only reads (the
 * show id, the fingerprints, the digest that tells a resumable run from a new one), `storeSubmission`
 * writes. The workspace keeps true copies: editing or deleting the original afterwards changes nothing.
 */
import { createHash, randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../../core/errors.js';
import { parseShowId, recordingPrefix, slugify, type ShowId } from '../../core/keys.js';
import { parseJobOptions, type JobOptions } from '../../pipeline/manifest.js';
import type { StageMessage } from '../../pipeline/messages.js';
import type { Storage } from '../../pipeline/ports.js';
import { JOB_FILE, recordingFileName, sideInputFileName, type SideInputKind } from '../../pipeline/sideInputs.js';
import { fileFingerprint, storedFingerprint, type FingerprintKind } from './fileFingerprint.js';

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

/** One file of a submission: where it is, where it goes, and what it must read like there. */
export interface SubmittedFile {
  readonly path: string;
  readonly key: string;
  readonly fingerprint: string;
  readonly fingerprintKind: FingerprintKind;
}

export interface SubmissionPlan {
  readonly showId: ShowId;
  readonly job: JobOptions;
  readonly recording: SubmittedFile;
  readonly sideInputs: readonly (SubmittedFile & { readonly kind: SideInputKind })[];
  /** sha256 of everything submitted (files, settings): equal digests are the same submission. */
  readonly digest: string;
}

/** Validates a submission and fingerprints its files; writes nothing. */
export async function planSubmission(submission: ShowSubmission): Promise<SubmissionPlan> {
  const recordingPath = path.resolve(submission.recordingPath);
  const info = await stat(recordingPath).catch(() => undefined);
  if (!info?.isFile()) throw new InputError(`recording ${submission.recordingPath} does not exist or is not a file`);
  const job = parseJobOptions({ ...submission.options, sourceName: path.basename(recordingPath) });
  const recordingFingerprint = await fileFingerprint(recordingPath, 'ends');
  const showId = parseShowId(submission.showId ?? `${slugify(path.parse(recordingPath).name)}-${recordingFingerprint.slice(0, 10)}`);
  const prefix = recordingPrefix(showId);
  const sideInputs: (SubmittedFile & { kind: SideInputKind })[] = [];
  for (const [kind, file] of Object.entries(submission.sideInputs ?? {}) as [SideInputKind, string | undefined][]) {
    if (!file) continue;
    const sideInfo = await stat(file).catch(() => undefined);
    if (!sideInfo?.isFile()) throw new InputError(`${kind} file ${file} does not exist or is not a file`);
    // Side inputs are small: hashed whole, so an edit anywhere in a chat log makes a new submission.
    const fingerprint = await fileFingerprint(file, 'whole');
    sideInputs.push({ kind, path: path.resolve(file), key: `${prefix}${sideInputFileName(kind, file)}`, fingerprint, fingerprintKind: 'whole' });
  }
  const recording: SubmittedFile = {
    path: recordingPath,
    key: `${prefix}${recordingFileName(path.basename(recordingPath))}`,
    fingerprint: recordingFingerprint,
    fingerprintKind: 'ends',
  };
  const digest = createHash('sha256')
    .update(JSON.stringify({ showId, job, recording: [recording.key, recording.fingerprint], sideInputs: sideInputs.map((input) => [input.key, input.fingerprint]) }))
    .digest('hex');
  return { showId, job, recording, sideInputs, digest };
}

/**
 * Writes the plan's files and job.json under the show's recording prefix and removes whatever an
 * earlier submission left there. A file already stored with the same fingerprint is kept (a resumed
 * run does not copy a multi-GB recording again). The caller holds the show's run lock: nothing here
 * may run while a run of the show reads these files.
 */
export async function storeSubmission(storage: Storage, plan: SubmissionPlan, runId: string): Promise<StageMessage> {
  const files = [...plan.sideInputs, plan.recording];
  const prefix = recordingPrefix(plan.showId);
  const wanted = new Set([...files.map((file) => file.key), `${prefix}${JOB_FILE}`]);
  // A re-submission replaces the side inputs: stale ones from an earlier run must not linger.
  for (const key of await storage.list(prefix)) if (!wanted.has(key)) await storage.delete(key);
  for (const file of files) {
    if ((await storedFingerprint(storage, file.key, file.fingerprintKind)) === file.fingerprint) continue;
    await storage.putFile(file.key, file.path);
    const stored = await storedFingerprint(storage, file.key, file.fingerprintKind);
    if (stored !== file.fingerprint) {
      await storage.delete(file.key);
      throw new InputError(`${path.basename(file.path)} changed while it was being copied into the workspace; submit it again once it is complete`);
    }
  }
  await storage.put(`${prefix}${JOB_FILE}`, JSON.stringify(plan.job, null, 2));
  return { stage: 'ingest', showId: plan.showId, recordingKey: plan.recording.key, runId };
}

/** The whole local submission in one call, as a new run (tests, and callers without a lock). */
export async function submitShow(storage: Storage, submission: ShowSubmission): Promise<{ showId: ShowId; message: StageMessage }> {
  const plan = await planSubmission(submission);
  const message = await storeSubmission(storage, plan, submission.runId ?? newRunId());
  return { showId: plan.showId, message };
}

export function newRunId(): string {
  return `r${randomBytes(6).toString('hex')}`;
}
