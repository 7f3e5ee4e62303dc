/**
 * The one orchestration step shared by the local runner and the Lambda adapters: parse a message,
 * run its stage with a scratch directory, send what comes next, and record status.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { isPermanent, PostshowError, reasonOf } from '../core/errors.js';
import { messageItem, stageMessageSchema, type StageMessage } from './messages.js';
import type { CatalogIndex, LanguageModel, Logger, Media, ProgressListener, Queue, Storage, Transcriber } from './ports.js';
import type { StageHandler, StageHandlers, StageResult } from './stage.js';
import { refreshStatus, writeStatusPart } from './status.js';

export interface PipelineDependencies {
  readonly storage: Storage;
  readonly media: Media;
  readonly transcriber: Transcriber;
  readonly catalogIndex: CatalogIndex;
  readonly languageModel?: LanguageModel;
  readonly queue: Queue;
  readonly logger: Logger;
  readonly handlers: StageHandlers;
  /** Attempts before a transient failure counts as final. @default 3 */
  readonly maxAttempts: number;
  /** Parent of per-invocation scratch directories. @default os.tmpdir() */
  readonly scratchRoot?: string;
  readonly onEvent?: (event: PipelineEvent) => void;
}

export type PipelineEvent =
  | { readonly type: 'started'; readonly message: StageMessage }
  | { readonly type: 'progress'; readonly message: StageMessage; readonly fraction: number }
  | { readonly type: 'succeeded'; readonly message: StageMessage; readonly ms: number; readonly next: readonly StageMessage[] }
  | { readonly type: 'failed'; readonly message: StageMessage; readonly reason: string; readonly final: boolean };

/** A message body that is not a valid stage message: permanent, it goes to the dead-letter list. */
export class InvalidMessageError extends PostshowError {
  constructor(reason: string) {
    super(`invalid stage message: ${reason}`, { permanent: true });
    this.name = 'InvalidMessageError';
  }
}

export async function processMessage(raw: unknown, attempt: number, deps: PipelineDependencies): Promise<StageResult> {
  const parsed = stageMessageSchema.safeParse(raw);
  if (!parsed.success) throw new InvalidMessageError(parsed.error.issues.map((issue) => issue.message).join('; '));
  const message = parsed.data;
  const item = messageItem(message);
  const logger = scopedLogger(deps.logger, { stage: message.stage, showId: message.showId, item, attempt });
  const startedAt = new Date().toISOString();
  const started = performance.now();
  await writeStatusPart(deps.storage, message.showId, { stage: message.stage, item, state: 'running', attempt, startedAt });
  deps.onEvent?.({ type: 'started', message });
  const workDir = await mkdtemp(path.join(deps.scratchRoot ?? os.tmpdir(), `postshow-${message.stage}-`));
  const onProgress: ProgressListener = (fraction) => deps.onEvent?.({ type: 'progress', message, fraction });
  try {
    const handler = deps.handlers[message.stage] as StageHandler<typeof message.stage>;
    const result = await handler(message as never, {
      storage: deps.storage,
      media: deps.media,
      transcriber: deps.transcriber,
      catalogIndex: deps.catalogIndex,
      ...(deps.languageModel ? { languageModel: deps.languageModel } : {}),
      logger,
      workDir,
      attempt,
      onProgress,
    });
    // Send before recording success: a crash in between only causes a redelivery, never a lost step.
    await deps.queue.send(result.next);
    const ms = performance.now() - started;
    await writeStatusPart(deps.storage, message.showId, {
      stage: message.stage, item, state: 'succeeded', attempt, startedAt, finishedAt: new Date().toISOString(), ms,
      ...(result.summary ? { summary: { ...result.summary } } : {}),
    });
    await refreshStatus(deps.storage, message.showId);
    logger.info('stage succeeded', { ms: Math.round(ms), next: result.next.length });
    deps.onEvent?.({ type: 'succeeded', message, ms, next: result.next });
    return result;
  } catch (error) {
    const final = isPermanent(error) || attempt >= deps.maxAttempts;
    const reason = reasonOf(error);
    await writeStatusPart(deps.storage, message.showId, {
      stage: message.stage, item, state: final ? 'failed' : 'retrying', attempt, startedAt,
      finishedAt: new Date().toISOString(), ms: performance.now() - started, error: reason,
    }).catch(() => undefined);
    await refreshStatus(deps.storage, message.showId).catch(() => undefined);
    logger.warn('stage failed', { reason, final });
    deps.onEvent?.({ type: 'failed', message, reason, final });
    throw error;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

function scopedLogger(logger: Logger, fields: Record<string, unknown>): Logger {
  return {
    debug: (message, extra) => logger.debug(message, { ...fields, ...extra }),
    info: (message, extra) => logger.info(message, { ...fields, ...extra }),
    warn: (message, extra) => logger.warn(message, { ...fields, ...extra }),
    error: (message, extra) => logger.error(message, { ...fields, ...extra }),
  };
}
