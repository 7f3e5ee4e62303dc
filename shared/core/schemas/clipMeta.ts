/** A cut clip's `meta.json`: where it came from, its copy, why it was picked and whether it may be posted. */
import { z } from 'zod';
import { languageSchema, readonlyArray, readonlyObject } from './basics.js';
import { complianceFlagSchema, complianceStatusSchema } from './compliance.js';
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
  duration: z.number(),
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
  files: readonlyObject({ horizontal: z.string(), vertical: z.string(), thumbnail: z.string(), captions: z.string() }),
  transcriptEngine: transcriptEngineSchema,
});
export type ClipMeta = z.infer<typeof clipMetaSchema>;
