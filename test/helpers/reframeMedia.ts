/**
 * Test media for reframing: a bright textured patch (testsrc2) moving over a dull, grainy background, with a
 * cut to another background where the patch jumps. The patch's true position is known from the expressions
 * that place it, so a crop track can be checked against it. Also: a crop rendered from a track with a plain
 * ffmpeg crop expression, to look at.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { CropSize, CropTrack } from '../../shared/core/reframe/index.js';

const execFileAsync = promisify(execFile);

async function ffmpeg(args: readonly string[]): Promise<void> {
  await execFileAsync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args], { maxBuffer: 16 * 1024 * 1024 });
}

/** One shot: its background colour and where the patch's top-left corner is (px, `t` in the shot's own seconds). */
export interface SubjectShot {
  readonly seconds: number;
  readonly background: string;
  readonly x: (t: number) => number;
  readonly y: (t: number) => number;
  /** The same motion as an ffmpeg overlay expression of `t`. */
  readonly xExpr: string;
  readonly yExpr: string;
}

export interface SubjectVideo {
  readonly path: string;
  readonly width: number;
  readonly height: number;
  readonly patch: number;
  readonly duration: number;
  /** Clip seconds where shots start (after the first). */
  readonly cuts: readonly number[];
  /** The patch's true centre at clip second `t`, normalised. */
  centreAt(t: number): { x: number; y: number };
}

/** Encodes the shots back to back (25 fps, H.264) with a `patch` px testsrc2 square moving as each shot says. */
export async function makeSubjectVideo(dir: string, name: string, size: { width: number; height: number }, patch: number, shots: readonly SubjectShot[]): Promise<SubjectVideo> {
  const out = path.join(dir, name);
  const { width, height } = size;
  const duration = shots.reduce((sum, shot) => sum + shot.seconds, 0);
  const inputs = shots.flatMap((shot) => ['-f', 'lavfi', '-i', `color=c=${shot.background}:s=${width}x${height}:r=25:d=${shot.seconds}`]);
  const patchInput = shots.length;
  const graph = [
    `[${patchInput}:v]split=${shots.length}${shots.map((_, i) => `[p${i}]`).join('')}`,
    // Grain on the background, so the subject search is not handed a perfectly flat picture.
    ...shots.map((shot, i) => `[${i}:v]noise=alls=12:allf=t[b${i}];[b${i}][p${i}]overlay=x='${shot.xExpr}':y='${shot.yExpr}':shortest=1[s${i}]`),
    `${shots.map((_, i) => `[s${i}]`).join('')}concat=n=${shots.length}:v=1:a=0,format=yuv420p[v]`,
  ].join(';');
  await ffmpeg([...inputs, '-f', 'lavfi', '-i', `testsrc2=s=${patch}x${patch}:r=25:d=${duration}`, '-filter_complex', graph, '-map', '[v]', '-c:v', 'libx264', '-preset', 'ultrafast', out]);
  const starts = shots.map((_, i) => shots.slice(0, i).reduce((sum, shot) => sum + shot.seconds, 0));
  return {
    path: out,
    width,
    height,
    patch,
    duration,
    cuts: starts.slice(1),
    centreAt(t) {
      const index = Math.max(0, starts.findLastIndex((start) => start <= t));
      const shot = shots[index] as SubjectShot;
      const local = t - (starts[index] as number);
      return { x: (shot.x(local) + patch / 2) / width, y: (shot.y(local) + patch / 2) / height };
    },
  };
}

/** A piecewise-linear ffmpeg expression of `t` through (t, value) points, held outside them. */
function piecewise(points: readonly { t: number; v: number }[]): string {
  const last = points[points.length - 1];
  if (!last) return '0';
  let expr = last.v.toFixed(2);
  for (let i = points.length - 2; i >= 0; i -= 1) {
    const a = points[i] as { t: number; v: number };
    const b = points[i + 1] as { t: number; v: number };
    const slope = b.t > a.t ? (b.v - a.v) / (b.t - a.t) : 0;
    expr = `if(lt(t,${b.t.toFixed(4)}),${a.v.toFixed(2)}+(${slope.toFixed(4)})*(t-${a.t.toFixed(4)}),${expr})`;
  }
  return expr;
}

/** Renders the crop the track describes at clip second `at` (a PNG of the crop window, at source pixels). */
export async function renderCropFrame(video: string, source: { width: number; height: number }, crop: CropSize, track: CropTrack, at: number, out: string): Promise<string> {
  const w = Math.round((crop.width * source.width) / 2) * 2;
  const h = Math.round((crop.height * source.height) / 2) * 2;
  const x = piecewise(track.map((point) => ({ t: point.t, v: point.cx * source.width - w / 2 })));
  const y = piecewise(track.map((point) => ({ t: point.t, v: point.cy * source.height - h / 2 })));
  // Output seeking keeps `t` on the clip's clock, so the expression sees the same seconds as the track.
  await ffmpeg(['-i', video, '-vf', `crop=w=${w}:h=${h}:x='${x}':y='${y}'`, '-ss', at.toFixed(3), '-frames:v', '1', out]);
  return out;
}
