/** The one place that builds the SDK client, and the only reader of the API key. */
import OpenAI from 'openai';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../providers/retry.js';
import type { OpenAiConfig } from './openaiConfig.js';

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
