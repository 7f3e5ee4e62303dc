/**
 * The edit every format writes: the clips' spans snapped to the recording's frames and laid end to end.
 * One event per span (a trimmed clip gives one per kept span, in order), picture and sound together.
 *
 * Snapping: each in and out point goes to a frame boundary within one frame of the span's edge (the one
 * before or after it). Of those, the pair that keeps the running length of the edit within half a frame of
 * the exact sum of the spans so far, and among those the pair nearest the span's own edges. So every
 * in/out point is within a frame of its span (usually within half), and the whole edit within half a frame
 * of the clips' total length: rounding each edge to the nearest frame on its own would let that error
 * grow by up to a frame per span. Frame-aligned spans are kept exactly.
 */
import { FRAME_EPSILON, type FrameRate, exactFrame, frameAtOrBefore } from './frameTime.js';
import { type EditorRecording, parseEditorExportInput } from './input.js';

/** One cut of the edit, in frames of the recording. */
export interface EditEvent {
  readonly clipId: string;
  readonly title: string;
  /** Which kept span of its clip this is (0 for an untrimmed clip), and how many the clip has. */
  readonly part: number;
  readonly parts: number;
  /** First source frame shown. */
  readonly sourceIn: number;
  /** Source frame after the last one shown (exclusive), so `sourceOut - sourceIn` frames play. */
  readonly sourceOut: number;
  /** Where the event starts in the edit, frames from its start. */
  readonly recordIn: number;
}

export interface EditTimeline {
  readonly recording: EditorRecording;
  readonly rate: FrameRate;
  /** Whole frames of the recording (the asset's length). */
  readonly recordingFrames: number;
  readonly events: readonly EditEvent[];
  /** Length of the edit in frames. */
  readonly totalFrames: number;
}

/**
 * Validates the input (an {@link EditorExportInput} from outside: catalog, flags, HTTP) and lays out its clips.
 * @throws InputError when the input is invalid.
 */
export function planEditTimeline(value: unknown): EditTimeline {
  const input = parseEditorExportInput(value);
  const { recording } = input;
  const rate = recording.fps;
  // Whole frames only: a last partial frame of the recording cannot be cut to.
  const recordingFrames = Math.max(1, frameAtOrBefore(recording.durationSeconds, rate));
  const events: EditEvent[] = [];
  let exactTotal = 0;
  let recordOut = 0;
  for (const clip of input.clips) {
    const spans = clip.kept ?? [{ start: clip.start, end: clip.end }];
    spans.forEach((span, part) => {
      const exactIn = exactFrame(span.start, rate);
      const exactOut = exactFrame(span.end, rate);
      exactTotal += exactOut - exactIn;
      let best: { sourceIn: number; sourceOut: number; cost: readonly number[] } | undefined;
      for (const sourceIn of boundariesNear(exactIn).filter((frame) => frame < recordingFrames)) {
        for (const sourceOut of boundariesNear(exactOut).filter((frame) => frame > sourceIn && frame <= recordingFrames)) {
          const totalError = Math.abs(recordOut + sourceOut - sourceIn - exactTotal);
          // Keep the total within half a frame first, then stay nearest the span's own edges.
          const cost = [Math.max(0, totalError - 0.5 - 1e-9), Math.abs(sourceIn - exactIn) + Math.abs(sourceOut - exactOut), totalError];
          if (!best || isCheaper(cost, best.cost)) best = { sourceIn, sourceOut, cost };
        }
      }
      // A span squeezed against the recording's end still gets its last frame.
      const { sourceIn, sourceOut } = best ?? { sourceIn: recordingFrames - 1, sourceOut: recordingFrames };
      events.push({ clipId: clip.id, title: clip.title, part, parts: spans.length, sourceIn, sourceOut, recordIn: recordOut });
      recordOut += sourceOut - sourceIn;
    });
  }
  return { recording, rate, recordingFrames, events, totalFrames: recordOut };
}

/**
 * Frame boundaries within one frame of a (fractional) frame position: the one before and the one after,
 * or, on a boundary, that boundary and its two neighbours.
 */
function boundariesNear(position: number): number[] {
  const below = Math.floor(position + FRAME_EPSILON);
  const above = Math.ceil(position - FRAME_EPSILON);
  return (below === above ? [below - 1, below, below + 1] : [below, above]).filter((frame) => frame >= 0);
}

function isCheaper(cost: readonly number[], than: readonly number[]): boolean {
  for (let index = 0; index < cost.length; index++) {
    const difference = (cost[index] ?? 0) - (than[index] ?? 0);
    if (Math.abs(difference) > 1e-9) return difference < 0;
  }
  return false;
}
