/**
 * Ports: what a stage may touch. Local runs plug in the filesystem store, the in-process queue
 * and the offline providers; the cloud plugs in S3, SQS and OpenAI. Stages never know which.
 */
import type { CatalogEntry, CatalogFilter } from '../core/catalog/index.js';
import type { ShowId } from '../core/keys.js';
import type { ClipTimeline } from '../core/clips/clipTimeline.js';
import type { Aspect, ClipVariant } from '../core/schemas/clipRender.js';
import type { MediaInfo } from '../core/schemas/mediaInfo.js';
import type { Language, Segment, TimeRange, TranscriptEngine } from '../core/types.js';
import type { StageMessage } from './messages.js';

export interface ObjectInfo {
  readonly size: number;
  readonly modifiedMs: number;
}

/** Blob storage with the few operations the pipeline needs; keys are validated by the implementation. */
export interface Storage {
  /** Whole object; throws ObjectNotFoundError when missing. */
  get(key: string): Promise<Buffer>;
  /** Whole object or undefined when missing. */
  tryGet(key: string): Promise<Buffer | undefined>;
  /** Bytes [start, end) of an object. */
  getRange(key: string, start: number, end: number): Promise<Buffer>;
  put(key: string, body: Buffer | string): Promise<void>;
  /** Stores a copy of a local file (large media): later changes to the local file never reach the store. */
  putFile(key: string, localPath: string): Promise<void>;
  /**
   * Writes only when the key does not exist yet; returns true when this call created it.
   * This is the exactly-once primitive for fan-in claims (S3: `If-None-Match: *`).
   */
  putIfAbsent(key: string, body: Buffer | string): Promise<boolean>;
  head(key: string): Promise<ObjectInfo | undefined>;
  /** Keys under a prefix, sorted. */
  list(prefix: string): Promise<string[]>;
  /**
   * Names of the folders directly under `folder` (which ends in `/`), sorted: `shows/` -> the show ids. One
   * directory read or one delimited listing, where `list` would walk every file of every show.
   */
  listFolders(folder: string): Promise<string[]>;
  delete(key: string): Promise<void>;
  /**
   * A location ffmpeg can read directly: a local path for the filesystem store,
   * a short-lived presigned URL (ranged reads over HTTP) for S3.
   */
  readLocation(key: string): Promise<string>;
}

/**
 * Links a browser can fetch a stored file from: presigned S3 URLs in the cloud, the local server's `/files/`
 * route on one machine. The catalog API hands them out; it never streams media itself.
 */
export interface DownloadLinks {
  /** How long a link works, seconds (a local link does not expire; the number is what the API reports). */
  readonly expiresInSeconds: number;
  /** A link to the object at `key`; `filename` names the download when the link is followed as one. */
  urlFor(key: string, options?: { readonly filename?: string }): Promise<string>;
}

/** Sends stage messages; delivery is at least once, so every stage must be idempotent. */
export interface Queue {
  send(messages: readonly StageMessage[]): Promise<void>;
}

/** What ffprobe tells us about a recording (stored in the manifest as is). */
export type { MediaInfo };

export interface AudioPassResult {
  /** Per-second short-term loudness, LUFS. */
  readonly loudness: number[];
  readonly silences: TimeRange[];
  readonly integratedLufs: number;
  /** Seconds of audio actually decoded (less than the probed duration means truncation). */
  readonly decodedSeconds: number;
}

/** One point of a subject track: the crop window's centre, normalised to the source (0..1), at clip second `t`. */
export interface SubjectPoint {
  readonly t: number;
  readonly cx: number;
  readonly cy: number;
}

/**
 * How a variant of another shape than the source is filled: a crop following the subject's track,
 * the whole picture over a blurred copy of itself, or a centre crop. A source that already has the
 * variant's shape is only scaled, whatever is asked (`reframe: 'none'` in the result).
 */
export type ReframeInstruction =
  | { readonly mode: 'subject'; readonly track: readonly SubjectPoint[] }
  | { readonly mode: 'blur' }
  | { readonly mode: 'center' };

export interface RenderVariantRequest {
  readonly aspect: Aspect;
  /** Where the mp4 goes. */
  readonly outPath: string;
  readonly reframe: ReframeInstruction;
  /** Captions timed in clip seconds (after trimming): ASS to burn; SRT (or ASS) for a track. Absent when there are none. */
  readonly captionsPath?: string;
  /**
   * `burned` into the picture (the default), or carried as a `track` (mov_text) the player can switch: then the
   * picture is the recording's own, and where the variant has the recording's shape and size it is smart-cut
   * (whole GOPs stream-copied, only the partial GOPs at the ends re-encoded). @default 'burned'
   */
  readonly captionsAs?: CaptionsAs;
}

/** How a variant carries its captions. */
export type CaptionsAs = 'burned' | 'track';

/** Every shape of one clip, rendered from one read of the source (see FfmpegMedia.renderClip). */
export interface RenderClipRequest {
  readonly source: string;
  /** Kept source spans, ascending and disjoint: `wholeSpan(window)` untrimmed, `planTrim(...)` trimmed. */
  readonly timeline: ClipTimeline;
  /** The source picture's size (MediaInfo.video); absent for an audio-only source, which gets a plain background. */
  readonly sourceVideo?: { readonly width: number; readonly height: number };
  /** One or more variants, at most one per aspect. */
  readonly variants: readonly RenderVariantRequest[];
  /** A still frame (PNG) of one variant, captions included, at clip second `at`. @default from: the first variant */
  readonly thumbnail: { readonly path: string; readonly at: number; readonly from?: Aspect };
  readonly signal?: AbortSignal;
  readonly onProgress?: ProgressListener;
}

/** One rendered variant: what meta.json's `variants[]` records (with the stored key instead of the path). */
export interface RenderedVariant {
  readonly aspect: Aspect;
  readonly width: number;
  readonly height: number;
  readonly reframe: ClipVariant['reframe'];
  readonly path: string;
  readonly captionsAs: CaptionsAs;
  /** Seconds of the picture stream-copied from the recording (a smart cut), and re-encoded. */
  readonly copiedSeconds?: number;
  readonly encodedSeconds?: number;
}

export interface RenderClipResult {
  readonly variants: readonly RenderedVariant[];
  /** Clip duration after trimming, seconds (every variant's length). */
  readonly duration: number;
}

export type ProgressListener = (fraction: number) => void;

/** What every long media operation accepts: aborting the signal kills its ffmpeg and rejects with an AbortedError. */
export interface MediaRunOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: ProgressListener;
}

/**
 * Every ffmpeg/ffprobe call goes through this port (one module implements it). Failures are MediaErrors:
 * permanent when the media itself is unusable, retryable when reading it failed (a network or HTTP error
 * on a presigned URL) or the work was aborted (AbortedError).
 */
export interface Media extends FrameSampler {
  probe(location: string, displayName: string): Promise<MediaInfo>;
  /**
   * One decode pass: per-second loudness and silences, and, when `speechPath` is given, the whole
   * track as 16 kHz mono 16-bit WAV there (what every ASR engine reads).
   */
  analyzeAudio(location: string, options: MediaRunOptions & { duration: number; speechPath?: string }): Promise<AudioPassResult>;
  /** Copies [start, end) of an audio file into a 16 kHz mono 16-bit WAV at `outPath`. */
  extractAudio(location: string, range: { start: number; end: number; outPath: string; signal?: AbortSignal }): Promise<void>;
  /**
   * Renders every variant of a clip and its thumbnail frame in one ffmpeg process from one decode of the
   * kept spans, audio and video in sync. Sizes follow `variantSize`; the result says what was made.
   */
  renderClip(request: RenderClipRequest): Promise<RenderClipResult>;
  /**
   * Seconds (3 decimals, ascending, no duplicates) where the picture cuts to another scene, measured
   * on intra frames only (cheap): a cut is reported at the first intra frame after it, which is the
   * cut itself when the encoder put a keyframe there and up to one GOP (2 s for OBS) later otherwise.
   * [] when the recording has no video stream; a permanent MediaError when the video cannot be decoded.
   * With `frame` (the picture's size), a long, large recording may be measured on every other keyframe
   * only, where the build allows: its cuts are then reported up to two GOPs late, and a cut away and back
   * within two GOPs can be missed. The scene signal counts cuts per 20 s, which this barely moves.
   */
  detectSceneChanges(location: string, options: MediaRunOptions & { duration: number; frame?: { readonly width: number; readonly height: number } }): Promise<number[]>;
}

// Reframing: FfmpegMedia samples a clip's frames once, SharpImages finds the subject in each (pipeline/planReframe.ts).
/** Which frames of a span to sample, and how small. */
export interface SampleFramesRequest extends Pick<MediaRunOptions, 'signal'> {
  /** Source seconds. */
  readonly start: number;
  readonly end: number;
  /** Frames per second sampled. */
  readonly fps: number;
  /** The source's frame size, px (probe), to size the samples. */
  readonly sourceWidth: number;
  readonly sourceHeight: number;
  /** Longer side of a sample, px. */
  readonly maxSide: number;
}

/** Packed RGB pixels (3 bytes a pixel, rows top to bottom). */
export interface RgbFrame {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** Low-resolution frames of a span, with the span's cuts. */
export interface SampledFrames {
  /** Frames at `t` = 0, 1/fps, 2/fps, ... seconds from the span's start. */
  readonly frames: readonly (RgbFrame & { readonly t: number })[];
  /** Seconds from the span's start where the picture cuts to another shot, measured on every frame. */
  readonly shotChanges: readonly number[];
}

/** Samples frames of a span in one decode (FfmpegMedia). */
export interface FrameSampler {
  sampleFrames(location: string, request: SampleFramesRequest): Promise<SampledFrames>;
}

/** Finds where the eye goes in a frame (SharpImages). */
export interface SubjectLocator {
  /**
   * The focal point of the most salient window of `crop` pixels (the variant's shape at the frame's scale),
   * in normalised frame coordinates 0..1.
   */
  locateSubject(frame: RgbFrame, crop: { readonly width: number; readonly height: number }): Promise<{ x: number; y: number }>;
}

export interface ThumbnailRequest {
  /** A still frame (PNG or JPEG). */
  readonly framePath: string;
  /** Where the JPEG goes. */
  readonly outPath: string;
  /** Output size, px; the frame is scaled to cover it and cropped. */
  readonly width: number;
  readonly height: number;
}

/** Still-image work (sharp locally and in Lambda), kept apart from ffmpeg's Media port. */
export interface Images extends SubjectLocator {
  thumbnail(request: ThumbnailRequest): Promise<void>;
}

export interface TranscribeRequest {
  /** Where ffmpeg (or the provider) can read the chunk. */
  readonly location: string;
  /** Seconds from recording start where the chunk begins. */
  readonly offset: number;
  readonly duration: number;
  readonly language: Language;
  /** Silences inside the chunk (recording time), to place utterance starts. */
  readonly silences: readonly TimeRange[];
  /** Engines stop (kill their process, cancel their request) when it aborts. */
  readonly signal?: AbortSignal;
}

export interface ChunkTranscript {
  readonly engine: TranscriptEngine;
  /** Segments on the recording's clock (the request's offset already added), with words where the engine gives them. */
  readonly segments: Segment[];
  /** Language the engine detected or was told, where it reports one. */
  readonly language?: Language;
  /** Model or variant used, e.g. 'whisper-1' or 'ggml-base.bin', for the record in the outputs. */
  readonly model?: string;
}

/** Audio chunk -> timed segments, with the engine's confidence where it reports one. Offline: pocketsphinx, local Whisper; remote: OpenAI. */
export interface Transcriber {
  readonly engine: TranscriptEngine;
  /**
   * Whether the engine times each word. Only then do chunks overlap: with word timings the merge
   * keeps each word at a seam once; without them the overlap would only add half-heard utterances,
   * so chunk boundaries sit in silences instead.
   */
  readonly wordTimings: boolean;
  /** Whether this engine can transcribe the language; the pipeline records a readable reason when none can. */
  supports(language: Language): boolean;
  transcribe(request: TranscribeRequest): Promise<ChunkTranscript>;
  /**
   * Multilingual engines only: the spoken language of a short excerpt (16 kHz mono WAV), used when a
   * show has no captions, chat or `--lang` to tell its language. Undefined when unsure.
   */
  detectLanguage?(location: string, options?: { signal?: AbortSignal }): Promise<Language | undefined>;
}

/** A structured-output request to a language model. Text from the show is data, never instructions. */
export interface LanguageModelRequest<T> {
  /** Short task id, e.g. 'clip-copy', 'rerank', 'topics': used for logs, cache keys and budgets. */
  readonly task: string;
  /** What to do, written by us. The only instruction text the model sees. */
  readonly instructions: string;
  /** Untrusted show data (transcript lines, chat lines): serialised as quoted JSON, bounded by the caller. */
  readonly data: unknown;
  /** Validates the model's JSON answer; also converted to the JSON schema sent to the model. */
  readonly schema: import('zod').ZodType<T>;
  /** Upper bound for the answer, tokens. */
  readonly maxOutputTokens?: number;
  /** Cancels the request when it aborts. */
  readonly signal?: AbortSignal;
}

/** Typed JSON results from a language model (OpenAI or a compatible server). */
export interface LanguageModel {
  /** e.g. 'openai:gpt-4o-mini'. */
  readonly name: string;
  complete<T>(request: LanguageModelRequest<T>): Promise<T>;
}

/** One page of catalog query results; `cursor` is opaque and present only when more entries match. */
export interface CatalogPage {
  readonly entries: CatalogEntry[];
  readonly cursor?: string;
}

/**
 * Where marketers' catalog queries are answered. Locally the shows' `catalog.json` files are the index;
 * in the cloud a DynamoDB table with the access patterns laid out up front (docs/deploy.md).
 */
export interface CatalogIndex {
  /**
   * Makes `entries` the show's whole catalog for run `runId`, removing what an earlier run listed.
   * Idempotent: a redelivered catalog message writes the same items again.
   */
  replaceShow(showId: ShowId, runId: string, entries: readonly CatalogEntry[]): Promise<void>;
  /** Entries matching every criterion of `filter`, best first (score, then show id, then clip id); at most `filter.limit` per page. */
  query(filter: CatalogFilter, cursor?: string): Promise<CatalogPage>;
}

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** The adapters a stage works through: one set per process, the only difference between local and cloud runs. */
export interface StagePorts {
  readonly storage: Storage;
  readonly media: Media;
  readonly images: Images;
  readonly transcriber: Transcriber;
  readonly catalogIndex: CatalogIndex;
  /** Writes titles, re-ranks and pitches when configured; stages fall back to offline code without it. */
  readonly languageModel?: LanguageModel;
}

/** Everything a stage receives besides its message: the ports and what is particular to this invocation. */
export interface StageContext extends StagePorts {
  readonly logger: Logger;
  /** A scratch directory private to this invocation; removed afterwards. */
  readonly workDir: string;
  readonly attempt: number;
  /**
   * Aborted when the invocation must stop: the Lambda deadline is near, or the local runner got
   * SIGINT/SIGTERM. Pass it to every long call (media, transcriber, language model).
   */
  readonly signal: AbortSignal;
  readonly onProgress?: ProgressListener;
}
