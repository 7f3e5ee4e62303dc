/**
 * The transcription engines the ASR evaluation knows, and whether each can run on this machine.
 *
 * Engines written in parallel with this script (local Whisper, OpenAI) are imported by a computed specifier, so the
 * script type-checks and runs whether or not their modules exist yet; a missing module, model or key turns into a
 * readable reason, never a crash. Each `resolve*` function below is the one place that knows its adapter's constructor.
 *
 * Imperative evaluation tooling, not part of the product.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { FfmpegMedia } from '../../shared/adapters/media/ffmpegMedia.js';
import { POCKETSPHINX_EN_US_MODEL, PocketsphinxTranscriber } from '../../shared/adapters/transcription/pocketsphinxTranscriber.js';
import type { Transcriber } from '../../shared/pipeline/ports.js';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The environment as the entry point read it; adapters take their own settings from it (e.g. OPENAI_BASE_URL). */
export type EvalEnvironment = Readonly<Record<string, string | undefined>>;

/** A ready engine, or the reason it cannot run here. */
export type ResolvedEngine =
  | { readonly name: string; readonly available: true; readonly transcriber: Transcriber; readonly model?: string }
  | { readonly name: string; readonly available: false; readonly reason: string };

/** Engine names in the order they are evaluated. */
export const EVAL_ENGINE_NAMES = ['pocketsphinx', 'whisper-local', 'openai'] as const;
export type EvalEngineName = (typeof EVAL_ENGINE_NAMES)[number];

/** Imports a repository module by its `.ts` path, or returns undefined when the file does not exist (yet). */
async function importOptional(repoPath: string): Promise<Record<string, unknown> | undefined> {
  const file = path.join(REPO_ROOT, repoPath);
  if (!existsSync(file)) return undefined;
  // A computed specifier keeps tsc from resolving a module that may not exist; tsx loads the .ts file.
  return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
}

type Constructor = new (...args: unknown[]) => unknown;

/** The first export that is a class and whose name matches, e.g. /transcriber$/i. */
function findClass(module: Record<string, unknown>, name: RegExp): Constructor | undefined {
  const entry = Object.entries(module).find(([key, value]) => name.test(key) && typeof value === 'function' && /^class\b/.test(String(value)));
  return entry?.[1] as Constructor | undefined;
}

/** Narrows a constructed adapter to the Transcriber port, checking the methods the evaluation calls. */
function asTranscriber(candidate: unknown, what: string): Transcriber {
  const value = candidate as Partial<Transcriber> | null;
  if (!value || typeof value.transcribe !== 'function' || typeof value.supports !== 'function') {
    throw new Error(`${what} does not implement Transcriber (transcribe, supports)`);
  }
  return value as Transcriber;
}

/**
 * Builds an adapter from its class: a static `fromEnv()` when the adapter offers one, otherwise the constructor with
 * the options object the adapters in this repository take (media port plus the engine's setting).
 */
function construct(cls: Constructor, options: Record<string, unknown>, env: EvalEnvironment): unknown {
  const fromEnv = (cls as unknown as { fromEnv?: unknown }).fromEnv;
  if (typeof fromEnv === 'function') return (fromEnv as (env: EvalEnvironment) => unknown).call(cls, env);
  return new cls(options);
}

async function resolvePocketsphinx(): Promise<ResolvedEngine> {
  const name = 'pocketsphinx';
  if (!existsSync(POCKETSPHINX_EN_US_MODEL)) return { name, available: false, reason: `pocketsphinx-en-us model not installed (${POCKETSPHINX_EN_US_MODEL})` };
  return { name, available: true, transcriber: new PocketsphinxTranscriber(new FfmpegMedia()), model: 'en-us (Debian pocketsphinx-en-us)' };
}

async function resolveWhisperLocal(env: EvalEnvironment): Promise<ResolvedEngine> {
  const name = 'whisper-local';
  const modulePath = 'shared/adapters/transcription/whisperLocalTranscriber.ts';
  const modelPath = env.POSTSHOW_WHISPER_MODEL;
  if (!modelPath) return { name, available: false, reason: 'no model configured (set POSTSHOW_WHISPER_MODEL to a Whisper model file)' };
  if (!existsSync(modelPath)) return { name, available: false, reason: `model file not found: ${modelPath}` };
  const module = await importOptional(modulePath);
  if (!module) return { name, available: false, reason: `adapter not in this checkout (${modulePath})` };
  const cls = findClass(module, /^WhisperLocalTranscriber$/);
  if (!cls) return { name, available: false, reason: `${modulePath} exports no WhisperLocalTranscriber class` };
  try {
    const transcriber = asTranscriber(construct(cls, { media: new FfmpegMedia(), modelPath }, env), 'WhisperLocalTranscriber');
    return { name, available: true, transcriber, model: path.basename(modelPath) };
  } catch (error) {
    return { name, available: false, reason: `could not construct WhisperLocalTranscriber: ${(error as Error).message}` };
  }
}

async function resolveOpenai(env: EvalEnvironment): Promise<ResolvedEngine> {
  const name = 'openai';
  const configPath = 'shared/adapters/openai/openaiConfig.ts';
  const transcriberPath = 'shared/adapters/openai/openaiTranscriber.ts';
  if (!env.OPENAI_API_KEY?.trim()) return { name, available: false, reason: 'no API key (OPENAI_API_KEY not set)' };
  const [configModule, transcriberModule] = [await importOptional(configPath), await importOptional(transcriberPath)];
  if (!configModule || !transcriberModule) return { name, available: false, reason: `adapter not in this checkout (${transcriberPath})` };
  const configFromEnv = configModule.openAiConfigFromEnv;
  const cls = findClass(transcriberModule, /^OpenAiTranscriber$/);
  if (typeof configFromEnv !== 'function' || !cls) return { name, available: false, reason: 'OpenAI adapter without openAiConfigFromEnv / OpenAiTranscriber' };
  try {
    // The adapter's own env parsing, so OPENAI_BASE_URL (a compatible Whisper server) and the model setting apply here too.
    const config = (configFromEnv as (env: EvalEnvironment) => { transcribeModel?: unknown; compatibleServer?: unknown } | undefined)(env);
    if (!config) return { name, available: false, reason: 'no API key (OPENAI_API_KEY not set)' };
    const transcriber = asTranscriber(new cls({ config }), 'OpenAiTranscriber');
    const model = `${String(config.transcribeModel)}${config.compatibleServer === true ? ' (compatible server)' : ''}`;
    return { name, available: true, transcriber, model };
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
