/** Highlights: clip-sized windows around peaks of the fused score, with the signals that explain them. */
import { z } from 'zod';
import { readonlyArray, readonlyObject, timeRangeShape } from './basics.js';

/**
 * Every signal fused into the highlight score, in a fixed order (the order of `buildSignals` output):
 * host-side signals first (audio, speech), then the audience (chat), then business metrics and video.
 */
export const SIGNAL_NAMES = [
  'loudness',
  'speechRate',
  'speechSentiment',
  'mentions',
  'chatRate',
  'chatSentiment',
  'reactions',
  'questions',
  'paidMessages',
  'gifts',
  'viewers',
  'orders',
  'scenes',
] as const;

/** Names of the signals fused into the highlight score (`SIGNAL_NAMES` order). */
export const signalNameSchema = z.enum(SIGNAL_NAMES);
export type SignalName = z.infer<typeof signalNameSchema>;

/** A signal that fired inside a highlight, with the evidence. */
export const firedSignalSchema = readonlyObject({
  name: signalNameSchema,
  /** Peak normalised value inside the highlight window. */
  value: z.number(),
  /** The threshold it crossed (normalised units). */
  threshold: z.number(),
  /** Second at which the peak occurred. */
  at: z.number(),
  /** Human-readable explanation, e.g. "chat rate 4.2x baseline (23 msgs/10s)". */
  detail: z.string(),
});
export type FiredSignal = z.infer<typeof firedSignalSchema>;

/** A detected highlight: a clip-sized window around a peak, with its reasons. */
export const highlightSchema = readonlyObject({
  ...timeRangeShape,
  /** Deterministic id derived from show id and boundaries: same input -> same id. */
  id: z.string(),
  /** Rank 1 = best. */
  rank: z.number(),
  /** Fused score (weighted sum of normalised signals at the peak, >= 0). */
  score: z.number(),
  /** Second of the fused-score peak. */
  peak: z.number(),
  signals: readonlyArray(firedSignalSchema),
  /** Transcript lines inside the window (trimmed, bounded). */
  transcript: readonlyArray(z.string()),
  /** Chat lines inside the window (bounded sample). */
  chat: readonlyArray(z.string()),
  /** Product names mentioned inside the window. */
  products: readonlyArray(z.string()),
});
export type Highlight = z.infer<typeof highlightSchema>;
