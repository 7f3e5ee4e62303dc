/**
 * Schemas of what stages write to storage and read back. Reading through these keeps a half-written
 * or foreign object from flowing into the core as if it were valid.
 */
import { z } from 'zod';
import { SIGNAL_NAMES } from '../core/highlights/config.js';

const timeRange = { start: z.number(), end: z.number() };

export const wordSchema = z.object({ ...timeRange, text: z.string(), confidence: z.number().optional() });
export const segmentSchema = z.object({ ...timeRange, text: z.string(), words: z.array(wordSchema).optional() });
export const segmentsSchema = z.array(segmentSchema);

export const chatMessagesSchema = z.array(
  z.object({
    t: z.number(),
    user: z.string(),
    text: z.string(),
    kind: z.enum(['message', 'paid', 'gift', 'member']),
    amount: z.number().optional(),
    currency: z.string().optional(),
  }),
);
export const metricsPointsSchema = z.array(
  z.object({ t: z.number(), viewers: z.number().optional(), likes: z.number().optional(), orders: z.number().optional(), gmv: z.number().optional() }),
);
export const productsSchema = z.array(z.object({ name: z.string(), aliases: z.array(z.string()) }));

export const claimRulesSchema = z.array(
  z.object({ id: z.string(), language: z.enum(['en', 'zh']), pattern: z.string(), severity: z.enum(['block', 'warn']), rule: z.string() }),
);

export const transcriptEngineSchema = z.enum(['captions', 'pocketsphinx', 'openai', 'whisper-local', 'none']);

export const audioAnalysisSchema = z.object({
  runId: z.string(),
  duration: z.number(),
  loudness: z.array(z.number()),
  silences: z.array(z.object(timeRange)),
  integratedLufs: z.number(),
  /** The 16 kHz mono track ASR reads, when an engine will run. */
  speechKey: z.string().optional(),
  /** Transcription chunks: each owns [start, end) and is transcribed over [extractStart, extractEnd). */
  chunks: z.array(z.object({ index: z.number().int(), ...timeRange, extractStart: z.number(), extractEnd: z.number() })),
  /** Seconds where the picture cuts to another scene ([] for audio-only recordings and older artifacts). */
  sceneChanges: z.array(z.number()).default([]),
});
export type StoredAudioAnalysis = z.infer<typeof audioAnalysisSchema>;

export const transcriptChunkSchema = z.object({ runId: z.string(), chunk: z.number().int(), engine: transcriptEngineSchema, segments: segmentsSchema });

export const transcriptSchema = z.object({
  engine: transcriptEngineSchema,
  language: z.enum(['en', 'zh']),
  segments: segmentsSchema,
  /** Why the transcript is what it is, when that is not obvious (e.g. no offline engine for the language). */
  note: z.string().optional(),
});

const firedSignalSchema = z.object({
  name: z.enum(SIGNAL_NAMES),
  value: z.number(),
  threshold: z.number(),
  at: z.number(),
  detail: z.string(),
});

export const highlightSchema = z.object({
  ...timeRange,
  id: z.string(),
  rank: z.number(),
  score: z.number(),
  peak: z.number(),
  signals: z.array(firedSignalSchema),
  transcript: z.array(z.string()),
  chat: z.array(z.string()),
  products: z.array(z.string()),
});
export const highlightsFileSchema = z.object({
  runId: z.string(),
  /** 'detector', or the language model that re-ranked the candidates. */
  rankedBy: z.string().default('detector'),
  /** The re-ranker's one-line reason per highlight id. */
  reasons: z.record(z.string(), z.string()).default({}),
  highlights: z.array(highlightSchema),
});

export const complianceFlagSchema = z.object({
  ...timeRange,
  term: z.string(),
  rule: z.string(),
  severity: z.enum(['block', 'warn']),
  source: z.enum(['speech', 'chat']),
  text: z.string(),
  language: z.enum(['en', 'zh']),
});

const sentimentWindowSchema = z.object({ ...timeRange, mean: z.number(), count: z.number(), positive: z.number(), negative: z.number() });

export const chatLagRecordSchema = z.object({
  lagSeconds: z.number(),
  confidence: z.number(),
  method: z.enum(['cross-correlation', 'default']),
  /** Stream-side series the measurement used (measured estimates only). */
  evidence: z.array(z.string()).optional(),
  /** Why the lag could not be measured (default estimates only). */
  reason: z.string().optional(),
  /** The lag the detector applied, seconds, and where it came from (see core/highlights/calibrateChatLag.ts). */
  appliedSeconds: z.number(),
  appliedFrom: z.enum(['measured', 'default', 'override']),
});
export type ChatLagRecord = z.infer<typeof chatLagRecordSchema>;

export const analysisSchema = z.object({
  sentiment: z.object({ windowSeconds: z.number(), speech: z.array(sentimentWindowSchema), chat: z.array(sentimentWindowSchema) }),
  signals: z.array(z.object({ name: firedSignalSchema.shape.name, values: z.array(z.number()) })),
  chatPerSecond: z.array(z.number()),
  viewersPerSecond: z.array(z.number()).optional(),
  compliance: z.array(complianceFlagSchema),
  mentions: z.array(z.object({ t: z.number(), product: z.string(), matched: z.string(), source: z.enum(['speech', 'chat']) })),
  /** How late chat reacts to the stream: the show's measurement and the lag the detector applied. */
  chatLag: chatLagRecordSchema.optional(),
});

export const clipMetaSchema = z.object({
  runId: z.string(),
  clipId: z.string(),
  showId: z.string(),
  rank: z.number(),
  start: z.number(),
  end: z.number(),
  duration: z.number(),
  score: z.number(),
  title: z.string(),
  description: z.string(),
  hashtags: z.array(z.string()),
  /** 'extractive', or the language model that wrote title, description and hashtags. */
  copyBy: z.string(),
  products: z.array(z.string()),
  language: z.enum(['en', 'zh']),
  reasons: z.array(firedSignalSchema),
  compliance: z.object({ status: z.enum(['clear', 'warn', 'block']), flags: z.array(complianceFlagSchema) }),
  files: z.object({ horizontal: z.string(), vertical: z.string(), thumbnail: z.string(), captions: z.string() }),
  transcriptEngine: transcriptEngineSchema,
});
export type ClipMeta = z.infer<typeof clipMetaSchema>;
