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

/** True when the error (or anything it wraps) is marked permanent. */
export function isPermanent(error: unknown): boolean {
  return error instanceof PostshowError ? error.permanent : false;
}

/** A one-line, user-facing reason for any thrown value. */
export function reasonOf(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0] ?? error.name;
  return String(error);
}
