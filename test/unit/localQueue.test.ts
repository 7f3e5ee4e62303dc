import { describe, expect, it } from 'vitest';
import { LocalQueue } from '../../shared/adapters/queue/localQueue.js';
import type { StageMessage } from '../../shared/pipeline/messages.js';

const message = (showId: string): StageMessage => ({ stage: 'suggest', showId }) as StageMessage;

describe('LocalQueue', () => {
  it('retries a transient failure, then dead-letters it after maxAttempts', async () => {
    const queue = new LocalQueue({ maxAttempts: 3, backoffMs: 1 });
    const attempts: number[] = [];
    queue.consume(async (_message, attempt) => {
      attempts.push(attempt);
      throw new Error('flaky');
    });
    await queue.send([message('a')]);
    await queue.drain();
    expect(attempts).toEqual([1, 2, 3]);
    expect(queue.deadLetters).toEqual([{ message: message('a'), attempts: 3, reason: 'flaky' }]);
  });

  it('retries nothing once the run is stopped: failures after the stop and retries still waiting are final', async () => {
    const stop = new AbortController();
    // A long backoff: without the stop, the first message would wait up to a minute before its retry.
    const queue = new LocalQueue({ maxAttempts: 3, backoffMs: 60_000, concurrency: 1, signal: stop.signal });
    const attempts: string[] = [];
    queue.consume(async (delivered, attempt) => {
      attempts.push(`${delivered.showId}#${attempt}`);
      if (delivered.showId === 'a') setImmediate(() => stop.abort());
      throw new Error(`stopped ${delivered.showId}`);
    });
    await queue.send([message('a'), message('b')]);
    await queue.drain();
    expect(attempts).toEqual(['a#1', 'b#1']);
    const letters = queue.deadLetters.map((letter) => [letter.message.showId, letter.attempts, letter.reason]);
    expect(letters.sort()).toEqual([
      ['a', 1, 'stopped a'],
      ['b', 1, 'stopped b'],
    ]);
  });
});
