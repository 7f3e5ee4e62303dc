/**
 * One clip in the catalog marketers search: where it came from, what it shows, whether it is safe to post,
 * and the storage keys of its files. Validated with zod because catalog files are read back from storage.
 */
import { z } from 'zod';
import { languageSchema } from '../schemas/basics.js';
import { aspectSchema } from '../schemas/clipRender.js';
import { reviewStatusSchema } from '../schemas/clipEdit.js';
import { complianceSeveritySchema, complianceStatusSchema } from '../schemas/compliance.js';
import { signalNameSchema } from '../schemas/highlight.js';
import { transcriptEngineSchema } from '../schemas/transcript.js';

/** A compliance flag as stored in the catalog (the term, the rule it broke, and when in the show). */
export const catalogComplianceFlagSchema = z.object({
  term: z.string(),
  rule: z.string(),
  severity: complianceSeveritySchema,
  /** Seconds from the start of the recording. */
  t: z.number().nonnegative(),
});

/** Schema of one catalog entry. */
export const catalogEntrySchema = z.object({
  clipId: z.string().min(1),
  showId: z.string().min(1),
  /** Highlight rank within its show, 1 = best. */
  rank: z.number().int().positive(),
  /** Seconds from the start of the recording. */
  start: z.number().nonnegative(),
  end: z.number().nonnegative(),
  /** Seconds. */
  duration: z.number().nonnegative(),
  score: z.number(),
  title: z.string(),
  description: z.string(),
  hashtags: z.array(z.string()),
  products: z.array(z.string()),
  language: languageSchema,
  compliance: z.object({
    status: complianceStatusSchema,
    flags: z.array(catalogComplianceFlagSchema),
  }),
  /** Storage keys (relative to the store root), not URLs. */
  files: z.object({
    thumbnail: z.string(),
    captions: z.string(),
    meta: z.string(),
  }),
  /** The clip's rendered shapes (storage keys), vertical first when there is one. */
  variants: z
    .array(
      z.object({
        aspect: aspectSchema,
        width: z.number().int().positive(),
        height: z.number().int().positive(),
        file: z.string(),
        /** `track`: the captions are a track of the mp4 (the clean source-shape master), not burned in. */
        captionsAs: z.enum(['burned', 'track']).optional(),
      }),
    )
    .min(1),
  /** Names of the signals that fired in the highlight (the detector's own names, which the catalog filters by). */
  signals: z.array(signalNameSchema),
  createdFrom: z.object({
    recordingKey: z.string(),
    transcriptEngine: transcriptEngineSchema,
  }),
  /** The clip's version: 1 as cut, one more per edit. */
  version: z.number().int().min(1).default(1),
  /** A marketer's verdict (`clip approve|reject`); pending until one is given, and again after an edit. */
  review: z
    .object({ status: reviewStatusSchema, note: z.string().optional(), at: z.string().optional() })
    .default({ status: 'pending' }),
}).refine((entry) => entry.end >= entry.start, { message: 'end must not be before start', path: ['end'] });

/** One clip in the catalog. */
export type CatalogEntry = z.infer<typeof catalogEntrySchema>;

/** Schema of a catalog query (CLI flags or API query string, validated at the edge). */
export const catalogFilterSchema = z
  .object({
    /** Exact show id. */
    show: z.string().min(1).optional(),
    /** Case-insensitive substring of any of the clip's products. */
    product: z.string().min(1).optional(),
    minScore: z.number().optional(),
    /** `not-blocked` keeps `clear` and `warn`. */
    compliance: z.enum(['clear', 'warn', 'block', 'not-blocked']).optional(),
    /** Review state: approved, rejected or pending. */
    status: reviewStatusSchema.optional(),
    /** Words searched (case-insensitive, all must match) in title, description and hashtags. */
    text: z.string().min(1).optional(),
    language: languageSchema.optional(),
    /** Most entries to return. */
    limit: z.number().int().positive().optional(),
  })
  .strict();

/** A catalog query. */
export type CatalogFilter = z.infer<typeof catalogFilterSchema>;
