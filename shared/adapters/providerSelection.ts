/**
 * Chooses the transcription engine and language model from configuration (env vars, overridden by
 * CLI flags), in one place for every entry point. Automatic order: OpenAI when a key is set, then the
 * best local engine available (a Whisper model when one is configured, then pocketsphinx); a paid
 * provider always has the best offline engine behind it as a fallback.
 */
import type { z } from 'zod';
import { ENV_SETTINGS, parseEnvSettings } from '../core/settings/envSettings.js';
import type { ChunkTranscript, LanguageModel, Logger, Storage, Transcriber, TranscribeRequest } from '../pipeline/ports.js';
import { createOpenAiProviders, openAiConfigFromEnv } from './openai/index.js';
import { transcriberWithFallback, type FallbackReport } from './providers/withFallback.js';

/** Which engines to use: `POSTSHOW_TRANSCRIBER` / `--transcriber` and `POSTSHOW_LLM` / `--llm` (shared/core/settings/envSettings.ts). */
export interface ProviderSettings {
  readonly transcriber: z.output<typeof ENV_SETTINGS.POSTSHOW_TRANSCRIBER>;
  readonly languageModel: z.output<typeof ENV_SETTINGS.POSTSHOW_LLM>;
}

/** Reads the settings from an env-like record; flags passed in `overrides` win. */
export function providerSettingsFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  overrides: Partial<Record<keyof ProviderSettings, string | undefined>> = {},
): ProviderSettings {
  const parsed = parseEnvSettings(
    { POSTSHOW_TRANSCRIBER: overrides.transcriber ?? env.POSTSHOW_TRANSCRIBER, POSTSHOW_LLM: overrides.languageModel ?? env.POSTSHOW_LLM },
    ['POSTSHOW_TRANSCRIBER', 'POSTSHOW_LLM'],
  );
  if (!parsed.ok) throw new ProviderSelectionError(parsed.problems);
  return { transcriber: parsed.values.POSTSHOW_TRANSCRIBER, languageModel: parsed.values.POSTSHOW_LLM };
}

export class ProviderSelectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProviderSelectionError';
  }
}

/** A transcriber that never transcribes: used for `captions` and when no engine is installed. */
export const noTranscriber: Transcriber = {
  engine: 'none',
  wordTimings: false,
  supports: () => false,
  transcribe: async (): Promise<ChunkTranscript> => ({ engine: 'none', segments: [] }),
};

export interface SelectedProviders {
  readonly transcriber: Transcriber;
  readonly languageModel?: LanguageModel;
  /** What was chosen and why, for logs and the run summary (never secrets). */
  readonly description: { readonly transcriber: string; readonly languageModel: string };
}

/**
 * @param localEngines offline engines, best first (e.g. local Whisper, then pocketsphinx); only
 *   those whose `supports` says yes for some language are used.
 */
export function selectProviders(options: {
  settings: ProviderSettings;
  env: Readonly<Record<string, string | undefined>>;
  localEngines: readonly Transcriber[];
  storage?: Storage;
  logger: Logger;
  onFallback?: (report: FallbackReport) => void;
}): SelectedProviders {
  const { settings, env, logger } = options;
  const openAi = openAiConfigFromEnv(env);
  const wantsOpenAi = (choice: string) => choice === 'openai' || (choice === 'auto' && openAi !== undefined);
  if ((settings.transcriber === 'openai' || settings.languageModel === 'openai') && !openAi) {
    throw new ProviderSelectionError('OpenAI was requested but OPENAI_API_KEY is not set');
  }
  const providers = openAi && (wantsOpenAi(settings.transcriber) || wantsOpenAi(settings.languageModel))
    ? createOpenAiProviders(openAi, { ...(options.storage ? { storage: options.storage } : {}), logger })
    : undefined;

  const local = bestLocal(options.localEngines, settings.transcriber);
  let transcriber: Transcriber;
  let transcriberDescription: string;
  if (settings.transcriber === 'captions') {
    transcriber = noTranscriber;
    transcriberDescription = 'captions only (no speech recognition)';
  } else if (providers && wantsOpenAi(settings.transcriber)) {
    const onFallback = (report: FallbackReport) => {
      logger.warn('transcription fell back', { from: report.from, to: report.to, reason: report.reason });
      options.onFallback?.(report);
    };
    transcriber = local ? transcriberWithFallback(providers.transcriber, local, onFallback) : providers.transcriber;
    transcriberDescription = `openai (${openAi?.transcribeModel})${local ? `, falling back to ${local.engine}` : ''}`;
  } else {
    transcriber = local ?? noTranscriber;
    transcriberDescription = local ? local.engine : 'none installed';
  }

  const languageModel = providers && wantsOpenAi(settings.languageModel) ? providers.languageModel : undefined;
  return {
    transcriber,
    ...(languageModel ? { languageModel } : {}),
    description: {
      transcriber: transcriberDescription,
      languageModel: languageModel ? `${languageModel.name} (offline code on failure)` : 'offline (extractive titles, detector order)',
    },
  };
}

/** The first local engine usable for English or Chinese, honouring an explicit `local`/`pocketsphinx` choice. */
function bestLocal(engines: readonly Transcriber[], choice: ProviderSettings['transcriber']): Transcriber | undefined {
  const usable = engines.filter((engine) => engine.supports('en') || engine.supports('zh'));
  if (choice === 'pocketsphinx') return usable.find((engine) => engine.engine === 'pocketsphinx');
  if (choice === 'local') {
    const whisper = usable.find((engine) => engine.engine === 'whisper-local');
    if (!whisper) throw new ProviderSelectionError('--transcriber local needs a Whisper model: set POSTSHOW_WHISPER_MODEL or run `postshow models pull base`');
    return whisper;
  }
  return usable.length > 1 ? chainLocal(usable) : usable[0];
}

/** Several local engines as one: each language goes to the first engine that supports it. */
function chainLocal(engines: readonly Transcriber[]): Transcriber {
  const first = engines[0] as Transcriber;
  return {
    engine: first.engine,
    wordTimings: engines.every((engine) => engine.wordTimings),
    supports: (language) => engines.some((engine) => engine.supports(language)),
    async detectLanguage(location: string) {
      return engines.find((engine) => engine.detectLanguage)?.detectLanguage?.(location);
    },
    async transcribe(request: TranscribeRequest) {
      const engine = engines.find((candidate) => candidate.supports(request.language));
      if (!engine) throw new ProviderSelectionError(`no local engine supports ${request.language}`);
      return engine.transcribe(request);
    },
  };
}
