export { createConcurrencyLimit, type ConcurrencyLimit } from './concurrencyLimit.js';
export { BudgetExceededError, TokenBudget } from './tokenBudget.js';
export { ResponseCache, cacheKeyOf, sha256Hex, stableStringify, type CacheKeyParts } from './responseCache.js';
export {
  DEFAULT_RETRY_POLICY,
  backoffDelayMs,
  retryAfterMsFromHeaders,
  withRetry,
  type RetryDecision,
  type RetryEvent,
  type RetryHooks,
  type RetryPolicy,
} from './retry.js';
export { languageModelWithFallback, transcriberWithFallback, type FallbackListener, type FallbackReport } from './withFallback.js';
