/** The one place that builds the SDK client, and the only reader of the API key. */
import OpenAI from 'openai';
import type { Logger } from '../../pipeline/ports.js';
import { createConcurrencyLimit, type ConcurrencyLimit } from '../providers/concurrencyLimit.js';
import type { ResponseCache } from '../providers/responseCache.js';
import { DEFAULT_RETRY_POLICY, withRetry, type RetryHooks, type RetryPolicy } from '../providers/retry.js';
import type { TokenBudget } from '../providers/tokenBudget.js';
import type { OpenAiConfig } from './openaiConfig.js';
import { openAiRetryDecision, scrub, translateOpenAiError } from './openaiErrors.js';

/**
 * An SDK client for the configured endpoint. The SDK's own retries are off (`maxRetries: 0`):
 * our loop in `providers/retry.ts` retries with full jitter, honours `retry-after`, and reports
 * every retry through our logger. SDK logging is off because its debug lines carry request details.
 */
export function createOpenAiClient(config: OpenAiConfig): OpenAI {
  return new OpenAI({
    apiKey: config.apiKey.reveal(),
    baseURL: config.baseUrl,
    maxRetries: 0,
    timeout: Math.max(config.transcribeTimeoutMs, config.chatTimeoutMs),
    logLevel: 'off',
  });
}

/** The retry loop's settings from the config. */
export function retryPolicyOf(config: OpenAiConfig): RetryPolicy {
  return {
    maxRetries: config.maxRetries,
    baseDelayMs: config.retryBaseDelayMs,
    maxDelayMs: config.retryMaxDelayMs,
    maxRetryAfterMs: DEFAULT_RETRY_POLICY.maxRetryAfterMs,
  };
}

/** Collaborators of the OpenAI transcriber and language model; all but `config` are optional. */
export interface OpenAiCallOptions {
  readonly config: OpenAiConfig;
  /** Defaults to a client for `config`. */
  readonly client?: OpenAI;
  /** The show's token budget; no ceiling when absent. whisper-1 bills by duration and charges nothing here. */
  readonly budget?: TokenBudget;
  /** Answers cache; every call is paid when absent. */
  readonly cache?: ResponseCache;
  /** Shared by the transcriber and the language model to bound all calls in flight; defaults to `config.concurrency`. */
  readonly limit?: ConcurrencyLimit;
  readonly logger?: Logger;
  /** Sleep and randomness of the retry loop (tests). */
  readonly retryHooks?: RetryHooks;
}

/** What the OpenAI transcriber and language model share: one client and the cost and rate controls. */
export abstract class OpenAiCaller {
  protected readonly config: OpenAiConfig;
  protected readonly client: OpenAI;
  protected readonly budget: TokenBudget | undefined;
  protected readonly cache: ResponseCache | undefined;
  protected readonly limit: ConcurrencyLimit;
  protected readonly logger: Logger | undefined;
  protected readonly retryHooks: RetryHooks;

  constructor(options: OpenAiCallOptions) {
    this.config = options.config;
    this.client = options.client ?? createOpenAiClient(options.config);
    this.budget = options.budget;
    this.cache = options.cache;
    this.limit = options.limit ?? createConcurrencyLimit(options.config.concurrency);
    this.logger = options.logger;
    this.retryHooks = options.retryHooks ?? {};
  }

  /**
   * One logical request: each attempt waits for a slot in the concurrency limit, errors are
   * translated (key scrubbed) and transient ones retried with backoff; every retry is logged
   * with `logFields`.
   */
  protected async request<T>(
    what: string,
    timeoutMs: number,
    attempt: (options: { timeout: number; maxRetries: 0; signal?: AbortSignal }) => Promise<T>,
    logFields: Record<string, unknown>,
    /** Cancels the request; the SDK's abort error is translated as not retryable, so no retry follows. */
    signal?: AbortSignal,
  ): Promise<T> {
    return withRetry(
      () =>
        this.limit(async () => {
          try {
            return await attempt({ timeout: timeoutMs, maxRetries: 0, ...(signal ? { signal } : {}) });
          } catch (error) {
            throw translateOpenAiError(error, what, this.config.apiKey, timeoutMs);
          }
        }),
      retryPolicyOf(this.config),
      openAiRetryDecision,
      {
        ...this.retryHooks,
        onRetry: (event) => {
          this.logger?.warn('openai request retried', {
            ...logFields,
            retry: event.retry,
            delayMs: event.delayMs,
            serverRequested: event.serverRequested,
            reason: event.error instanceof Error ? scrub(event.error.message, this.config.apiKey) : 'unknown',
          });
          this.retryHooks.onRetry?.(event);
        },
      },
    );
  }
}
