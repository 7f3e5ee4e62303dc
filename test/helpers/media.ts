/**
 * Small, deterministic media generators for tests. Each helper writes into the given directory and returns the path.
 * They shell out to ffmpeg/ffprobe/espeak-ng directly (no fluent-ffmpeg): this is test tooling, not product code.
 */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { promisify } from 'node:util';
import { mulberry32 } from '../../scripts/prng.js';

const execFileAsync = promisify(execFile);

/** Flags that keep ffmpeg output byte-identical across runs (no encoder version strings or creation times). */
const BITEXACT = ['-fflags', '+bitexact', '-flags:v', '+bitexact', '-flags:a', '+bitexact', '-map_metadata', '-1'];

async function run(cmd: string, args: readonly string[]): Promise<string> {
  try {
    const { stdout } = await execFileAsync(cmd, [...args], { maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`${cmd} failed: ${stderr.trim().split('\n').slice(-3).join(' | ')}`, { cause: error });
  }
}

async function ffmpeg(args: readonly string[]): Promise<void> {
  await run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args]);
}

/** Options of {@link makeToneVideo}. */
export interface ToneVideoOptions {
  /** @default 3 */
  readonly seconds?: number;
  /** @default 320 */
  readonly width?: number;
  /** @default 180 */
  readonly height?: number;
  /** Add a 440 Hz sine AAC track. @default true */
  readonly withAudio?: boolean;
  /** @default 'tone.mp4' (or 'tone-silent.mp4' without audio) */
  readonly name?: string;
}

/** An H.264 (+ AAC 440 Hz tone) mp4 of testsrc2, 25 fps. */
export async function makeToneVideo(dir: string, opts: ToneVideoOptions = {}): Promise<string> {
  const seconds = opts.seconds ?? 3;
  const withAudio = opts.withAudio ?? true;
  const path = join(dir, opts.name ?? (withAudio ? 'tone.mp4' : 'tone-silent.mp4'));
  const size = `${opts.width ?? 320}x${opts.height ?? 180}`;
  await ffmpeg([
    '-f', 'lavfi', '-i', `testsrc2=s=${size}:r=25:d=${seconds}`,
    ...(withAudio ? ['-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${seconds}`] : []),
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p',
    ...(withAudio ? ['-c:a', 'aac', '-b:a', '96k', '-ac', '2'] : []),
    ...BITEXACT,
    path,
  ]);
  return path;
}

/** An audio-only file (AAC in .m4a, MP3, or 16-bit WAV) of a 440 Hz tone. */
export async function makeAudioOnly(dir: string, format: 'm4a' | 'mp3' | 'wav', seconds = 3): Promise<string> {
  const path = join(dir, `tone.${format}`);
  const codec = { m4a: ['-c:a', 'aac', '-b:a', '96k'], mp3: ['-c:a', 'libmp3lame', '-b:a', '96k'], wav: ['-c:a', 'pcm_s16le'] }[
    format
  ];
  await ffmpeg([
    '-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=44100:duration=${seconds}`,
    ...codec,
    '-fflags', '+bitexact', '-flags:a', '+bitexact', '-map_metadata', '-1',
    path,
  ]);
  return path;
}

/** A WAV of espeak-ng reading `text` (voice e.g. 'en-us' or 'cmn'); espeak-ng output is deterministic. */
export async function makeSpeechWav(dir: string, text: string, voice = 'en-us', name = `speech-${voice}.wav`): Promise<string> {
  const path = join(dir, name);
  await run('espeak-ng', ['-v', voice, '-s', '165', '-a', '90', '-w', path, text]);
  return path;
}

/** An empty file (0 bytes). */
export async function makeZeroByteFile(dir: string, name = 'empty.mp4'): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, Buffer.alloc(0));
  return path;
}

/** `bytes` seeded pseudo-random bytes: not media, though named like it (`.mp4` added when `name` has no extension). */
export async function makeRandomBytesFile(dir: string, name = 'random.mp4', bytes = 64 * 1024, seed = 1): Promise<string> {
  const path = join(dir, extname(name) === '' ? `${name}.mp4` : name);
  const rng = mulberry32(seed);
  const data = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) data[i] = Math.floor(rng() * 256);
  await writeFile(path, data);
  return path;
}

/**
 * A valid mp4 cut to its first 30 %. It is written WITHOUT faststart, so the `moov` atom sits at the end and the
 * truncation loses it: demuxers fail with "moov atom not found".
 */
export async function makeTruncatedMp4(dir: string, keep = 0.3): Promise<string> {
  const full = await makeToneVideo(dir, { seconds: 4, name: 'full-for-truncation.mp4' });
  const bytes = await readFile(full);
  const cut = Math.floor(bytes.length * keep);
  const moov = bytes.indexOf('moov', 0, 'latin1');
  if (moov >= 0 && moov < cut) throw new Error(`moov atom at byte ${moov} would survive the cut at ${cut}`);
  const path = join(dir, 'truncated.mp4');
  await writeFile(path, bytes.subarray(0, cut));
  return path;
}

/** A stream as ffprobe reports it (the fields tests use; ffprobe gives many more). */
export interface ProbeStream {
  readonly index: number;
  readonly codec_type: 'video' | 'audio' | 'subtitle' | 'data' | string;
  readonly codec_name?: string;
  readonly width?: number;
  readonly height?: number;
  readonly sample_rate?: string;
  readonly channels?: number;
  readonly duration?: string;
  readonly [key: string]: unknown;
}

/** ffprobe's `-show_streams -show_format -of json` output. */
export interface ProbeResult {
  readonly streams: readonly ProbeStream[];
  readonly format: { readonly duration?: string; readonly format_name?: string; readonly [key: string]: unknown };
}

/** Runs ffprobe and returns its parsed JSON (streams and format). */
export async function probe(path: string): Promise<ProbeResult> {
  const stdout = await run('ffprobe', ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', path]);
  return JSON.parse(stdout) as ProbeResult;
}

/** Container duration in seconds, from ffprobe. */
export async function ffprobeDuration(path: string): Promise<number> {
  const duration = Number((await probe(path)).format.duration);
  if (!Number.isFinite(duration)) throw new Error(`ffprobe reports no duration for ${path}`);
  return duration;
}
