/**
 * The show manifest (written by ingest) and the job options a caller leaves beside the recording.
 * Later stages read options from the manifest, so messages stay small and runs stay reproducible.
 */
import { z } from 'zod';
import { InputError } from '../core/errors.js';
import { languageSchema } from '../core/schemas/basics.js';
import { mediaInfoSchema } from '../core/schemas/mediaInfo.js';
import { parseReportSchema } from '../core/schemas/sideInputs.js';
import { checkRunSettingRules, manifestOptionsSchema, RUN_SETTINGS, runSettingsProblem } from '../core/settings/runSettings.js';
import { runIdSchema } from './messages.js';
import { JOB_FILE } from './sideInputs.js';

/**
 * `recordings/{showId}/job.json`: what the caller asked for, every run setting (each optional, with its
 * default) plus the recording's original file name. Validated when written and when read.
 */
export const jobOptionsSchema = z
  .object({ sourceName: z.string().max(255).optional(), ...RUN_SETTINGS })
  .superRefine(checkRunSettingRules);
export type JobOptions = z.infer<typeof jobOptionsSchema>;

/** A job.json body, defaults filled in. @throws InputError naming the first bad setting. */
export function parseJobOptions(raw: unknown): JobOptions {
  const parsed = jobOptionsSchema.safeParse(raw);
  if (!parsed.success) throw new InputError(`${JOB_FILE}: ${runSettingsProblem(parsed.error)}`, { cause: parsed.error });
  return parsed.data;
}

const inputRecordSchema = z.object({ sourceKey: z.string(), key: z.string(), report: parseReportSchema });

export const manifestSchema = z.object({
  showId: z.string(),
  runId: runIdSchema,
  recordingKey: z.string(),
  sourceName: z.string(),
  media: mediaInfoSchema,
  language: languageSchema,
  languageSource: z.enum(['flag', 'captions', 'chat', 'audio', 'default']),
  options: manifestOptionsSchema,
  transcriptionSource: z.enum(['captions', 'asr']),
  /**
   * When the show aired (ISO 8601): the `aired` run setting, else the recording's own creation time, else when
   * the recording file was last written. Orders the channel's shows for the review. Absent in older manifests.
   */
  airedAt: z.string().optional(),
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
