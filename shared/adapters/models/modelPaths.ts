/**
 * Where the local Whisper model lives. `POSTSHOW_WHISPER_MODEL` wins: a file path, or a catalog name
 * (e.g. `small`) looked up in the model directory. Otherwise the default model in
 * `~/.cache/postshow/models/`, where `postshow models pull` puts it.
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { readEnvSettings, type EnvSettingName } from '../../core/settings/envSettings.js';
import { DEFAULT_WHISPER_MODEL, findWhisperModel, modelFileName } from './modelCatalog.js';

/** Environment variable naming the model (path or catalog name). */
export const WHISPER_MODEL_ENV = 'POSTSHOW_WHISPER_MODEL' satisfies EnvSettingName;

/** The directory `postshow models pull` writes to by default: `~/.cache/postshow/models`. */
export function defaultModelDir(home: string = homedir()): string {
  return join(home, '.cache', 'postshow', 'models');
}

/** Inputs of {@link resolveWhisperModelPath}; all default to the real process. */
export interface ModelPathSources {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly home?: string;
  /** Model directory for catalog names. @default defaultModelDir(home) */
  readonly dir?: string;
}

/** The absolute path of the configured model file (it may not exist yet). */
export function resolveWhisperModelPath(sources: ModelPathSources = {}): string {
  const env = sources.env ?? process.env;
  const dir = sources.dir ?? defaultModelDir(sources.home);
  const configured = readEnvSettings(env, [WHISPER_MODEL_ENV]).POSTSHOW_WHISPER_MODEL;
  if (!configured) return join(dir, modelFileName(DEFAULT_WHISPER_MODEL));
  if (findWhisperModel(configured)) return join(dir, modelFileName(configured));
  return resolve(configured.startsWith('~/') ? join(sources.home ?? homedir(), configured.slice(2)) : configured);
}
