/** The analyze stage's record of a show: sentiment, per-second signals, compliance flags, mentions, chat lag. */
import { z } from 'zod';
import { readonlyArray, readonlyObject, timeRangeShape } from './basics.js';
import { chatLagRecordSchema } from './chatLag.js';
import { complianceFlagSchema } from './compliance.js';
import { signalNameSchema } from './highlight.js';
import { productMentionSchema } from './sideInputs.js';

/** One window of a sentiment timeline. */
export const sentimentWindowSchema = readonlyObject({
  ...timeRangeShape,
  /** Mean score of the texts in the window, in [-1, 1]; 0 when there are none. */
  mean: z.number(),
  /** Number of texts in the window. */
  count: z.number(),
  positive: z.number(),
  negative: z.number(),
});

export const sentimentTimelineSchema = readonlyObject({
  windowSeconds: z.number(),
  speech: readonlyArray(sentimentWindowSchema),
  chat: readonlyArray(sentimentWindowSchema),
});

/** A per-second time series of one signal, already normalised to a z-like scale (0 = baseline). */
export const signalSeriesSchema = readonlyObject({
  name: signalNameSchema,
  /** values[i] covers second [i, i+1). */
  values: readonlyArray(z.number()),
});

export const analysisSchema = readonlyObject({
  sentiment: sentimentTimelineSchema,
  signals: readonlyArray(signalSeriesSchema),
  chatPerSecond: readonlyArray(z.number()),
  viewersPerSecond: readonlyArray(z.number()).optional(),
  compliance: readonlyArray(complianceFlagSchema),
  mentions: readonlyArray(productMentionSchema),
  /** How late chat reacts to the stream: the show's measurement and the lag the detector applied. */
  chatLag: chatLagRecordSchema.optional(),
});
