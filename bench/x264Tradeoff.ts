/**
 * The x264 preset/CRF trade-off of the clip shape that costs the most to encode: the 1080x1920 vertical with a
 * blurred fill, cut from the clip render bench's recorder-like 720p source (bench/clipRenderBench.ts). Per preset
 * and CRF: the encode's CPU and wall seconds (best of one run each; this is a grid, not a race), its bitrate, and
 * SSIM and PSNR against the same filter chain's uncompressed output (ffmpeg's ssim and psnr filters in one pass),
 * so every row measures the encoder and nothing else.
 *
 * Imperative benchmark tooling (I/O, timing, child processes); not part of the functional core. No assertions.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { renderTextTable } from '../scripts/textTable.js';

export const TRADEOFF_PRESETS = ['superfast', 'veryfast', 'faster'] as const;
export const TRADEOFF_CRFS = [20, 23, 26] as const;

/** The vertical's chain as the renderer builds it for a 1280x720 source (clipRenderGraph.ts, blur fill). */
const VERTICAL =
  '[0:v]split=2[b][f];[b]scale=270:480:force_original_aspect_ratio=increase,crop=270:480,boxblur=10:2,scale=1080:1920[bg];[f]scale=1080:608[fg];[bg][fg]overlay=(W-w)/2:(H-h)/2,format=yuv420p';

export interface TradeoffRow {
  readonly preset: string;
  readonly crf: number;
  readonly cpuSeconds: number;
  readonly wallSeconds: number;
  readonly kbps: number;
  readonly ssim: number;
  readonly psnrDb: number;
}

export interface TradeoffResult {
  readonly clipSeconds: number;
  readonly rows: readonly TradeoffRow[];
}

/** CPU seconds of this process' finished children (cutime + cstime; Linux ticks of 1/100 s). */
function childCpuSeconds(): number {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return Number.NaN;
  }
}

function ffmpeg(args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('ffmpeg', ['-hide_banner', '-nostats', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(err) : reject(new Error(`ffmpeg exited with ${code}: ${err.slice(-600)}`))));
  });
}

/** `[Parsed_ssim_...] SSIM Y:... All:0.987654 (19.08)` and `[Parsed_psnr_...] PSNR y:... average:41.23 ...`. */
export function readQuality(stderr: string): { ssim: number; psnrDb: number } {
  const ssim = /SSIM [^\n]*All:([\d.]+)/.exec(stderr)?.[1];
  const psnr = /PSNR [^\n]*average:([\d.]+|inf)/.exec(stderr)?.[1];
  if (ssim === undefined || psnr === undefined) throw new Error(`no SSIM/PSNR summary in ffmpeg's output: ${stderr.slice(-400)}`);
  return { ssim: Number(ssim), psnrDb: psnr === 'inf' ? Infinity : Number(psnr) };
}

/** Encodes the vertical of `span` of `source` at every preset and CRF and measures each (see the module comment). */
export async function measureX264Tradeoff(source: string, span: { start: number; end: number }): Promise<TradeoffResult> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'postshow-x264-'));
  const clipSeconds = span.end - span.start;
  const input = ['-ss', span.start.toFixed(3), '-t', clipSeconds.toFixed(3), '-i', source];
  try {
    const rows: TradeoffRow[] = [];
    for (const preset of TRADEOFF_PRESETS) {
      for (const crf of TRADEOFF_CRFS) {
        const out = path.join(work, `${preset}-${crf}.mp4`);
        const cpu = childCpuSeconds();
        const started = performance.now();
        await ffmpeg(['-y', ...input, '-filter_complex', `${VERTICAL}[v]`, '-map', '[v]', '-an', '-c:v', 'libx264', '-preset', preset, '-crf', String(crf), out]);
        const wallSeconds = (performance.now() - started) / 1000;
        const cpuSeconds = childCpuSeconds() - cpu;
        const quality = readQuality(
          await ffmpeg([
            ...input, '-i', out,
            '-filter_complex', `${VERTICAL},settb=1/30,setpts=N,split[r1][r2];[1:v]settb=1/30,setpts=N,split[e1][e2];[e1][r1]ssim=shortest=1;[e2][r2]psnr=shortest=1`,
            '-f', 'null', '-',
          ]),
        );
        const { size } = await stat(out);
        rows.push({ preset, crf, cpuSeconds, wallSeconds, kbps: (size * 8) / 1000 / clipSeconds, ...quality });
      }
    }
    return { clipSeconds, rows };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

export function formatX264Tradeoff(result: TradeoffResult): string {
  const rows = result.rows.map((row) => [
    row.preset, String(row.crf), row.kbps.toFixed(0), row.ssim.toFixed(4), row.psnrDb.toFixed(2), row.cpuSeconds.toFixed(2), row.wallSeconds.toFixed(2),
  ]);
  return `x264 trade-off, 1080x1920 blurred-fill vertical of a ${result.clipSeconds.toFixed(1)} s 720p clip (SSIM/PSNR against the unencoded chain)\n${renderTextTable(
    ['preset', 'CRF', 'kbit/s', 'SSIM', 'PSNR dB', 'CPU s', 'wall s'],
    rows,
  )}`;
}
