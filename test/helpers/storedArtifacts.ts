/**
 * The schema of every JSON file a run stores under `shows/{showId}/`, by its path below that prefix. A
 * file missing here fails the artifact walk in pipeline.test.ts, so a new artifact gets its schema named.
 */
import { showPlanSchema, showReviewSchema } from '../../shared/core/schemas/review.js';
import type { z } from 'zod';
import {
  analysisSchema,
  audioAnalysisSchema,
  catalogFileSchema,
  clipMetaSchema,
  highlightsFileSchema,
  sideInputSchemas,
  topicEvidenceFileSchema,
  topicsFileSchema,
  transcriptChunkSchema,
  transcriptSchema,
} from '../../shared/pipeline/artifacts.js';
import { manifestSchema } from '../../shared/pipeline/manifest.js';
import { showStatusSchema, statePartSchema } from '../../shared/pipeline/status.js';

const STORED: readonly (readonly [RegExp, z.ZodType])[] = [
  [/^manifest\.json$/, manifestSchema],
  [/^status\.json$/, showStatusSchema],
  [/^status\/[^/]+\.json$/, statePartSchema],
  [/^audio\/analysis\.json$/, audioAnalysisSchema],
  [/^transcript\/chunk-\d+\.json$/, transcriptChunkSchema],
  [/^transcript\.json$/, transcriptSchema],
  [/^analysis\.json$/, analysisSchema],
  [/^highlights\.json$/, highlightsFileSchema],
  [/^clips\/[^/]+\/meta\.json$/, clipMetaSchema],
  [/^topic-evidence\.json$/, topicEvidenceFileSchema],
  [/^topics\.json$/, topicsFileSchema],
  [/^review\.json$/, showReviewSchema],
  [/^plan\.json$/, showPlanSchema],
  [/^catalog\.json$/, catalogFileSchema],
  ...Object.entries(sideInputSchemas).map(([kind, schema]) => [new RegExp(`^inputs/${kind}\\.json$`), schema] as const),
];

/** The schema a stored file must match exactly, or undefined for a file nobody declared. */
export function storedSchemaOf(pathInShow: string): z.ZodType | undefined {
  return STORED.find(([pattern]) => pattern.test(pathInShow))?.[1];
}
