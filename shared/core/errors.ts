/**
 * The error family of postshow. Every error a user can cause carries a reason they can act on
 * ("no audio track in show.mp4", not "ffmpeg exited 1") and says whether retrying can help:
 * permanent errors go straight to the dead-letter list instead of being retried.
 */
export class PostshowError extends Error {
  /** True when retrying the same input cannot succeed (bad input, not a flaky dependency). */
  readonly permanent: boolean;

  constructor(message: string, options: { permanent: boolean; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PostshowError';
    this.permanent = options.permanent;
  }
}

/** A user-supplied input (recording, chat log, metrics, captions, products, option) is unusable. */
export class InputError extends PostshowError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { permanent: true, ...options });
    this.name = 'InputError';
  }
}

/** A storage key or show id was rejected (path traversal, absolute path, too long, bad characters). */
export class InvalidKeyError extends InputError {
  readonly key: string;

  constructor(key: string, reason: string) {
    super(`invalid key ${JSON.stringify(key.slice(0, 80))}: ${reason}`);
    this.name = 'InvalidKeyError';
    this.key = key;
  }
}

/** The recording cannot be processed: empty, truncated, not media, or missing its audio track. */
export class MediaError extends PostshowError {
  constructor(message: string, options: { permanent: boolean; cause?: unknown }) {
    super(message, options);
    this.name = 'MediaError';
  }
}

/**
 * The work was stopped from outside before it finished: the invocation's deadline passed or the
 * process is shutting down. Never permanent: the same input can succeed on the next delivery.
 */
export class AbortedError extends PostshowError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { permanent: false, ...options });
    this.name = 'AbortedError';
  }
}

/** How deep isPermanent looks into `cause` chains; real chains are two or three links long. */
const MAX_CAUSE_DEPTH = 8;

/**
 * True when the error is marked permanent. The nearest PostshowError along the `cause` chain decides:
 * a wrapper that classifies the failure itself wins, and a plain error wrapping one of ours
 * (`new Error('...', { cause })`, as SDKs and helpers do) is judged by what it wraps. Bounded and cycle-safe.
 */
export function isPermanent(error: unknown): boolean {
  const seen = new Set<Error>();
  for (let current = error; current instanceof Error && !seen.has(current) && seen.size < MAX_CAUSE_DEPTH; current = current.cause) {
    if (current instanceof PostshowError) return current.permanent;
    seen.add(current);
  }
  return false;
}

/** A one-line, user-facing reason for any thrown value. */
export function reasonOf(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0] ?? error.name;
  return String(error);
}
