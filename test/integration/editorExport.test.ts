/**
 * Editor exports checked with a real renderer: the MLT playlist rendered by `melt` (Debian package `melt`,
 * installed by scripts/install-system-packages.sh) lasts the clips' total and keeps every beep on its
 * flash, at 25 and 29.97 fps, and the FCPXML and EDL written for the same clips cut the same frames. The
 * source is a ticking video (a white frame and a 1 kHz beep every second) in a folder whose name needs
 * escaping (`直播 & <show> #1`).
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
  console.warn(`${reason}: the MLT render tests are skipped`);
  return true;
}

/**
 * The 29.97 fps counterpart of makeTickVideo: every 30th frame white and a 50 ms beep starting on it.
 * Thirty frames at 30000/1001 last exactly 1.001 s, so the beep's period is that, not a whole second.
 */
async function makeNtscTickVideo(dir: string, seconds: number): Promise<string> {
  const file = path.join(dir, 'tick-ntsc.mp4');
  await execFileAsync('ffmpeg', [
    '-v', 'error', '-y',
    '-f', 'lavfi', '-i', `testsrc2=s=160x90:r=30000/1001:d=${seconds},drawbox=c=white:t=fill:enable='eq(mod(n\\,30)\\,0)'`,
    '-f', 'lavfi', '-i', `aevalsrc='if(lt(mod(t\\,1.001)\\,0.05)\\,sin(2*PI*1000*t)\\,0)':s=48000:d=${seconds}`,
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '96k',
    file,
  ]);
  return file;
}

let dir: string;
let mediaDir: string;
let input: EditorExportInput;

/** Edges off frame boundaries; ticks at 1, 2 | 3 | 5 | 7 s are inside, the one at 4 s is trimmed away. */
const CLIPS: EditorExportInput['clips'] = [
  { id: 'first', title: `</name><x>&"' 开场`, start: 0.83, end: 2.47 },
  { id: 'trimmed', title: 'Trimmed', start: 2.9, end: 5.3, kept: [{ start: 2.9, end: 3.5 }, { start: 4.7, end: 5.3 }] },
  { id: 'last', title: 'Last', start: 6.6, end: 7.9 },
];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'postshow-editor-export-'));
  mediaDir = path.join(dir, '直播 & <show> #1');
  await mkdir(mediaDir);
  const source = await makeTickVideo(mediaDir, SOURCE_SECONDS);
  input = {
    recording: { name: path.basename(source), path: source, width: 160, height: 90, fps: { num: FPS, den: 1 }, durationSeconds: SOURCE_SECONDS, hasAudio: true, audioRate: 48000 },
    clips: CLIPS,
  };
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const spans = () => input.clips.flatMap((clip) => clip.kept ?? [{ start: clip.start, end: clip.end }]);
const exactTotal = () => spans().reduce((sum, span) => sum + span.end - span.start, 0);

/**
 * Renders the MLT export of `clips` with melt and checks the render: its length against the spans' sum,
 * and each kept tick's flash at its place in the edit with its beep on it.
 * @param framesPerTick frames from one tick to the next in the source (25 at 25 fps, 30 at 29.97).
 */
async function renderAndMeasure(clipsInput: EditorExportInput, framesPerTick: number, name: string): Promise<void> {
  const { fps } = clipsInput.recording;
  const frame = fps.den / fps.num;
  const project = path.join(dir, `${name}.mlt`);
  const render = path.join(dir, `${name}.mp4`);
  await writeFile(project, toMlt(clipsInput));
  // real_time=0: render every frame (melt drops frames to keep up with the clock otherwise).
  await execFileAsync('melt', ['-quiet', project, '-consumer', `avformat:${render}`, 'vcodec=libx264', 'preset=ultrafast', 'acodec=aac', 'ab=96k', 'real_time=0']);

  const { streams } = await probe(render);
  const video = streams.find((stream) => stream.codec_type === 'video');
  const audio = streams.find((stream) => stream.codec_type === 'audio');
  expect([video?.width, video?.height, video?.r_frame_rate]).toEqual([160, 90, `${fps.num}/${fps.den}`]);
  const videoSeconds = Number(video?.duration);
  const audioSeconds = Number(audio?.duration);
  const timeline = planEditTimeline(clipsInput);
  const total = clipsInput.clips.flatMap((clip) => clip.kept ?? [clip]).reduce((sum, span) => sum + span.end - span.start, 0);
  expect(Math.abs(videoSeconds - total)).toBeLessThanOrEqual(frame);
  expect(Math.abs(audioSeconds - videoSeconds)).toBeLessThanOrEqual(frame);
  expect(Number(video?.nb_frames)).toBe(timeline.totalFrames);

  // Where each kept tick must land: its event's record frame plus its offset into the event.
  const expected = timeline.events.flatMap((event) => {
    const ticks: number[] = [];
    for (let tick = 0; tick * framesPerTick < event.sourceOut; tick++) {
      const at = tick * framesPerTick;
      if (at >= event.sourceIn) ticks.push((event.recordIn + at - event.sourceIn) * frame);
    }
    return ticks;
  });
  expect(expected).toHaveLength(5);
  const flashes = await whiteFrameTimes(render);
  // The end of the file closes a silence too: that is not a beep.
  const beeps = (await beepOnsets(render)).filter((onset) => onset < videoSeconds - 2 * frame);
  expect(flashes).toHaveLength(expected.length);
  expect(beeps).toHaveLength(expected.length);
  expected.forEach((time, index) => {
    expect(Math.abs(flashes[index]! - time)).toBeLessThanOrEqual(frame / 2);
    expect(Math.abs(beeps[index]! - flashes[index]!)).toBeLessThanOrEqual(frame);
  });
}

describe.skipIf(meltMissing())('MLT export rendered by melt', () => {
  it('lasts the clips\' total within a frame and keeps every beep on its flash (25 fps)', async () => {
    await renderAndMeasure(input, FPS, 'pal');
  });

  it('does the same at 29.97 fps', async () => {
    const source = await makeNtscTickVideo(mediaDir, SOURCE_SECONDS);
    const ntsc: EditorExportInput = { recording: { ...input.recording, name: path.basename(source), path: source, fps: { num: 30000, den: 1001 } }, clips: CLIPS };
    await renderAndMeasure(ntsc, 30, 'ntsc');
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
