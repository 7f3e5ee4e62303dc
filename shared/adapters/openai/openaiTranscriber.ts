/**
 * Speech to text with OpenAI's `POST /audio/transcriptions` (whisper-1, the gpt-4o transcribe models,
 * or a compatible self-hosted Whisper server). Segments and words come back chunk-relative and are
 * moved onto the recording's clock here.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { toFile } from 'openai';
import { z } from 'zod';
import type { Language, Segment, Word } from '../../core/types.js';
import type { ChunkTranscript, Transcriber, TranscribeRequest } from '../../pipeline/ports.js';
import { cacheKeyOf, sha256Hex } from '../providers/responseCache.js';
import { whisperSegmentConfidence } from '../transcription/whisperConfidence.js';
import { OpenAiCaller, type OpenAiCallOptions } from './openaiClient.js';
import {
  AudioTooLargeError,
  ChunkReadError,
  MalformedAnswerError,
  OPENAI_MAX_UPLOAD_BYTES,
  scrub,
} from './openaiErrors.js';

/**
 * Whisper's own hallucination guard (openai/whisper transcribe.py defaults): a segment the model
 * thinks is probably silence (no_speech_prob above 0.6) and decoded with low confidence (mean log
 * probability below -1) is dropped; such segments are typically invented text over silence or music.
 */
const NO_SPEECH_THRESHOLD = 0.6;
const LOG_PROB_THRESHOLD = -1;

export type OpenAiTranscriberOptions = OpenAiCallOptions;

const nullishNumber = z.number().nullish();
const verboseResponseSchema = z.object({
  text: z.string().nullish(),
  language: z.string().nullish(),
  duration: nullishNumber,
  segments: z
    .array(
      z.object({
        start: z.number(),
        end: z.number(),
        text: z.string(),
        avg_logprob: nullishNumber,
        no_speech_prob: nullishNumber,
        compression_ratio: nullishNumber,
      }),
    )
    .nullish(),
  words: z.array(z.object({ start: z.number(), end: z.number(), word: z.string(), probability: nullishNumber })).nullish(),
  usage: z.object({ type: z.string().nullish(), total_tokens: nullishNumber }).nullish(),
});
type VerboseResponse = z.infer<typeof verboseResponseSchema>;

/** What the cache keeps: chunk-relative segments, so the same audio at another offset reuses it. */
const cachedChunkSchema = z.object({
  segments: z.array(
    z.object({
      start: z.number(),
      end: z.number(),
      text: z.string(),
      /** From the segment's scores (whisperSegmentConfidence); absent in entries cached before it was kept. */
      confidence: z.number().optional(),
      words: z.array(z.object({ start: z.number(), end: z.number(), text: z.string(), confidence: z.number().optional() })).optional(),
    }),
  ),
  language: z.enum(['en', 'zh']).optional(),
});
type RelativeChunk = z.infer<typeof cachedChunkSchema>;

/** Transcriber over OpenAI's transcription endpoint (engine 'openai'). */
export class OpenAiTranscriber extends OpenAiCaller implements Transcriber {
  readonly engine = 'openai' as const;
  /** True when the server returns word timestamps (`verbose_json`: whisper-1 and compatible Whisper servers). */
  readonly wordTimings: boolean;

  constructor(options: OpenAiTranscriberOptions) {
    super(options);
    this.wordTimings = options.config.transcribeVerbose;
  }

  /** Whisper and the gpt-4o transcribe models cover English and Chinese. */
  supports(_language: Language): boolean {
    return true;
  }

  async transcribe(request: TranscribeRequest): Promise<ChunkTranscript> {
    const audio = await readChunk(request.location, this.config.transcribeTimeoutMs, request.signal);
    const model = this.config.transcribeModel;
    const cacheHash = cacheKeyOf({
      provider: 'openai',
      endpoint: this.config.baseUrl,
      model,
      task: 'transcribe',
      format: this.config.transcribeVerbose ? 'verbose_json' : 'json',
      language: request.language,
      audio: sha256Hex(audio.bytes),
    });

    const cached = cachedChunkSchema.safeParse(await this.cache?.get(cacheHash));
    if (cached.success) {
      this.logger?.debug('transcript from cache', { model, offset: request.offset });
      return toRecordingClock(cached.data, request, model);
    }

    const what = `openai transcription ${model}`;
    this.budget?.ensureAvailable(what);
    const file = await toFile(audio.bytes, audio.name, { type: mimeTypeOf(audio.name) });
    const params = { file, model, language: request.language };
    const response = await this.request<unknown>(
      what,
      this.config.transcribeTimeoutMs,
      // gpt-4o(-mini)-transcribe accept only `json` (text, no timings); whisper-1 and compatible Whisper servers give both.
      (options) =>
        this.config.transcribeVerbose
          ? this.client.audio.transcriptions.create({ ...params, response_format: 'verbose_json', timestamp_granularities: ['word', 'segment'] }, options)
          : this.client.audio.transcriptions.create({ ...params, response_format: 'json' }, options),
      { model, offset: request.offset },
      request.signal,
    );

    const parsed = verboseResponseSchema.safeParse(response);
    if (!parsed.success) throw new MalformedAnswerError(`${what}: unexpected response shape`);
    if (parsed.data.usage?.type === 'tokens' && typeof parsed.data.usage.total_tokens === 'number') this.budget?.record(parsed.data.usage.total_tokens);

    const relative = chunkRelativeTranscript(parsed.data, request.duration, request.language);
    await this.cache?.put(cacheHash, relative);
    return toRecordingClock(relative, request, model);
  }

  /** One request without a language: Whisper reports what it heard. Any failure but a stop means "unsure". */
  async detectLanguage(location: string, options: { signal?: AbortSignal } = {}): Promise<Language | undefined> {
    try {
      const audio = await readChunk(location, this.config.transcribeTimeoutMs, options.signal);
      const file = await toFile(audio.bytes, audio.name, { type: mimeTypeOf(audio.name) });
      const response = await this.limit(() =>
        this.client.audio.transcriptions.create(
          { file, model: this.config.transcribeVerbose ? this.config.transcribeModel : 'whisper-1', response_format: 'verbose_json' },
          { timeout: this.config.transcribeTimeoutMs, maxRetries: 1, ...(options.signal ? { signal: options.signal } : {}) },
        ),
      );
      return languageFromOpenAi((response as { language?: string }).language);
    } catch (error) {
      // A stopped stage must not record "unsure": the audio stage would store its default language as done.
      if (options.signal?.aborted) throw error;
      this.logger?.warn('language detection failed', { reason: error instanceof Error ? scrub(error.message, this.config.apiKey) : 'unknown' });
      return undefined;
    }
  }
}

/** Maps OpenAI's language report ('english', 'chinese', 'en', 'zh-CN', ...) to a Language, where it is one. */
export function languageFromOpenAi(reported: string | null | undefined): Language | undefined {
  if (!reported) return undefined;
  const name = reported.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  if (name === 'en' || name === 'english') return 'en';
  // Whisper reports Cantonese as its own language, but writes it in Chinese characters the zh core handles.
  if (['zh', 'chinese', 'mandarin', 'cmn', 'yue', 'cantonese'].includes(name)) return 'zh';
  return undefined;
}

/**
 * Segments (with their words) relative to the chunk start, clamped to the chunk, with Whisper's
 * hallucination guard applied. Without segments, words become one segment; without either, the
 * text spans the chunk (text-only models).
 */
export function chunkRelativeTranscript(response: VerboseResponse, chunkDuration: number, requested: Language): RelativeChunk {
  const limit = chunkDuration > 0 ? chunkDuration : Number.POSITIVE_INFINITY;
  const clampTime = (value: number): number => round(Math.min(limit, Math.max(0, value)));
  const words: Word[] = (response.words ?? [])
    .map((word) => ({
      start: clampTime(word.start),
      end: clampTime(word.end),
      text: word.word.trim(),
      ...(typeof word.probability === 'number' && word.probability >= 0 && word.probability <= 1 ? { confidence: word.probability } : {}),
    }))
    .filter((word) => word.text.length > 0)
    .sort((a, b) => a.start - b.start);

  let bounds = (response.segments ?? [])
    .filter((segment) => !((segment.no_speech_prob ?? 0) > NO_SPEECH_THRESHOLD && (segment.avg_logprob ?? 0) < LOG_PROB_THRESHOLD))
    .map((segment) => {
      const confidence = whisperSegmentConfidence({
        avgLogprob: segment.avg_logprob,
        noSpeechProb: segment.no_speech_prob,
        compressionRatio: segment.compression_ratio,
      });
      return { start: clampTime(segment.start), end: clampTime(segment.end), text: segment.text.trim(), ...(confidence === undefined ? {} : { confidence }) };
    })
    .filter((segment) => segment.text.length > 0 && segment.end >= segment.start)
    .sort((a, b) => a.start - b.start);
  const text = (response.text ?? '').trim();
  if (bounds.length === 0 && (response.segments ?? []).length === 0) {
    const first = words[0];
    const last = words[words.length - 1];
    if (first && last) bounds = [{ start: first.start, end: last.end, text: text || words.map((word) => word.text).join(' ') }];
    else if (text) bounds = [{ start: 0, end: clampTime(Number.isFinite(limit) ? limit : (response.duration ?? 0)), text }];
  }

  const segments: Segment[] = bounds.map((bound) => ({ ...bound }));
  if (words.length > 0 && segments.length > 0) {
    const grouped: Word[][] = segments.map(() => []);
    let index = 0;
    for (const word of words) {
      const middle = (word.start + word.end) / 2;
      while (index < segments.length - 1 && middle >= (segments[index] as Segment).end) index += 1;
      // A word that sits in a dropped (hallucinated) segment's time is not attached to a neighbour.
      const owner = segments[index] as Segment;
      if (middle >= owner.start - 0.5 && middle <= owner.end + 0.5) grouped[index]?.push(word);
    }
    segments.forEach((segment, i) => {
      const own = grouped[i] ?? [];
      if (own.length > 0) segments[i] = { ...segment, words: own };
    });
  }
  // We pass the language in, so Whisper reports it back; text-only answers carry none, so the requested one stands.
  const language = languageFromOpenAi(response.language) ?? requested;
  return { segments: segments as RelativeChunk['segments'], ...(language ? { language } : {}) };
}

function toRecordingClock(chunk: RelativeChunk, request: TranscribeRequest, model: string): ChunkTranscript {
  const shift = (value: number): number => round(value + request.offset);
  const segments: Segment[] = chunk.segments.map((segment) => ({
    start: shift(segment.start),
    end: shift(segment.end),
    text: segment.text,
    ...(segment.confidence === undefined ? {} : { confidence: segment.confidence }),
    ...(segment.words ? { words: segment.words.map((word) => ({ ...word, start: shift(word.start), end: shift(word.end) })) } : {}),
  }));
  return { engine: 'openai', segments, language: chunk.language ?? request.language, model };
}

const round = (value: number): number => Math.round(value * 1000) / 1000;

interface ChunkAudio {
  readonly bytes: Buffer;
  /** File name sent with the upload: OpenAI infers the audio format from its extension. */
  readonly name: string;
}

/** A URL without its query (presigned URLs carry signatures in it), for messages. */
function displayUrl(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

/** Reads a chunk from a local path or an http(s) URL, refusing anything over the upload limit before reading it whole. */
export async function readChunk(location: string, timeoutMs: number, signal?: AbortSignal): Promise<ChunkAudio> {
  if (!/^https?:\/\//i.test(location)) {
    const info = await stat(location);
    if (info.size > OPENAI_MAX_UPLOAD_BYTES) throw new AudioTooLargeError(`audio chunk ${path.basename(location)}`, info.size);
    return { bytes: await readFile(location), name: uploadName(path.basename(location)) };
  }
  const url = new URL(location);
  const shown = displayUrl(url);
  let response: Response;
  try {
    const timeout = AbortSignal.timeout(timeoutMs);
    response = await fetch(url, { signal: signal ? AbortSignal.any([timeout, signal]) : timeout });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ChunkReadError(`audio chunk ${shown} could not be fetched: ${error instanceof Error ? error.name : 'error'}`);
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new ChunkReadError(`audio chunk ${shown} could not be fetched: HTTP ${response.status}`);
  }
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > OPENAI_MAX_UPLOAD_BYTES) {
    await response.body?.cancel().catch(() => undefined);
    throw new AudioTooLargeError(`audio chunk ${shown}`, declared);
  }
  const parts: Buffer[] = [];
  let total = 0;
  if (response.body) {
    for await (const part of response.body) {
      total += part.byteLength;
      if (total > OPENAI_MAX_UPLOAD_BYTES) throw new AudioTooLargeError(`audio chunk ${shown}`, total);
      parts.push(Buffer.from(part));
    }
  }
  return { bytes: Buffer.concat(parts), name: uploadName(decodeURIComponent(path.posix.basename(url.pathname))) };
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4',
  '.mp4': 'audio/mp4',
  '.flac': 'audio/flac',
  '.ogg': 'audio/ogg',
  '.webm': 'audio/webm',
};

/** The pipeline's chunks are WAV; a name without a known extension is sent as .wav so the server can tell the format. */
function uploadName(name: string): string {
  const clean = name.replace(/[^\w.\-]/g, '_') || 'chunk';
  return MIME_TYPES[path.extname(clean).toLowerCase()] ? clean : `${clean}.wav`;
}

function mimeTypeOf(name: string): string {
  return MIME_TYPES[path.extname(name).toLowerCase()] ?? 'audio/wav';
}
