/** Compliance flags: banned or absolute advertising claims found in speech or chat. */
import { z } from 'zod';
import { languageSchema, readonlyObject, textSourceSchema, timeRangeShape } from './basics.js';

export const complianceSeveritySchema = z.enum(['block', 'warn']);

/** Compliance verdict of a clip: `block` if any blocking flag fired, `warn` if only warnings, else `clear`. */
export const complianceStatusSchema = z.enum(['clear', 'warn', 'block']);

/** A banned or absolute advertising claim found in speech or chat. */
export const complianceFlagSchema = readonlyObject({
  ...timeRangeShape,
  term: z.string(),
  rule: z.string(),
  severity: complianceSeveritySchema,
  source: textSourceSchema,
  text: z.string(),
  language: languageSchema,
});
