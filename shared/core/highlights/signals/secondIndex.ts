/** Whole-second slots of a show: every signal series has one value per second. */

/** Number of whole-second slots covering `duration` seconds. */
export function secondsIn(duration: number): number {
  return Number.isFinite(duration) && duration > 0 ? Math.ceil(duration) : 0;
}

/** Second index of time t, or undefined outside the show's `n` seconds. */
export function secondIndex(t: number, n: number): number | undefined {
  if (!Number.isFinite(t)) return undefined;
  const i = Math.floor(t);
  return i >= 0 && i < n ? i : undefined;
}

/**
 * Second a chat-derived item (on the stream's clock) counts for: undefined when it was posted before the stream
 * started or after its end; an item reacting to a moment before the first second (posted in the first seconds)
 * counts for second 0.
 */
export function streamSecond(item: { readonly t: number; readonly postedAt: number }, n: number): number | undefined {
  if (!Number.isFinite(item.postedAt) || item.postedAt < 0 || item.postedAt >= n) return undefined;
  return Math.max(0, Math.floor(item.t));
}
