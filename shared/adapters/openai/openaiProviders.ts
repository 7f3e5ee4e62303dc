/** Wires the OpenAI transcriber and language model of one show to a shared client, limit, cache and budget. */
import type { Logger, Storage } from '../../pipeline/ports.js';
import { createConcurrencyLimit, type ConcurrencyLimit } from '../providers/concurrencyLimit.js';
import { ResponseCache } from '../providers/responseCache.js';
import { TokenBudget } from '../providers/tokenBudget.js';
import { createOpenAiClient } from './openaiClient.js';
import type { OpenAiConfig } from './openaiConfig.js';
import { OpenAiLanguageModel } from './openaiLanguageModel.js';
import { OpenAiTranscriber } from './openaiTranscriber.js';

/** The providers for one show, and the pieces they share. */
export interface OpenAiProviders {
  readonly transcriber: OpenAiTranscriber;
  readonly languageModel: OpenAiLanguageModel;
  readonly budget: TokenBudget;
  readonly limit: ConcurrencyLimit;
  readonly cache: ResponseCache | undefined;
}

/**
 * Providers for one show: one client, one concurrency limit (pass `limit` to share it across
 * shows in the same process), a fresh token budget of `config.tokenBudget` (or `budget`), and a
 * response cache under `cache/openai/` when `storage` is given.
 */
export function createOpenAiProviders(
  config: OpenAiConfig,
  options: { storage?: Storage; logger?: Logger; limit?: ConcurrencyLimit; budget?: TokenBudget } = {},
): OpenAiProviders {
  const client = createOpenAiClient(config);
  const limit = options.limit ?? createConcurrencyLimit(config.concurrency);
  const budget = options.budget ?? new TokenBudget(config.tokenBudget);
  const cache = options.storage ? new ResponseCache(options.storage, 'openai', options.logger) : undefined;
  const shared = { config, client, limit, budget, ...(cache ? { cache } : {}), ...(options.logger ? { logger: options.logger } : {}) };
  return {
    transcriber: new OpenAiTranscriber(shared),
    languageModel: new OpenAiLanguageModel(shared),
    budget,
    limit,
    cache,
  };
}
