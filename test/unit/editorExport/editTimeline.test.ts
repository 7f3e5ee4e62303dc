import { describe, expect, it } from 'vitest';
import { type EditorExportInput, frameToSeconds, planEditTimeline } from '../../../shared/core/editorExport/index.js';
import { InputError } from '../../../shared/core/errors.js';
import { mulberry32 } from '../../../scripts/prng.js';
import { PAL_INPUT, spansOf } from './fixtures.js';

describe('planEditTimeline', () => {
  it('lays one event per span end to end, a trimmed clip as its kept spans in order', () => {
    const timeline = planEditTimeline(PAL_INPUT);
    expect(timeline.events.map((event) => [event.clipId, event.part, event.parts, event.sourceIn, event.sourceOut, event.recordIn])).toEqual([
      ['c1', 0, 1, 271, 637, 0], // 10.83-25.47 s = frames 270.75-636.75: nearest boundaries, 366 frames exactly
      ['c2', 0, 2, 2522, 2762, 366], // 2522.5-2762.5: a tie, both edges to the earlier frame, 240 frames exactly
      ['c2', 1, 2, 3017, 3257, 606], // 3017.5-3257.5: the same
      ['c3', 0, 1, 12500, 13300, 846], // 12500.25-13299.75: 799.5 frames, rounded up to 800
    ]);
    // The spans sum to 1645.5 frames (65.82 s): the edit is half a frame longer, never more.
    expect(timeline.totalFrames).toBe(1646);
    expect(timeline.recordingFrames).toBe(15000);
  });

  it('keeps every in and out point within a frame of its span and the total within half a frame of the spans\' sum (500 random edits, five rates)', () => {
    const random = mulberry32(15);
    const rates = [{ num: 25, den: 1 }, { num: 30000, den: 1001 }, { num: 24000, den: 1001 }, { num: 60, den: 1 }, { num: 60000, den: 1001 }];
    for (let trial = 0; trial < 500; trial++) {
      const fps = rates[trial % rates.length]!;
      const frame = fps.den / fps.num;
      let cursor = random() * 5;
      const clips: EditorExportInput['clips'][number][] = [];
      for (let index = 0; index < 1 + Math.floor(random() * 6); index++) {
        const start = cursor + random() * 10;
        const spans = Array.from({ length: 1 + Math.floor(random() * 3) }, () => {
          const span = { start: cursor + random() * 2, end: 0 };
          span.start = Math.max(span.start, start);
          span.end = span.start + 2 * frame + random() * 8;
          cursor = span.end + random();
          return span;
        });
        clips.push({ id: `c${index}`, title: 'clip', start: spans[0]!.start, end: spans.at(-1)!.end, kept: spans.length > 1 ? spans : undefined });
      }
      const input: EditorExportInput = {
        recording: { name: 'r.mp4', path: '/r.mp4', width: 640, height: 360, fps, durationSeconds: cursor + 1, hasAudio: true },
        clips,
      };
      const timeline = planEditTimeline(input);
      const spans = spansOf(input);
      expect(timeline.events).toHaveLength(spans.length);
      timeline.events.forEach((event, index) => {
        const span = spans[index]!;
        expect(Math.abs(frameToSeconds(event.sourceIn, fps) - span.start)).toBeLessThanOrEqual(frame + 1e-9);
        expect(Math.abs(frameToSeconds(event.sourceOut, fps) - span.end)).toBeLessThanOrEqual(frame + 1e-9);
        expect(event.recordIn).toBe(index === 0 ? 0 : timeline.events[index - 1]!.recordIn + timeline.events[index - 1]!.sourceOut - timeline.events[index - 1]!.sourceIn);
      });
      const exactTotal = spans.reduce((sum, span) => sum + span.end - span.start, 0);
      expect(Math.abs(frameToSeconds(timeline.totalFrames, fps) - exactTotal)).toBeLessThanOrEqual(frame / 2 + 1e-9);
    }
  });

  it('rejects a span outside the recording, kept spans outside their clip or out of order, and a zero frame rate, naming each', () => {
    const clip = PAL_INPUT.clips[0]!;
    const attempt = (input: unknown) => () => planEditTimeline(input);
    expect(attempt({ ...PAL_INPUT, clips: [clip, { ...clip, id: 'late', start: 590, end: 612 }] })).toThrow(
      /clips\.1\.end: clip "late" ends at 612 s, past the recording's end \(600 s\)/,
    );
    expect(attempt({ ...PAL_INPUT, clips: [{ ...clip, kept: [{ start: 5, end: 12 }] }] })).toThrow(/clips\.0\.kept\.0: kept span 5-12 s is outside clip "c1"/);
    expect(attempt({ ...PAL_INPUT, clips: [{ ...clip, kept: [{ start: 15, end: 20 }, { start: 12, end: 14 }] }] })).toThrow(/ascending and disjoint/);
    expect(attempt({ ...PAL_INPUT, clips: [{ ...clip, start: 30, end: 20 }] })).toThrow(/starts at 30 s, not before its end 20 s/);
    expect(attempt({ ...PAL_INPUT, recording: { ...PAL_INPUT.recording, fps: { num: 0, den: 1 } } })).toThrow(/recording\.fps\.num/);
    expect(attempt({ ...PAL_INPUT, recording: { ...PAL_INPUT.recording, path: 'shows/show.mp4' } })).toThrow(/recording\.path: must be an absolute path or a file:\/\/ URL/);
    expect(attempt({ ...PAL_INPUT, clips: [] })).toThrow(InputError);
    expect(attempt({ ...PAL_INPUT, clips: [{ ...clip, start: -1 }] })).toThrow(InputError);
  });
});
