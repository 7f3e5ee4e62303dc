/**
 * FfmpegMedia on the static binaries Lambda runs (@ffmpeg-installer/linux-x64: ffmpeg 4.1 without scdet
 * or -fps_mode; @ffprobe-installer/linux-x64), copied out of node_modules and made executable as the
 * layer does. Media is generated with Debian's ffmpeg and espeak-ng; where both builds can do the
 * same work, Debian's results are the reference. Fontconfig is given a configuration without font
 * directories, as in Lambda, so captions can only come from `fontsDir`. The recording is also served
 * over HTTP with Range support, standing in for a presigned S3 URL.
 */
import { execFile } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { chmod, copyFile, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FfmpegMedia } from '../../shared/adapters/media/ffmpegMedia.js';
import { bundledFfprobe } from '../../shared/adapters/media/bundledFfprobe.js';
import { buildClipCaptions, CAPTION_STYLE_PRESETS } from '../../shared/core/captions/index.js';
import { wholeSpan } from '../../shared/core/clips/clipTimeline.js';
import { MediaError } from '../../shared/core/errors.js';
import type { AudioPassResult } from '../../shared/pipeline/ports.js';
import { extractFrame, whiteShareInBand } from '../helpers/frames.js';
import { makeAudioOnly, makeSpeechWav } from '../helpers/media.js';
import { makeWorkspace } from '../helpers/pipelineFixture.js';

const execFileAsync = promisify(execFile);
const require = createRequire(import.meta.url);

/** Where scripts/install-system-packages.sh puts Noto CJK; the layer ships the same files in /opt/fonts. */
const NOTO_DIR = '/usr/share/fonts/opentype/noto';

/** Debian's ffmpeg, for generating test media only. */
async function ffmpeg(args: readonly string[]): Promise<void> {
  await execFileAsync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args], { maxBuffer: 16 * 1024 * 1024 });
}

/** Copies an installer package's binary into `binDir` with mode 0755 (the package may ship it without x for others). */
async function installBinary(pkg: string, name: string, binDir: string): Promise<string> {
  const target = path.join(binDir, name);
  await copyFile(path.join(path.dirname(require.resolve(`${pkg}/package.json`)), name), target);
  await chmod(target, 0o755);
  return target;
}

// Same segments as test/integration/sceneChanges.test.ts: cuts at 12, 21, 30 and 39 s.
const FPS = 25;
const SCENE_SIZE = '320x180';
const SEGMENTS = [
  { seconds: 12, source: (d: number) => `testsrc2=s=${SCENE_SIZE}:r=${FPS}:d=${d}` },
  { seconds: 9, source: (d: number) => `smptebars=s=${SCENE_SIZE}:r=${FPS}:d=${d}` },
  { seconds: 9, source: (d: number) => `color=c=0x2060c0:s=${SCENE_SIZE}:r=${FPS}:d=${d},noise=alls=40:allf=u` },
  { seconds: 9, source: (d: number) => `mandelbrot=s=${SCENE_SIZE}:r=${FPS},trim=duration=${d}` },
  { seconds: 11, source: (d: number) => `testsrc2=s=${SCENE_SIZE}:r=${FPS}:d=${d},hue=h=90,vflip` },
] as const;
const CUTS = [12, 21, 30, 39];
const SCENE_SECONDS = 50;

async function makeCutVideo(dir: string, name: string, gopArgs: readonly string[]): Promise<string> {
  const out = path.join(dir, name);
  const concat = `${SEGMENTS.map((_, i) => `[${i}:v]`).join('')}concat=n=${SEGMENTS.length}:v=1:a=0,format=yuv420p[v]`;
  await ffmpeg([
    ...SEGMENTS.flatMap((segment) => ['-f', 'lavfi', '-i', segment.source(segment.seconds)]),
    '-filter_complex', concat, '-map', '[v]', '-c:v', 'libx264', ...gopArgs, '-fflags', '+bitexact', out,
  ]);
  return out;
}

const RECORDING_SECONDS = 30;
/** Seconds of silence between the English and the Chinese sentence of the recording. */
const GAP_SECONDS = 3;

/** A request the range server answered. */
interface ServedRequest {
  readonly range: string | undefined;
  readonly status: number;
  readonly start: number;
  sent: number;
}

/** Serves files of `dir` with `Range: bytes=a-[b]` support (206), logging every request. */
async function startRangeServer(dir: string): Promise<{ server: Server; url: (name: string) => string; log: ServedRequest[] }> {
  const log: ServedRequest[] = [];
  const server = createServer((request, response) => {
    const file = path.join(dir, path.basename(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)));
    stat(file).then(
      ({ size }) => {
        const range = /^bytes=(\d+)-(\d*)$/.exec(request.headers.range ?? '');
        const start = range ? Number(range[1]) : 0;
        const end = range?.[2] ? Math.min(size - 1, Number(range[2])) : size - 1;
        if (start >= size) {
          response.writeHead(416, { 'Content-Range': `bytes */${size}` }).end();
          return;
        }
        const entry: ServedRequest = { range: request.headers.range, status: range ? 206 : 200, start, sent: 0 };
        log.push(entry);
        response.writeHead(entry.status, {
          'Content-Type': 'video/mp4',
          'Accept-Ranges': 'bytes',
          'Content-Length': end - start + 1,
          ...(range ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {}),
        });
        if (request.method === 'HEAD') {
          response.end();
          return;
        }
        const body = createReadStream(file, { start, end });
        body.on('data', (chunk) => (entry.sent += chunk.length));
        // ffmpeg hangs up once it has what it needs: stop reading the file then.
        response.on('close', () => body.destroy());
        body.pipe(response);
      },
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: (name) => `http://127.0.0.1:${port}/${encodeURIComponent(name)}`, log };
}

interface ProbeJson {
  streams: { codec_type: string; codec_name: string; width?: number; height?: number; sample_rate?: string; channels?: number }[];
  format: { duration: string; format_name: string; tags?: { encoder?: string } };
}

describe.skipIf(process.platform !== 'linux' || process.arch !== 'x64')('FfmpegMedia on the static ffmpeg 4.1 / ffprobe of the Lambda layer', () => {
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  let ffmpegPath: string;
  let ffprobePath: string;
  let lambdaMedia: FfmpegMedia;
  const debianMedia = new FfmpegMedia({ ffmpegPath: 'ffmpeg', ffprobePath: 'ffprobe', fontsDir: NOTO_DIR });
  let recording: string;
  let englishSeconds: number;
  let x264Default: string;
  let obsLike: string;
  let ranges: Awaited<ReturnType<typeof startRangeServer>>;
  const savedFontconfig = process.env.FONTCONFIG_FILE;

  /** ffprobe's JSON for a file, from the static ffprobe. */
  async function probeJson(file: string): Promise<ProbeJson> {
    const { stdout } = await execFileAsync(ffprobePath, ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', file]);
    return JSON.parse(stdout) as ProbeJson;
  }

  beforeAll(async () => {
    workspace = await makeWorkspace('postshow-static-ffmpeg-');
    const binDir = path.join(workspace.dir, 'bin');
    await mkdir(binDir);
    [ffmpegPath, ffprobePath] = await Promise.all([
      installBinary('@ffmpeg-installer/linux-x64', 'ffmpeg', binDir),
      installBinary('@ffprobe-installer/linux-x64', 'ffprobe', binDir),
    ]);
    // Lambda has no fontconfig setup with fonts in it: only what libass loads from fontsDir can draw a glyph.
    const fontconfig = path.join(workspace.dir, 'fonts.conf');
    await writeFile(fontconfig, `<?xml version="1.0"?>\n<fontconfig><cachedir>${path.join(workspace.dir, 'fontcache')}</cachedir></fontconfig>\n`);
    process.env.FONTCONFIG_FILE = fontconfig;
    lambdaMedia = new FfmpegMedia({ ffmpegPath, ffprobePath, fontsDir: NOTO_DIR, x264Preset: 'ultrafast' });

    const english = await makeSpeechWav(workspace.dir, 'Welcome to the show. Today we look at three new products.', 'en-us');
    const chinese = await makeSpeechWav(workspace.dir, '欢迎来到直播间，今天我们看三个新产品。', 'cmn');
    englishSeconds = Number((await execFileAsync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', english])).stdout);
    recording = path.join(workspace.dir, 'recording.mp4');
    [x264Default, obsLike] = await Promise.all([
      makeCutVideo(workspace.dir, 'x264-default.mp4', ['-pix_fmt', 'yuv420p']),
      makeCutVideo(workspace.dir, 'obs-gop2s.mp4', ['-preset', 'veryfast', '-g', String(2 * FPS), '-keyint_min', String(2 * FPS), '-sc_threshold', '0', '-pix_fmt', 'yuv420p']),
      // 720p, moov at the front as OBS remuxes and browsers upload; ~28 MB, so seeking shows in the byte counts.
      ffmpeg([
        '-f', 'lavfi', '-i', `testsrc2=s=1280x720:r=${FPS}:d=${RECORDING_SECONDS}`, '-i', english, '-i', chinese,
        '-filter_complex', `[1:a]aresample=48000,apad=pad_dur=${GAP_SECONDS}[en];[2:a]aresample=48000[zh];[en][zh]concat=n=2:v=0:a=1,apad=whole_dur=${RECORDING_SECONDS}[a]`,
        '-map', '0:v', '-map', '[a]', '-t', String(RECORDING_SECONDS),
        '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '20', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '128k', '-ac', '2',
        '-movflags', '+faststart', '-fflags', '+bitexact', recording,
      ]),
    ]);
    ranges = await startRangeServer(workspace.dir);
  });

  afterAll(async () => {
    if (savedFontconfig === undefined) delete process.env.FONTCONFIG_FILE;
    else process.env.FONTCONFIG_FILE = savedFontconfig;
    await new Promise((resolve) => ranges?.server.close(resolve));
    await workspace?.cleanup();
  });

  it('runs the Lambda build: no scdet and no -fps_mode, but signalstats, libass, ebur128 and silencedetect', async () => {
    const lambda = await lambdaMedia.capabilities();
    expect(lambda.ffmpegPath).toBe(ffmpegPath);
    expect(lambda.filters.has('scdet')).toBe(false);
    expect(lambda.options.has('fps_mode')).toBe(false);
    expect(lambda.options.has('vsync')).toBe(true);
    for (const filter of ['signalstats', 'subtitles', 'ebur128', 'silencedetect', 'metadata', 'boxblur', 'overlay']) expect(lambda.filters.has(filter), filter).toBe(true);
    // Asked once per instance.
    expect(await lambdaMedia.capabilities()).toBe(lambda);
    // The reference really is the scdet path.
    expect((await debianMedia.capabilities()).filters.has('scdet')).toBe(true);
  });

  it('takes the binaries and the fonts directory from FFMPEG_PATH, FFPROBE_PATH and POSTSHOW_FONTS_DIR', async () => {
    const saved = { ...process.env };
    try {
      Object.assign(process.env, { FFMPEG_PATH: ffmpegPath, FFPROBE_PATH: ffprobePath, POSTSHOW_FONTS_DIR: '/opt/fonts' });
      const fromEnv = new FfmpegMedia();
      expect(fromEnv.options).toMatchObject({ ffmpegPath, ffprobePath, fontsDir: '/opt/fonts' });
      expect((await fromEnv.capabilities()).version).toBe((await lambdaMedia.capabilities()).version);
      expect(new FfmpegMedia({ ffmpegPath: 'ffmpeg', fontsDir: NOTO_DIR }).options).toMatchObject({ ffmpegPath: 'ffmpeg', ffprobePath, fontsDir: NOTO_DIR });
      Object.assign(process.env, { FFMPEG_PATH: '', FFPROBE_PATH: '', POSTSHOW_FONTS_DIR: '' });
      // Unset, ffprobe is the static build npm installed (bundledFfprobe.ts), which this repository has.
      expect(new FfmpegMedia().options).toMatchObject({ ffmpegPath: 'ffmpeg', ffprobePath: bundledFfprobe(), fontsDir: NOTO_DIR });
      expect(bundledFfprobe()).toMatch(/@ffprobe-installer\/linux-x64\/ffprobe$/);
    } finally {
      for (const key of ['FFMPEG_PATH', 'FFPROBE_PATH', 'POSTSHOW_FONTS_DIR']) {
        if (saved[key] === undefined) delete process.env[key];
        else process.env[key] = saved[key];
      }
    }
  });

  it('keeps each command on its own binaries, even with two instances running at once', async () => {
    const lambdaWav = path.join(workspace.dir, 'extract-lambda.wav');
    const debianWav = path.join(workspace.dir, 'extract-debian.wav');
    await Promise.all([
      lambdaMedia.extractAudio(recording, { start: 2, end: 5, outPath: lambdaWav }),
      debianMedia.extractAudio(recording, { start: 2, end: 5, outPath: debianWav }),
    ]);
    const [lambdaOut, debianOut] = await Promise.all([probeJson(lambdaWav), probeJson(debianWav)]);
    // libavformat 58 is ffmpeg 4.x: the static build wrote one file, Debian's 5.1 (59) the other.
    expect(lambdaOut.format.tags?.encoder).toMatch(/^Lavf58\./);
    expect(debianOut.format.tags?.encoder).not.toMatch(/^Lavf58\./);
    expect(lambdaOut.streams[0]).toMatchObject({ codec_name: 'pcm_s16le', sample_rate: '16000', channels: 1 });
    expect(Number(lambdaOut.format.duration)).toBeCloseTo(3, 1);
    // A path that does not exist fails rather than falling back to the ffmpeg on PATH.
    const broken = new FfmpegMedia({ ffmpegPath: path.join(workspace.dir, 'missing', 'ffmpeg'), ffprobePath: path.join(workspace.dir, 'missing', 'ffprobe') });
    // Not the recording's fault, so not permanent.
    await expect(broken.extractAudio(recording, { start: 0, end: 1, outPath: path.join(workspace.dir, 'never.wav') })).rejects.toMatchObject({
      name: 'MediaError',
      permanent: false,
    });
    await expect(broken.probe(recording, 'recording.mp4')).rejects.toMatchObject({ name: 'MediaError', permanent: false, message: /ffprobe at .* could not be run/ });
  });

  it('probes the recording over HTTP, reading only its head, and explains a file that is not media', async () => {
    const before = ranges.log.length;
    const info = await lambdaMedia.probe(ranges.url('recording.mp4'), 'recording.mp4');
    expect(info.formatName).toMatch(/mp4/);
    expect(info.duration).toBeCloseTo(RECORDING_SECONDS, 0);
    expect(info.sizeBytes).toBe((await stat(recording)).size);
    expect(info.video).toEqual({ codec: 'h264', width: 1280, height: 720, fps: FPS });
    expect(info.audio).toEqual({ codec: 'aac', sampleRate: 48000, channels: 2 });
    expect(ranges.log.slice(before).every((request) => request.status === 206)).toBe(true);

    const junk = path.join(workspace.dir, 'junk.mp4');
    await writeFile(junk, Buffer.from('this is not a video file at all'.repeat(100)));
    const error = await lambdaMedia.probe(junk, 'junk.mp4').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MediaError);
    expect((error as MediaError).permanent).toBe(true);
    expect((error as MediaError).message).toMatch(/junk\.mp4 is (truncated|not a readable media file)/);
  });

  it('probes an MPEG-TS recording, whose service name once crashed the static ffprobe (host gconv modules)', async () => {
    // ffmpeg's TS muxer names the service in the default DVB character set; converting it made the static
    // ffprobe load the host's iconv module and die of SIGSEGV before ffprobeRun.ts set GCONV_PATH.
    const names = [['service_name', 'Service01'], ['service_name', '\x01Cyrillic'], ['service_name', '\x13\xd6\xd0\xce\xc4']] as const;
    for (const [key, value] of names) {
      const ts = path.join(workspace.dir, `show-${names.findIndex(([, v]) => v === value)}.ts`);
      await ffmpeg(['-f', 'lavfi', '-i', 'testsrc=s=160x120:r=25:d=1', '-f', 'lavfi', '-i', 'sine=d=1', '-c:v', 'libx264', '-c:a', 'aac', '-metadata', `${key}=${value}`, ts]);
      const info = await lambdaMedia.probe(ts, 'show.ts');
      expect(info).toMatchObject({ formatName: 'mpegts', video: { codec: 'h264', width: 160, height: 120 }, audio: { codec: 'aac' } });
    }
  });

  it("measures loudness and silences as Debian's ffmpeg does, and writes the 16 kHz speech WAV", async () => {
    const speechPath = path.join(workspace.dir, 'speech-lambda.wav');
    const [lambda, debian] = await Promise.all([
      lambdaMedia.analyzeAudio(recording, { duration: RECORDING_SECONDS, speechPath }),
      debianMedia.analyzeAudio(recording, { duration: RECORDING_SECONDS }),
    ]);
    const covering = (result: AudioPassResult, from: number, to: number) => result.silences.some((s) => s.start <= from && s.end >= to);
    // The pause between the sentences, and the quiet tail of the recording.
    expect(covering(lambda, englishSeconds + 0.1, englishSeconds + GAP_SECONDS - 0.1), JSON.stringify(lambda.silences)).toBe(true);
    expect(lambda.silences.some((s) => s.end >= RECORDING_SECONDS - 0.2 && s.start < RECORDING_SECONDS - 5)).toBe(true);
    expect(lambda.silences.some((s) => s.start < 2 && s.end > 1)).toBe(false);
    expect(lambda.silences).toHaveLength(debian.silences.length);
    for (const [i, silence] of lambda.silences.entries()) {
      expect(Math.abs(silence.start - debian.silences[i]!.start)).toBeLessThan(0.05);
      expect(Math.abs(silence.end - debian.silences[i]!.end)).toBeLessThan(0.05);
    }
    expect(lambda.loudness).toHaveLength(debian.loudness.length);
    expect(lambda.loudness.length).toBeGreaterThanOrEqual(RECORDING_SECONDS - 1);
    for (const [second, lufs] of lambda.loudness.entries()) expect(Math.abs(lufs - debian.loudness[second]!), `second ${second}`).toBeLessThan(0.5);
    expect(Math.max(...lambda.loudness.slice(0, 3))).toBeGreaterThan(-35);
    expect(Math.abs(lambda.integratedLufs - debian.integratedLufs)).toBeLessThan(0.3);
    expect(lambda.decodedSeconds).toBeCloseTo(RECORDING_SECONDS, 0);

    const wav = await probeJson(speechPath);
    expect(wav.streams[0]).toMatchObject({ codec_name: 'pcm_s16le', sample_rate: '16000', channels: 1 });
    expect(Number(wav.format.duration)).toBeCloseTo(RECORDING_SECONDS, 0);
    expect(wav.format.tags?.encoder).toMatch(/^Lavf58\./);
  });

  it('finds the cuts scdet finds, through the signalstats fallback', async () => {
    for (const [file, late] of [[x264Default, 0.1], [obsLike, 2.1]] as const) {
      const progress: number[] = [];
      const [lambda, debian] = await Promise.all([
        lambdaMedia.detectSceneChanges(file, { duration: SCENE_SECONDS, onProgress: (f) => progress.push(f) }),
        debianMedia.detectSceneChanges(file, { duration: SCENE_SECONDS }),
      ]);
      // Identical measures (see SignalstatsChangeReader), so the very same detections.
      expect(lambda, path.basename(file)).toEqual(debian);
      expect(lambda).toHaveLength(CUTS.length);
      for (const [i, cut] of CUTS.entries()) {
        expect(lambda[i]! - cut, `${path.basename(file)}: cut at ${cut} in ${lambda}`).toBeGreaterThanOrEqual(-0.1);
        expect(lambda[i]! - cut).toBeLessThanOrEqual(late);
      }
      expect(progress.every((f) => f >= 0 && f <= 1)).toBe(true);
    }
    expect(await lambdaMedia.detectSceneChanges(await makeAudioOnly(workspace.dir, 'm4a', 3), { duration: 3 })).toEqual([]);
    const error = await lambdaMedia.detectSceneChanges(path.join(workspace.dir, 'junk.mp4'), { duration: 10 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MediaError);
    expect((error as MediaError).permanent).toBe(true);
  });

  /** The bold-style ASS of a sidecar caption (trusted text) at 1080x1920, in clip seconds. */
  async function captionsFile(name: string, text: string, window: { start: number; end: number }): Promise<string> {
    const file = path.join(workspace.dir, name);
    const { ass } = buildClipCaptions({
      segments: [{ start: window.start + 0.1, end: window.end - 0.1, text }],
      engine: 'captions',
      language: 'zh',
      timeline: wholeSpan(window),
      style: CAPTION_STYLE_PRESETS.bold,
      frame: { width: 1080, height: 1920 },
    });
    await writeFile(file, ass ?? '');
    return file;
  }

  it('renders a clip out of the middle of the recording over HTTP with ranged reads: source shape, 9:16 with zh+en captions, frame', async () => {
    const start = 10;
    const window = { start, end: start + 3 };
    const captions = await captionsFile('captions-http.ass', '欢迎来到直播间 Welcome to the show', window);
    const out = (name: string) => path.join(workspace.dir, name);
    const size = (await stat(recording)).size;
    const before = ranges.log.length;
    const result = await lambdaMedia.renderClip({
      source: ranges.url('recording.mp4'),
      timeline: wholeSpan(window),
      sourceVideo: { width: 1280, height: 720 },
      variants: [
        { aspect: '9:16', outPath: out('vertical.mp4'), reframe: { mode: 'blur' }, captionsPath: captions },
        { aspect: '16:9', outPath: out('horizontal.mp4'), reframe: { mode: 'center' } },
      ],
      thumbnail: { path: out('frame.png'), at: 1.5 },
    });
    expect(result.variants.map((variant) => [variant.aspect, variant.width, variant.height, variant.reframe])).toEqual([
      ['9:16', 1080, 1920, 'blur'],
      ['16:9', 1280, 720, 'none'],
    ]);

    // One decode reading the header (moov) from the start, then asking for the bytes at the cut: every
    // request ranged, one starting near the cut's byte offset (the bitrate is about constant), and none
    // delivered the rest of the file. What a request shows as sent includes what the loopback socket
    // buffered before ffmpeg hung up.
    const requests = ranges.log.slice(before);
    const described = requests.map((r) => `${r.range} (${(r.sent / 1e6).toFixed(1)} MB sent)`).join(', ');
    const cutOffset = (size * start) / RECORDING_SECONDS;
    expect(requests.every((request) => request.status === 206 && request.range !== undefined), described).toBe(true);
    expect(requests.filter((request) => request.start > cutOffset * 0.8 && request.start < cutOffset * 1.2).length, described).toBeGreaterThanOrEqual(1);
    expect(requests.every((request) => request.sent < size - request.start), described).toBe(true);
    console.log(`[staticFfmpeg] clip at ${start} s of a ${(size / 1e6).toFixed(1)} MB recording over HTTP: ${described}`);

    for (const [name, width, height] of [['horizontal.mp4', 1280, 720], ['vertical.mp4', 1080, 1920]] as const) {
      const clip = await probeJson(out(name));
      expect(clip.streams.find((s) => s.codec_type === 'video'), name).toMatchObject({ codec_name: 'h264', width, height });
      expect(clip.streams.find((s) => s.codec_type === 'audio'), name).toMatchObject({ codec_name: 'aac' });
      expect(Number(clip.format.duration), name).toBeGreaterThan(2.9);
      expect(Number(clip.format.duration), name).toBeLessThan(3.2);
      expect(clip.format.tags?.encoder, name).toMatch(/^Lavf58\./);
      // +faststart: the index precedes the media data, so players start before the download ends.
      const bytes = await readFile(out(name));
      expect(bytes.indexOf('moov', 0, 'latin1'), name).toBeLessThan(bytes.indexOf('mdat', 0, 'latin1'));
    }
    // Decodes to the end (Debian's decoder): the files are playable, not just well-formed headers.
    await ffmpeg(['-v', 'error', '-xerror', '-i', out('vertical.mp4'), '-f', 'null', '-']);
    expect(await sharp(out('frame.png')).metadata()).toMatchObject({ width: 1080, height: 1920 });

    // The caption (white text, Chinese and English) is drawn in the lower part of the vertical clip; with an
    // empty fonts directory and no system fonts, nothing is: the CJK font came from fontsDir alone.
    const captioned = await extractFrame(out('vertical.mp4'), 1.5, workspace.dir, 'captioned');
    expect(await whiteShareInBand(captioned, 0.6, 0.85)).toBeGreaterThan(0.01);

    const emptyFonts = out('no-fonts');
    await mkdir(emptyFonts);
    const fontless = new FfmpegMedia({ ffmpegPath, ffprobePath, fontsDir: emptyFonts, x264Preset: 'ultrafast' });
    await fontless.renderClip({
      source: recording,
      timeline: wholeSpan(window),
      sourceVideo: { width: 1280, height: 720 },
      variants: [{ aspect: '9:16', outPath: out('fontless-v.mp4'), reframe: { mode: 'blur' }, captionsPath: captions }],
      thumbnail: { path: out('fontless.png'), at: 1.5 },
    });
    const uncaptioned = await extractFrame(out('fontless-v.mp4'), 1.5, workspace.dir, 'uncaptioned');
    expect(await whiteShareInBand(uncaptioned, 0.6, 0.85)).toBeLessThan(0.002);
  });

  it('renders an audio-only recording on a plain background, captions included', async () => {
    const audio = await makeAudioOnly(workspace.dir, 'm4a', 4);
    const window = { start: 1, end: 2.5 };
    const captions = await captionsFile('captions-audio.ass', '新品上架 New arrivals', window);
    const out = (name: string) => path.join(workspace.dir, name);
    await lambdaMedia.renderClip({
      source: audio,
      timeline: wholeSpan(window),
      variants: [
        { aspect: '9:16', outPath: out('audio-v.mp4'), reframe: { mode: 'center' }, captionsPath: captions },
        { aspect: '16:9', outPath: out('audio-h.mp4'), reframe: { mode: 'center' } },
      ],
      thumbnail: { path: out('audio-frame.png'), at: 0.7 },
    });
    for (const [name, width, height] of [['audio-h.mp4', 1920, 1080], ['audio-v.mp4', 1080, 1920]] as const) {
      const clip = await probeJson(out(name));
      expect(clip.streams.find((s) => s.codec_type === 'video'), name).toMatchObject({ codec_name: 'h264', width, height });
      expect(clip.streams.find((s) => s.codec_type === 'audio'), name).toMatchObject({ codec_name: 'aac' });
      expect(Number(clip.format.duration), name).toBeCloseTo(1.5, 0);
    }
    expect(await whiteShareInBand(out('audio-frame.png'), 0.6, 0.85)).toBeGreaterThan(0.005);
  });
});
