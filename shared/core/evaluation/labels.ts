import { z } from 'zod';
import { InputError } from '../errors.js';

/** One human-marked highlight window of a labelled show (`labels.json` holds an array of these). */
export const labelSchema = z
  .object({
    start: z.number().finite().min(0),
    end: z.number().finite(),
    /** What kind of moment it is ("product-reveal", "funny", ...); free text, used to break results down. */
    kind: z.string().min(1).default('highlight'),
  })
  // Unknown keys (notes, product names) are allowed and dropped: labels are often written by hand.
  .refine((label) => label.end > label.start, { message: 'end must be after start', path: ['end'] });

export type HighlightLabel = z.infer<typeof labelSchema>;

export const labelsSchema = z.array(labelSchema);

/**
 * Validates the parsed content of a `labels.json`, sorted by start.
 * @throws InputError naming the show and the first offending entry.
 */
export function parseLabels(value: unknown, showName: string): HighlightLabel[] {
  const result = labelsSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at [${issue.path.join('.')}]` : '';
    throw new InputError(`labels of ${showName} are invalid${where}: ${issue?.message ?? 'unknown error'}`, { cause: result.error });
  }
  return [...result.data].sort((a, b) => a.start - b.start || a.end - b.end);
}
