/** Inputs shared by the editor export unit tests. */
import type { EditorExportInput } from '../../../shared/core/editorExport/index.js';

export const HOSTILE_TITLE = `</name><x>&"' 双十一 "秒杀"`;

/** 25 fps, three clips, the second trimmed to two kept spans; edges deliberately off frame boundaries. */
export const PAL_INPUT: EditorExportInput = {
  recording: { name: 'show.mp4', path: '/media/shows/直播 #1/show.mp4', width: 1920, height: 1080, fps: { num: 25, den: 1 }, durationSeconds: 600, hasAudio: true },
  clips: [
    { id: 'c1', title: HOSTILE_TITLE, start: 10.83, end: 25.47 },
    { id: 'c2', title: 'Trimmed', start: 100.9, end: 130.3, kept: [{ start: 100.9, end: 110.5 }, { start: 120.7, end: 130.3 }] },
    { id: 'c3', title: 'Last', start: 500.01, end: 531.99 },
  ],
};

/** 29.97 fps (drop-frame), spans crossing minute marks. */
export const NTSC_INPUT: EditorExportInput = {
  recording: { name: 'show.mov', path: 'file:///Volumes/Media/show.mov', width: 1280, height: 720, fps: { num: 30000, den: 1001 }, durationSeconds: 3 * 3600, hasAudio: true, audioChannels: 1 },
  clips: [
    { id: 'a', title: 'Minute one', start: 59.9, end: 61.2 },
    { id: 'b', title: 'Ten minutes', start: 599.5, end: 660.25 },
    { id: 'c', title: 'Two hours in', start: 7200.3, end: 7265.9 },
  ],
};

/** Every span of an input in edit order (kept spans for trimmed clips). */
export function spansOf(input: EditorExportInput): { start: number; end: number }[] {
  return input.clips.flatMap((clip) => clip.kept ?? [{ start: clip.start, end: clip.end }]);
}
