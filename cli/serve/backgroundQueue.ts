/**
 * The Queue the workspace server hands to the catalog API: what the cloud would put on SQS (an edit's
 * re-render, a review's catalog refresh) runs here in the background through the local pipeline, one batch at a
 * time, while the request that sent it has already answered. Clip progress is kept for the API to report.
 */
import type { ShowId } from '../../shared/core/keys.js';
import type { StageMessage } from '../../shared/pipeline/messages.js';
import type { Logger, Queue } from '../../shared/pipeline/ports.js';
import type { PipelineEvent } from '../../shared/pipeline/processMessage.js';
import { createLocalPipeline, type LocalPipelineOptions } from '../localPipeline.js';

export interface BackgroundQueue extends Queue {
  /** 0..1 while the clip's render runs in this process; undefined otherwise. */
  progressOf(showId: ShowId, clipId: string): number | undefined;
  /** Resolves when every batch sent so far has finished (tests, and a clean shutdown). */
  idle(): Promise<void>;
}

/** What the background pipeline may be given besides its workspace (tests pass a faster encoder). */
export type BackgroundPipelineOptions = Omit<LocalPipelineOptions, 'workspace' | 'logger' | 'onEvent' | 'signal'>;

export function createBackgroundQueue(workspace: string, logger: Logger, signal?: AbortSignal, pipelineOptions: BackgroundPipelineOptions = {}): BackgroundQueue {
  const progress = new Map<string, number>();
  const keyOf = (showId: string, clipId: string) => `${showId}/${clipId}`;
  const onEvent = (event: PipelineEvent): void => {
    if (event.message.stage !== 'clip') return;
    const key = keyOf(event.message.showId, event.message.clipId);
    if (event.type === 'started') progress.set(key, 0);
    else if (event.type === 'progress') progress.set(key, event.fraction);
    else if (event.type === 'failed' && !event.final) progress.set(key, 0);
    else progress.delete(key);
  };
  // One pipeline per batch, run one after another: two edits of one clip must not render at once.
  let tail: Promise<void> = Promise.resolve();
  return {
    async send(messages: readonly StageMessage[]): Promise<void> {
      if (messages.length === 0) return;
      for (const message of messages) if (message.stage === 'clip') progress.set(keyOf(message.showId, message.clipId), 0);
      tail = tail.then(async () => {
        try {
          const pipeline = createLocalPipeline({ ...pipelineOptions, workspace, logger, onEvent, ...(signal ? { signal } : {}) });
          const { deadLetters } = await pipeline.runAll(messages);
          for (const letter of deadLetters) logger.warn('background work failed', { reason: letter.reason });
        } catch (error) {
          logger.error('background work failed', { error: error instanceof Error ? error.message : String(error) });
        } finally {
          for (const message of messages) if (message.stage === 'clip') progress.delete(keyOf(message.showId, message.clipId));
        }
      });
    },
    progressOf(showId, clipId) {
      return progress.get(keyOf(showId, clipId));
    },
    idle() {
      return tail;
    },
  };
}
