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

/**
 * What kind of moment a highlight is, read from the signals that fired (see `momentKind.ts`): a deal
 * (orders jumped), paid support (paid messages or gifts), laughter or hype (reaction bursts), an audience
 * question burst, a product demo (the product on air with the host or chat excited), a chat burst, or
 * host talk (speech and loudness only).
 */
export const MOMENT_KINDS = ['deal', 'support', 'laughter', 'hype', 'question', 'demo', 'chat', 'talk'] as const;
export const momentKindSchema = z.enum(MOMENT_KINDS);
export type MomentKind = z.infer<typeof momentKindSchema>;

/** One transcript line of a highlight with whether it may be quoted as said (see the transcript schema). */
export const speechLineSchema = readonlyObject({
  text: z.string(),
  reliable: z.boolean(),
});
export type SpeechLine = z.infer<typeof speechLineSchema>;

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
  /**
   * Reliable transcript lines inside the window (trimmed, bounded): only these may be quoted as said.
   * Unreliable recognition (a misheard pocketsphinx line) is in `speech`, marked, and nowhere else.
   */
  transcript: readonlyArray(z.string()),
  /** Chat lines inside the window (bounded sample, as written: screen before quoting). */
  chat: readonlyArray(z.string()),
  /**
   * Product names on air inside the window: mentioned in reliable speech (captions, confident
   * recognition) or in chat. A product "heard" only in unreliable recognition is not listed.
   */
  products: readonlyArray(z.string()),
  /** The kind of moment, from its fired signals. Absent in highlights stored before it existed. */
  moment: momentKindSchema.optional(),
  /** Every transcript line in the window with its reliability (bounded). Absent in older highlights. */
  speech: readonlyArray(speechLineSchema).optional(),
});
export type Highlight = z.infer<typeof highlightSchema>;
