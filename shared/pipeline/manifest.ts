/**
 * The show manifest (written by ingest) and the job options a caller leaves beside the recording.
 * Later stages read options from the manifest, so messages stay small and runs stay reproducible.
 */
import { z } from 'zod';
import { mediaInfoSchema } from '../core/schemas/mediaInfo.js';
import { languageSchema } from '../core/schemas/basics.js';
import { parseReportSchema } from '../core/schemas/sideInputs.js';
import { runIdSchema } from './messages.js';

export const DEFAULT_MIN_CLIP_SECONDS = 15;
export const DEFAULT_MAX_CLIP_SECONDS = 60;
export const DEFAULT_MAX_CLIPS = 8;
/**
 * ASR chunk length, seconds. Two minutes of 16 kHz mono PCM is ~3.8 MB: small enough that chunks
 * of a short show still spread over the workers, large enough that few utterances are cut at seams.
 */
export const DEFAULT_CHUNK_SECONDS = 120;

/** `recordings/{showId}/job.json`: what the caller asked for. Every field optional. */
export const jobOptionsSchema = z
  .object({
    sourceName: z.string().max(255).optional(),
    language: z.enum(['auto', 'en', 'zh']).default('auto'),
    minClipSeconds: z.number().min(3).max(600).default(DEFAULT_MIN_CLIP_SECONDS),
    maxClipSeconds: z.number().min(3).max(600).default(DEFAULT_MAX_CLIP_SECONDS),
    maxClips: z.number().int().min(0).max(100).default(DEFAULT_MAX_CLIPS),
    // At most 10 minutes: 16 kHz mono 16-bit WAV of 600 s + overlap is ~19.4 MB, under OpenAI's 25 MB upload limit.
    chunkSeconds: z.number().min(10).max(600).default(DEFAULT_CHUNK_SECONDS),
    /**
     * When the recording started, for chat logs timed by the wall clock (Twitch IRC): ISO 8601, in the
     * log's own clock when it has no zone. Absent: the log's first timestamped line is the start.
     */
    chatStart: z.iso.datetime({ local: true, offset: true }).optional(),
    /**
     * How late chat reacts to the stream, seconds, when the caller knows better than the measurement (a
     * low-latency player, a platform's known delay). Absent: measured per show, or the default 4 s.
     */
    chatLagSeconds: z.number().min(0).max(60).optional(),
  })
  .refine((job) => job.minClipSeconds <= job.maxClipSeconds, { message: 'min clip length must not exceed max clip length' });
export type JobOptions = z.infer<typeof jobOptionsSchema>;

const inputRecordSchema = z.object({ sourceKey: z.string(), key: z.string(), report: parseReportSchema });

export const manifestSchema = z.object({
  showId: z.string(),
  runId: runIdSchema,
  recordingKey: z.string(),
  sourceName: z.string(),
  media: mediaInfoSchema,
  language: languageSchema,
  languageSource: z.enum(['flag', 'captions', 'chat', 'audio', 'default']),
  options: z.object({
    minClipSeconds: z.number(),
    maxClipSeconds: z.number(),
    maxClips: z.number(),
    chunkSeconds: z.number(),
    chatLagSeconds: z.number().optional(),
  }),
  transcriptionSource: z.enum(['captions', 'asr']),
  inputs: z.object({
    chat: inputRecordSchema.optional(),
    metrics: inputRecordSchema.optional(),
    captions: inputRecordSchema.optional(),
    products: inputRecordSchema.optional(),
    /** Compliance rule file replacing or extending the built-in claim rules. */
    rules: inputRecordSchema.optional(),
  }),
});
export type Manifest = z.infer<typeof manifestSchema>;
