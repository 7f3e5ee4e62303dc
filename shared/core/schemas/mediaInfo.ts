import { z } from 'zod';
import { readonlyObject } from './basics.js';

/** What ffprobe tells us about a recording (stored in the manifest). */
export const mediaInfoSchema = readonlyObject({
  formatName: z.string(),
  duration: z.number(),
  sizeBytes: z.number(),
  video: readonlyObject({ codec: z.string(), width: z.number(), height: z.number(), fps: z.number() }).optional(),
  audio: readonlyObject({ codec: z.string(), sampleRate: z.number(), channels: z.number() }).optional(),
  /** The container's `creation_time` tag (ISO 8601), when the recorder wrote one. */
  createdAt: z.string().optional(),
});
export type MediaInfo = z.infer<typeof mediaInfoSchema>;
