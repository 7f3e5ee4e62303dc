/** Transcripts: what was said, when, and which engine heard it. */
import { z } from 'zod';
import { languageSchema, readonlyArray, readonlyObject, timeRangeShape } from './basics.js';

/** One recognised word with its timing (where the engine gives word timings). */
export const wordSchema = readonlyObject({
  ...timeRangeShape,
  text: z.string(),
  /** 0..1 where the engine reports it (pocketsphinx posterior, whisper token probability). */
  confidence: z.number().optional(),
  /**
   * Whether the word may be quoted as said (titles, burned captions): the engine's confidence against
   * the calibrated threshold of `shared/core/transcript/reliability.ts`. Absent: not known to be reliable.
   */
  reliable: z.boolean().optional(),
});
export type Word = z.infer<typeof wordSchema>;

/** One transcript segment: a sentence or caption cue. */
export const segmentSchema = readonlyObject({
  ...timeRangeShape,
  text: z.string(),
  words: readonlyArray(wordSchema).optional(),
  /** 0..1, the engine's own confidence in the segment where it reports one. */
  confidence: z.number().optional(),
  /**
   * Whether the segment's text may be quoted as said. Captions are; engine output is when its
   * confidence clears the calibrated threshold. Absent: not known to be reliable, so never quoted.
   */
  reliable: z.boolean().optional(),
});
export type Segment = z.infer<typeof segmentSchema>;

/** Segments in time order (a caption file, a chunk, a whole transcript). */
export const segmentsSchema = readonlyArray(segmentSchema);

/** Which engine produced a transcript; written into every transcript output. */
export const transcriptEngineSchema = z.enum(['captions', 'pocketsphinx', 'openai', 'whisper-local', 'none']);
export type TranscriptEngine = z.infer<typeof transcriptEngineSchema>;

/** A show's transcript (`transcript.json`): its segments and the engine that produced them. */
export const transcriptSchema = readonlyObject({
  engine: transcriptEngineSchema,
  language: languageSchema,
  segments: segmentsSchema,
  /** Why the transcript is what it is, when that is not obvious (e.g. no offline engine for the language). */
  note: z.string().optional(),
});
export type Transcript = z.infer<typeof transcriptSchema>;
