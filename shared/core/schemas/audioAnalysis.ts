/** What the audio stage measures. */
import { z } from 'zod';
import { readonlyArray, readonlyObject, timeRangeSchema } from './basics.js';

/** Per-second audio measurements from the audio stage. */
export const audioAnalysisSchema = readonlyObject({
  /** Duration of the audio in seconds. */
  duration: z.number(),
  /**
   * Loudness in LUFS, one value per whole second (energy mean of EBU R128 momentary readings):
   * `loudness[i]` covers [i, i+1). Silence is clamped to -70 LUFS.
   */
  loudness: readonlyArray(z.number()),
  silences: readonlyArray(timeRangeSchema),
  /** Integrated loudness of the whole programme in LUFS. */
  integratedLufs: z.number(),
});
export type AudioAnalysis = z.infer<typeof audioAnalysisSchema>;
