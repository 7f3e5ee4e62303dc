/**
 * FfmpegMedia.renderClip with real ffmpeg on generated media: three variants and a thumbnail from one
 * process, and a trimmed clip whose beeps still land on their flashes.
 */
import { chmod, copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FfmpegMedia } from '../../shared/adapters/media/ffmpegMedia.js';
import { timelineDuration, toClipTime, type ClipTimeline } from '../../shared/core/clips/clipTimeline.js';
import { NOMINAL_VARIANT_SIZES } from '../../shared/core/clips/variantSize.js';
import type { SubjectPoint } from '../../shared/pipeline/ports.js';
import { beepOnsets, makeTickVideo, moovBeforeMdat, whiteFrameTimes } from '../helpers/avSync.js';
import { extractFrame, whiteShareInBand } from '../helpers/frames.js';
import { makeAudioOnly, probe, type ProbeResult } from '../helpers/media.js';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
const FRAME = 1 / 25;

/** Tiny sizes keep the encodes cheap; the shapes are the real ones. */
const media = new FfmpegMedia({
  x264Preset: 'ultrafast',
  variantSizes: { ...NOMINAL_VARIANT_SIZES, '9:16': { width: 180, height: 320 }, '1:1': { width: 180, height: 180 }, '16:9': { width: 320, height: 180 } },
});

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'postshow-render-'));
});
afterAll(async () => {
  if (!process.env.POSTSHOW_KEEP_TEST_FILES) await rm(dir, { recursive: true, force: true });
});

/**
 * A 3 s 320x180 show: a desaturated testsrc2 with an orange 50x90 "subject" moving right at 80 px/s
 * from x=30 (its centre at x = 55 + 80t), and a tone.
 */
async function makeSubjectVideo(): Promise<string> {
  const out = path.join(dir, 'subject.mp4');
  await execFileAsync('ffmpeg', [
    '-v', 'error', '-y',
    '-f', 'lavfi', '-i', "testsrc2=s=320x180:r=25:d=3,hue=s=0.25[bg];color=c=0xFF8000:s=50x90:r=25:d=3[box];[bg][box]overlay=x='30+80*t':y=40:shortest=1",
    '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000:duration=3',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '96k', '-ac', '2',
    out,
  ]);
  return out;
}

/** An ASS file with one white line over the whole clip, at the variant's own script resolution. */
async function writeCaptions(name: string, size: { width: number; height: number }, text: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(
    file,
    [
      '[Script Info]', 'ScriptType: v4.00+', `PlayResX: ${size.width}`, `PlayResY: ${size.height}`, '',
      '[V4+ Styles]',
      'Format: Name, Fontname, Fontsize, PrimaryColour, OutlineColour, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV',
      `Style: Default,Noto Sans CJK SC,${Math.round(size.width / 7)},&H00FFFFFF,&H00000000,1,2,0,2,10,10,${Math.round(size.height / 10)}`, '',
      '[Events]', 'Format: Layer, Start, End, Style, Text',
      `Dialogue: 0,0:00:00.00,0:00:09.00,Default,${text}`, '',
    ].join('\n'),
  );
  return file;
}

const streamOf = (result: ProbeResult, type: 'video' | 'audio') => result.streams.find((stream) => stream.codec_type === type);

/** Mean x (0..1) of the orange subject's pixels in a frame. */
async function subjectCentreX(image: string): Promise<number> {
  const { data, info } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let sum = 0;
  let count = 0;
  for (let i = 0; i < data.length; i += info.channels) {
    const [r, g, b] = [data[i] ?? 0, data[i + 1] ?? 0, data[i + 2] ?? 0];
    if (r > 200 && g > 90 && g < 170 && b < 80) {
      sum += (i / info.channels) % info.width;
      count += 1;
    }
  }
  if (count === 0) throw new Error(`no subject pixels in ${image}`);
  return sum / count / info.width;
}

/** Every tick of the source kept by `timeline` beeps where toClipTime puts it and flashes within a frame of the beep. */
async function expectTicksInSync(file: string, timeline: ClipTimeline, duration: number): Promise<void> {
  const ticks = [0, 1, 2, 3, 4, 5, 6].filter((tick) => timeline.some((span) => tick >= span.start && tick < span.end));
  const expected = ticks.map((tick) => toClipTime(timeline, tick));
  // silencedetect also closes the last silence at the end of the file: that is no beep.
  const beeps = (await beepOnsets(file)).filter((onset) => onset < duration - 0.03);
  // A tick between two output frames can show on both (the constant frame rate output repeats
  // it): a flash is a run of white frames, timed by its first.
  const flashes = (await whiteFrameTimes(file)).filter((t, i, all) => i === 0 || t - (all[i - 1] ?? 0) > 1.5 * FRAME);
  // Audio is cut sample-exactly: each beep starts where toClipTime puts its tick.
  expect(beeps, file).toHaveLength(expected.length);
  beeps.forEach((beep, i) => expect(Math.abs(beep - (expected[i] ?? NaN)), file).toBeLessThan(0.005));
  // The picture flashes on the beep, within a frame.
  expect(flashes, file).toHaveLength(expected.length);
  flashes.forEach((flash, i) => expect(Math.abs(flash - (beeps[i] ?? NaN)), file).toBeLessThanOrEqual(FRAME + 0.001));
  expect(Math.abs(Number((await probe(file)).format.duration) - duration), file).toBeLessThanOrEqual(FRAME);
}

describe('FfmpegMedia.renderClip', () => {
  it('renders 9:16, 1:1 and 16:9 and the thumbnail from one decode: sizes, equal durations, faststart', async () => {
    // Prepare: a trimmed clip (0.6 s cut out), so the subject track jumps at the cut.
    const source = await makeSubjectVideo();
    const timeline: ClipTimeline = [
      { start: 0.2, end: 1 },
      { start: 1.6, end: 2.8 },
    ];
    // The subject's centre on the clip's clock, as the reframing step would give it: x = 55 + 80 * source second.
    const at = (clipT: number, sourceT: number): SubjectPoint => ({ t: clipT, cx: (55 + 80 * sourceT) / 320, cy: 85 / 180 });
    const track = [at(0, 0.2), at(0.8, 1), at(0.8, 1.6), at(2, 2.8)];
    const out = (name: string) => path.join(dir, name);
    const captions916 = await writeCaptions('9x16.ass', { width: 180, height: 320 }, 'hello 你好');
    const captions11 = await writeCaptions('1x1.ass', { width: 180, height: 180 }, 'hello 你好');

    // Act
    const result = await media.renderClip({
      source,
      timeline,
      sourceVideo: { width: 320, height: 180 },
      variants: [
        { aspect: '9:16', outPath: out('9x16.mp4'), reframe: { mode: 'subject', track }, captionsPath: captions916 },
        { aspect: '1:1', outPath: out('1x1.mp4'), reframe: { mode: 'blur' }, captionsPath: captions11 },
        { aspect: '16:9', outPath: out('16x9.mp4'), reframe: { mode: 'center' } },
      ],
      thumbnail: { path: out('thumb.png'), at: 1 },
    });

    // Assess
    expect(result.duration).toBe(2);
    expect(result.variants.map(({ aspect, width, height, reframe }) => ({ aspect, width, height, reframe }))).toEqual([
      { aspect: '9:16', width: 180, height: 320, reframe: 'subject' },
      { aspect: '1:1', width: 180, height: 180, reframe: 'blur' },
      // The source already is 16:9: only scaled, whatever was asked.
      { aspect: '16:9', width: 320, height: 180, reframe: 'none' },
    ]);
    const durations: number[] = [];
    for (const variant of result.variants) {
      const probed = await probe(variant.path);
      const video = streamOf(probed, 'video');
      const audio = streamOf(probed, 'audio');
      expect([video?.codec_name, video?.width, video?.height]).toEqual(['h264', variant.width, variant.height]);
      expect(audio?.codec_name).toBe('aac');
      expect(Math.abs(Number(video?.duration) - Number(audio?.duration))).toBeLessThanOrEqual(FRAME);
      durations.push(Number(probed.format.duration));
      expect(moovBeforeMdat(await readFile(variant.path))).toBe(true);
    }
    expect(Math.max(...durations) - Math.min(...durations)).toBeLessThanOrEqual(FRAME);
    expect(Math.abs((durations[0] ?? 0) - 2)).toBeLessThanOrEqual(FRAME);

    const thumb = await sharp(out('thumb.png')).metadata();
    expect([thumb.format, thumb.width, thumb.height]).toEqual(['png', 180, 320]);

    // What each variant shows: the subject crop keeps the subject in the middle as it moves across,
    // before and after the cut; captions are burned where asked. Frames are kept with
    // POSTSHOW_KEEP_TEST_FILES=1 to look at.
    for (const clipT of [0.3, 0.9, 1.6]) {
      const frame = await extractFrame(out('9x16.mp4'), clipT, dir, `9x16-${clipT}`);
      expect(Math.abs((await subjectCentreX(frame)) - 0.5)).toBeLessThan(0.1);
    }
    const frames = {
      '9x16': await extractFrame(out('9x16.mp4'), 1, dir, 'frame-9x16'),
      '1x1': await extractFrame(out('1x1.mp4'), 1, dir, 'frame-1x1'),
      '16x9': await extractFrame(out('16x9.mp4'), 1, dir, 'frame-16x9'),
    };
    expect(await whiteShareInBand(frames['9x16'], 0.75, 0.92)).toBeGreaterThan(0.01);
    expect(await whiteShareInBand(frames['1x1'], 0.7, 0.92)).toBeGreaterThan(0.01);
    // The 1:1 blur fill: the whole picture (subject included) sits in the middle band.
    expect(await subjectCentreX(frames['1x1'])).toBeGreaterThan(0.2);
  });

  it('keeps every beep on its flash through a trimmed timeline, in every variant', async () => {
    // Prepare: cuts that fall between frames, and a tick 0.03 s into a span.
    const source = await makeTickVideo(dir, 5);
    const timeline: ClipTimeline = [
      { start: 0.3, end: 1.23 },
      { start: 1.7, end: 2.5 },
      { start: 2.9, end: 3.8 },
      { start: 3.97, end: 4.6 },
    ];

    // Act
    const result = await media.renderClip({
      source,
      timeline,
      sourceVideo: { width: 160, height: 90 },
      variants: [
        { aspect: '16:9', outPath: path.join(dir, 'tick-16x9.mp4'), reframe: { mode: 'center' } },
        { aspect: '9:16', outPath: path.join(dir, 'tick-9x16.mp4'), reframe: { mode: 'center' } },
      ],
      thumbnail: { path: path.join(dir, 'tick-thumb.png'), at: 0 },
    });

    // Assess
    expect(result.duration).toBeCloseTo(timelineDuration(timeline), 6);
    for (const variant of result.variants) await expectTicksInSync(variant.path, timeline, result.duration);
  });

  it('renders an audio-only source over a plain background', async () => {
    const source = await makeAudioOnly(dir, 'm4a', 3);
    const result = await media.renderClip({
      source,
      timeline: [{ start: 0.5, end: 2.5 }],
      variants: [{ aspect: '9:16', outPath: path.join(dir, 'audio-9x16.mp4'), reframe: { mode: 'blur' } }],
      thumbnail: { path: path.join(dir, 'audio-thumb.png'), at: 1 },
    });
    expect(result.variants[0]).toMatchObject({ width: 180, height: 320, reframe: 'none' });
    const probed = await probe(path.join(dir, 'audio-9x16.mp4'));
    expect([streamOf(probed, 'video')?.width, streamOf(probed, 'video')?.height]).toEqual([180, 320]);
    expect(Math.abs(Number(probed.format.duration) - 2)).toBeLessThanOrEqual(FRAME);
  });
});

describe('a phone recording stored as rotated landscape frames', () => {
  it('probes as portrait and renders its 9:16 upright, only scaled', async () => {
    const coded = path.join(dir, 'coded-landscape.mp4');
    const rotated = path.join(dir, 'phone-portrait.mp4');
    await execFileAsync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=s=320x180:r=25:d=2', '-f', 'lavfi', '-i', 'sine=d=2', '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', '-shortest', coded]);
    // What phones write: landscape frames plus a display matrix that turns them a quarter.
    await execFileAsync('ffmpeg', ['-v', 'error', '-y', '-i', coded, '-c', 'copy', '-metadata:s:v:0', 'rotate=90', rotated]);
    const info = await media.probe(rotated, 'phone-portrait.mp4');
    expect(info.video).toMatchObject({ width: 180, height: 320 });
    const result = await media.renderClip({
      source: rotated,
      timeline: [{ start: 0, end: 1.5 }],
      sourceVideo: { width: info.video!.width, height: info.video!.height },
      variants: [{ aspect: '9:16', outPath: path.join(dir, 'phone-9x16.mp4'), reframe: { mode: 'blur' } }],
      thumbnail: { path: path.join(dir, 'phone-thumb.png'), at: 0.5 },
    });
    expect(result.variants[0]).toMatchObject({ aspect: '9:16', reframe: 'none', width: 180, height: 320 });
    const probed = await probe(path.join(dir, 'phone-9x16.mp4'));
    expect([streamOf(probed, 'video')?.width, streamOf(probed, 'video')?.height]).toEqual([180, 320]);
  });
});

describe('FfmpegMedia.renderClip on the Lambda build (static ffmpeg 4.1)', () => {
  it("renders a trimmed clip's variants with captions, audio on the picture, as Debian's build does", async () => {
    // Prepare: the layer's binary, copied out and made executable as the layer does.
    const require = createRequire(import.meta.url);
    const ffmpegPath = path.join(dir, 'ffmpeg-4.1');
    await copyFile(path.join(path.dirname(require.resolve('@ffmpeg-installer/linux-x64/package.json')), 'ffmpeg'), ffmpegPath);
    await chmod(ffmpegPath, 0o755);
    const lambdaMedia = new FfmpegMedia({ ...media.options, ffmpegPath });
    const source = await makeTickVideo(dir, 5, '320x180');
    const timeline: ClipTimeline = [
      { start: 0.3, end: 1.23 },
      { start: 1.7, end: 2.5 },
      { start: 3.97, end: 4.6 },
    ];
    const captions = await writeCaptions('lambda-9x16.ass', { width: 180, height: 320 }, '新品 new');

    // Act
    const result = await lambdaMedia.renderClip({
      source,
      timeline,
      sourceVideo: { width: 320, height: 180 },
      variants: [
        { aspect: '9:16', outPath: path.join(dir, 'lambda-9x16.mp4'), reframe: { mode: 'subject', track: [{ t: 0, cx: 0.3, cy: 0.5 }, { t: 2, cx: 0.7, cy: 0.5 }] }, captionsPath: captions },
        { aspect: '1:1', outPath: path.join(dir, 'lambda-1x1.mp4'), reframe: { mode: 'blur' } },
      ],
      thumbnail: { path: path.join(dir, 'lambda-thumb.png'), at: 0.5 },
    });

    // Assess
    for (const variant of result.variants) {
      const probed = await probe(variant.path);
      expect(probed.format.tags, variant.path).toMatchObject({ encoder: expect.stringMatching(/^Lavf58\./) });
      expect([streamOf(probed, 'video')?.width, streamOf(probed, 'video')?.height]).toEqual([variant.width, variant.height]);
      expect(moovBeforeMdat(await readFile(variant.path))).toBe(true);
      await expectTicksInSync(variant.path, timeline, result.duration);
    }
    const frame = await extractFrame(path.join(dir, 'lambda-9x16.mp4'), 0.5, dir, 'lambda-9x16');
    expect(await whiteShareInBand(frame, 0.75, 0.92)).toBeGreaterThan(0.01);
    expect(await sharp(path.join(dir, 'lambda-thumb.png')).metadata()).toMatchObject({ format: 'png', width: 180, height: 320 });
  });
});
