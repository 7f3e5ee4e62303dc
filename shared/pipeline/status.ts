/**
 * Per-show status. Each stage invocation writes its own part (`status/{item}.json`), so parallel
 * fan-out items never overwrite each other; `status.json` is the composed view, rebuilt from the
 * parts after every change.
 */
import { z } from 'zod';
import { showKeys, type ShowId } from '../core/keys.js';
import { readonlyArray, readonlyObject } from '../core/schemas/basics.js';
import { STAGES, type StageName } from './messages.js';
import type { Storage } from './ports.js';
import { writeJson } from './storageJson.js';

const summarySchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).readonly();

export const statePartSchema = z.object({
  stage: z.enum(STAGES),
  item: z.string(),
  state: z.enum(['running', 'retrying', 'succeeded', 'failed']),
  attempt: z.number().int(),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  ms: z.number().optional(),
  error: z.string().optional(),
  summary: summarySchema.optional(),
});
export type StatusPart = z.infer<typeof statePartSchema>;

/**
 * `interrupted` is never composed from the parts: it is what a local reader reports for a show whose
 * run lock names a dead process (see shared/adapters/local/showRunLock.ts).
 */
const showStateSchema = z.enum(['running', 'succeeded', 'failed', 'interrupted']);
export type ShowState = z.infer<typeof showStateSchema>;

const stageStatusSchema = readonlyObject({
  state: z.enum(['pending', 'running', 'succeeded', 'failed']),
  items: z.number(),
  succeeded: z.number(),
  failed: z.number(),
  /** Sum of item run times, ms. */
  ms: z.number(),
  summary: summarySchema.optional(),
  errors: readonlyArray(z.object({ item: z.string(), reason: z.string() })).optional(),
});
export type StageStatus = z.infer<typeof stageStatusSchema>;

/** `status.json`: the composed view of a show's status parts. */
export const showStatusSchema = readonlyObject({
  showId: z.string(),
  state: showStateSchema,
  updatedAt: z.string(),
  /** Set with state `interrupted`: the run that stopped, and how to continue it. */
  interrupted: readonlyObject({ runId: z.string(), since: z.string(), resume: z.string() }).optional(),
  /** The first permanent failure, in words a user can act on. */
  error: readonlyObject({ stage: z.enum(STAGES), item: z.string(), reason: z.string() }).optional(),
  stages: z.record(z.enum(STAGES), stageStatusSchema).readonly(),
});
export type ShowStatus = z.infer<typeof showStatusSchema>;

export async function writeStatusPart(storage: Storage, showId: ShowId, part: StatusPart): Promise<void> {
  await writeJson(storage, showKeys(showId).statusPart(part.item), statePartSchema, part);
}

export async function readStatusParts(storage: Storage, showId: ShowId): Promise<StatusPart[]> {
  const keys = await storage.list(showKeys(showId).statusParts);
  const parts: StatusPart[] = [];
  for (const key of keys) {
    const body = await storage.tryGet(key);
    if (!body) continue;
    const parsed = statePartSchema.safeParse(JSON.parse(body.toString('utf8')));
    if (parsed.success) parts.push(parsed.data);
  }
  return parts;
}

/** Pure: folds the parts into the show's status. */
export function composeStatus(showId: string, parts: readonly StatusPart[], now: string): ShowStatus {
  const stages = {} as Record<StageName, StageStatus>;
  let firstError: ShowStatus['error'];
  for (const stage of STAGES) {
    const mine = parts.filter((part) => part.stage === stage);
    const succeeded = mine.filter((part) => part.state === 'succeeded').length;
    const failedParts = mine.filter((part) => part.state === 'failed');
    const state: StageStatus['state'] =
      mine.length === 0 ? 'pending' : failedParts.length > 0 ? 'failed' : succeeded === mine.length ? 'succeeded' : 'running';
    const summary = mine.length === 1 ? mine[0]?.summary : undefined;
    stages[stage] = {
      state,
      items: mine.length,
      succeeded,
      failed: failedParts.length,
      ms: Math.round(mine.reduce((total, part) => total + (part.ms ?? 0), 0)),
      ...(summary ? { summary } : {}),
      ...(failedParts.length > 0 ? { errors: failedParts.map((part) => ({ item: part.item, reason: part.error ?? 'unknown error' })) } : {}),
    };
    const failure = failedParts[0];
    if (!firstError && failure) firstError = { stage, item: failure.item, reason: failure.error ?? 'unknown error' };
  }
  const state: ShowState = firstError ? 'failed' : stages.report.state === 'succeeded' ? 'succeeded' : 'running';
  return { showId, state, updatedAt: now, ...(firstError ? { error: firstError } : {}), stages };
}

/** Rebuilds and writes `status.json` from the parts; returns it. */
export async function refreshStatus(storage: Storage, showId: ShowId): Promise<ShowStatus> {
  const status = composeStatus(showId, await readStatusParts(storage, showId), new Date().toISOString());
  await writeJson(storage, showKeys(showId).status, showStatusSchema, status);
  return status;
}
