import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { isPermanent } from '../../shared/core/errors.js';
import { OpenAiConfigError, openAiConfigFromEnv } from '../../shared/adapters/openai/openaiConfig.js';

const KEY = 'sk-proj-UNIT-config-abcdef0123456789';

describe('openAiConfigFromEnv', () => {
  it('is undefined without a key (the provider is off)', () => {
    expect(openAiConfigFromEnv({})).toBeUndefined();
    expect(openAiConfigFromEnv({ OPENAI_API_KEY: '  ', POSTSHOW_OPENAI_MODEL: 'gpt-4o' })).toBeUndefined();
  });

  it('fills the documented defaults', () => {
    const config = openAiConfigFromEnv({ OPENAI_API_KEY: KEY })!;
    expect({ ...config, apiKey: undefined }).toEqual({
      apiKey: undefined,
      baseUrl: 'https://api.openai.com/v1',
      compatibleServer: false,
      transcribeModel: 'whisper-1',
      transcribeVerbose: true,
      model: 'gpt-4o-mini',
      transcribeTimeoutMs: 120_000,
      chatTimeoutMs: 60_000,
      maxRetries: 4,
      retryBaseDelayMs: 500,
      retryMaxDelayMs: 8000,
      concurrency: 4,
      tokenBudget: 200_000,
    });
    expect(config.apiKey.reveal()).toBe(KEY);
  });

  it('reads overrides, a compatible server, and text-only transcribe models', () => {
    const config = openAiConfigFromEnv({
      OPENAI_API_KEY: KEY,
      OPENAI_BASE_URL: 'http://localhost:8000/v1/',
      POSTSHOW_OPENAI_TRANSCRIBE_MODEL: 'gpt-4o-transcribe',
      POSTSHOW_OPENAI_TIMEOUT_MS: '2500',
      POSTSHOW_OPENAI_MAX_RETRIES: '0',
      POSTSHOW_OPENAI_CONCURRENCY: '8',
      POSTSHOW_OPENAI_TOKEN_BUDGET: '5000',
    })!;
    expect(config.baseUrl).toBe('http://localhost:8000/v1');
    expect(config.compatibleServer).toBe(true);
    expect(config.transcribeVerbose).toBe(false);
    expect([config.transcribeTimeoutMs, config.chatTimeoutMs, config.maxRetries, config.concurrency, config.tokenBudget]).toEqual([2500, 2500, 0, 8, 5000]);
    expect(openAiConfigFromEnv({ OPENAI_API_KEY: KEY, POSTSHOW_OPENAI_TRANSCRIBE_MODEL: 'Systran/faster-whisper-small' })!.transcribeVerbose).toBe(true);
    expect(openAiConfigFromEnv({ OPENAI_API_KEY: KEY, POSTSHOW_OPENAI_TRANSCRIBE_MODEL: 'gpt-4o-transcribe', POSTSHOW_OPENAI_TRANSCRIBE_VERBOSE: 'true' })!.transcribeVerbose).toBe(true);
  });

  it('rejects invalid settings naming the variable, permanently, without echoing values', () => {
    const attempt = () => openAiConfigFromEnv({ OPENAI_API_KEY: KEY, POSTSHOW_OPENAI_CONCURRENCY: 'four', OPENAI_BASE_URL: 'ftp://x' });
    expect(attempt).toThrow(OpenAiConfigError);
    try {
      attempt();
    } catch (error) {
      expect(isPermanent(error)).toBe(true);
      expect((error as Error).message).toMatch(/POSTSHOW_OPENAI_CONCURRENCY/);
      expect((error as Error).message).toMatch(/OPENAI_BASE_URL/);
      expect((error as Error).message).not.toContain(KEY);
    }
  });

  it('never shows the key when the config is stringified, serialised or inspected', () => {
    const config = openAiConfigFromEnv({ OPENAI_API_KEY: KEY })!;
    const renderings = [
      JSON.stringify(config),
      String(config),
      `${config.apiKey}`,
      String(config.apiKey),
      inspect(config, { depth: 5 }),
      inspect(config.apiKey),
      JSON.stringify({ nested: { config } }),
    ];
    for (const text of renderings) expect(text).not.toContain(KEY);
    expect(JSON.parse(JSON.stringify(config)).apiKey).toBe('[redacted]');
    expect(config.apiKey.redact(`key=${KEY}!`)).toBe('key=[redacted]!');
  });
});
