/** How late chat reacts to the stream: the show's measurement and the lag the detector applied. */
import { z } from 'zod';
import { readonlyArray, readonlyObject } from './basics.js';

/** The analysis' `chatLag`: the measured lag (or why there is none) and the lag applied. */
export const chatLagRecordSchema = readonlyObject({
  lagSeconds: z.number(),
  confidence: z.number(),
  method: z.enum(['cross-correlation', 'default']),
  /** Stream-side series the measurement used (measured estimates only). */
  evidence: readonlyArray(z.string()).optional(),
  /** Why the lag could not be measured (default estimates only). */
  reason: z.string().optional(),
  /** The lag the detector applied, seconds, and where it came from (see core/highlights/calibrateChatLag.ts). */
  appliedSeconds: z.number(),
  appliedFrom: z.enum(['measured', 'default', 'override']),
});
export type ChatLagRecord = z.infer<typeof chatLagRecordSchema>;
