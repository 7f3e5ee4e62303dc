/**
 * Retries with capped exponential backoff and full jitter (delay uniform in [0, min(cap, base*2^n)]),
 * which spreads a burst of clients hitting a 429 instead of having them retry in lock step.
 * A server-sent delay (`retry-after` / `retry-after-ms`) takes precedence over the computed one.
 */

/** How a failed attempt should be handled. */
export interface RetryDecision {
  readonly retryable: boolean;
  /** Delay the server asked for, milliseconds. */
  readonly retryAfterMs?: number;
}

export interface RetryPolicy {
  /** Retries after the first attempt. @default 4 */
  readonly maxRetries: number;
  /** Backoff base, milliseconds. @default 500 */
  readonly baseDelayMs: number;
  /** Cap of the computed backoff, milliseconds. @default 8000 */
  readonly maxDelayMs: number;
  /**
   * Longest server-requested delay we are willing to sleep, milliseconds. A longer `retry-after`
   * means the quota is gone for a while: we stop and let the caller fall back instead of holding a
   * Lambda (and a concurrency slot) idle. @default 60000
   */
  readonly maxRetryAfterMs: number;
}

/** Defaults for calls to hosted model APIs. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 4, baseDelayMs: 500, maxDelayMs: 8000, maxRetryAfterMs: 60_000 };

export interface RetryEvent {
  /** 1 for the first retry. */
  readonly retry: number;
  readonly delayMs: number;
  readonly error: unknown;
  /** True when the delay came from the server. */
  readonly serverRequested: boolean;
}

export interface RetryHooks {
  onRetry?: (event: RetryEvent) => void;
  /** Injected for tests. */
  sleep?: (ms: number) => Promise<void>;
  /** Uniform [0, 1); injected for tests. */
  random?: () => number;
}

/** Full-jitter backoff before retry number `retry` (1-based), milliseconds. */
export function backoffDelayMs(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt` until it succeeds, `classify` says the error is not retryable, the retries are
 * used up, or the server asks for a delay longer than `maxRetryAfterMs`; then rethrows the last error.
 */
export async function withRetry<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  policy: RetryPolicy,
  classify: (error: unknown) => RetryDecision,
  hooks: RetryHooks = {},
): Promise<T> {
  const sleep = hooks.sleep ?? defaultSleep;
  const random = hooks.random ?? Math.random;
  for (let retry = 0; ; retry += 1) {
    try {
      return await attempt(retry + 1);
    } catch (error) {
      const decision = classify(error);
      if (!decision.retryable || retry >= policy.maxRetries) throw error;
      const serverRequested = decision.retryAfterMs !== undefined && Number.isFinite(decision.retryAfterMs);
      if (serverRequested && (decision.retryAfterMs as number) > policy.maxRetryAfterMs) throw error;
      const delayMs = serverRequested ? Math.max(0, decision.retryAfterMs as number) : backoffDelayMs(retry + 1, policy, random);
      hooks.onRetry?.({ retry: retry + 1, delayMs, error, serverRequested });
      await sleep(delayMs);
    }
  }
}

/**
 * Milliseconds a response asks us to wait: `retry-after-ms` (OpenAI's extension) first, then
 * `retry-after` as seconds or an HTTP date. Undefined when absent or unparseable.
 */
export function retryAfterMsFromHeaders(get: (name: string) => string | null | undefined, nowMs: number): number | undefined {
  const millis = get('retry-after-ms');
  if (millis) {
    const value = Number.parseFloat(millis);
    if (Number.isFinite(value) && value >= 0) return value;
  }
  const after = get('retry-after');
  if (after) {
    const seconds = Number(after.trim());
    if (after.trim() !== '' && Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
    const date = Date.parse(after);
    if (Number.isFinite(date)) return Math.max(0, date - nowMs);
  }
  return undefined;
}
