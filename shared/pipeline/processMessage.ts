/**
 * The one orchestration step shared by the local runner and the Lambda adapters: parse a message,
 * run its stage with a scratch directory, send what comes next, and record status.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { AbortedError, isPermanent, PostshowError, reasonOf } from '../core/errors.js';
import { messageItem, stageMessageSchema, type StageMessage } from './messages.js';
import type { Logger, ProgressListener, Queue, StagePorts } from './ports.js';
import type { StageHandler, StageHandlers, StageResult } from './stage.js';
import { refreshStatus, writeStatusPart } from './status.js';

export interface PipelineDependencies extends StagePorts {
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

/** What bounds one invocation from outside its message. */
export interface InvocationLimits {
  /** Stops the stage from outside: the local runner aborts it on SIGINT/SIGTERM. */
  readonly signal?: AbortSignal;
  /** Epoch ms by which the stage must have stopped: the Lambda's timeout less the time to record the outcome. */
  readonly deadline?: number;
}

/**
 * The invocation's stage ran past its deadline. Retryable like every abort; on the last attempt the
 * reason says so, since the message then goes to the dead-letter queue.
 */
export class StageTimeoutError extends AbortedError {
  constructor(message: StageMessage, attempt: number, maxAttempts: number, budgetMs: number) {
    const budget = budgetMs >= 60_000 ? `${Math.round(budgetMs / 60_000)} min` : `${Math.max(0, Math.round(budgetMs / 1000))} s`;
    super(
      attempt >= maxAttempts
        ? `the ${message.stage} stage ran out of time on all ${attempt} attempts (${budget} each); see docs/deploy.md, "Scaling"`
        : `the ${message.stage} stage ran out of time on attempt ${attempt} of ${maxAttempts} (${budget})`,
    );
    this.name = 'StageTimeoutError';
  }
}

export async function processMessage(raw: unknown, attempt: number, deps: PipelineDependencies, limits: InvocationLimits = {}): Promise<StageResult> {
  const parsed = stageMessageSchema.safeParse(raw);
  if (!parsed.success) throw new InvalidMessageError(parsed.error.issues.map((issue) => issue.message).join('; '));
  const message = parsed.data;
  if (limits.signal?.aborted) throw stopped(message, limits.signal);
  const item = messageItem(message);
  const logger = scopedLogger(deps.logger, { stage: message.stage, showId: message.showId, item, attempt });
  const startedAt = new Date().toISOString();
  const started = performance.now();
  const final = (error: unknown): boolean => isPermanent(error) || attempt >= deps.maxAttempts;
  const recordFailure = async (reason: string, isFinal: boolean): Promise<void> => {
    await writeStatusPart(deps.storage, message.showId, {
      stage: message.stage, item, state: isFinal ? 'failed' : 'retrying', attempt, startedAt,
      finishedAt: new Date().toISOString(), ms: performance.now() - started, error: reason,
    }).catch(() => undefined);
    await refreshStatus(deps.storage, message.showId).catch(() => undefined);
  };
  await writeStatusPart(deps.storage, message.showId, { stage: message.stage, item, state: 'running', attempt, startedAt });
  deps.onEvent?.({ type: 'started', message });
  const workDir = await mkdtemp(path.join(deps.scratchRoot ?? os.tmpdir(), `postshow-${message.stage}-`));
  const onProgress: ProgressListener = (fraction) => deps.onEvent?.({ type: 'progress', message, fraction });
  const abort = abortFor(message, attempt, deps.maxAttempts, limits, (timeout) => {
    // Lambda kills the invocation at its timeout without running any of our code, so the last
    // attempt records its failure now rather than when (or if) the stage has unwound.
    if (final(timeout)) void recordFailure(timeout.message, true);
  });
  try {
    const handler = deps.handlers[message.stage] as StageHandler<typeof message.stage>;
    const { storage, media, images, transcriber, catalogIndex, languageModel } = deps;
    const ports: StagePorts = { storage, media, images, transcriber, catalogIndex, ...(languageModel ? { languageModel } : {}) };
    const result = await handler(message as never, { ...ports, logger, workDir, attempt, signal: abort.signal, onProgress });
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
    // An aborted stage fails with whatever its last call threw; the abort's own reason says why.
    const reason = abort.signal.aborted ? reasonOf(abort.signal.reason) : reasonOf(error);
    // A shutdown ends this process's retries, so the stage stays failed (a new run starts it again).
    const isFinal = final(error) || Boolean(limits.signal?.aborted);
    await recordFailure(reason, isFinal);
    logger.warn('stage failed', { reason, final: isFinal });
    deps.onEvent?.({ type: 'failed', message, reason, final: isFinal });
    throw error;
  } finally {
    abort.dispose();
    await rm(workDir, { recursive: true, force: true });
  }
}

/**
 * The invocation's own AbortController: aborted by the caller's signal (shutdown) or at the deadline,
 * whichever comes first. `dispose` clears the timer and the listener once the stage is over.
 */
function abortFor(
  message: StageMessage,
  attempt: number,
  maxAttempts: number,
  limits: InvocationLimits,
  onTimeout: (timeout: StageTimeoutError) => void,
): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const { signal: outer, deadline } = limits;
  const onOuterAbort = (): void => controller.abort(stopped(message, outer as AbortSignal));
  outer?.addEventListener('abort', onOuterAbort, { once: true });
  const budgetMs = deadline === undefined ? 0 : deadline - Date.now();
  const timer =
    deadline === undefined
      ? undefined
      : setTimeout(() => {
          const timeout = new StageTimeoutError(message, attempt, maxAttempts, budgetMs);
          controller.abort(timeout);
          onTimeout(timeout);
        }, Math.max(0, budgetMs));
  // Never keep a finished invocation's event loop alive for it.
  timer?.unref();
  return {
    signal: controller.signal,
    dispose: () => {
      if (timer) clearTimeout(timer);
      outer?.removeEventListener('abort', onOuterAbort);
    },
  };
}

function stopped(message: StageMessage, signal: AbortSignal): AbortedError {
  return new AbortedError(`the ${message.stage} stage was stopped: ${reasonOf(signal.reason)}`, { cause: signal.reason });
}

function scopedLogger(logger: Logger, fields: Record<string, unknown>): Logger {
  return {
    debug: (message, extra) => logger.debug(message, { ...fields, ...extra }),
    info: (message, extra) => logger.info(message, { ...fields, ...extra }),
    warn: (message, extra) => logger.warn(message, { ...fields, ...extra }),
    error: (message, extra) => logger.error(message, { ...fields, ...extra }),
  };
}
