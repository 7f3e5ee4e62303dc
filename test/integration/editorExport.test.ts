/**
 * Editor exports checked with a real renderer: the MLT playlist rendered by `melt` (Debian package `melt`,
 * installed by scripts/install-system-packages.sh) lasts the clips' total and keeps every beep on its
 * flash, and the FCPXML and EDL written for the same clips cut the same frames. The source is a ticking
 * video (a white frame and a 1 kHz beep on every whole second) in a folder whose name needs escaping.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EditorExportInput, planEditTimeline, toEdl, toFcpxml, toMlt } from '../../shared/core/editorExport/index.js';
import { beepOnsets, makeTickVideo, whiteFrameTimes } from '../helpers/avSync.js';
import { edlEvents, fcpxmlClips, mltEntries } from '../helpers/editorExportReaders.js';
import { probe } from '../helpers/media.js';

const execFileAsync = promisify(execFile);
const FPS = 25;
const FRAME = 1 / FPS;
const SOURCE_SECONDS = 8;

/** Whether `melt` runs here; CI (and POSTSHOW_REQUIRE_SHARED_DATA=1) must have it, elsewhere the render test skips. */
function meltMissing(): boolean {
  const version = spawnSync('melt', ['-version'], { encoding: 'utf8' });
  if (version.status === 0) return false;
  const reason = 'melt is not installed (Debian package `melt`, see scripts/install-system-packages.sh)';
  if (process.env.CI === 'true' || process.env.POSTSHOW_REQUIRE_SHARED_DATA === '1') throw new Error(`${reason}, and CI requires it`);
  console.warn(`${reason}: the MLT render test is skipped`);
  return true;
}

let dir: string;
let input: EditorExportInput;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'postshow-editor-export-'));
  const mediaDir = path.join(dir, '直播 & <show> #1');
  await mkdir(mediaDir);
  const source = await makeTickVideo(mediaDir, SOURCE_SECONDS);
  input = {
    recording: { name: path.basename(source), path: source, width: 160, height: 90, fps: { num: FPS, den: 1 }, durationSeconds: SOURCE_SECONDS, hasAudio: true, audioRate: 48000 },
    // Edges off frame boundaries; ticks at 1, 2 | 3 | 5 | 7 s are inside, the one at 4 s is trimmed away.
    clips: [
      { id: 'first', title: `</name><x>&"' 开场`, start: 0.83, end: 2.47 },
      { id: 'trimmed', title: 'Trimmed', start: 2.9, end: 5.3, kept: [{ start: 2.9, end: 3.5 }, { start: 4.7, end: 5.3 }] },
      { id: 'last', title: 'Last', start: 6.6, end: 7.9 },
    ],
  };
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const spans = () => input.clips.flatMap((clip) => clip.kept ?? [{ start: clip.start, end: clip.end }]);
const exactTotal = () => spans().reduce((sum, span) => sum + span.end - span.start, 0);

describe.skipIf(meltMissing())('MLT export rendered by melt', () => {
  it('lasts the clips\' total within a frame and keeps every beep on its flash', async () => {
    const project = path.join(dir, 'clips.mlt');
    const render = path.join(dir, 'render.mp4');
    await writeFile(project, toMlt(input));
    // real_time=0: render every frame (melt drops frames to keep up with the clock otherwise).
    await execFileAsync('melt', ['-quiet', project, '-consumer', `avformat:${render}`, 'vcodec=libx264', 'preset=ultrafast', 'acodec=aac', 'ab=96k', 'real_time=0']);

    const { streams } = await probe(render);
    const video = streams.find((stream) => stream.codec_type === 'video');
    const audio = streams.find((stream) => stream.codec_type === 'audio');
    expect([video?.width, video?.height, video?.r_frame_rate]).toEqual([160, 90, '25/1']);
    const videoSeconds = Number(video?.duration);
    const audioSeconds = Number(audio?.duration);
    // 4.14 s of spans: 103.5 frames, rendered as 103 or 104.
    expect(Math.abs(videoSeconds - exactTotal())).toBeLessThanOrEqual(FRAME);
    expect(Math.abs(audioSeconds - videoSeconds)).toBeLessThanOrEqual(FRAME);
    expect(Number(video?.nb_frames)).toBe(planEditTimeline(input).totalFrames);

    // Where each kept tick must land: its event's record frame plus its offset into the event.
    const expected = planEditTimeline(input).events.flatMap((event) => {
      const ticks: number[] = [];
      for (let second = 0; second < SOURCE_SECONDS; second++) {
        const frame = second * FPS;
        if (frame >= event.sourceIn && frame < event.sourceOut) ticks.push((event.recordIn + frame - event.sourceIn) * FRAME);
      }
      return ticks;
    });
    expect(expected).toHaveLength(5);
    const flashes = await whiteFrameTimes(render);
    // The end of the file closes a silence too: that is not a beep.
    const beeps = (await beepOnsets(render)).filter((onset) => onset < videoSeconds - 2 * FRAME);
    expect(flashes).toHaveLength(expected.length);
    expect(beeps).toHaveLength(expected.length);
    expected.forEach((time, index) => {
      expect(Math.abs(flashes[index]! - time)).toBeLessThanOrEqual(FRAME / 2);
      expect(Math.abs(beeps[index]! - flashes[index]!)).toBeLessThanOrEqual(FRAME);
    });
  });
});

describe('FCPXML and EDL for the same clips', () => {
  it('cut the same frames as the MLT, each in/out within a frame of its span', () => {
    const mlt = mltEntries(toMlt(input)).map((entry) => [entry.in, entry.out + 1]);
    const fcpxml = fcpxmlClips(toFcpxml(input)).map((clip) => [Math.round(clip.start * FPS), Math.round((clip.start + clip.duration) * FPS)]);
    const edl = edlEvents(toEdl(input), input.recording.fps).map((event) => [event.sourceIn, event.sourceOut]);
    expect(fcpxml).toEqual(mlt);
    expect(edl).toEqual(mlt);
    spans().forEach((span, index) => {
      const [sourceIn, sourceOut] = edl[index]!;
      expect(Math.abs(sourceIn! * FRAME - span.start)).toBeLessThanOrEqual(FRAME);
      expect(Math.abs(sourceOut! * FRAME - span.end)).toBeLessThanOrEqual(FRAME);
    });
    const edlFrames = edlEvents(toEdl(input), input.recording.fps).reduce((sum, event) => sum + event.recordOut - event.recordIn, 0);
    expect(Math.abs(edlFrames * FRAME - exactTotal())).toBeLessThanOrEqual(FRAME / 2 + 1e-9);
  });
});
