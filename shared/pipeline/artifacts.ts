/**
 * The schema of every file the stages write to storage and read back, composed from the domain schemas
 * in core/schemas (the core's types are inferred from the same schemas). Reading through these keeps a
 * half-written or foreign object from flowing into the core as if it were valid; writing through them
 * (storageJson.writeJson) keeps a field the schema does not know from being written and lost on read.
 */
import { z } from 'zod';
import { catalogEntrySchema } from '../core/catalog/catalogEntry.js';
import { claimRuleSchema } from '../core/compliance/claimRules.js';
import { audioAnalysisSchema as audioMeasurementsSchema } from '../core/schemas/audioAnalysis.js';
import { readonlyArray, readonlyObject, timeRangeShape } from '../core/schemas/basics.js';
import { highlightSchema } from '../core/schemas/highlight.js';
import { showTopicEvidenceSchema, topicSuggestionSchema } from '../core/schemas/topics.js';
import { chatMessagesSchema, metricsPointsSchema, productsSchema } from '../core/schemas/sideInputs.js';
import { segmentsSchema, transcriptEngineSchema } from '../core/schemas/transcript.js';
import type { SideInputKind } from './sideInputs.js';

export { analysisSchema } from '../core/schemas/analysis.js';
export { chatLagRecordSchema } from '../core/schemas/chatLag.js';
export { clipMetaSchema } from '../core/schemas/clipMeta.js';
export { complianceFlagSchema } from '../core/schemas/compliance.js';
export { highlightSchema } from '../core/schemas/highlight.js';
export { chatMessagesSchema, metricsPointsSchema, productsSchema } from '../core/schemas/sideInputs.js';
export { segmentSchema, segmentsSchema, transcriptEngineSchema, transcriptSchema, wordSchema } from '../core/schemas/transcript.js';
export type { ChatLagRecord, ClipMeta } from '../core/types.js';

/** `inputs/rules.json`: the effective compliance rules of the show (as parsed from the user's rule file). */
export const claimRulesSchema = readonlyArray(claimRuleSchema);

/** `inputs/{kind}.json`: each side input as ingest normalised it. */
export const sideInputSchemas = {
  chat: chatMessagesSchema,
  metrics: metricsPointsSchema,
  captions: segmentsSchema,
  products: productsSchema,
  rules: claimRulesSchema,
} as const satisfies Record<SideInputKind, z.ZodType>;
export type SideInputValue = z.output<(typeof sideInputSchemas)[SideInputKind]>;

/** `audio/analysis.json`: the audio stage's measurements and the transcription plan. */
export const audioAnalysisSchema = readonlyObject({
  runId: z.string(),
  ...audioMeasurementsSchema.unwrap().shape,
  /** The 16 kHz mono track ASR reads, when an engine will run. */
  speechKey: z.string().optional(),
  /** Transcription chunks: each owns [start, end) and is transcribed over [extractStart, extractEnd). */
  chunks: readonlyArray(readonlyObject({ index: z.number().int(), ...timeRangeShape, extractStart: z.number(), extractEnd: z.number() })),
  /** Seconds where the picture cuts to another scene ([] for audio-only recordings and older artifacts). */
  sceneChanges: readonlyArray(z.number()).default([]),
});
export type StoredAudioAnalysis = z.infer<typeof audioAnalysisSchema>;

/** `transcript/chunk-NNNN.json`: one chunk's segments, before the merge. */
export const transcriptChunkSchema = readonlyObject({ runId: z.string(), chunk: z.number().int(), engine: transcriptEngineSchema, segments: segmentsSchema });

/** `highlights.json`. */
export const highlightsFileSchema = readonlyObject({
  runId: z.string(),
  /** 'detector', or the language model that re-ranked the candidates. */
  rankedBy: z.string().default('detector'),
  /** The re-ranker's one-line reason per highlight id. */
  reasons: z.record(z.string(), z.string()).readonly().default({}),
  highlights: readonlyArray(highlightSchema),
  /** When `highlights` is empty: why, in numbers (explainNoHighlights). */
  none: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('too-short'), durationSeconds: z.number(), minClipSeconds: z.number() }),
      z.object({ kind: z.literal('below-floor'), bestScore: z.number(), at: z.number(), floor: z.number() }),
      z.object({ kind: z.literal('uncorroborated'), bestScore: z.number(), at: z.number(), requiredSignals: z.number() }),
    ])
    .optional(),
});

/** `topic-evidence.json`: what this show's audience reacted to and asked about. */
export const topicEvidenceFileSchema = showTopicEvidenceSchema;

/** `topics.json`: suggestions for upcoming shows, drawn from every show in the workspace. */
export const topicsFileSchema = readonlyObject({
  showId: z.string(),
  showsConsidered: readonlyArray(z.string()),
  /** 'miner', or the language model that wrote the pitches. */
  writtenBy: z.string(),
  topics: readonlyArray(topicSuggestionSchema),
});

/** `catalog.json`: the show's catalog entries of one run. */
export const catalogFileSchema = readonlyObject({ showId: z.string(), runId: z.string(), entries: readonlyArray(catalogEntrySchema) });
