/**
 * The smart cut of a clip's source-shape variant with real ffmpeg on generated recordings of two kinds a
 * recorder writes (NTSC rate with B-frames and odd keyframe times; no B-frames and other coding tools): every
 * frame lands where a full re-encode puts it, the copied GOPs are the recording's own frames bit for bit, the
 * join decodes without an error in ffmpeg and plays in Chromium, and the captions travel as a track.
 */
import { execFile } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FfmpegMedia } from '../../shared/adapters/media/ffmpegMedia.js';
import type { ClipTimeline } from '../../shared/core/clips/clipTimeline.js';
import { NOMINAL_VARIANT_SIZES } from '../../shared/core/clips/variantSize.js';
import type { RenderClipResult } from '../../shared/pipeline/ports.js';
import { BROWSER_REQUIRED, CHROMIUM_PATH, launchChromium } from '../helpers/browser.js';

const execFileAsync = promisify(execFile);
const SIZE = { width: 480, height: 270 } as const;
const media = new FfmpegMedia({
  x264Preset: 'ultrafast',
  variantSizes: { ...NOMINAL_VARIANT_SIZES, '9:16': { width: 180, height: 320 }, '16:9': { width: 1920, height: 1080 } },
});

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'postshow-smartcut-'));
});
afterAll(async () => {
  if (!process.env.POSTSHOW_KEEP_TEST_FILES) await rm(dir, { recursive: true, force: true });
});

/** A moving, textured 480x270 picture (every frame differs from its neighbours) with a tone. */
async function makeRecording(name: string, rate: string, seconds: number, x264: string[]): Promise<string> {
  const out = path.join(dir, name);
  await execFileAsync('ffmpeg', [
    '-v', 'error', '-y',
    '-f', 'lavfi', '-i', `testsrc2=s=${SIZE.width}x${SIZE.height}:r=${rate}:d=${seconds}`,
    '-f', 'lavfi', '-i', `sine=frequency=330:sample_rate=48000:duration=${seconds}`,
    '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-sc_threshold', '0', ...x264,
    '-c:a', 'aac', '-b:a', '96k', '-shortest', out,
  ]);
  return out;
}

async function writeCaptions(name: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(
    file,
    [
      '[Script Info]', 'ScriptType: v4.00+', `PlayResX: ${SIZE.width}`, `PlayResY: ${SIZE.height}`, '',
      '[V4+ Styles]',
      'Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding',
      'Style: Default,Noto Sans CJK SC,24,&H00FFFFFF,&H000000FF,&H00000000,&H00000000,1,0,0,0,100,100,0,0,1,2,0,2,10,10,10,1',
      '', '[Events]', 'Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text',
      'Dialogue: 0,0:00:00.50,0:00:02.50,Default,,0,0,0,,Silk Lip Tint goes on smooth',
      'Dialogue: 0,0:00:03.00,0:00:05.00,Default,,0,0,0,,and lasts all day',
      '',
    ].join('\n'),
  );
  return file;
}

async function render(source: string, timeline: ClipTimeline, stem: string): Promise<{ result: RenderClipResult; master: string; vertical: string }> {
  const captionsPath = await writeCaptions(`${stem}.ass`);
  const master = path.join(dir, `${stem}-16x9.mp4`);
  const vertical = path.join(dir, `${stem}-9x16.mp4`);
  const result = await media.renderClip({
    source,
    timeline,
    sourceVideo: SIZE,
    variants: [
      { aspect: '9:16', outPath: vertical, reframe: { mode: 'blur' }, captionsPath },
      { aspect: '16:9', outPath: master, reframe: { mode: 'blur' }, captionsPath, captionsAs: 'track' },
    ],
    thumbnail: { path: path.join(dir, `${stem}-thumb.png`), at: 1 },
  });
  return { result, master, vertical };
}

/**
 * Per frame of `clip`, its PSNR (dB; Infinity when identical) against the recording's frames in the kept spans,
 * decoded and concatenated by ffmpeg's own trim and concat filters: what a frame-exact full re-encode shows.
 * Frames are paired by their index (n-th frame of the clip with the n-th kept frame), not by timestamp: the
 * reference starts its clock at its first frame, the clip at the span's start, up to a frame apart.
 */
async function framePsnr(recording: string, timeline: ClipTimeline, clip: string): Promise<number[]> {
  const spans = timeline.map((span, i) => `[0:v]trim=start=${span.start}:end=${span.end},setpts=PTS-STARTPTS[s${i}]`);
  const reference = `${spans.join(';')};${timeline.map((_, i) => `[s${i}]`).join('')}concat=n=${timeline.length}:v=1:a=0,settb=1/30,setpts=N[ref]`;
  const { stdout } = await execFileAsync(
    'ffmpeg',
    ['-v', 'error', '-i', recording, '-i', clip, '-filter_complex', `${reference};[1:v]settb=1/30,setpts=N[clip];[ref][clip]psnr=stats_file=-:shortest=1`, '-f', 'null', '-'],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  return stdout
    .trim()
    .split('\n')
    .map((line) => {
      const value = /psnr_avg:(\S+)/.exec(line)?.[1] ?? 'nan';
      return value === 'inf' ? Infinity : Number(value);
    });
}

async function framesIn(file: string): Promise<number> {
  const { stdout } = await execFileAsync('ffprobe', ['-v', 'error', '-count_frames', '-select_streams', 'v:0', '-show_entries', 'stream=nb_read_frames', '-of', 'csv=p=0', file]);
  return Number(stdout.trim());
}

/** ffmpeg decodes the whole file and complains about nothing (timestamps included). */
async function decodeWarnings(file: string): Promise<string> {
  const { stderr } = await execFileAsync('ffmpeg', ['-v', 'warning', '-i', file, '-f', 'null', '-']);
  return stderr.trim();
}

describe('smart cut of the source-shape variant', () => {
  it('copies whole GOPs bit for bit and re-encodes only the partial ones, every frame where a re-encode puts it (29.97 fps, B-frames)', async () => {
    // A keyframe every 61 frames of 1001/30000 s: keyframe times are not round numbers.
    const recording = await makeRecording('ntsc.mp4', '30000/1001', 10, ['-preset', 'veryfast', '-g', '61', '-keyint_min', '61', '-bf', '3']);
    const timeline = [{ start: 1.3, end: 8.6 }];
    const { result, master, vertical } = await render(recording, timeline, 'ntsc');
    const variant = result.variants.find((v) => v.aspect === '16:9')!;
    expect(variant).toMatchObject({ width: SIZE.width, height: SIZE.height, reframe: 'none', captionsAs: 'track' });
    // Keyframes at 2.035 s, 4.07 s, 6.106 s and 8.141 s: 6.1 s copied, 1.2 s re-encoded.
    expect(variant.copiedSeconds).toBeCloseTo(8.1414 - 2.0354, 2);

    const psnr = await framePsnr(recording, timeline, master);
    // The recording's frames 39 (1.3013 s) to 257 (8.5752 s) at 29.97 fps.
    expect(psnr).toHaveLength(219);
    expect(await framesIn(master)).toBe(psnr.length);
    const copied = psnr.filter((value) => value === Infinity).length;
    expect(copied).toBe(183); // 3 GOPs of 61 frames
    // A frame off by one would score ~15 dB on this moving picture; the re-encoded ends look like the recording.
    expect(Math.min(...psnr)).toBeGreaterThan(35);
    expect(await decodeWarnings(master)).toBe('');
    // The vertical is still burned and cut from the same decode.
    expect(await framesIn(vertical)).toBe(psnr.length);

    // The captions ride along as a track, word for word.
    const { stdout: srt } = await execFileAsync('ffmpeg', ['-v', 'error', '-i', master, '-map', '0:s:0', '-f', 'srt', '-']);
    expect(srt).toContain('Silk Lip Tint goes on smooth');
    expect(srt).toContain('and lasts all day');
    // Nothing of the assembly is left beside the mp4.
    const { stdout: left } = await execFileAsync('ls', [dir]);
    expect(left).not.toMatch(/\.piece\d|\.copy\d|\.concat\.txt|\.audio\.m4a/);
  });

  it('splices a trimmed clip from two kept spans of a recording without B-frames and other coding tools', async () => {
    const recording = await makeRecording('plain.mp4', '25', 9, ['-preset', 'ultrafast', '-g', '50', '-keyint_min', '50', '-bf', '0', '-profile:v', 'baseline']);
    const timeline = [
      { start: 0.5, end: 4.3 },
      { start: 4.9, end: 8.5 },
    ];
    const { result, master } = await render(recording, timeline, 'plain');
    const variant = result.variants.find((v) => v.aspect === '16:9')!;
    expect(variant.copiedSeconds).toBeCloseTo(4, 6); // [2, 4) and [6, 8)
    const psnr = await framePsnr(recording, timeline, master);
    expect(psnr).toHaveLength(95 + 90); // frames 13-107 and 123-212 of 25 fps
    expect(await framesIn(master)).toBe(psnr.length);
    expect(psnr.filter((value) => value === Infinity)).toHaveLength(100);
    expect(Math.min(...psnr)).toBeGreaterThan(35);
    expect(await decodeWarnings(master)).toBe('');
  });

  it('re-encodes the whole variant, captions still as a track, when the recording is not H.264', async () => {
    const recording = path.join(dir, 'mpeg4.mp4');
    await execFileAsync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=s=${SIZE.width}x${SIZE.height}:r=25:d=6`, '-f', 'lavfi', '-i', 'sine=d=6', '-c:v', 'mpeg4', '-q:v', '2', '-g', '25', '-c:a', 'aac', '-shortest', recording]);
    const timeline = [{ start: 1.2, end: 4.8 }];
    const { result, master } = await render(recording, timeline, 'mpeg4');
    expect(result.variants.find((v) => v.aspect === '16:9')).toMatchObject({ copiedSeconds: 0, captionsAs: 'track' });
    expect(await framesIn(master)).toBe(90);
    const { stdout } = await execFileAsync('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name', '-of', 'csv=p=0', master]);
    expect(stdout.trim().split('\n')).toEqual(['h264', 'aac', 'mov_text']);
  });

  it.skipIf(!CHROMIUM_PATH && !BROWSER_REQUIRED)('plays in Chromium, showing the recording\'s frames on both sides of a joint', async () => {
    const recording = path.join(dir, 'ntsc.mp4');
    const master = path.join(dir, 'ntsc-16x9.mp4');
    await stat(master); // made by the first test
    // Byte ranges, as every file server gives: without them Chromium cannot seek.
    const server: Server = createServer((request, response) => {
      if (request.url === '/') return void response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>clip</title>');
      if (request.url !== '/clip.mp4') return void response.writeHead(404).end();
      void stat(master).then(({ size }) => {
        const range = /bytes=(\d+)-(\d*)/.exec(request.headers.range ?? '');
        const start = range ? Number(range[1]) : 0;
        const end = range?.[2] ? Number(range[2]) : size - 1;
        const headers = { 'content-type': 'video/mp4', 'accept-ranges': 'bytes', 'content-length': String(end - start + 1) };
        response.writeHead(range ? 206 : 200, range ? { ...headers, 'content-range': `bytes ${start}-${end}/${size}` } : headers);
        createReadStream(master, { start, end }).pipe(response);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      // Clip frames 21 and 22 (the joint: the copy starts on the recording's frame 61, its keyframe at 2.035 s),
      // one deep in the copy and one in the re-encoded tail, each sought half a frame after it starts.
      const frame = 1001 / 30000;
      const clipFrames = [21, 22, 100, 210];
      // A script, not a function: the test runner's compiler would name a function's callbacks with a helper
      // the page lacks. Then the clip plays through to its end.
      const played = (await page.evaluate(`(async () => {
        const video = document.createElement('video');
        video.muted = true;
        video.src = '/clip.mp4';
        document.body.append(video);
        const failed = new Promise((_, reject) => (video.onerror = () => reject(new Error('media error ' + video.error?.code + ': ' + video.error?.message))));
        await Promise.race([new Promise((resolve) => (video.onloadeddata = resolve)), failed]);
        const canvas = document.createElement('canvas');
        canvas.width = 96;
        canvas.height = 54;
        const context = canvas.getContext('2d', { willReadFrequently: true });
        const frames = {};
        for (const k of ${JSON.stringify(clipFrames)}) {
          // 'seeked' can fire before the new frame is decoded on a busy machine: wait for it to be presented
          // too (at most a second), and never read a frame that is still blank.
          const presented = new Promise((resolve) => video.requestVideoFrameCallback(() => resolve()));
          video.currentTime = (k + 0.5) * ${frame};
          await Promise.race([new Promise((resolve) => (video.onseeked = resolve)), failed]);
          await Promise.race([presented, new Promise((resolve) => setTimeout(resolve, 1000))]);
          let pixels;
          for (let tries = 0; tries < 40; tries++) {
            context.drawImage(video, 0, 0, 96, 54);
            pixels = context.getImageData(0, 0, 96, 54).data;
            if (pixels.some((value, index) => index % 4 !== 3 && value > 0)) break;
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
          frames[k] = Array.from(pixels);
        }
        video.currentTime = 0;
        await Promise.race([new Promise((resolve) => (video.onended = resolve)), failed, video.play().then(() => failed)]);
        return { frames, duration: video.duration, ended: video.ended };
      })()`)) as { frames: Record<number, number[]>; duration: number; ended: boolean };
      expect(played.ended).toBe(true);
      expect(played.duration).toBeCloseTo(7.3, 1);
      // Each drawn frame is closest to the recording's own frame at its place, not to a neighbour.
      const reference = async (k: number): Promise<Buffer> => {
        // The span's first frame is the recording's frame 39; -ss half a frame early lands on frame 39 + k.
        const { stdout } = await execFileAsync('ffmpeg', ['-v', 'error', '-ss', ((39 + k - 0.5) * frame).toFixed(6), '-i', recording, '-frames:v', '1', '-vf', 'scale=96:54', '-f', 'rawvideo', '-pix_fmt', 'rgba', '-'], {
          encoding: 'buffer',
        });
        return stdout;
      };
      const difference = (shown: readonly number[], expected: Buffer): number => {
        let sum = 0;
        for (let p = 0; p < shown.length; p += 4) for (let c = 0; c < 3; c++) sum += Math.abs(shown[p + c]! - expected[p + c]!);
        return sum / ((shown.length / 4) * 3);
      };
      for (const k of clipFrames) {
        const [before, same, after] = await Promise.all([k - 1, k, k + 1].map(async (n) => difference(played.frames[k]!, await reference(n))));
        expect(same, `clip frame ${k}`).toBeLessThan(Math.min(before!, after!));
        expect(same, `clip frame ${k}`).toBeLessThan(8);
      }
    } finally {
      await browser.close();
      server.close();
    }
  });
});
