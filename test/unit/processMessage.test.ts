/** processMessage's per-invocation abort signal: the deadline and the caller's shutdown signal reach the stage. */
import { afterEach, describe, expect, it } from 'vitest';
import { stageHandlers } from '../../functions/index.js';
import { AbortedError } from '../../shared/core/errors.js';
import type { StageMessage } from '../../shared/pipeline/messages.js';
import { processMessage, type PipelineDependencies } from '../../shared/pipeline/processMessage.js';
import type { StageHandlers } from '../../shared/pipeline/stage.js';
import { readStatusParts } from '../../shared/pipeline/status.js';
import { SHOW_ID } from '../helpers/memoryShow.js';
import { stageTestContext, type StageTestContext } from '../helpers/stageDoubles.js';

const audioMessage: StageMessage = { stage: 'audio', showId: SHOW_ID };

/** A stage that runs until its signal aborts, then fails the way an aborted ffmpeg does. */
const waitsForAbort: StageHandlers['audio'] = (_message, { signal }) =>
  new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new AbortedError('audio decode stopped', { cause: signal.reason }))));

describe('processMessage abort signal', () => {
  let context: StageTestContext;
  afterEach(() => context?.cleanup());

  async function dependencies(audio: StageHandlers['audio']): Promise<PipelineDependencies> {
    context = await stageTestContext();
    return { ...context, queue: { send: async () => undefined }, handlers: { ...stageHandlers, audio }, maxAttempts: 3 };
  }

  const audioPart = async () => (await readStatusParts(context.storage, SHOW_ID)).find((part) => part.stage === 'audio');

  it('aborts the stage at the deadline with a retryable timeout, recorded as retrying', async () => {
    const deps = await dependencies(waitsForAbort);
    const started = Date.now();
    const error = await processMessage(audioMessage, 1, deps, { deadline: Date.now() + 50 }).catch((e: unknown) => e);

    expect(Date.now() - started).toBeLessThan(2000);
    expect(error).toMatchObject({ name: 'AbortedError', permanent: false });
    expect(await audioPart()).toMatchObject({ state: 'retrying', error: 'the audio stage ran out of time on attempt 1 of 3 (0 s)' });
  });

  it('on the last attempt records the failure for the dead-letter queue, even when the stage never stops', async () => {
    const deps = await dependencies(() => new Promise(() => undefined));
    void processMessage(audioMessage, 3, deps, { deadline: Date.now() + 20 });
    await expect.poll(audioPart, { timeout: 2000 }).toMatchObject({ state: 'failed', error: expect.stringMatching(/^the audio stage ran out of time on all 3 attempts/) });
  });

  it('aborts the stage when the caller\'s signal aborts (SIGINT in the local runner), recorded as failed', async () => {
    const deps = await dependencies(waitsForAbort);
    const shutdown = new AbortController();
    const running = processMessage(audioMessage, 1, deps, { signal: shutdown.signal });
    setTimeout(() => shutdown.abort(new AbortedError('postshow received SIGINT')), 20);

    await expect(running).rejects.toMatchObject({ permanent: false });
    expect(await audioPart()).toMatchObject({ state: 'failed', error: 'the audio stage was stopped: postshow received SIGINT' });
  });

  it('starts nothing once the caller\'s signal has aborted', async () => {
    let ran = false;
    const deps = await dependencies(async () => {
      ran = true;
      return { next: [] };
    });
    const shutdown = new AbortController();
    shutdown.abort(new AbortedError('postshow received SIGTERM'));

    await expect(processMessage(audioMessage, 1, deps, { signal: shutdown.signal })).rejects.toMatchObject({
      name: 'AbortedError',
      message: 'the audio stage was stopped: postshow received SIGTERM',
    });
    expect(ran).toBe(false);
    expect(await audioPart()).toBeUndefined();
  });

  it('gives a stage that finishes in time a signal that never aborts', async () => {
    let seen: AbortSignal | undefined;
    const deps = await dependencies(async (_message, { signal }) => {
      seen = signal;
      return { next: [] };
    });
    await processMessage(audioMessage, 1, deps, { deadline: Date.now() + 30 });
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(seen?.aborted).toBe(false);
  });
});
