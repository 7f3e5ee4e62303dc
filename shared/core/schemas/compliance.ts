/** Compliance flags: banned or absolute advertising claims found in speech or chat. */
import { z } from 'zod';
import { languageSchema, readonlyObject, textSourceSchema, timeRangeShape } from './basics.js';

/** `block`: must not air; `warn`: a human should review. */
export const complianceSeveritySchema = z.enum(['block', 'warn']);
export type ComplianceSeverity = z.infer<typeof complianceSeveritySchema>;

/** Compliance verdict of a clip: `block` if any blocking flag fired, `warn` if only warnings, else `clear`. */
export const complianceStatusSchema = z.enum(['clear', 'warn', 'block']);
export type ComplianceStatus = z.infer<typeof complianceStatusSchema>;

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
export type ComplianceFlag = z.infer<typeof complianceFlagSchema>;
