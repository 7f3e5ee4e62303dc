/**
 * Offline Whisper transcription on the CPU: whisper.cpp through @fugood/whisper.node, whose npm
 * packages carry prebuilt binaries per platform (no compiler, no install script, no download at
 * install time). The model is a whisper.cpp ggml file (`postshow models pull <name>`), loaded once
 * per process and per path, on first use.
 */
import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import { AbortedError, PostshowError, reasonOf } from '../../core/errors.js';
import type { Language, Segment, Word } from '../../core/types.js';
import type { ChunkTranscript, Transcriber, TranscribeRequest } from '../../pipeline/ports.js';
import { inspectWhisperModelFile, readWhisperModelHeader } from '../models/whisperModelFile.js';
import { scoredConfidence } from './whisperConfidence.js';
import { loadWhisperNode, type TranscribeOptions, type TranscribeResult, type WhisperContext } from './whisperNodeBinding.js';

/** Options of {@link WhisperLocalTranscriber}. */
export interface WhisperLocalOptions {
  /** Path of a whisper.cpp ggml model file, e.g. from `resolveWhisperModelPath()`. */
  readonly modelPath: string;
  /** CPU threads for inference. @default os.availableParallelism() */
  readonly threads?: number;
  /**
   * Word timings for English from whisper.cpp's token timestamps. Off for Chinese: tokens there are
   * byte pieces of characters, and per-token output would split characters.
   * @default true
   */
  readonly wordTimings?: boolean;
  /**
   * Seconds allowed per second of audio before a chunk is abandoned. The binding never settles its
   * promise when native inference fails, so a watchdog is the only way to notice; 30x real time is far
   * slower than the largest model runs on two cores.
   * @default 30
   */
  readonly timeoutPerAudioSecond?: number;
}

/** Lower bound of the watchdog, ms: model warm-up dominates short chunks. */
const MIN_TIMEOUT_MS = 120_000;
/** A pause longer than this between words ends a segment, seconds. */
const SEGMENT_PAUSE_SECONDS = 1.0;
/** Longest segment built from words; keeps captions readable when whisper omits punctuation. */
const MAX_WORDS_PER_SEGMENT = 30;
/** whisper.cpp's non-speech markers such as [BLANK_AUDIO] or [MUSIC]. */
const NON_SPEECH_MARKER = /^\s*\[[A-Z _]+\]\s*$/;
const SENTENCE_END = /[.?!。？！]["'”’)\]]*$/;

export class WhisperLocalTranscriber implements Transcriber {
  readonly engine = 'whisper-local' as const;
  private readonly modelPath: string;
  private readonly threads: number;
  /** True when English words are timed (see the port: chunks then overlap; Chinese segments merge by their midpoint). */
  readonly wordTimings: boolean;
  private readonly timeoutPerAudioSecond: number;

  constructor(options: WhisperLocalOptions) {
    this.modelPath = options.modelPath;
    this.threads = Math.max(1, options.threads ?? availableParallelism());
    this.wordTimings = options.wordTimings ?? true;
    this.timeoutPerAudioSecond = options.timeoutPerAudioSecond ?? 30;
  }

  /** The model file name, recorded in the outputs (e.g. 'ggml-base.bin'). */
  get model(): string {
    return basename(this.modelPath);
  }

  supports(language: Language): boolean {
    const header = readWhisperModelHeader(this.modelPath);
    if (!header) return false;
    return language === 'en' || header.multilingual;
  }

  async transcribe(request: TranscribeRequest): Promise<ChunkTranscript> {
    const loaded = await loadModel(this.modelPath);
    if (!loaded.multilingual && request.language !== 'en') {
      throw new PostshowError(`whisper model ${this.model} is English-only and cannot transcribe '${request.language}': use a multilingual model (e.g. 'base')`, { permanent: true });
    }
    const words = this.wordTimings && request.language === 'en';
    const options: TranscribeOptions = {
      language: request.language,
      maxThreads: this.threads,
      temperature: 0,
      ...(words ? { tokenTimestamps: true, maxLen: 1 } : {}),
    };
    const timeoutMs = Math.max(MIN_TIMEOUT_MS, request.duration * this.timeoutPerAudioSecond * 1000);
    const result = await loaded.queue.run(() => runWithWatchdog(loaded.context, request.location, options, timeoutMs, request.signal));
    const clock = { offset: request.offset, duration: request.duration };
    const segments = words ? segmentsFromTokens(result.segments, clock) : segmentsFromResult(result.segments, clock);
    const language = result.language === 'en' || result.language === 'zh' ? result.language : undefined;
    return { engine: this.engine, segments, model: this.model, ...(language ? { language } : {}) };
  }

  async detectLanguage(location: string, { signal }: { signal?: AbortSignal } = {}): Promise<Language | undefined> {
    const loaded = await loadModel(this.modelPath);
    if (!loaded.multilingual) return 'en';
    const options: TranscribeOptions = { language: 'auto', maxThreads: this.threads, temperature: 0 };
    const result = await loaded.queue.run(() => runWithWatchdog(loaded.context, location, options, MIN_TIMEOUT_MS, signal));
    return result.language === 'en' || result.language === 'zh' ? result.language : undefined;
  }

  /** Frees the native model of this transcriber's path (also freed by the OS at exit). */
  async close(): Promise<void> {
    await releaseModel(this.modelPath);
  }
}

/**
 * A native segment as the binding returns it: text and times in ms from the chunk start. The scores
 * are whisper.cpp's (`whisper_full_get_token_p`, `whisper_full_get_segment_no_speech_prob`) where a
 * binding passes them on; @fugood/whisper.node 1.1.1 does not, so its segments carry no confidence.
 */
export interface NativeSegment {
  readonly text: string;
  readonly t0: number;
  readonly t1: number;
  /** Token probability (one-token segments) or mean token probability (whole segments), 0..1. */
  readonly p?: number;
  /** Probability that the window holds no speech, 0..1. */
  readonly noSpeechProb?: number;
}

/** Where a chunk sits on the recording clock, seconds. */
export interface ChunkClock {
  readonly offset: number;
  readonly duration: number;
}

/**
 * Native segments -> recording-clock segments. Times are clamped to the chunk: whisper pads every
 * window to 30 s and may place an end beyond the audio. Text is kept as the engine returns it
 * (Chinese stays unsegmented), only trimmed; non-speech markers are dropped.
 */
export function segmentsFromResult(native: readonly NativeSegment[], clock: ChunkClock): Segment[] {
  const segments: Segment[] = [];
  for (const piece of native) {
    const text = piece.text.trim();
    if (!text || NON_SPEECH_MARKER.test(text)) continue;
    const { start, end } = place(piece, clock);
    const confidence = typeof piece.p === 'number' ? scoredConfidence(piece.p, piece.noSpeechProb) : undefined;
    if (end > start) segments.push({ start, end, text, ...(confidence === undefined ? {} : { confidence }) });
  }
  return segments;
}

/**
 * One-token native segments (maxLen 1 with token timestamps) -> words -> segments. A token starting
 * with a space starts a word; other tokens (word pieces, punctuation) extend the previous one.
 * Segments end at sentence punctuation, at pauses and at a length cap.
 */
export function segmentsFromTokens(tokens: readonly NativeSegment[], clock: ChunkClock): Segment[] {
  // A word's confidence is its weakest token's: one misheard piece makes the whole word doubtful.
  const words: { start: number; end: number; text: string; confidence?: number }[] = [];
  for (const token of tokens) {
    if (!token.text || NON_SPEECH_MARKER.test(token.text)) continue;
    const { start, end } = place(token, clock);
    const confidence = typeof token.p === 'number' ? scoredConfidence(token.p, token.noSpeechProb) : undefined;
    const last = words[words.length - 1];
    if (last && !/^\s/.test(token.text)) {
      last.text += token.text;
      last.end = Math.max(last.end, end);
      if (confidence !== undefined) last.confidence = Math.min(last.confidence ?? 1, confidence);
    } else if (token.text.trim()) {
      words.push({ start, end: Math.max(start, end), text: token.text.trim(), ...(confidence === undefined ? {} : { confidence }) });
    }
  }
  const segments: Segment[] = [];
  let current: Word[] = [];
  const flush = (): void => {
    const first = current[0];
    const last = current[current.length - 1];
    if (first && last && last.end > first.start) {
      const scored = current.filter((word) => word.confidence !== undefined);
      const confidence = scored.length > 0 ? round(scored.reduce((sum, word) => sum + (word.confidence ?? 0), 0) / scored.length) : undefined;
      segments.push({ start: first.start, end: last.end, text: current.map((word) => word.text).join(' '), words: current, ...(confidence === undefined ? {} : { confidence }) });
    }
    current = [];
  };
  words.forEach((word, index) => {
    current.push({ start: word.start, end: word.end, text: word.text, ...(word.confidence === undefined ? {} : { confidence: word.confidence }) });
    const next = words[index + 1];
    if (!next || SENTENCE_END.test(word.text) || next.start - word.end > SEGMENT_PAUSE_SECONDS || current.length >= MAX_WORDS_PER_SEGMENT) flush();
  });
  return segments;
}

function place(piece: NativeSegment, clock: ChunkClock): { start: number; end: number } {
  const last = clock.offset + clock.duration;
  // Rounded to the millisecond, then bounded again so rounding never leaves the chunk.
  const clamp = (ms: number): number => Math.min(Math.max(round(clock.offset + ms / 1000), clock.offset), last);
  return { start: clamp(piece.t0), end: clamp(piece.t1) };
}

const round = (value: number): number => Math.round(value * 1000) / 1000;

/** Runs one job at a time: the native context serialises anyway, and a waiting job would hold a libuv thread. */
class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(job: () => Promise<T>): Promise<T> {
    const result = this.tail.then(job, job);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

interface LoadedModel {
  readonly context: WhisperContext;
  readonly multilingual: boolean;
  readonly queue: SerialQueue;
}

/** One native model per path per process. */
const models = new Map<string, Promise<LoadedModel>>();
/** Recent native warnings and errors, quoted when loading or inference fails. */
const nativeProblems: string[] = [];
let nativeLogRouted = false;

function loadModel(path: string): Promise<LoadedModel> {
  let loading = models.get(path);
  if (!loading) {
    loading = openModel(path);
    models.set(path, loading);
    // A failed load is not cached: the file may be fixed or pulled while the process runs.
    loading.catch(() => models.delete(path));
  }
  return loading;
}

async function openModel(path: string): Promise<LoadedModel> {
  // whisper.cpp accepts some broken files (one cut before its first tensor loads as an empty model), so check first.
  const info = await inspectWhisperModelFile(path);
  const binding = await loadWhisperNode();
  if (!nativeLogRouted) {
    // Route whisper.cpp's log lines away from stderr (the CLI draws progress bars there); keep problems for error messages.
    binding.addNativeLogListener((level, text) => {
      if (level !== 'error' && level !== 'warn') return;
      nativeProblems.push(text.trim());
      if (nativeProblems.length > 20) nativeProblems.shift();
    });
    await binding.toggleNativeLog(true);
    nativeLogRouted = true;
  }
  try {
    const context = await binding.initWhisper({ filePath: path, useGpu: false });
    return { context, multilingual: info.multilingual, queue: new SerialQueue() };
  } catch (error) {
    throw new PostshowError(`whisper.cpp could not load ${path}: ${lastNativeProblem() ?? reason(error)}`, { permanent: true, cause: error });
  }
}

async function releaseModel(path: string): Promise<void> {
  const loading = models.get(path);
  models.delete(path);
  const loaded = await loading?.catch(() => undefined);
  await loaded?.context.release();
}

/** Frees every loaded model (e.g. before a long-lived process drops the engine). */
export async function releaseWhisperModels(): Promise<void> {
  await Promise.all([...models.keys()].map((path) => releaseModel(path)));
}

async function runWithWatchdog(
  context: WhisperContext,
  location: string,
  options: TranscribeOptions,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<TranscribeResult> {
  if (signal?.aborted) throw new AbortedError(`whisper stopped before ${basename(location)}: ${reasonOf(signal.reason)}`, { cause: signal.reason });
  let job: ReturnType<WhisperContext['transcribeFile']>;
  try {
    job = context.transcribeFile(location, options);
  } catch (error) {
    throw new PostshowError(`whisper could not read ${location}: ${reason(error)}`, { permanent: false, cause: error });
  }
  let timer: NodeJS.Timeout | undefined;
  const watchdog = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      void job.stop();
      const detail = lastNativeProblem();
      reject(new PostshowError(`whisper did not finish ${basename(location)} within ${Math.round(timeoutMs / 1000)} s${detail ? ` (${detail})` : ''}`, { permanent: false }));
    }, timeoutMs);
  });
  // The native job stops at its next segment; its result then says it was aborted.
  const stop = (): void => void job.stop();
  signal?.addEventListener('abort', stop, { once: true });
  try {
    const result = await Promise.race([job.promise, watchdog]);
    if (result.isAborted && signal?.aborted) {
      throw new AbortedError(`whisper stopped on ${basename(location)}: ${reasonOf(signal.reason)}`, { cause: signal.reason });
    }
    if (result.isAborted) throw new PostshowError(`whisper aborted ${basename(location)}`, { permanent: false });
    return result;
  } catch (error) {
    if (error instanceof PostshowError) throw error;
    throw new PostshowError(`whisper failed on ${basename(location)}: ${reason(error)}`, { permanent: false, cause: error });
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', stop);
  }
}

function lastNativeProblem(): string | undefined {
  return nativeProblems[nativeProblems.length - 1];
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
