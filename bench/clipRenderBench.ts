/**
 * Clip render benchmark: one clip in the shapes the clip stage makes for a landscape recording (a 1080x1920
 * blurred-fill vertical with burned captions, the 16:9 source-shape master with its captions as a track, the
 * thumbnail), rendered by FfmpegMedia.renderClip, against two baselines measured in the same run:
 * - naive: one ffmpeg that decodes the span once and re-encodes both a source-size 16:9 and the vertical
 *   with burned captions, each output its own chain from the decoded input: as the issue defines it (x264
 *   veryfast, CRF 20), and at this module's own preset and CRF (the same encoder work per frame: what the
 *   structure alone saves);
 * - bare: bare ffmpeg running the very commands renderClip runs (`media.planRender`: the main command and the
 *   smart cut's stream copies side by side, then the join), so that ratio is this module's own overhead
 *   (fluent-ffmpeg, the capability check, process handling), not the machine's speed.
 * Quality: SSIM of both 16:9 outputs against the recording's own frames, and of the smart cut against the
 * naive full re-encode.
 * The source is a recorder-like 1280x720 30 fps encode (2.5 Mbit/s, keyframe every 2 s, grain), and the clip
 * starts and ends between keyframes, so the smart cut re-encodes partial GOPs at both ends.
 * Runs alternate (A B C, C B A, ...) and the best of each is kept; besides wall time, the CPU time of the ffmpeg
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
import { clipRenderArgs, type ClipRenderPlan } from '../shared/adapters/media/clipRenderPlan.js';
import { FfmpegMedia } from '../shared/adapters/media/ffmpegMedia.js';
import type { RenderClipRequest } from '../shared/pipeline/ports.js';
import { startProcessTreeSampler } from './processTreeMemory.js';

/** The source: a recorder's 1280x720 30 fps H.264 (2.5 Mbit/s, a keyframe every 2 s, grain) with a tone. */
const SOURCE = { width: 1280, height: 720, fps: 30, seconds: 24, kbps: 2500 } as const;
/** The clip: 12.4 s, starting and ending between keyframes. */
const WINDOW = { start: 4.3, end: 16.7 } as const;
const RUNS = 2;
/** Linux clock ticks per second (USER_HZ), the unit of /proc/self/stat times. */
const CLOCK_TICKS = 100;

export interface ClipRenderBenchResult {
  readonly source: string;
  readonly clipSeconds: number;
  readonly x264Preset: string;
  readonly crf: number;
  readonly runs: number;
  readonly variants: readonly string[];
  /** Seconds of the 16:9 master stream-copied, and re-encoded. */
  readonly copiedSeconds: number;
  readonly encodedSeconds: number;
  /** Best of `runs`: wall seconds and ffmpeg CPU seconds. */
  readonly render: Timing;
  readonly bare: Timing;
  readonly naive: Timing;
  /** The naive pass at the issue's x264 veryfast CRF 20. */
  readonly naiveIssue: Timing;
  /** renderClip over bare ffmpeg running the same commands (wall, CPU). */
  readonly overBare: Timing;
  /** renderClip over the naive single pass at the issue's encoder settings (wall, CPU): the target is 0.8 or less. */
  readonly overNaiveIssue: Timing;
  /** renderClip over the naive single pass at the same encoder settings (wall, CPU). */
  readonly overNaive: Timing;
  /** SSIM (0-1) of the 16:9 outputs against the recording's frames, and of the smart cut against the naive re-encode. */
  readonly ssim: { readonly smartCutVsSource: number; readonly naiveVsSource: number; readonly smartCutVsNaive: number };
  /** Peak RSS of this process and its ffmpeg children while renderClip ran, and while the naive pass ran, MB. */
  readonly peakTreeMb: { readonly render: number; readonly naive: number };
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

/** The render bench's source (generated once under `dir`) and clip window, for the other render measurements. */
export async function clipRenderSource(dir: string): Promise<{ source: string; window: { start: number; end: number } }> {
  return { source: await ensureSource(dir), window: WINDOW };
}

async function ensureSource(dir: string): Promise<string> {
  const { width, height, fps, seconds, kbps } = SOURCE;
  const file = path.join(dir, `source-${width}x${height}-${fps}fps-${seconds}s-${kbps}k.mp4`);
  if (await exists(file)) return file;
  await mkdir(dir, { recursive: true });
  await runFfmpeg([
    '-y', '-f', 'lavfi', '-i', `testsrc2=s=${width}x${height}:r=${fps}:d=${seconds},noise=alls=10:allf=t`,
    '-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${seconds}`,
    '-c:v', 'libx264', '-preset', 'veryfast', '-b:v', `${kbps}k`, '-maxrate', `${kbps}k`, '-bufsize', `${2 * kbps}k`,
    '-g', String(fps * 2), '-keyint_min', String(fps * 2), '-sc_threshold', '0', '-pix_fmt', 'yuv420p',
    '-c:a', 'aac', '-b:a', '128k', file,
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

/** Runs a plan's commands with bare ffmpeg, as renderClip does: main command and stream copies together, then the joins. */
async function runPlanBare(plan: ClipRenderPlan): Promise<void> {
  await Promise.all([runFfmpeg(clipRenderArgs(plan)), ...plan.assemblies.flatMap((assembly) => assembly.copies.map((args) => runFfmpeg(args)))]);
  for (const assembly of plan.assemblies) {
    await writeFile(assembly.listPath, assembly.list);
    await runFfmpeg(assembly.join);
  }
}

/** The issue's naive single pass: the span decoded once, both shapes re-encoded whole, captions burned into the vertical. */
function naiveArgs(source: string, captions: string, fontsDir: string, outDir: string, encoder: { preset: string; crf: number }, name = 'naive'): string[] {
  const encode = ['-c:v', 'libx264', '-preset', encoder.preset, '-crf', String(encoder.crf), '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '128k', '-movflags', '+faststart'];
  return [
    '-y', '-ss', WINDOW.start.toFixed(3), '-t', (WINDOW.end - WINDOW.start).toFixed(3), '-i', source,
    '-filter_complex',
    [
      '[0:v]split=3[h][bgsrc][fgsrc]',
      '[bgsrc]scale=270:480:force_original_aspect_ratio=increase,crop=270:480,boxblur=10:2,scale=1080:1920[bg]',
      '[fgsrc]scale=1080:608[fg]',
      `[bg][fg]overlay=(W-w)/2:(H-h)/2,subtitles=filename='${captions}':fontsdir='${fontsDir}'[v]`,
      '[0:a]asplit=2[a1][a2]',
    ].join(';'),
    '-map', '[h]', '-map', '[a1]', ...encode, path.join(outDir, `${name}-16x9.mp4`),
    '-map', '[v]', '-map', '[a2]', ...encode, path.join(outDir, `${name}-9x16.mp4`),
  ];
}

/** Mean SSIM (0-1) of `distorted` against `reference`, paired frame by frame in order. */
function ssim(reference: { file: string; start?: number; seconds?: number }, distorted: string): Promise<number> {
  const seek = reference.start === undefined ? [] : ['-ss', reference.start.toFixed(3), '-t', (reference.seconds ?? 0).toFixed(3)];
  return new Promise((resolve, reject) => {
    const child = spawn('ffmpeg', ['-v', 'info', '-nostats', ...seek, '-i', reference.file, '-i', distorted, '-filter_complex', '[0:v]settb=1/30,setpts=N[r];[1:v]settb=1/30,setpts=N[d];[r][d]ssim=shortest=1', '-f', 'null', '-'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('error', reject);
    child.on('close', () => {
      const all = /SSIM .*All:([\d.]+)/.exec(err);
      return all ? resolve(Number(all[1])) : reject(new Error(`no SSIM in ffmpeg's output: ${err.slice(-400)}`));
    });
  });
}

/** Measures the render of one clip; the source is cached under `cacheDir`, outputs go to a temporary folder. */
export async function benchClipRender(cacheDir: string, media = new FfmpegMedia()): Promise<ClipRenderBenchResult> {
  const source = await ensureSource(cacheDir);
  const work = await mkdtemp(path.join(os.tmpdir(), 'postshow-render-bench-'));
  try {
    const clipSeconds = Math.round((WINDOW.end - WINDOW.start) * 1000) / 1000;
    const captions = await writeCaptions(work, clipSeconds);
    const out = (name: string) => path.join(work, name);
    const request: RenderClipRequest = {
      source,
      timeline: [WINDOW],
      sourceVideo: { width: SOURCE.width, height: SOURCE.height },
      variants: [
        { aspect: '9:16', outPath: out('9x16.mp4'), reframe: { mode: 'blur' }, captionsPath: captions.ass },
        { aspect: '16:9', outPath: out('16x9.mp4'), reframe: { mode: 'blur' }, captionsPath: captions.ass, captionsAs: 'track' },
      ],
      thumbnail: { path: out('frame.png'), at: 3 },
    };
    const plan = await media.planRender(request);
    const fontsDir = /fontsdir='([^']*)'/.exec(plan.filterComplex)?.[1] ?? media.options.fontsDir;
    const naive = naiveArgs(source, captions.ass, fontsDir, work, { preset: media.options.x264Preset, crf: media.options.crf });
    await media.capabilities(); // asked once per instance in real use too: not part of a render
    const naiveIssue = naiveArgs(source, captions.ass, fontsDir, work, { preset: 'veryfast', crf: 20 }, 'naive-issue');
    const timings: Record<'render' | 'bare' | 'naive' | 'naiveIssue', Timing | undefined> = { render: undefined, bare: undefined, naive: undefined, naiveIssue: undefined };
    const steps: [keyof typeof timings, () => Promise<unknown>][] = [
      ['render', () => media.renderClip(request)],
      ['bare', () => runPlanBare(plan)],
      ['naive', () => runFfmpeg(naive)],
      ['naiveIssue', () => runFfmpeg(naiveIssue)],
    ];
    const memory = startProcessTreeSampler({ intervalMs: 50 });
    for (let run = 0; run < RUNS; run += 1) {
      // A B C then C B A: a slow spell of the machine hits every side.
      for (const [name, step] of run % 2 === 0 ? steps : [...steps].reverse()) {
        memory.phase(name);
        timings[name] = best(timings[name], await time(step));
      }
    }
    const peaks = (await memory.stop()).peakByPhaseKb;
    await media.renderClip(request); // the bare run wrote the same files; make sure the ones measured are renderClip's
    const master = plan.variants.find((variant) => variant.aspect === '16:9');
    const recording = { file: source, start: WINDOW.start, seconds: clipSeconds };
    return {
      source: `${SOURCE.width}x${SOURCE.height} ${SOURCE.fps} fps, ${SOURCE.kbps} kbit/s, keyframe every 2 s, grain`,
      clipSeconds,
      x264Preset: media.options.x264Preset,
      crf: media.options.crf,
      runs: RUNS,
      variants: plan.variants.map((v) => `${v.aspect} ${v.width}x${v.height} ${v.reframe} (captions ${v.captionsAs})`),
      copiedSeconds: round(master?.copiedSeconds ?? 0, 3),
      encodedSeconds: round(master?.encodedSeconds ?? clipSeconds, 3),
      render: rounded(timings.render),
      bare: rounded(timings.bare),
      naive: rounded(timings.naive),
      naiveIssue: rounded(timings.naiveIssue),
      overNaiveIssue: ratio(timings.render, timings.naiveIssue),
      overBare: ratio(timings.render, timings.bare),
      overNaive: ratio(timings.render, timings.naive),
      peakTreeMb: { render: Math.round((peaks['render'] ?? NaN) / 1024), naive: Math.round((peaks['naive'] ?? NaN) / 1024) },
      ssim: {
        smartCutVsSource: round(await ssim(recording, out('16x9.mp4')), 4),
        naiveVsSource: round(await ssim(recording, out('naive-16x9.mp4')), 4),
        smartCutVsNaive: round(await ssim({ file: out('naive-16x9.mp4') }, out('16x9.mp4')), 4),
      },
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

const show = (t: Timing): string => `${t.wallSeconds.toFixed(2)} s (CPU ${t.cpuSeconds.toFixed(2)} s)`;
const showRatio = (t: Timing): string => `${t.wallSeconds.toFixed(3)}x wall, ${t.cpuSeconds.toFixed(3)}x CPU`;

export function formatClipRenderBench(result: ClipRenderBenchResult): string {
  return [
    `clip render (${result.clipSeconds} s clip of ${result.source}; x264 ${result.x264Preset} CRF ${result.crf}, best of ${result.runs}): ${result.variants.join(', ')} + thumbnail`,
    `  16:9 master: ${result.copiedSeconds} s stream-copied, ${result.encodedSeconds} s re-encoded (smart cut)`,
    `  renderClip ${show(result.render)} vs the issue's naive single pass (veryfast CRF 20) ${show(result.naiveIssue)}: ${showRatio(result.overNaiveIssue)} (target 0.8x)`,
    `  renderClip vs the same naive pass at x264 ${result.x264Preset} CRF ${result.crf} ${show(result.naive)}: ${showRatio(result.overNaive)} (what the smart cut and one decode save alone)`,
    `  peak memory of the process tree: renderClip ${result.peakTreeMb.render} MB, naive ${result.peakTreeMb.naive} MB`,
    `  renderClip vs bare ffmpeg running the same commands ${show(result.bare)}: ${showRatio(result.overBare)}`,
    `  SSIM of the 16:9 against the recording: smart cut ${result.ssim.smartCutVsSource}, naive re-encode ${result.ssim.naiveVsSource}; smart cut against naive ${result.ssim.smartCutVsNaive}`,
  ].join('\n');
}
