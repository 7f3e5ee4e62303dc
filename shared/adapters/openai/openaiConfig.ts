/**
 * Settings of the OpenAI (and OpenAI-compatible) providers, read from an env-like record and
 * validated at the edge. The API key is held in a Secret so the config can be logged safely.
 *
 * The variables, their ranges and defaults are in shared/core/settings/envSettings.ts
 * (`OPENAI_API_KEY`, `OPENAI_BASE_URL`, `POSTSHOW_OPENAI_*`) and README's Configuration table.
 */
import { PostshowError } from '../../core/errors.js';
import {
  OPENAI_CHAT_TIMEOUT_MS,
  OPENAI_DEFAULT_BASE_URL,
  OPENAI_TRANSCRIBE_TIMEOUT_MS,
  parseEnvSettings,
  type EnvSettingName,
} from '../../core/settings/envSettings.js';
import { Secret } from './secret.js';

export { OPENAI_DEFAULT_BASE_URL };

/** Transcription models known to reject `verbose_json` and timestamp granularities (text only). */
const TEXT_ONLY_TRANSCRIBE_MODEL = /^gpt-4o(-mini)?-transcribe/;

/** The OpenAI settings are present but unusable (a typo in a number, a bad URL). */
export class OpenAiConfigError extends PostshowError {
  constructor(message: string) {
    super(message, { permanent: true });
    this.name = 'OpenAiConfigError';
  }
}

const OPENAI_ENV = [
  'OPENAI_API_KEY',
  'OPENAI_BASE_URL',
  'POSTSHOW_OPENAI_TRANSCRIBE_MODEL',
  'POSTSHOW_OPENAI_TRANSCRIBE_VERBOSE',
  'POSTSHOW_OPENAI_MODEL',
  'POSTSHOW_OPENAI_TIMEOUT_MS',
  'POSTSHOW_OPENAI_MAX_RETRIES',
  'POSTSHOW_OPENAI_RETRY_BASE_MS',
  'POSTSHOW_OPENAI_RETRY_MAX_MS',
  'POSTSHOW_OPENAI_CONCURRENCY',
  'POSTSHOW_OPENAI_TOKEN_BUDGET',
] as const satisfies readonly EnvSettingName[];

/** Validated OpenAI settings, each from the variable named (defaults and ranges: envSettings.ts). `apiKey` prints as `[redacted]` everywhere. */
export interface OpenAiConfig {
  /** `OPENAI_API_KEY`. */
  readonly apiKey: Secret;
  /** `OPENAI_BASE_URL`, without a trailing slash. */
  readonly baseUrl: string;
  /** True when the base URL is not OpenAI's own (a self-hosted compatible server). */
  readonly compatibleServer: boolean;
  /** `POSTSHOW_OPENAI_TRANSCRIBE_MODEL`. */
  readonly transcribeModel: string;
  /** `POSTSHOW_OPENAI_TRANSCRIBE_VERBOSE`: whether to request `verbose_json` with word and segment timestamps. */
  readonly transcribeVerbose: boolean;
  /** `POSTSHOW_OPENAI_MODEL`. */
  readonly model: string;
  /** Per HTTP attempt, milliseconds: `POSTSHOW_OPENAI_TIMEOUT_MS`, else {@link OPENAI_TRANSCRIBE_TIMEOUT_MS}. */
  readonly transcribeTimeoutMs: number;
  /** Per HTTP attempt, milliseconds: `POSTSHOW_OPENAI_TIMEOUT_MS`, else {@link OPENAI_CHAT_TIMEOUT_MS}. */
  readonly chatTimeoutMs: number;
  /** `POSTSHOW_OPENAI_MAX_RETRIES`. */
  readonly maxRetries: number;
  /** `POSTSHOW_OPENAI_RETRY_BASE_MS`. */
  readonly retryBaseDelayMs: number;
  /** `POSTSHOW_OPENAI_RETRY_MAX_MS`. */
  readonly retryMaxDelayMs: number;
  /** `POSTSHOW_OPENAI_CONCURRENCY`. */
  readonly concurrency: number;
  /** `POSTSHOW_OPENAI_TOKEN_BUDGET`: tokens per show. */
  readonly tokenBudget: number;
}

/**
 * The OpenAI settings from an env-like record (`process.env` in the composition root), or undefined
 * when `OPENAI_API_KEY` is absent or empty (the provider is off: postshow runs offline).
 * Throws OpenAiConfigError naming the variable (never its value) when a setting is invalid.
 */
export function openAiConfigFromEnv(env: Readonly<Record<string, string | undefined>>): OpenAiConfig | undefined {
  // Without a key the provider is off, whatever else is set.
  if (!env.OPENAI_API_KEY?.trim()) return undefined;
  const parsed = parseEnvSettings(env, OPENAI_ENV);
  if (!parsed.ok) throw new OpenAiConfigError(`invalid OpenAI settings: ${parsed.problems}`);
  const values = parsed.values;
  const transcribeModel = values.POSTSHOW_OPENAI_TRANSCRIBE_MODEL;
  const baseUrl = values.OPENAI_BASE_URL.replace(/\/+$/, '');
  const timeoutOverride = values.POSTSHOW_OPENAI_TIMEOUT_MS;
  return Object.freeze({
    apiKey: new Secret(values.OPENAI_API_KEY ?? ''),
    baseUrl,
    compatibleServer: baseUrl !== OPENAI_DEFAULT_BASE_URL,
    transcribeModel,
    transcribeVerbose: values.POSTSHOW_OPENAI_TRANSCRIBE_VERBOSE ?? !TEXT_ONLY_TRANSCRIBE_MODEL.test(transcribeModel),
    model: values.POSTSHOW_OPENAI_MODEL,
    transcribeTimeoutMs: timeoutOverride ?? OPENAI_TRANSCRIBE_TIMEOUT_MS,
    chatTimeoutMs: timeoutOverride ?? OPENAI_CHAT_TIMEOUT_MS,
    maxRetries: values.POSTSHOW_OPENAI_MAX_RETRIES,
    retryBaseDelayMs: values.POSTSHOW_OPENAI_RETRY_BASE_MS,
    retryMaxDelayMs: values.POSTSHOW_OPENAI_RETRY_MAX_MS,
    concurrency: values.POSTSHOW_OPENAI_CONCURRENCY,
    tokenBudget: values.POSTSHOW_OPENAI_TOKEN_BUDGET,
  });
}
