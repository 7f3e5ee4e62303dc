/**
 * Errors of the OpenAI providers. Every SDK error is translated at the call site into one of these,
 * with the API key (and anything that looks like a key) scrubbed from the message and no SDK error
 * kept as `cause` (SDK errors carry response bodies that may echo the key).
 */
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { PostshowError } from '../../core/errors.js';
import { retryAfterMsFromHeaders, type RetryDecision } from '../providers/retry.js';
import type { Secret } from './secret.js';

/** OpenAI's upload limit for audio files, bytes (25 MB). */
export const OPENAI_MAX_UPLOAD_BYTES = 25 * 1024 * 1024;

/** A call to the API failed; `retryable` says whether the transport retry loop may try again. */
export class OpenAiRequestError extends PostshowError {
  /** HTTP status, absent for connection errors and timeouts. */
  readonly status: number | undefined;
  readonly retryable: boolean;
  /** Delay the server asked for (`retry-after-ms` / `retry-after`), milliseconds. */
  readonly retryAfterMs: number | undefined;
  readonly requestId: string | undefined;

  constructor(
    message: string,
    options: { permanent: boolean; retryable: boolean; status?: number; retryAfterMs?: number; requestId?: string },
  ) {
    super(message, { permanent: options.permanent });
    this.name = 'OpenAiRequestError';
    this.status = options.status;
    this.retryable = options.retryable;
    this.retryAfterMs = options.retryAfterMs;
    this.requestId = options.requestId;
  }
}

/**
 * The model answered, but not with JSON matching the schema (malformed, truncated, refused).
 * Not permanent: the language model retries once, then the caller falls back.
 */
export class MalformedAnswerError extends PostshowError {
  constructor(message: string) {
    super(message, { permanent: false });
    this.name = 'MalformedAnswerError';
  }
}

/** An audio chunk is over OpenAI's 25 MB upload limit. Permanent: the same chunk will always be too large. */
export class AudioTooLargeError extends PostshowError {
  readonly bytes: number;

  constructor(what: string, bytes: number) {
    super(
      `${what} is ${(bytes / 1024 / 1024).toFixed(1)} MB, over OpenAI's ${OPENAI_MAX_UPLOAD_BYTES / 1024 / 1024} MB upload limit: use shorter chunks (16 kHz mono WAV is about 1.9 MB per minute)`,
      { permanent: true },
    );
    this.name = 'AudioTooLargeError';
    this.bytes = bytes;
  }
}

/** The audio chunk could not be read from its location (a presigned URL that failed, a network error). */
export class ChunkReadError extends PostshowError {
  constructor(message: string) {
    super(message, { permanent: false });
    this.name = 'ChunkReadError';
  }
}

/** Looks like an OpenAI key (sk-..., sk-proj-...), even when it is not ours (error bodies echo masked keys). */
const KEY_LIKE = /sk-[A-Za-z0-9_*-]{6,}/g;
const MAX_MESSAGE_CHARS = 300;

/** `text` with our key and any key-like token replaced, cut to one bounded line. */
export function scrub(text: string, apiKey: Secret): string {
  const oneLine = apiKey.redact(text).replace(KEY_LIKE, 'sk-[redacted]').replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_MESSAGE_CHARS ? `${oneLine.slice(0, MAX_MESSAGE_CHARS)}...` : oneLine;
}

/** Statuses worth retrying: request timeout, lock conflict, rate limit, and server errors. */
const isRetryableStatus = (status: number): boolean => status === 408 || status === 409 || status === 429 || status >= 500;

/**
 * Translates whatever the SDK threw into our error family. `what` names the call, e.g.
 * 'openai chat gpt-4o-mini (rerank)'; `timeoutMs` goes into timeout messages.
 */
export function translateOpenAiError(error: unknown, what: string, apiKey: Secret, timeoutMs: number): Error {
  if (error instanceof PostshowError) return error;
  if (error instanceof APIConnectionTimeoutError) {
    return new OpenAiRequestError(`${what}: timed out after ${timeoutMs} ms`, { permanent: false, retryable: true });
  }
  if (error instanceof APIUserAbortError) {
    return new OpenAiRequestError(`${what}: aborted`, { permanent: false, retryable: false });
  }
  if (error instanceof APIConnectionError) {
    const cause = error.cause instanceof Error ? ((error.cause as NodeJS.ErrnoException).code ?? error.cause.message) : '';
    return new OpenAiRequestError(`${what}: connection failed${cause ? ` (${scrub(String(cause), apiKey)})` : ''}`, {
      permanent: false,
      retryable: true,
    });
  }
  if (error instanceof APIError && typeof error.status === 'number') {
    const status = error.status;
    const headers = error.headers;
    const shouldRetryHeader = headers?.get('x-should-retry');
    // A 429 for an exhausted quota (billing) is not a rate limit: waiting does not help.
    const quotaGone = error.code === 'insufficient_quota';
    const retryable = quotaGone ? false : shouldRetryHeader === 'true' ? true : shouldRetryHeader === 'false' ? false : isRetryableStatus(status);
    const retryAfterMs = headers ? retryAfterMsFromHeaders((name) => headers.get(name), Date.now()) : undefined;
    const detail = scrub(error.message.replace(/^\d{3}\s*/, ''), apiKey);
    return new OpenAiRequestError(`${what}: HTTP ${status}${detail ? ` ${detail}` : ''}`, {
      // 4xx other than the retryable ones (bad key, unknown model, invalid request) will fail the same way again.
      permanent: quotaGone || (!retryable && status >= 400 && status < 500),
      retryable,
      status,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      ...(error.requestID ? { requestId: error.requestID } : {}),
    });
  }
  if (error instanceof SyntaxError) {
    // The SDK parses the body as JSON; a compatible server (or a proxy) answered with something else.
    return new MalformedAnswerError(`${what}: response body is not JSON`);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new OpenAiRequestError(`${what}: ${scrub(message, apiKey)}`, { permanent: false, retryable: false });
}

/** The retry decision for the provider-independent retry loop. */
export function openAiRetryDecision(error: unknown): RetryDecision {
  if (error instanceof OpenAiRequestError) {
    return error.retryAfterMs === undefined ? { retryable: error.retryable } : { retryable: error.retryable, retryAfterMs: error.retryAfterMs };
  }
  return { retryable: false };
}
