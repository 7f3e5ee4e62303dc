/**
 * The edit every format writes: the clips' spans snapped to the recording's frames and laid end to end.
 * One event per span (a trimmed clip gives one per kept span, in order), picture and sound together.
 *
 * Snapping: an in point goes to the nearest frame boundary; an out point to the boundary just before or
 * just after the span's end, whichever keeps the running length of the edit nearest the exact sum of the
 * spans so far. So every in point is within half a frame of its span, every out point within one frame,
 * and the whole edit within half a frame of the clips' total length: per-span rounding alone would let
 * that error grow by up to a frame per span.
 */
import { type FrameRate, exactFrame, frameAtOrAfter, frameAtOrBefore, nearestFrame } from './frameTime.js';
import { type EditorExportInput, type EditorRecording, parseEditorExportInput } from './input.js';

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
 * Validates the input and lays out its clips.
 * @throws InputError when the input is invalid.
 */
export function planEditTimeline(value: EditorExportInput | unknown): EditTimeline {
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
      exactTotal += exactFrame(span.end, rate) - exactFrame(span.start, rate);
      const sourceIn = Math.min(nearestFrame(span.start, rate), recordingFrames - 1);
      const candidates = [frameAtOrBefore(span.end, rate), frameAtOrAfter(span.end, rate)]
        .map((out) => Math.min(Math.max(out, sourceIn + 1), recordingFrames))
        .filter((out) => out > sourceIn);
      // Both candidates lie within a frame of the end: pick the one whose running total is nearest exact.
      const sourceOut = candidates.reduce((best, out) =>
        Math.abs(recordOut + out - sourceIn - exactTotal) < Math.abs(recordOut + best - sourceIn - exactTotal) ? out : best,
      );
      events.push({ clipId: clip.id, title: clip.title, part, parts: spans.length, sourceIn, sourceOut, recordIn: recordOut });
      recordOut += sourceOut - sourceIn;
    });
  }
  return { recording, rate, recordingFrames, events, totalFrames: recordOut };
}
