/**
 * Recording test doubles for the ports a stage touches besides storage, and a StageContext on the
 * in-memory store: stage handlers are unit-tested without ffmpeg, sharp or a model. The real media
 * paths stay covered by the integration tests.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { silentLogger } from '../../shared/adapters/local/jsonLogger.js';
import { MemoryStorage } from '../../shared/adapters/storage/memoryStorage.js';
import type { CatalogEntry } from '../../shared/core/catalog/index.js';
import { NOMINAL_VARIANT_SIZES } from '../../shared/core/clips/variantSize.js';
import type { ShowId } from '../../shared/core/keys.js';
import type { Language, Segment } from '../../shared/core/types.js';
import type {
  AudioPassResult,
  CatalogIndex,
  CatalogPage,
  ChunkTranscript,
  Images,
  Media,
  MediaInfo,
  RenderClipRequest,
  RenderClipResult,
  RgbFrame,
  SampledFrames,
  SampleFramesRequest,
  StageContext,
  ThumbnailRequest,
  TranscribeRequest,
  Transcriber,
} from '../../shared/pipeline/ports.js';

/** A Media port that answers from fixed results, writes placeholder files where ffmpeg would, and records each call. */
export class RecordingMedia implements Media {
  readonly calls: { method: keyof Media; location: string }[] = [];
  info: MediaInfo | Error = {
    formatName: 'mov,mp4,m4a,3gp,3g2,mj2',
    duration: 120,
    sizeBytes: 1000,
    video: { codec: 'h264', width: 320, height: 180, fps: 25 },
    audio: { codec: 'aac', sampleRate: 48_000, channels: 2 },
  };
  audioPass: AudioPassResult | Error = quietShowAudio(120);
  sceneChanges: number[] | Error = [30, 90];
  readonly renders: RenderClipRequest[] = [];

  async probe(location: string): Promise<MediaInfo> {
    this.calls.push({ method: 'probe', location });
    return resolved(this.info);
  }

  async analyzeAudio(location: string, options: { speechPath?: string }): Promise<AudioPassResult> {
    this.calls.push({ method: 'analyzeAudio', location });
    const result = resolved(this.audioPass);
    if (options.speechPath) await writeFile(options.speechPath, 'speech');
    return result;
  }

  async extractAudio(location: string, range: { outPath: string }): Promise<void> {
    this.calls.push({ method: 'extractAudio', location });
    await writeFile(range.outPath, 'chunk');
  }

  async renderClip(request: RenderClipRequest): Promise<RenderClipResult> {
    this.calls.push({ method: 'renderClip', location: request.source });
    this.renders.push(request);
    const variants = [];
    for (const variant of request.variants) {
      await writeFile(variant.outPath, `video ${variant.aspect}`);
      const size = NOMINAL_VARIANT_SIZES[variant.aspect];
      variants.push({ aspect: variant.aspect, ...size, reframe: variant.reframe.mode, path: variant.outPath, captionsAs: variant.captionsAs ?? ('burned' as const) });
    }
    await writeFile(request.thumbnail.path, 'frame');
    return { variants, duration: request.timeline.reduce((sum, span) => sum + span.end - span.start, 0) };
  }

  /** Flat grey frames, twice a second: enough for a reframe plan (which then settles on a blurred fill). */
  async sampleFrames(location: string, request: SampleFramesRequest): Promise<SampledFrames> {
    this.calls.push({ method: 'sampleFrames', location });
    const width = 32;
    const height = 18;
    const frames: (RgbFrame & { t: number })[] = [];
    for (let t = 0; t < request.end - request.start; t += 0.5) frames.push({ t, width, height, data: new Uint8Array(width * height * 3).fill(128) });
    return { frames, shotChanges: [] };
  }

  async detectSceneChanges(location: string): Promise<number[]> {
    this.calls.push({ method: 'detectSceneChanges', location });
    return resolved(this.sceneChanges);
  }

  count(method: keyof Media): number {
    return this.calls.filter((call) => call.method === method).length;
  }
}

/** An Images port that writes a placeholder JPEG and records the request. */
export class RecordingImages implements Images {
  readonly thumbnails: ThumbnailRequest[] = [];

  async thumbnail(request: ThumbnailRequest): Promise<void> {
    this.thumbnails.push(request);
    await writeFile(request.outPath, 'jpeg');
  }

  /** The frame's centre: a subject that never moves. */
  async locateSubject(): Promise<{ x: number; y: number }> {
    return { x: 0.5, y: 0.5 };
  }
}

/** A Transcriber that returns the same segments (chunk-relative, shifted by the request's offset) for every chunk. */
export class RecordingTranscriber implements Transcriber {
  readonly engine = 'pocketsphinx' as const;
  readonly wordTimings = false;
  readonly requests: TranscribeRequest[] = [];

  constructor(
    private readonly segments: readonly Segment[] = [{ start: 1, end: 4, text: 'hello and welcome to the show' }],
    private readonly languages: readonly Language[] = ['en'],
  ) {}

  supports(language: Language): boolean {
    return this.languages.includes(language);
  }

  async transcribe(request: TranscribeRequest): Promise<ChunkTranscript> {
    this.requests.push(request);
    return {
      engine: this.engine,
      segments: this.segments.map((segment) => ({ ...segment, start: segment.start + request.offset, end: segment.end + request.offset })),
    };
  }
}

/** A CatalogIndex that keeps the last entries each show was given. */
export class RecordingCatalogIndex implements CatalogIndex {
  readonly shows = new Map<string, { runId: string; entries: readonly CatalogEntry[] }>();

  async replaceShow(showId: ShowId, runId: string, entries: readonly CatalogEntry[]): Promise<void> {
    this.shows.set(showId, { runId, entries });
  }

  async query(): Promise<CatalogPage> {
    return { entries: [...this.shows.values()].flatMap((show) => show.entries) };
  }
}

/** A quiet show with two loud stretches (60-70 s, 100-110 s) and silences at its edges: per-second loudness as ffmpeg would measure it. */
export function quietShowAudio(seconds: number): AudioPassResult {
  const loud = (t: number) => (t >= 60 && t < 70) || (t >= 100 && t < 110);
  const loudness = Array.from({ length: seconds }, (_, t) => (loud(t) ? -12 : -30));
  return { loudness, silences: [{ start: 0, end: 0.8 }, { start: seconds - 1, end: seconds }], integratedLufs: -26, decodedSeconds: seconds };
}

export interface StageTestContext extends StageContext {
  readonly storage: MemoryStorage;
  readonly media: RecordingMedia;
  readonly images: RecordingImages;
  readonly transcriber: RecordingTranscriber;
  readonly catalogIndex: RecordingCatalogIndex;
  readonly abort: AbortController;
  /** Removes the scratch directory. */
  cleanup(): Promise<void>;
}

/** A StageContext on the in-memory store and the recording doubles, with its own scratch directory. */
export async function stageTestContext(overrides: Partial<StageContext> = {}): Promise<StageTestContext> {
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'postshow-stage-'));
  const abort = new AbortController();
  return {
    storage: new MemoryStorage(),
    media: new RecordingMedia(),
    images: new RecordingImages(),
    transcriber: new RecordingTranscriber(),
    catalogIndex: new RecordingCatalogIndex(),
    logger: silentLogger,
    workDir,
    attempt: 1,
    signal: abort.signal,
    abort,
    cleanup: () => rm(workDir, { recursive: true, force: true }),
    ...overrides,
  } as StageTestContext;
}

/**
 * A fresh StageTestContext for every test of the calling `describe` block (its scratch directory removed
 * afterwards), and, when given, `prepare` run on it first: call the returned function inside a test.
 */
export function stageContextPerTest(prepare?: (context: StageTestContext) => Promise<void>): () => StageTestContext {
  let current: StageTestContext | undefined;
  beforeEach(async () => {
    current = await stageTestContext();
    await prepare?.(current);
  });
  afterEach(() => current?.cleanup());
  return () => current as StageTestContext;
}

function resolved<T>(value: T | Error): T {
  if (value instanceof Error) throw value;
  return value;
}
