/** A cut clip's `meta.json`: where it came from, its copy, why it was picked and whether it may be posted. */
import { z } from 'zod';
import { languageSchema, readonlyArray, readonlyObject } from './basics.js';
import { complianceFlagSchema, complianceStatusSchema } from './compliance.js';
import { clipHistoryEntrySchema } from './clipEdit.js';
import { captionStateSchema, clipVariantSchema, keptSpansSchema } from './clipRender.js';
import { firedSignalSchema } from './highlight.js';
import { transcriptEngineSchema } from './transcript.js';

/** `clips/{clipId}/meta.json`, written last as the clip's completion marker. */
export const clipMetaSchema = readonlyObject({
  runId: z.string(),
  clipId: z.string(),
  showId: z.string(),
  rank: z.number(),
  start: z.number(),
  end: z.number(),
  /** Seconds the clip lasts (after trimming). */
  duration: z.number(),
  /** The source spans a trimmed clip keeps, played back to back; absent when it keeps its whole window. */
  kept: keptSpansSchema.optional(),
  score: z.number(),
  title: z.string(),
  description: z.string(),
  hashtags: readonlyArray(z.string()),
  /** 'extractive', or the language model that wrote title, description and hashtags. */
  copyBy: z.string(),
  products: readonlyArray(z.string()),
  language: languageSchema,
  reasons: readonlyArray(firedSignalSchema),
  compliance: readonlyObject({ status: complianceStatusSchema, flags: readonlyArray(complianceFlagSchema) }),
  /** Storage keys of the thumbnail and the SRT sidecar (reliable cues only). */
  files: readonlyObject({ thumbnail: z.string(), captions: z.string() }),
  /** Every rendered shape of the clip (`--aspect`), all cut from one decode of the span. */
  variants: z.array(clipVariantSchema).min(1).readonly(),
  /** Whether captions were burned, from which engine, and why. */
  captions: captionStateSchema,
  transcriptEngine: transcriptEngineSchema,
  /** 1 as the run cut it; each edit renders the next version (`clip edit`). */
  version: z.number().int().min(1).default(1),
  /** The latest edits, oldest first (at most CLIP_HISTORY_LENGTH). */
  history: readonlyArray(clipHistoryEntrySchema).default([]),
});
export type ClipMeta = z.infer<typeof clipMetaSchema>;
