/**
 * The part of @fugood/whisper.node that postshow uses, typed here. The package ships TypeScript
 * sources without declaration files, and those sources do not compile under this project's settings,
 * so the module is loaded by a specifier TypeScript does not resolve and typed with these interfaces.
 */
export const WHISPER_NODE_PACKAGE: string = '@fugood/whisper.node';

export interface TranscribeOptions {
  language?: string;
  maxThreads?: number;
  maxLen?: number;
  tokenTimestamps?: boolean;
  temperature?: number;
  temperatureInc?: number;
  beamSize?: number;
  bestOf?: number;
  prompt?: string;
}

export interface TranscribeResult {
  language?: string;
  result: string;
  segments: Array<{ text: string; t0: number; t1: number }>;
  isAborted: boolean;
}

export interface WhisperContext {
  transcribeFile(filePath: string, options?: TranscribeOptions): { stop: () => Promise<void>; promise: Promise<TranscribeResult> };
  release(): Promise<void>;
}

export interface WhisperNodeBinding {
  initWhisper(options: { filePath: string; useGpu?: boolean }): Promise<WhisperContext>;
  toggleNativeLog(enable: boolean): Promise<void>;
  addNativeLogListener(listener: (level: string, text: string) => void): { remove: () => void };
}

/** Loads the native binding (once; Node caches the module). */
export async function loadWhisperNode(): Promise<WhisperNodeBinding> {
  return (await import(WHISPER_NODE_PACKAGE)) as WhisperNodeBinding;
}
