/**
 * The transcription engines the ASR evaluation knows, and whether each can run on this machine:
 * a missing model or key turns into a readable reason, never a crash.
 *
 * Imperative evaluation tooling, not part of the product.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { FfmpegMedia } from '../../shared/adapters/media/ffmpegMedia.js';
import { resolveWhisperModelPath, WHISPER_MODEL_ENV } from '../../shared/adapters/models/modelPaths.js';
import { OpenAiTranscriber, openAiConfigFromEnv } from '../../shared/adapters/openai/index.js';
import { POCKETSPHINX_EN_US_MODEL, PocketsphinxTranscriber } from '../../shared/adapters/transcription/pocketsphinxTranscriber.js';
import { WhisperLocalTranscriber } from '../../shared/adapters/transcription/whisperLocalTranscriber.js';
import type { Transcriber } from '../../shared/pipeline/ports.js';

/** The environment as the entry point read it; adapters take their own settings from it (e.g. OPENAI_BASE_URL). */
export type EvalEnvironment = Readonly<Record<string, string | undefined>>;

/** A ready engine, or the reason it cannot run here. */
export type ResolvedEngine =
  | { readonly name: string; readonly available: true; readonly transcriber: Transcriber; readonly model?: string }
  | { readonly name: string; readonly available: false; readonly reason: string };

/** Engine names in the order they are evaluated. */
export const EVAL_ENGINE_NAMES = ['pocketsphinx', 'whisper-local', 'openai'] as const;
export type EvalEngineName = (typeof EVAL_ENGINE_NAMES)[number];

async function resolvePocketsphinx(): Promise<ResolvedEngine> {
  const name = 'pocketsphinx';
  if (!existsSync(POCKETSPHINX_EN_US_MODEL)) return { name, available: false, reason: `pocketsphinx-en-us model not installed (${POCKETSPHINX_EN_US_MODEL})` };
  return { name, available: true, transcriber: new PocketsphinxTranscriber(new FfmpegMedia()), model: 'en-us (Debian pocketsphinx-en-us)' };
}

async function resolveWhisperLocal(env: EvalEnvironment): Promise<ResolvedEngine> {
  const name = 'whisper-local';
  const modelPath = resolveWhisperModelPath({ env });
  if (!existsSync(modelPath)) {
    return { name, available: false, reason: `no model at ${modelPath} (set ${WHISPER_MODEL_ENV}, or run \`postshow models pull base\`)` };
  }
  return { name, available: true, transcriber: new WhisperLocalTranscriber({ modelPath }), model: path.basename(modelPath) };
}

async function resolveOpenai(env: EvalEnvironment): Promise<ResolvedEngine> {
  const name = 'openai';
  try {
    // The adapter's own env parsing, so OPENAI_BASE_URL (a compatible Whisper server) and the model setting apply here too.
    const config = openAiConfigFromEnv(env);
    if (!config) return { name, available: false, reason: 'no API key (OPENAI_API_KEY not set)' };
    const model = `${config.transcribeModel}${config.compatibleServer ? ' (compatible server)' : ''}`;
    return { name, available: true, transcriber: new OpenAiTranscriber({ config }), model };
  } catch (error) {
    return { name, available: false, reason: `OpenAI settings unusable: ${(error as Error).message}` };
  }
}

/** Resolves the requested engines, in evaluation order. */
export async function resolveEngines(names: readonly EvalEngineName[], env: EvalEnvironment): Promise<ResolvedEngine[]> {
  const resolvers: Record<EvalEngineName, () => Promise<ResolvedEngine>> = {
    pocketsphinx: resolvePocketsphinx,
    'whisper-local': () => resolveWhisperLocal(env),
    openai: () => resolveOpenai(env),
  };
  const engines: ResolvedEngine[] = [];
  for (const name of EVAL_ENGINE_NAMES.filter((engine) => names.includes(engine))) engines.push(await resolvers[name]());
  return engines;
}
