/**
 * The embedded default: the whole pipeline in one process, behind a filesystem store and an
 * in-process queue, with the same stage handlers and orchestration the cloud runs.
 */
import { existsSync } from 'node:fs';
import { stageHandlers } from '../functions/index.js';
import { resolveWhisperModelPath } from '../shared/adapters/models/modelPaths.js';
import { WhisperLocalTranscriber } from '../shared/adapters/transcription/whisperLocalTranscriber.js';
import type { ShowId } from '../shared/core/keys.js';
import type { StageMessage } from '../shared/pipeline/messages.js';
import type { Images, LanguageModel, Logger, Media, Transcriber } from '../shared/pipeline/ports.js';
import { processMessage, type PipelineEvent } from '../shared/pipeline/processMessage.js';
import { refreshStatus, type ShowStatus } from '../shared/pipeline/status.js';
import { SharpImages } from '../shared/adapters/images/sharpImages.js';
import { FfmpegMedia } from '../shared/adapters/media/ffmpegMedia.js';
import { LocalQueue, type DeadLetter, type LocalQueueOptions } from '../shared/adapters/queue/localQueue.js';
import { FsStorage } from '../shared/adapters/storage/fsStorage.js';
import { PocketsphinxTranscriber } from '../shared/adapters/transcription/pocketsphinxTranscriber.js';
import { FileCatalogIndex } from '../shared/adapters/local/fileCatalogIndex.js';
import { silentLogger } from '../shared/adapters/local/jsonLogger.js';

export interface LocalPipelineOptions extends Partial<LocalQueueOptions> {
  /** Workspace directory holding `recordings/` and `shows/`. */
  readonly workspace: string;
  readonly logger?: Logger;
  readonly media?: Media;
  readonly images?: Images;
  readonly transcriber?: Transcriber;
  readonly languageModel?: LanguageModel;
  readonly onEvent?: (event: PipelineEvent) => void;
  /** Parent of the stages' scratch directories (the CLI's: under the workspace). @default os.tmpdir() */
  readonly scratchRoot?: string;
  /** Aborting it stops the running stages (their ffmpeg killed) and fails the rest: the CLI's SIGINT/SIGTERM. */
  readonly signal?: AbortSignal;
}

export interface LocalPipeline {
  readonly storage: FsStorage;
  readonly queue: LocalQueue;
  /** Sends the message and processes everything that follows until the queue is idle. */
  run(message: StageMessage): Promise<{ status: ShowStatus; deadLetters: readonly DeadLetter[] }>;
  /** The same for several messages of one show, sent at once (they run `concurrency` at a time). */
  runAll(messages: readonly StageMessage[]): Promise<{ status: ShowStatus; deadLetters: readonly DeadLetter[] }>;
}

export function createLocalPipeline(options: LocalPipelineOptions): LocalPipeline {
  const storage = new FsStorage(options.workspace);
  const queue = new LocalQueue(options);
  const media = options.media ?? new FfmpegMedia();
  const transcriber = options.transcriber ?? new PocketsphinxTranscriber(media instanceof FfmpegMedia ? media : new FfmpegMedia());
  const deps = {
    storage,
    media,
    images: options.images ?? new SharpImages(),
    transcriber,
    catalogIndex: new FileCatalogIndex(storage),
    ...(options.languageModel ? { languageModel: options.languageModel } : {}),
    queue,
    logger: options.logger ?? silentLogger,
    handlers: stageHandlers,
    maxAttempts: queue.options.maxAttempts,
    ...(options.scratchRoot ? { scratchRoot: options.scratchRoot } : {}),
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
  };
  const limits = options.signal ? { signal: options.signal } : {};
  queue.consume((message, attempt) => processMessage(message, attempt, deps, limits));
  return {
    storage,
    queue,
    run(message) {
      return this.runAll([message]);
    },
    async runAll(messages) {
      const [first] = messages;
      if (!first) throw new Error('runAll needs at least one message');
      const before = queue.deadLetters.length;
      await queue.send([...messages]);
      await queue.drain();
      const status = await refreshStatus(storage, first.showId as ShowId);
      return { status, deadLetters: queue.deadLetters.slice(before) };
    },
  };
}

/**
 * The offline engines this machine has, best first: a local Whisper model when one is configured,
 * then pocketsphinx behind ffmpeg.
 */
export function localTranscribers(media: FfmpegMedia, env: Readonly<Record<string, string | undefined>>): Transcriber[] {
  const modelPath = resolveWhisperModelPath({ env });
  return [...(existsSync(modelPath) ? [new WhisperLocalTranscriber({ modelPath })] : []), new PocketsphinxTranscriber(media)];
}
