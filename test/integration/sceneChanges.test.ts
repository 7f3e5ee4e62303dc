/**
 * Scene changes from intra frames only, on real encodes: a 50 s video of five visually different
 * segments with known cuts, encoded the way an editor's x264 does (keyframes at cuts) and the way
 * OBS does (a keyframe every 2 s whatever the picture), then the audio stage storing what it found.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FfmpegMedia } from '../../shared/adapters/media/ffmpegMedia.js';
import { MediaError } from '../../shared/core/errors.js';
import { showKeys } from '../../shared/core/keys.js';
import type { Logger } from '../../shared/pipeline/ports.js';
import { makeAudioOnly, makeToneVideo } from '../helpers/media.js';
import { makeWorkspace, runShow } from '../helpers/pipelineFixture.js';

const execFileAsync = promisify(execFile);

async function ffmpeg(args: readonly string[]): Promise<void> {
  await execFileAsync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args], { maxBuffer: 16 * 1024 * 1024 });
}

const SIZE = '320x180';
const FPS = 25;
/**
 * Five segments, cut at 12, 21, 30 and 39 s. Moving ones (test card, zooming fractal) and still ones
 * (bars, a colour under a fixed grain). The first and last run longer than x264's default 10 s
 * keyframe interval, so a keyframe also lands inside a moving segment, where nothing may fire.
 * The grain is fixed because x264 does not mark a cut to a flat or ever-changing picture with a
 * keyframe (cheap to code, or never stable): such a cut would be seen only at the next keyframe.
 */
const SEGMENTS = [
  { seconds: 12, source: (d: number) => `testsrc2=s=${SIZE}:r=${FPS}:d=${d}` },
  { seconds: 9, source: (d: number) => `smptebars=s=${SIZE}:r=${FPS}:d=${d}` },
  { seconds: 9, source: (d: number) => `color=c=0x2060c0:s=${SIZE}:r=${FPS}:d=${d},noise=alls=40:allf=u` },
  { seconds: 9, source: (d: number) => `mandelbrot=s=${SIZE}:r=${FPS},trim=duration=${d}` },
  { seconds: 11, source: (d: number) => `testsrc2=s=${SIZE}:r=${FPS}:d=${d},hue=h=90,vflip` },
] as const;
const CUTS = SEGMENTS.slice(0, -1).map((_, i) => SEGMENTS.slice(0, i + 1).reduce((sum, s) => sum + s.seconds, 0));
const TOTAL_SECONDS = SEGMENTS.reduce((sum, s) => sum + s.seconds, 0);

const BITEXACT = ['-fflags', '+bitexact', '-flags:v', '+bitexact', '-flags:a', '+bitexact', '-map_metadata', '-1'];

/** The segments concatenated, with a 440 Hz tone, encoded by libx264 with the given rate-control/GOP flags. */
async function makeCutVideo(dir: string, name: string, gopArgs: readonly string[]): Promise<string> {
  const out = path.join(dir, name);
  const inputs = SEGMENTS.flatMap((segment) => ['-f', 'lavfi', '-i', segment.source(segment.seconds)]);
  const concat = `${SEGMENTS.map((_, i) => `[${i}:v]`).join('')}concat=n=${SEGMENTS.length}:v=1:a=0,format=yuv420p[v]`;
  await ffmpeg([
    ...inputs,
    '-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${TOTAL_SECONDS}`,
    '-filter_complex', concat,
    '-map', '[v]', '-map', `${SEGMENTS.length}:a`,
    '-c:v', 'libx264', ...gopArgs,
    '-c:a', 'aac', '-b:a', '96k',
    ...BITEXACT,
    out,
  ]);
  return out;
}

/** Times of the intra frames of the file, from ffprobe (what the detector can see). */
async function intraFrameTimes(file: string): Promise<number[]> {
  const { stdout } = await execFileAsync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-skip_frame', 'nointra', '-show_entries', 'frame=pts_time', '-of', 'csv=p=0', file]);
  return stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => Number(line.split(',')[0]))
    .filter((t) => Number.isFinite(t));
}

function expectTidy(times: readonly number[]) {
  for (const [i, t] of times.entries()) {
    expect(Math.round(t * 1000) / 1000).toBe(t);
    if (i > 0) expect(t).toBeGreaterThan(times[i - 1]!);
  }
}

describe('detectSceneChanges on real encodes', () => {
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  const media = new FfmpegMedia();
  let x264Default: string;
  let obsLike: string;

  beforeAll(async () => {
    workspace = await makeWorkspace('postshow-scenes-');
    // Default x264 (preset medium: scenecut on, keyint 250 = 10 s at 25 fps): keyframes land on cuts.
    x264Default = await makeCutVideo(workspace.dir, 'x264-default.mp4', ['-pix_fmt', 'yuv420p']);
    // OBS: a fixed 2 s GOP and no scenecut keyframes, so a cut is only seen at the next keyframe.
    obsLike = await makeCutVideo(workspace.dir, 'obs-gop2s.mp4', [
      '-preset', 'veryfast', '-g', String(2 * FPS), '-keyint_min', String(2 * FPS), '-sc_threshold', '0', '-pix_fmt', 'yuv420p',
    ]);
  });
  afterAll(() => workspace?.cleanup());

  it('finds every cut of a default x264 encode within 0.1 s, and nothing inside a segment', async () => {
    // The file is what the test claims: a keyframe at every cut and one inside the long moving first segment.
    const intra = await intraFrameTimes(x264Default);
    for (const cut of CUTS) expect(intra.some((t) => Math.abs(t - cut) <= 0.1), `intra frame at ${cut}`).toBe(true);
    expect(intra.some((t) => t > 1 && t < CUTS[0]! - 1), 'keyframe inside the first segment').toBe(true);

    const changes = await media.detectSceneChanges(x264Default, { duration: TOTAL_SECONDS });
    expectTidy(changes);
    for (const cut of CUTS) expect(changes.some((t) => Math.abs(t - cut) <= 0.1), `cut at ${cut} in ${changes}`).toBe(true);
    for (const t of changes) expect(CUTS.some((cut) => Math.abs(t - cut) <= 0.1), `detection at ${t} is no cut`).toBe(true);
  });

  it('finds every cut of an OBS-like 2 s GOP encode within 2.1 s after it, and nothing inside a segment', async () => {
    const progress: number[] = [];
    const changes = await media.detectSceneChanges(obsLike, { duration: TOTAL_SECONDS, onProgress: (f) => progress.push(f) });
    expectTidy(changes);
    const lateBy = (t: number, cut: number) => t - cut >= -0.001 && t - cut <= 2.1;
    for (const cut of CUTS) expect(changes.some((t) => lateBy(t, cut)), `cut at ${cut} in ${changes}`).toBe(true);
    // 25 keyframes are compared here, most inside moving segments: none of those may fire.
    for (const t of changes) expect(CUTS.some((cut) => lateBy(t, cut)), `detection at ${t} is no cut`).toBe(true);
    expect(changes).toHaveLength(CUTS.length);
    expect(progress.every((f) => f >= 0 && f <= 1)).toBe(true);
  });

  describe('on every other keyframe (long, large recordings)', () => {
    // Every recording with a picture counts as long and large here.
    const strided = new FfmpegMedia({ everyOtherKeyframeFrom: 0 });
    const frame = { width: 320, height: 180 };

    it('finds every cut of the OBS-like encode at most two GOPs late, and nothing inside a segment', async () => {
      expect((await strided.capabilities()).packetDropExpression).toBe(true);
      const changes = await strided.detectSceneChanges(obsLike, { duration: TOTAL_SECONDS, frame });
      expectTidy(changes);
      const lateBy = (t: number, cut: number) => t - cut >= -0.001 && t - cut <= 4.1;
      for (const cut of CUTS) expect(changes.some((t) => lateBy(t, cut)), `cut at ${cut} in ${changes}`).toBe(true);
      for (const t of changes) expect(CUTS.some((cut) => lateBy(t, cut)), `detection at ${t} is no cut`).toBe(true);
      expect(changes).toHaveLength(CUTS.length);
      // Half the keyframes were decoded: some cut must have been seen only at the keyframe after the one on it.
      const full = await media.detectSceneChanges(obsLike, { duration: TOTAL_SECONDS });
      expect(changes).not.toEqual(full);
    });

    it('decodes every intra frame of a short or small recording, or one whose size is not given', async () => {
      const everyFrame = await media.detectSceneChanges(obsLike, { duration: TOTAL_SECONDS, frame });
      expect(await strided.detectSceneChanges(obsLike, { duration: TOTAL_SECONDS })).toEqual(everyFrame);
    });

    it('returns [] for audio-only recordings and refuses what is not media, as the full pass does', async () => {
      const audio = await makeAudioOnly(workspace.dir, 'm4a', 3);
      expect(await strided.detectSceneChanges(audio, { duration: 3, frame })).toEqual([]);
      const junk = path.join(workspace.dir, 'junk-strided.mp4');
      await writeFile(junk, Buffer.from('this is not a video file at all'.repeat(100)));
      const error = await strided.detectSceneChanges(junk, { duration: 10, frame }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MediaError);
      expect((error as MediaError).permanent).toBe(true);
    });

    it('stops both processes when aborted', async () => {
      const controller = new AbortController();
      const pending = strided.detectSceneChanges(obsLike, { duration: TOTAL_SECONDS, frame, signal: controller.signal });
      setTimeout(() => controller.abort(new Error('test stop')), 50);
      await expect(pending).rejects.toThrow(/stopped/);
    });
  });

  it('finds nothing in one continuous moving shot', async () => {
    const tone = await makeToneVideo(workspace.dir, { seconds: 20, name: 'one-shot.mp4' });
    expect(await media.detectSceneChanges(tone, { duration: 20 })).toEqual([]);
  });

  it('returns [] for audio-only recordings', async () => {
    for (const format of ['m4a', 'mp3', 'wav'] as const) {
      const audio = await makeAudioOnly(workspace.dir, format, 3);
      expect(await media.detectSceneChanges(audio, { duration: 3 }), format).toEqual([]);
    }
  });

  it('rejects a file that is not media with a permanent MediaError', async () => {
    const junk = path.join(workspace.dir, 'junk.mp4');
    await writeFile(junk, Buffer.from('this is not a video file at all'.repeat(100)));
    const error = await media.detectSceneChanges(junk, { duration: 10 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MediaError);
    expect((error as MediaError).permanent).toBe(true);
    expect((error as MediaError).message).toMatch(/video track could not be decoded/);
  });

  it('measures the cost against an audio-only decode of a 10-minute 320x180 x264 file (reported, not asserted)', async () => {
    // 60 s of OBS-like video and audio, repeated ten times by stream copy: encoding ten minutes would cost more than the test.
    const minute = await makeToneVideo(workspace.dir, { seconds: 60, name: 'minute.mp4' });
    const obsMinute = path.join(workspace.dir, 'obs-minute.mp4');
    await ffmpeg(['-i', minute, '-c:v', 'libx264', '-preset', 'veryfast', '-g', '60', '-keyint_min', '60', '-sc_threshold', '0', '-c:a', 'copy', obsMinute]);
    const list = path.join(workspace.dir, 'ten.txt');
    await writeFile(list, Array.from({ length: 10 }, () => `file '${obsMinute}'`).join('\n'));
    const tenMinutes = path.join(workspace.dir, 'ten-minutes.mp4');
    await ffmpeg(['-f', 'concat', '-safe', '0', '-i', list, '-c', 'copy', tenMinutes]);

    const time = async (work: () => Promise<unknown>) => {
      const runs: number[] = [];
      for (let i = 0; i < 3; i++) {
        const start = performance.now();
        await work();
        runs.push(performance.now() - start);
      }
      return runs.sort((a, b) => a - b)[1]!;
    };
    const audioMs = await time(() => execFileAsync('ffmpeg', ['-hide_banner', '-nostats', '-i', tenMinutes, '-vn', '-f', 'null', '-']));
    let changes: number[] = [];
    const scenesMs = await time(async () => (changes = await media.detectSceneChanges(tenMinutes, { duration: 600 })));
    console.log(`[sceneChanges] 10 min 320x180: detectSceneChanges ${scenesMs.toFixed(0)} ms, audio-only decode ${audioMs.toFixed(0)} ms, ratio ${(scenesMs / audioMs).toFixed(2)}; ${changes.length} detections`);
    expectTidy(changes);
    expect(changes.every((t) => t > 0 && t < 600)).toBe(true);
  });
});

describe('audio stage stores scene changes', () => {
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  let recording: string;
  let captions: string;

  beforeAll(async () => {
    workspace = await makeWorkspace('postshow-scenes-stage-');
    recording = await makeCutVideo(workspace.dir, 'show.mp4', ['-preset', 'veryfast', '-g', String(2 * FPS), '-sc_threshold', '0', '-pix_fmt', 'yuv420p']);
    // Captions stand in for ASR, which a 440 Hz tone would only waste time on.
    captions = path.join(workspace.dir, 'captions.srt');
    await writeFile(captions, '1\n00:00:01,000 --> 00:00:04,000\nwelcome to the show\n\n2\n00:00:20,000 --> 00:00:23,000\nhere is the next product\n');
  });
  afterAll(() => workspace?.cleanup());

  const submission = () => ({ recordingPath: recording, sideInputs: { captions }, options: { language: 'en' as const, maxClips: 0 } });

  it('writes the cuts of a video recording into the audio analysis', async () => {
    const run = await runShow(path.join(workspace.dir, 'ok'), submission());
    expect(run.status.state).toBe('succeeded');
    const analysis = await run.readJson(showKeys(run.showId).audioAnalysis);
    expect(analysis.sceneChanges).toHaveLength(CUTS.length);
    for (const [i, cut] of CUTS.entries()) {
      expect(analysis.sceneChanges[i]).toBeGreaterThanOrEqual(cut - 0.001);
      expect(analysis.sceneChanges[i]).toBeLessThanOrEqual(cut + 2.1);
    }
  });

  it('writes [] for an audio-only recording', async () => {
    const audio = await makeAudioOnly(workspace.dir, 'm4a', 20);
    const run = await runShow(path.join(workspace.dir, 'audio-only'), { ...submission(), recordingPath: audio });
    expect(run.status.state).toBe('succeeded');
    expect((await run.readJson(showKeys(run.showId).audioAnalysis)).sceneChanges).toEqual([]);
  });

  it('goes on without scene changes, with a warning, when only the video cannot be decoded', async () => {
    class UndecodableVideo extends FfmpegMedia {
      override detectSceneChanges(): Promise<number[]> {
        return Promise.reject(new MediaError('the video track could not be decoded for scene detection: Invalid data found', { permanent: true }));
      }
    }
    const warnings: string[] = [];
    const logger: Logger = { debug() {}, info() {}, error() {}, warn: (message) => warnings.push(message) };
    const run = await runShow(path.join(workspace.dir, 'bad-video'), submission(), { media: new UndecodableVideo({ x264Preset: 'ultrafast' }), logger });
    expect(run.status.state).toBe('succeeded');
    expect((await run.readJson(showKeys(run.showId).audioAnalysis)).sceneChanges).toEqual([]);
    expect(warnings.some((w) => /scene changes left out/.test(w))).toBe(true);
  });

  it('fails the stage, after retries, when scene detection fails for a reason that may pass', async () => {
    let calls = 0;
    class FlakyVideo extends FfmpegMedia {
      override detectSceneChanges(): Promise<number[]> {
        calls += 1;
        return Promise.reject(new MediaError('scene detection failed: Connection reset by peer', { permanent: false }));
      }
    }
    const run = await runShow(path.join(workspace.dir, 'flaky'), submission(), { media: new FlakyVideo({ x264Preset: 'ultrafast' }) });
    expect(run.status.state).toBe('failed');
    expect(run.status.error?.stage).toBe('audio');
    expect(run.status.error?.reason).toMatch(/Connection reset/);
    expect(calls).toBeGreaterThan(1);
  });
});
