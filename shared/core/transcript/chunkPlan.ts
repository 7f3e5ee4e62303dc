/**
 * How a long recording is cut into transcription chunks: boundaries near every `chunkSeconds`,
 * moved into the middle of a nearby silence so few words are cut, and a few seconds of overlap on
 * each side so no word at a seam is lost. Each chunk *owns* the time between its boundaries; in the
 * merge, a word belongs to the chunk that owns its midpoint, so none is doubled either.
 */
import type { TimeRange } from '../types.js';

export interface ChunkPlan extends TimeRange {
  readonly index: number;
  /** Audio actually sent to the engine: [start - overlap, end + overlap], clamped to the recording. */
  readonly extractStart: number;
  readonly extractEnd: number;
}

export interface ChunkPlanOptions {
  /** Nominal chunk length, seconds. */
  readonly chunkSeconds: number;
  /** Audio added before and after each chunk, seconds. @default 3 */
  readonly overlapSeconds?: number;
  /** How far a boundary may move to reach a silence, seconds. @default 10 */
  readonly snapSeconds?: number;
}

export function planChunks(duration: number, silences: readonly TimeRange[], options: ChunkPlanOptions): ChunkPlan[] {
  if (!(duration > 0)) return [];
  const overlap = options.overlapSeconds ?? 3;
  const snap = options.snapSeconds ?? 10;
  const boundaries = [0];
  for (let nominal = options.chunkSeconds; nominal < duration - options.chunkSeconds / 4; nominal += options.chunkSeconds) {
    const previous = boundaries[boundaries.length - 1] ?? 0;
    boundaries.push(snapToSilence(nominal, silences, snap, previous));
  }
  boundaries.push(duration);
  return boundaries.slice(0, -1).map((start, index) => {
    const end = boundaries[index + 1] ?? duration;
    return {
      index,
      start: round(start),
      end: round(end),
      extractStart: round(Math.max(0, start - overlap)),
      extractEnd: round(Math.min(duration, end + overlap)),
    };
  });
}

/** The middle of the longest silence within `snap` seconds of `nominal` (after `after`), else `nominal`. */
function snapToSilence(nominal: number, silences: readonly TimeRange[], snap: number, after: number): number {
  let best: TimeRange | undefined;
  for (const silence of silences) {
    const middle = (silence.start + silence.end) / 2;
    if (Math.abs(middle - nominal) > snap || middle <= after + 1) continue;
    if (!best || silence.end - silence.start > best.end - best.start) best = silence;
  }
  return best ? (best.start + best.end) / 2 : nominal;
}

const round = (value: number): number => Math.round(value * 1000) / 1000;
