/**
 * Reframing on real encodes: real ffmpeg samples the span, real sharp finds the subject, and the planned crop
 * track is checked against where the generator put the subject. Media is tiny (640x360 or 360x640, <= 8 s).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SharpImages } from '../../shared/adapters/images/sharpImages.js';
import { FfmpegMedia } from '../../shared/adapters/media/ffmpegMedia.js';
import { cropSize, insideWindow, trackAt, type CropSize, type CropTrack, type ReframePlan } from '../../shared/core/reframe/index.js';
import type { Aspect } from '../../shared/core/schemas/clipRender.js';
import { planReframe } from '../../shared/pipeline/planReframe.js';
import type { FrameSampler } from '../../shared/pipeline/ports.js';
import { makeAudioOnly } from '../helpers/media.js';
import { makeSubjectVideo, renderCropFrame, type SubjectVideo } from '../helpers/reframeMedia.js';

const execFileAsync = promisify(execFile);
const media = new FfmpegMedia();
const images = new SharpImages();
let dir: string;

/** Where checks look: 10 times a second, off the frame grid of the 4 fps samples. */
const checkTimes = (duration: number): number[] => Array.from({ length: Math.floor(duration * 10) }, (_, k) => 0.05 + k * 0.1);

/** Share of check times at which the subject's true centre lies inside the track's window. */
function subjectInsideShare(video: SubjectVideo, crop: CropSize, track: CropTrack): number {
  const times = checkTimes(video.duration);
  return times.filter((t) => insideWindow(video.centreAt(t), crop, trackAt(track, t))).length / times.length;
}

/** Share of check times at which the whole patch lies inside the window (stricter: no part of the subject cut off). */
function wholeSubjectShare(video: SubjectVideo, crop: CropSize, track: CropTrack): number {
  const times = checkTimes(video.duration);
  const halfX = video.patch / 2 / video.width;
  const halfY = video.patch / 2 / video.height;
  const shrunk = { width: crop.width - 2 * halfX, height: crop.height - 2 * halfY };
  return times.filter((t) => insideWindow(video.centreAt(t), shrunk, trackAt(track, t))).length / times.length;
}

function trackOf(plan: ReframePlan | undefined): CropTrack {
  if (plan?.mode !== 'subject') throw new Error(`expected a subject plan, got ${JSON.stringify(plan)}`);
  return plan.track;
}

/** Share of strongly saturated pixels in an image: the testsrc2 patch is, the grey-blue backgrounds are not. */
async function saturatedShare(image: string): Promise<number> {
  const { data, info } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let saturated = 0;
  for (let i = 0; i < data.length; i += info.channels) {
    const r = data[i] ?? 0;
    const g = data[i + 1] ?? 0;
    const b = data[i + 2] ?? 0;
    if (Math.max(r, g, b) - Math.min(r, g, b) > 100) saturated += 1;
  }
  return saturated / (info.width * info.height);
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'postshow-reframe-'));
});

afterAll(async () => {
  if (!process.env.POSTSHOW_KEEP_TEST_MEDIA) await rm(dir, { recursive: true, force: true });
});

describe('planReframe on a moving subject with a cut (640x360, 8 s)', () => {
  let video: SubjectVideo;
  let plans: Map<Aspect, ReframePlan>;

  beforeAll(async () => {
    // Shot 1: the patch crosses left -> right at 100 px/s; cut at 4 s to a darker room where it starts at the
    // right, higher up, and drifts left at 40 px/s.
    video = await makeSubjectVideo(dir, 'subject.mp4', { width: 640, height: 360 }, 96, [
      { seconds: 4, background: '0x585e66', x: (t) => 40 + t * 100, y: () => 132, xExpr: '40+t*100', yExpr: '132' },
      { seconds: 4, background: '0x1c2038', x: (t) => 500 - t * 40, y: () => 60, xExpr: '500-t*40', yExpr: '60' },
    ]);
    plans = await planReframe({ media, images, location: video.path, start: 0, end: video.duration, sourceWidth: 640, sourceHeight: 360, aspects: ['9:16', '1:1', '16:9'], mode: 'auto' });
  });

  it('keeps the subject inside the 9:16 crop in at least 90% of frames, and auto chooses the subject', () => {
    const plan = plans.get('9:16');
    const track = trackOf(plan);
    const crop = cropSize(640, 360, '9:16');
    const inside = subjectInsideShare(video, crop, track);
    const whole = wholeSubjectShare(video, crop, track);
    console.log(`9:16 subject centre inside crop: ${(inside * 100).toFixed(1)}%, whole subject inside: ${(whole * 100).toFixed(1)}%, evidence ${JSON.stringify(plan?.mode === 'subject' ? plan.evidence : undefined)}, ${track.length} points`);
    expect(inside).toBeGreaterThanOrEqual(0.9);
    expect(whole).toBeGreaterThanOrEqual(0.8);
  });

  it('re-aims at the cut with a jump, not a pan', () => {
    const track = trackOf(plans.get('9:16'));
    const plan = plans.get('9:16');
    expect(plan?.mode === 'subject' && plan.evidence?.shotChanges.map((cut) => Math.abs(cut - 4) < 0.05)).toEqual([true]);
    const before = trackAt(track, 3.99);
    const after = trackAt(track, 4.0);
    expect(after.cx - before.cx).toBeGreaterThan(0.1);
    // The jump happens within one frame: half a frame after the cut the window is already on the new aim.
    expect(Math.abs(trackAt(track, 4.02).cx - after.cx)).toBeLessThan(0.01);
  });

  it('keeps the track small and inside the frame', () => {
    for (const aspect of ['9:16', '1:1'] as const) {
      const track = trackOf(plans.get(aspect));
      const crop = cropSize(640, 360, aspect);
      expect(track.length).toBeLessThanOrEqual(2 * video.duration + 4);
      for (const point of track) {
        expect(point.cx - crop.width / 2).toBeGreaterThanOrEqual(-1e-9);
        expect(point.cx + crop.width / 2).toBeLessThanOrEqual(1 + 1e-9);
        expect(point.cy).toBe(0.5);
      }
      console.log(`${aspect} subject centre inside crop: ${(subjectInsideShare(video, crop, track) * 100).toFixed(1)}%`);
    }
  });

  it('needs no reframe where the source already has the shape', () => {
    expect(plans.get('16:9')).toEqual({ mode: 'none' });
  });

  it('renders a crop from the track that shows the subject', async () => {
    const crop = cropSize(640, 360, '9:16');
    const track = trackOf(plans.get('9:16'));
    for (const at of [2, 6]) {
      const frame = await renderCropFrame(video.path, video, crop, track, at, path.join(dir, `crop-9x16-${at}s.png`));
      const share = await saturatedShare(frame);
      console.log(`rendered 9:16 crop at ${at} s: ${frame}, saturated share ${share.toFixed(3)}`);
      // The 96 px patch fills ~14% of a 202x360 crop; a crop that missed it would be grey.
      expect(share).toBeGreaterThan(0.05);
    }
  });
});

describe('planReframe elsewhere', () => {
  it('follows a subject vertically in a phone recording (360x640 -> 16:9)', async () => {
    const video = await makeSubjectVideo(dir, 'vertical.mp4', { width: 360, height: 640 }, 96, [
      { seconds: 4, background: '0x585e66', x: () => 200, y: (t) => 40 + t * 110, xExpr: '200', yExpr: '40+t*110' },
    ]);
    const plans = await planReframe({ media, images, location: video.path, start: 0, end: video.duration, sourceWidth: 360, sourceHeight: 640, aspects: ['16:9', '9:16'], mode: 'subject' });
    const track = trackOf(plans.get('16:9'));
    const crop = cropSize(360, 640, '16:9');
    const inside = subjectInsideShare(video, crop, track);
    console.log(`vertical source, 16:9 subject centre inside crop: ${(inside * 100).toFixed(1)}%`);
    expect(inside).toBeGreaterThanOrEqual(0.9);
    expect(track.every((point) => point.cx === 0.5)).toBe(true);
    expect(plans.get('9:16')).toEqual({ mode: 'none' });
  });

  it('keeps a fast, weaving subject inside the 9:16 crop in at least 90% of frames', async () => {
    // A small patch crossing at 140 px/s while bobbing, then swinging ±220 px (up to ~330 px/s) after a cut.
    const video = await makeSubjectVideo(dir, 'fast.mp4', { width: 640, height: 360 }, 64, [
      { seconds: 4, background: '0x585e66', x: (t) => 20 + t * 140, y: (t) => 150 + 60 * Math.sin(t * 2), xExpr: '20+t*140', yExpr: '150+60*sin(t*2)' },
      { seconds: 4, background: '0x1c2038', x: (t) => 288 + 220 * Math.sin(t * 1.5), y: () => 100, xExpr: '288+220*sin(t*1.5)', yExpr: '100' },
    ]);
    const plans = await planReframe({ media, images, location: video.path, start: 0, end: video.duration, sourceWidth: 640, sourceHeight: 360, aspects: ['9:16'], mode: 'auto' });
    const plan = plans.get('9:16');
    const inside = subjectInsideShare(video, cropSize(640, 360, '9:16'), trackOf(plan));
    console.log(`fast subject, 9:16 subject centre inside crop: ${(inside * 100).toFixed(1)}%, evidence ${JSON.stringify(plan?.mode === 'subject' ? plan.evidence : undefined)}`);
    expect(inside).toBeGreaterThanOrEqual(0.9);
  });

  it('auto falls back to the blurred fill for two subjects at opposite edges', async () => {
    // A patch at the left edge and its mirror image at the right: any 9:16 window loses one of them.
    const one = await makeSubjectVideo(dir, 'one-side.mp4', { width: 640, height: 360 }, 120, [
      { seconds: 3, background: '0x585e66', x: () => 24, y: () => 120, xExpr: '24', yExpr: '120' },
    ]);
    const both = path.join(dir, 'two-subjects.mp4');
    await execFileAsync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-i', one.path, '-vf', 'split[a][b];[b]hflip[m];[a][m]blend=all_mode=lighten', '-c:v', 'libx264', '-preset', 'ultrafast', both]);
    const plans = await planReframe({ media, images, location: both, start: 0, end: 3, sourceWidth: 640, sourceHeight: 360, aspects: ['9:16'], mode: 'auto' });
    const plan = plans.get('9:16');
    console.log(`two subjects, auto: ${JSON.stringify(plan)}`);
    expect(plan?.mode).toBe('blur');
  });

  it('fails permanently, saying why, on a recording without video', async () => {
    const audio = await makeAudioOnly(dir, 'm4a', 1);
    const planning = planReframe({ media, images, location: audio, start: 0, end: 1, sourceWidth: 1920, sourceHeight: 1080, aspects: ['9:16'], mode: 'auto' });
    await expect(planning).rejects.toThrow(/has no video stream to reframe/);
    await expect(planning).rejects.toMatchObject({ permanent: true });
  });

  it('stops with an AbortedError when the signal aborts', async () => {
    const audio = await makeAudioOnly(dir, 'm4a', 1);
    const planning = planReframe({ media, images, location: audio, start: 0, end: 1, sourceWidth: 1920, sourceHeight: 1080, aspects: ['9:16'], mode: 'subject', signal: AbortSignal.abort(new Error('deadline')) });
    await expect(planning).rejects.toMatchObject({ name: 'AbortedError', permanent: false });
  });

  it('plans blur and center without decoding anything', async () => {
    const sampler: FrameSampler = { sampleFrames: () => Promise.reject(new Error('blur and center need no samples')) };
    for (const mode of ['blur', 'center'] as const) {
      const plans = await planReframe({ media: sampler, images, location: 'unused.mp4', start: 10, end: 20, sourceWidth: 1920, sourceHeight: 1080, aspects: ['9:16', '16:9'], mode });
      expect(Object.fromEntries(plans)).toEqual({ '9:16': { mode }, '16:9': { mode: 'none' } });
    }
  });
});
