/** The analyze stage's record of a show: sentiment, per-second signals, compliance flags, mentions, chat lag. */
import { z } from 'zod';
import { readonlyArray, readonlyObject, timeRangeShape } from './basics.js';
import { chatLagRecordSchema } from './chatLag.js';
import { complianceFlagSchema } from './compliance.js';
import { signalNameSchema } from './highlight.js';
import { productMentionSchema } from './sideInputs.js';

/**
 * One window of a sentiment timeline: the `mean` score of its `count` texts in [-1, 1] (0 when there
 * are none), and how many of them were `positive` and `negative`.
 */
export const sentimentWindowSchema = readonlyObject({ ...timeRangeShape, mean: z.number(), count: z.number(), positive: z.number(), negative: z.number() });
export type SentimentWindow = z.infer<typeof sentimentWindowSchema>;

/** Speech and chat sentiment in fixed windows of `windowSeconds`. */
export const sentimentTimelineSchema = readonlyObject({
  windowSeconds: z.number(),
  speech: readonlyArray(sentimentWindowSchema),
  chat: readonlyArray(sentimentWindowSchema),
});
export type SentimentTimeline = z.infer<typeof sentimentTimelineSchema>;

/** A per-second time series of one signal, already normalised to a z-like scale (0 = baseline). */
export const signalSeriesSchema = readonlyObject({
  name: signalNameSchema,
  /** values[i] covers second [i, i+1). */
  values: readonlyArray(z.number()),
});
export type SignalSeries = z.infer<typeof signalSeriesSchema>;

/** `analysis.json`: what the analyze stage measured, kept for clips, suggestions and the report. */
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
export type Analysis = z.infer<typeof analysisSchema>;
