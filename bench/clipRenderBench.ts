/**
 * Clip render benchmark: one clip's variants rendered by FfmpegMedia.renderClip (one decode, one
 * process), against
 * - bare ffmpeg running the very same command line (same filter_complex, same outputs; the plan from
 *   `media.planRender`), measured in the same run, so the ratio is this module's own overhead
 *   (fluent-ffmpeg, the capability check, process handling), not the machine's speed.
 * (The encoder it replaced, two separate encodes and a re-read for the thumbnail, took 1.10x the CPU of
 * renderClip making the same two shapes when both were measured, 2026-12; it is gone.)
 * Runs alternate (A B B A ...) and the best of each is kept; besides wall time, the CPU time of the ffmpeg
 * children (/proc/self/stat cutime+cstime, Linux) is compared, which other load on the machine moves far
 * less than wall time. No assertions.
 *
 * Imperative benchmark tooling (I/O, timing, child processes); not part of the functional core.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { clipRenderArgs } from '../shared/adapters/media/clipRenderPlan.js';
import { FfmpegMedia } from '../shared/adapters/media/ffmpegMedia.js';
import type { RenderClipRequest } from '../shared/pipeline/ports.js';

/** The source: 1280x720 30 fps testsrc2 with a tone, generated once and reused. */
const SOURCE = { width: 1280, height: 720, fps: 30, seconds: 20 } as const;
/** The clip: 12 s from second 4. */
const WINDOW = { start: 4, end: 16 } as const;
const RUNS = 2;
/** Linux clock ticks per second (USER_HZ), the unit of /proc/self/stat times. */
const CLOCK_TICKS = 100;

export interface ClipRenderBenchResult {
  readonly source: string;
  readonly clipSeconds: number;
  readonly x264Preset: string;
  readonly runs: number;
  readonly variants: readonly string[];
  /** Best of `runs`: wall seconds and ffmpeg CPU seconds. */
  readonly render: Timing;
  readonly bare: Timing;
  /** renderClip over bare ffmpeg with the same arguments (wall, CPU). */
  readonly overBare: Timing;
}

export interface Timing {
  readonly wallSeconds: number;
  /** CPU seconds of the ffmpeg processes (user + system); NaN where /proc is missing. */
  readonly cpuSeconds: number;
}

/** The ffmpeg processes run at the same (default) log level as FfmpegMedia's, stderr read and dropped. */
function runFfmpeg(args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('ffmpeg', [...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err = (err + chunk).slice(-2000)));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg exited with ${code}: ${err.trim()}`))));
  });
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(() => true, () => false);
}

async function ensureSource(dir: string): Promise<string> {
  const file = path.join(dir, `source-${SOURCE.width}x${SOURCE.height}-${SOURCE.fps}fps-${SOURCE.seconds}s.mp4`);
  if (await exists(file)) return file;
  await mkdir(dir, { recursive: true });
  const { width, height, fps, seconds } = SOURCE;
  await runFfmpeg([
    '-y', '-f', 'lavfi', '-i', `testsrc2=s=${width}x${height}:r=${fps}:d=${seconds}`,
    '-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${seconds}`,
    '-c:v', 'libx264', '-preset', 'veryfast', '-g', String(fps * 2), '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '128k', file,
  ]);
  return file;
}

/** One caption line over the clip, an ASS at the vertical variant's resolution. */
async function writeCaptions(dir: string, seconds: number): Promise<{ ass: string }> {
  const ass = path.join(dir, 'captions.ass');
  const end = `0:00:${String(Math.floor(seconds)).padStart(2, '0')}.00`;
  await writeFile(
    ass,
    [
      '[Script Info]', 'ScriptType: v4.00+', 'PlayResX: 1080', 'PlayResY: 1920', '',
      '[V4+ Styles]', 'Format: Name, Fontname, Fontsize, PrimaryColour, OutlineColour, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV',
      'Style: Default,Noto Sans CJK SC,72,&H00FFFFFF,&H00000000,1,4,0,2,40,40,200', '',
      '[Events]', 'Format: Layer, Start, End, Style, Text', `Dialogue: 0,0:00:00.00,${end},Default,the serum is back 今天特价`, '',
    ].join('\n'),
  );
  return { ass };
}

/** CPU seconds of this process' finished children (cutime + cstime). */
function childCpuSeconds(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}

async function time(action: () => Promise<unknown>): Promise<Timing> {
  const cpu = childCpuSeconds();
  const started = performance.now();
  await action();
  return { wallSeconds: (performance.now() - started) / 1000, cpuSeconds: childCpuSeconds() - cpu };
}

const round = (value: number, digits = 2): number => Math.round(value * 10 ** digits) / 10 ** digits;
const best = (a: Timing | undefined, b: Timing): Timing =>
  a ? { wallSeconds: Math.min(a.wallSeconds, b.wallSeconds), cpuSeconds: Math.min(a.cpuSeconds, b.cpuSeconds) } : b;
const rounded = (t: Timing | undefined): Timing => ({ wallSeconds: round(t?.wallSeconds ?? NaN), cpuSeconds: round(t?.cpuSeconds ?? NaN) });
const ratio = (a: Timing | undefined, b: Timing | undefined): Timing => ({
  wallSeconds: round((a?.wallSeconds ?? NaN) / (b?.wallSeconds ?? NaN), 3),
  cpuSeconds: round((a?.cpuSeconds ?? NaN) / (b?.cpuSeconds ?? NaN), 3),
});

/** Measures the render of one clip; the source is cached under `cacheDir`, outputs go to a temporary folder. */
export async function benchClipRender(cacheDir: string, media = new FfmpegMedia()): Promise<ClipRenderBenchResult> {
  const source = await ensureSource(cacheDir);
  const work = await mkdtemp(path.join(os.tmpdir(), 'postshow-render-bench-'));
  try {
    const clipSeconds = WINDOW.end - WINDOW.start;
    const captions = await writeCaptions(work, clipSeconds);
    const out = (name: string) => path.join(work, name);
    const sourceVideo = { width: SOURCE.width, height: SOURCE.height };
    const threeShapes: RenderClipRequest = {
      source,
      timeline: [WINDOW],
      sourceVideo,
      variants: [
        { aspect: '9:16', outPath: out('9x16.mp4'), reframe: { mode: 'subject', track: [{ t: 0, cx: 0.3, cy: 0.5 }, { t: clipSeconds, cx: 0.7, cy: 0.5 }] }, captionsPath: captions.ass },
        { aspect: '1:1', outPath: out('1x1.mp4'), reframe: { mode: 'blur' }, captionsPath: captions.ass },
        { aspect: '16:9', outPath: out('16x9.mp4'), reframe: { mode: 'center' } },
      ],
      thumbnail: { path: out('frame.png'), at: 3 },
    };
    const bareArgs = clipRenderArgs(await media.planRender(threeShapes));
    await media.capabilities(); // asked once per instance in real use too: not part of a render
    let render: Timing | undefined;
    let bare: Timing | undefined;
    for (let run = 0; run < RUNS; run += 1) {
      // A B then B A: a slow spell of the machine hits both sides.
      const pairs: [() => Promise<void>, () => Promise<void>][] = [
        [async () => void (render = best(render, await time(() => media.renderClip(threeShapes)))), async () => void (bare = best(bare, await time(() => runFfmpeg(bareArgs))))],
      ];
      for (const [a, b] of pairs) {
        const order = run % 2 === 0 ? [a, b] : [b, a];
        for (const step of order) await step();
      }
    }
    const plan = await media.planRender(threeShapes);
    return {
      source: `${SOURCE.width}x${SOURCE.height} ${SOURCE.fps} fps testsrc2 + tone`,
      clipSeconds,
      x264Preset: media.options.x264Preset,
      runs: RUNS,
      variants: plan.variants.map((v) => `${v.aspect} ${v.width}x${v.height} ${v.reframe}`),
      render: rounded(render),
      bare: rounded(bare),
      overBare: ratio(render, bare),
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

const show = (t: Timing): string => `${t.wallSeconds.toFixed(2)} s (CPU ${t.cpuSeconds.toFixed(2)} s)`;
const showRatio = (t: Timing): string => `${t.wallSeconds.toFixed(3)}x wall, ${t.cpuSeconds.toFixed(3)}x CPU`;

export function formatClipRenderBench(result: ClipRenderBenchResult): string {
  return [
    `clip render (${result.clipSeconds} s clip of ${result.source}, x264 ${result.x264Preset}, best of ${result.runs}): ${result.variants.join(', ')} + thumbnail`,
    `  renderClip ${show(result.render)} vs bare ffmpeg with the same arguments ${show(result.bare)}: ${showRatio(result.overBare)}`,
  ].join('\n');
}
