import { describe, expect, it } from 'vitest';
import { backoffDelayMs, retryAfterMsFromHeaders, withRetry, type RetryPolicy } from '../../shared/adapters/providers/retry.js';

const policy: RetryPolicy = { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 350, maxRetryAfterMs: 1000 };

class Flaky extends Error {
  constructor(readonly retryable: boolean, readonly retryAfterMs?: number) {
    super('flaky');
  }
}
const classify = (error: unknown) =>
  error instanceof Flaky ? { retryable: error.retryable, ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }) } : { retryable: false };

describe('backoffDelayMs', () => {
  it('draws uniformly below a doubling, capped ceiling (full jitter)', () => {
    expect([1, 2, 3, 4].map((retry) => backoffDelayMs(retry, policy, () => 0.999999))).toEqual([99, 199, 349, 349]);
    expect(backoffDelayMs(3, policy, () => 0)).toBe(0);
    expect(backoffDelayMs(2, policy, () => 0.5)).toBe(100);
  });
});

describe('withRetry', () => {
  it('retries retryable failures with jittered backoff and returns the first success', async () => {
    const sleeps: number[] = [];
    let calls = 0;
    const result = await withRetry(
      async (attempt) => {
        calls += 1;
        if (attempt < 3) throw new Flaky(true);
        return 'ok';
      },
      policy,
      classify,
      { sleep: async (ms) => void sleeps.push(ms), random: () => 0.5 },
    );
    expect(result).toBe('ok');
    expect(calls).toBe(3);
    expect(sleeps).toEqual([50, 100]);
  });

  it('sleeps exactly what the server asked for', async () => {
    const sleeps: number[] = [];
    const events: boolean[] = [];
    let calls = 0;
    await withRetry(
      async () => {
        calls += 1;
        if (calls === 1) throw new Flaky(true, 750);
      },
      policy,
      classify,
      { sleep: async (ms) => void sleeps.push(ms), onRetry: (event) => void events.push(event.serverRequested) },
    );
    expect(sleeps).toEqual([750]);
    expect(events).toEqual([true]);
  });

  it('gives up at once on a non-retryable error, after maxRetries, or when the server asks for too long', async () => {
    let calls = 0;
    const noSleep = { sleep: async () => {} };
    await expect(withRetry(async () => ((calls += 1), Promise.reject(new Flaky(false))), policy, classify, noSleep)).rejects.toBeInstanceOf(Flaky);
    expect(calls).toBe(1);
    calls = 0;
    await expect(withRetry(async () => ((calls += 1), Promise.reject(new Flaky(true))), policy, classify, noSleep)).rejects.toBeInstanceOf(Flaky);
    expect(calls).toBe(4);
    calls = 0;
    await expect(withRetry(async () => ((calls += 1), Promise.reject(new Flaky(true, 5000))), policy, classify, noSleep)).rejects.toBeInstanceOf(Flaky);
    expect(calls).toBe(1);
  });
});

describe('retryAfterMsFromHeaders', () => {
  const headers = (values: Record<string, string>) => (name: string) => values[name];
  it('prefers retry-after-ms, then retry-after seconds, then an HTTP date', () => {
    expect(retryAfterMsFromHeaders(headers({ 'retry-after-ms': '250', 'retry-after': '9' }), 0)).toBe(250);
    expect(retryAfterMsFromHeaders(headers({ 'retry-after': '1.5' }), 0)).toBe(1500);
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(retryAfterMsFromHeaders(headers({ 'retry-after': 'Wed, 01 Jan 2025 00:00:03 GMT' }), now)).toBe(3000);
    expect(retryAfterMsFromHeaders(headers({ 'retry-after': 'soon' }), now)).toBeUndefined();
    expect(retryAfterMsFromHeaders(headers({}), now)).toBeUndefined();
  });
});
