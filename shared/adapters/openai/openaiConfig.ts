/**
 * Settings of the OpenAI (and OpenAI-compatible) providers, read from an env-like record and
 * validated at the edge. The API key is held in a Secret so the config can be logged safely.
 *
 * | variable | default | meaning |
 * | --- | --- | --- |
 * | `OPENAI_API_KEY` | (none: provider disabled) | key; compatible servers that need none accept any non-empty value |
 * | `OPENAI_BASE_URL` | `https://api.openai.com/v1` | a compatible server, e.g. `http://localhost:8000/v1` |
 * | `POSTSHOW_OPENAI_TRANSCRIBE_MODEL` | `whisper-1` | also `gpt-4o-transcribe`, `gpt-4o-mini-transcribe` (text only: no segment or word timings) |
 * | `POSTSHOW_OPENAI_TRANSCRIBE_VERBOSE` | true for every model except `gpt-4o*-transcribe` | whether the server accepts `verbose_json` with word and segment timestamps |
 * | `POSTSHOW_OPENAI_MODEL` | `gpt-4o-mini` | chat model for structured answers |
 * | `POSTSHOW_OPENAI_TIMEOUT_MS` | 120000 transcription, 60000 chat | per HTTP attempt; when set, applies to both |
 * | `POSTSHOW_OPENAI_MAX_RETRIES` | 4 | retries after the first attempt (429, 5xx, connection errors, timeouts) |
 * | `POSTSHOW_OPENAI_RETRY_BASE_MS` | 500 | backoff base; the delay before retry n is uniform in [0, min(cap, base*2^(n-1))] |
 * | `POSTSHOW_OPENAI_RETRY_MAX_MS` | 8000 | backoff cap |
 * | `POSTSHOW_OPENAI_CONCURRENCY` | 4 | calls in flight per process |
 * | `POSTSHOW_OPENAI_TOKEN_BUDGET` | 200000 | tokens per show before falling back offline |
 */
import { z } from 'zod';
import { PostshowError } from '../../core/errors.js';
import { Secret } from './secret.js';

/** OpenAI's public endpoint; the SDK would otherwise read `OPENAI_BASE_URL` from process.env behind our back. */
export const OPENAI_DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/** Transcription models known to reject `verbose_json` and timestamp granularities (text only). */
const TEXT_ONLY_TRANSCRIBE_MODEL = /^gpt-4o(-mini)?-transcribe/;

/** The OpenAI settings are present but unusable (a typo in a number, a bad URL). */
export class OpenAiConfigError extends PostshowError {
  constructor(message: string) {
    super(message, { permanent: true });
    this.name = 'OpenAiConfigError';
  }
}

const positiveInt = (fallback: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, 'expected a whole number')
    .transform(Number)
    .pipe(z.number().int().positive())
    .optional()
    .transform((value) => value ?? fallback);

const nonNegativeInt = (fallback: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, 'expected a whole number')
    .transform(Number)
    .pipe(z.number().int().nonnegative())
    .optional()
    .transform((value) => value ?? fallback);

const booleanFlag = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no']))
  .transform((value) => value === 'true' || value === '1' || value === 'yes')
  .optional();

const envSchema = z.object({
  OPENAI_API_KEY: z.string().trim().min(1, 'must not be empty'),
  OPENAI_BASE_URL: z
    .string()
    .trim()
    .pipe(z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }))
    .optional(),
  POSTSHOW_OPENAI_TRANSCRIBE_MODEL: z.string().trim().min(1).optional(),
  POSTSHOW_OPENAI_TRANSCRIBE_VERBOSE: booleanFlag,
  POSTSHOW_OPENAI_MODEL: z.string().trim().min(1).optional(),
  POSTSHOW_OPENAI_TIMEOUT_MS: positiveInt(0),
  POSTSHOW_OPENAI_MAX_RETRIES: nonNegativeInt(4),
  POSTSHOW_OPENAI_RETRY_BASE_MS: nonNegativeInt(500),
  POSTSHOW_OPENAI_RETRY_MAX_MS: nonNegativeInt(8000),
  POSTSHOW_OPENAI_CONCURRENCY: positiveInt(4),
  POSTSHOW_OPENAI_TOKEN_BUDGET: nonNegativeInt(200_000),
});

/** Validated OpenAI settings. `apiKey` prints as `[redacted]` everywhere. */
export interface OpenAiConfig {
  readonly apiKey: Secret;
  /** @default 'https://api.openai.com/v1' */
  readonly baseUrl: string;
  /** True when the base URL is not OpenAI's own (a self-hosted compatible server). */
  readonly compatibleServer: boolean;
  /** @default 'whisper-1' */
  readonly transcribeModel: string;
  /** Whether to request `verbose_json` with word and segment timestamps. */
  readonly transcribeVerbose: boolean;
  /** @default 'gpt-4o-mini' */
  readonly model: string;
  /** Per HTTP attempt, milliseconds. @default 120000 (a 10-minute chunk upload plus decoding) */
  readonly transcribeTimeoutMs: number;
  /** Per HTTP attempt, milliseconds. @default 60000 */
  readonly chatTimeoutMs: number;
  /** @default 4 */
  readonly maxRetries: number;
  /** @default 500 */
  readonly retryBaseDelayMs: number;
  /** @default 8000 */
  readonly retryMaxDelayMs: number;
  /** @default 4 */
  readonly concurrency: number;
  /** Tokens per show. @default 200000 */
  readonly tokenBudget: number;
}

/**
 * The OpenAI settings from an env-like record (`process.env` in the composition root), or undefined
 * when `OPENAI_API_KEY` is absent or empty (the provider is off: postshow runs offline).
 * Throws OpenAiConfigError naming the variable (never its value) when a setting is invalid.
 */
export function openAiConfigFromEnv(env: Readonly<Record<string, string | undefined>>): OpenAiConfig | undefined {
  if (env.OPENAI_API_KEY === undefined || env.OPENAI_API_KEY.trim() === '') return undefined;
  const picked = Object.fromEntries(Object.keys(envSchema.shape).map((name) => [name, emptyToUndefined(env[name])]));
  const parsed = envSchema.safeParse(picked);
  if (!parsed.success) {
    // Issue paths and messages only: zod messages do not echo input, and we never add it.
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
    throw new OpenAiConfigError(`invalid OpenAI settings: ${problems}`);
  }
  const values = parsed.data;
  const transcribeModel = values.POSTSHOW_OPENAI_TRANSCRIBE_MODEL ?? 'whisper-1';
  const baseUrl = (values.OPENAI_BASE_URL ?? OPENAI_DEFAULT_BASE_URL).replace(/\/+$/, '');
  const timeoutOverride = values.POSTSHOW_OPENAI_TIMEOUT_MS;
  return Object.freeze({
    apiKey: new Secret(values.OPENAI_API_KEY),
    baseUrl,
    compatibleServer: baseUrl !== OPENAI_DEFAULT_BASE_URL,
    transcribeModel,
    transcribeVerbose: values.POSTSHOW_OPENAI_TRANSCRIBE_VERBOSE ?? !TEXT_ONLY_TRANSCRIBE_MODEL.test(transcribeModel),
    model: values.POSTSHOW_OPENAI_MODEL ?? 'gpt-4o-mini',
    transcribeTimeoutMs: timeoutOverride > 0 ? timeoutOverride : 120_000,
    chatTimeoutMs: timeoutOverride > 0 ? timeoutOverride : 60_000,
    maxRetries: values.POSTSHOW_OPENAI_MAX_RETRIES,
    retryBaseDelayMs: values.POSTSHOW_OPENAI_RETRY_BASE_MS,
    retryMaxDelayMs: values.POSTSHOW_OPENAI_RETRY_MAX_MS,
    concurrency: values.POSTSHOW_OPENAI_CONCURRENCY,
    tokenBudget: values.POSTSHOW_OPENAI_TOKEN_BUDGET,
  });
}

const emptyToUndefined = (value: string | undefined): string | undefined => (value === undefined || value.trim() === '' ? undefined : value);
