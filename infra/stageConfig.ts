/**
 * Per-stage facts the cloud topology is built from: what each stage sends to next, how its Lambda
 * is sized, and what it may touch. Sized for a 6-hour show (the longest recording we plan for).
 *
 * CPU on Lambda scales with memory: one vCPU at 1,769 MB, two at 3,538 MB, three at 5,307 MB.
 * A stage that runs several processes (ffmpeg, x264 threads) gets the memory for that many cores;
 * a JavaScript-only stage gains nothing past one vCPU.
 */
import { Duration } from 'aws-cdk-lib';
import { KEY_ROOTS } from '../shared/core/keys.js';
import type { StageName } from '../shared/pipeline/messages.js';
import { MEDIA_STAGES, STAGE_SUCCESSORS, STAGES_USING_OPENAI } from '../shared/pipeline/topology.js';

/** Receives of a message before SQS moves it to the stage's DLQ; also the handlers' MAX_ATTEMPTS. */
export const MAX_ATTEMPTS = 3;

/** Where each stage sends its results (shared with the local cloud simulator). */
export const NEXT_STAGES: Readonly<Record<StageName, readonly StageName[]>> = STAGE_SUCCESSORS;

/** May call OpenAI: gets the secret and OPENAI_SECRET_ARN. */
export const usesOpenAi = (stage: StageName): boolean => (STAGES_USING_OPENAI as readonly StageName[]).includes(stage);
/** Runs ffmpeg/ffprobe: gets the ffmpeg layer and its paths. */
export const isMediaStage = (stage: StageName): boolean => (MEDIA_STAGES as readonly StageName[]).includes(stage);

export interface StageSizing {
  readonly memoryMiB: number;
  readonly timeout: Duration;
  /** /tmp size. */
  readonly ephemeralMiB: number;
  /** Messages per invocation; the timeout must cover a whole batch. */
  readonly batchSize: number;
}

/**
 * OpenAI calls retry inside one invocation: up to 5 attempts of 120 s (transcription) or 60 s (chat)
 * plus backoff (shared/adapters/openai/openaiConfig.ts). Timeouts below leave room for that chain,
 * so a slow provider is retried in-process rather than by a whole redelivery.
 */
export const STAGE_SIZING: Readonly<Record<StageName, StageSizing>> = {
  // ffprobe reads only the container header over a presigned URL; the memory is for parsing side
  // inputs (a 6-hour chat log is tens of MB of JSON lines). Seconds per show, so 5 per batch.
  ingest: { memoryMiB: 1024, timeout: Duration.minutes(5), ephemeralMiB: 512, batchSize: 5 },
  // One pass over the whole recording: the audio decode (loudness, silences, speech WAV) and the
  // intra-frame scene pass run side by side, so two vCPUs. Downloading a 6-hour 1080p recording
  // (~16 GB) is the long pole: the Lambda maximum of 15 minutes. /tmp holds the 16 kHz mono speech
  // track: 0.69 GB for 6 hours, 4 GiB fits a 24-hour recording.
  audio: { memoryMiB: 3538, timeout: Duration.minutes(15), ephemeralMiB: 4096, batchSize: 1 },
  // One chunk (at most 600 s: a 19 MB WAV cut from the speech track over HTTPS) sent to the
  // provider; network-bound. 12 minutes covers the worst transcription retry chain (5 x 120 s).
  transcribe: { memoryMiB: 1024, timeout: Duration.minutes(12), ephemeralMiB: 1024, batchSize: 1 },
  // JavaScript only: 11 signals over 21,600 seconds, the transcript and up to 100k chat lines, one
  // vCPU's worth of memory; plus the re-rank call (worst chat retry chain ~5.5 min).
  analyze: { memoryMiB: 1769, timeout: Duration.minutes(10), ephemeralMiB: 512, batchSize: 1 },
  // Two x264 encodes in turn (source-size horizontal, 1080x1920 vertical with burned captions);
  // `veryfast` runs near real time on 2 cores, so on 3 vCPUs a default 45 s clip takes under a
  // minute and a 5-minute clip stays well inside 15 minutes (clips near the 600 s maximum would
  // not: they would need the encode split). /tmp: two encodes of a 600 s clip are about 1 GB.
  clip: { memoryMiB: 5307, timeout: Duration.minutes(15), ephemeralMiB: 2048, batchSize: 1 },
  // Reads every show's topic evidence (one small JSON each) and asks for topic pitches.
  suggest: { memoryMiB: 1024, timeout: Duration.minutes(10), ephemeralMiB: 512, batchSize: 1 },
  // Reads up to 100 clip metas and writes their catalog items: light, a few seconds per show.
  catalog: { memoryMiB: 512, timeout: Duration.minutes(2), ephemeralMiB: 512, batchSize: 5 },
  // Renders one HTML page: per-second SVG series of a 6-hour show and base64 thumbnails in memory.
  report: { memoryMiB: 1024, timeout: Duration.minutes(3), ephemeralMiB: 512, batchSize: 5 },
};

/** The catalog API answers behind API Gateway, whose HTTP API integrations time out at 30 s. */
export const CATALOG_API_SIZING = { memoryMiB: 512, timeout: Duration.seconds(15) } as const;

/**
 * Every stage is capped: the SQS event source's maxConcurrency, and as much reserved concurrency for its
 * function. One big backlog (a channel uploading a month of shows) then runs at these rates instead of
 * taking the whole account's concurrency (1,000 by default) from every other function, and the ffmpeg stages
 * stay within what their memory multiplies to (5 clips x 5.3 GB). Reserved concurrency also guarantees the
 * pipeline that much when the account is busy. Total reserved: 45, leaving 955 of a default account.
 * Overridable per stage (PostshowStackProps.maxConcurrency); 2 is the least SQS event sources accept.
 */
export const DEFAULT_MAX_CONCURRENCY: Readonly<Record<StageName, number>> = {
  // Seconds per show: five shows arriving at once start at once.
  ingest: 5,
  // Two vCPUs and up to 16 GB downloaded per show: four shows analysed at once.
  audio: 4,
  // One transcription request per invocation; 10 in flight stays inside OpenAI's lower-tier audio limits.
  transcribe: 10,
  // One re-rank call per show.
  analyze: 5,
  // A copy-writing call per clip, and the cap bounds concurrent x264 encodes (cost, memory, S3 egress).
  clip: 5,
  // Topic pitches per show.
  suggest: 2,
  // Catalog items and report pages: light, but each reads every clip meta of its show.
  catalog: 5,
  report: 5,
};

/** Output key patterns the grants are scoped to. */
export const OUTPUT_PREFIXES = { shows: `${KEY_ROOTS.shows}*`, intermediate: `${KEY_ROOTS.intermediate}*` } as const;
export const RECORDINGS_PREFIX = `${KEY_ROOTS.recordings}*`;

export interface StageAccess {
  /** Reads recordings/ (the recording itself through a presigned URL, side inputs, job.json). */
  readonly readsRecordings: boolean;
  /** Output key patterns the stage reads (and lists: a missing key must read as 404, not 403). */
  readonly readsOutputs: readonly string[];
  readonly writesOutputs: readonly string[];
  readonly deletesOutputs: readonly string[];
  /** Writes the catalog table (the CATALOG_TABLE variable goes with it). */
  readonly writesCatalog: boolean;
}

const { shows, intermediate } = OUTPUT_PREFIXES;

/**
 * What each stage may touch in storage, read off functions/*.ts and the shared orchestration (every
 * stage writes its status part and rebuilds status.json, so every stage reads and writes shows/).
 * Who sends where, calls OpenAI or runs ffmpeg is shared/pipeline/topology.ts.
 */
export const STAGE_ACCESS: Readonly<Record<StageName, StageAccess>> = {
  // Probes the recording, lists and reads the show's side inputs; a re-run deletes the earlier run's status parts.
  ingest: { readsRecordings: true, readsOutputs: [shows], writesOutputs: [shows], deletesOutputs: [shows], writesCatalog: false },
  // Decodes the recording; writes the speech track under intermediate/.
  audio: { readsRecordings: true, readsOutputs: [shows], writesOutputs: [shows, intermediate], deletesOutputs: [], writesCatalog: false },
  // Cuts its chunk from the speech track (intermediate/) with ffmpeg.
  transcribe: { readsRecordings: false, readsOutputs: [shows, intermediate], writesOutputs: [shows], deletesOutputs: [], writesCatalog: false },
  analyze: { readsRecordings: false, readsOutputs: [shows], writesOutputs: [shows], deletesOutputs: [], writesCatalog: false },
  // Encodes from the recording itself (presigned URL).
  clip: { readsRecordings: true, readsOutputs: [shows], writesOutputs: [shows], deletesOutputs: [], writesCatalog: false },
  suggest: { readsRecordings: false, readsOutputs: [shows], writesOutputs: [shows], deletesOutputs: [], writesCatalog: false },
  catalog: { readsRecordings: false, readsOutputs: [shows], writesOutputs: [shows], deletesOutputs: [], writesCatalog: true },
  report: { readsRecordings: false, readsOutputs: [shows], writesOutputs: [shows], deletesOutputs: [], writesCatalog: false },
};

/**
 * SQS visibility timeout for a consumer with `timeout`. AWS advises 6x the function timeout so that
 * messages the poller holds while Lambda throttles do not reappear (and count a receive towards the
 * DLQ) before they run. That costs nothing for short stages, but for a 15-minute stage it means a
 * transient failure is retried only after 90 minutes (4.5 hours to the DLQ over three attempts).
 * So: 6x, capped at the timeout plus 30 minutes. Throttling waits are minutes, not half hours, and
 * the capped stages also have a maxConcurrency, with which the poller does not take messages it
 * cannot run. Permanent failures skip all of this: the handlers move them to the DLQ at once.
 * 15 min -> 45 min; 12 -> 42; 10 -> 40; 5 -> 30; 3 -> 18; 2 -> 12.
 */
export function visibilityTimeoutFor(timeout: Duration): Duration {
  const seconds = timeout.toSeconds();
  return Duration.seconds(Math.min(6 * seconds, seconds + 30 * 60));
}
