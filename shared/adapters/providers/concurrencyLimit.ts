/**
 * Bounds how many provider calls are in flight at once, so a show with hundreds of chunks does not
 * open hundreds of HTTP requests (and trip the provider's rate limit) at the same time.
 */

/** Runs `task` once fewer than `n` tasks started through the same limit are still running. */
export interface ConcurrencyLimit {
  <T>(task: () => Promise<T>): Promise<T>;
  /** Tasks running now. */
  readonly active: number;
  /** Tasks waiting for a slot. */
  readonly pending: number;
  readonly max: number;
}

/** A FIFO limiter: at most `max` tasks run at a time; the rest wait in arrival order. */
export function createConcurrencyLimit(max: number): ConcurrencyLimit {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`concurrency limit must be a positive integer, got ${max}`);
  let active = 0;
  const waiting: Array<() => void> = [];

  const release = (): void => {
    const next = waiting.shift();
    // Hand the slot straight to the next waiter, so `active` never dips and lets a newcomer jump the queue.
    if (next) next();
    else active -= 1;
  };

  const acquire = (): Promise<void> => {
    if (active < max) {
      active += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => waiting.push(resolve));
  };

  const limit = async <T>(task: () => Promise<T>): Promise<T> => {
    await acquire();
    try {
      return await task();
    } finally {
      release();
    }
  };

  return Object.defineProperties(limit, {
    active: { get: () => active, enumerable: true },
    pending: { get: () => waiting.length, enumerable: true },
    max: { value: max, enumerable: true },
  }) as ConcurrencyLimit;
}
