/**
 * A/V sync measurement with real ffmpeg: a ticking source (a white frame and a beep on every whole
 * second), and readers that find the beeps (silencedetect) and the white frames (signalstats) in a
 * rendered file. Test tooling: shells out to ffmpeg directly.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

async function ffmpegLog(args: readonly string[]): Promise<string> {
  const { stderr } = await execFileAsync('ffmpeg', ['-hide_banner', '-nostats', ...args], { maxBuffer: 64 * 1024 * 1024 });
  return stderr;
}

/**
 * A 25 fps testsrc2 video whose first frame of every second is white, with a 1 kHz beep of 50 ms
 * starting exactly on every whole second (aevalsrc is sample-exact, unlike a gated `volume`).
 */
export async function makeTickVideo(dir: string, seconds = 5, size = '160x90'): Promise<string> {
  const path = join(dir, `tick-${size}.mp4`);
  await execFileAsync('ffmpeg', [
    '-v', 'error', '-y',
    '-f', 'lavfi', '-i', `testsrc2=s=${size}:r=25:d=${seconds},drawbox=c=white:t=fill:enable='lt(mod(t\\,1)\\,0.04)'`,
    '-f', 'lavfi', '-i', `aevalsrc='if(lt(mod(t\\,1)\\,0.05)\\,sin(2*PI*1000*t)\\,0)':s=48000:d=${seconds}`,
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '96k',
    path,
  ]);
  return path;
}

/** Seconds where a beep starts: the end of each silence silencedetect reports. */
export async function beepOnsets(file: string): Promise<number[]> {
  const log = await ffmpegLog(['-i', file, '-vn', '-af', 'silencedetect=noise=-30dB:d=0.02', '-f', 'null', '-']);
  return [...log.matchAll(/silence_end: ([\d.]+)/g)].map((match) => Number(match[1]));
}

/** Presentation times of frames whose mean luma is near white (the tick frames). */
export async function whiteFrameTimes(file: string, minLuma = 200): Promise<number[]> {
  const log = await ffmpegLog(['-i', file, '-an', '-vf', 'signalstats,metadata=mode=print:key=lavfi.signalstats.YAVG', '-f', 'null', '-']);
  const times: number[] = [];
  let pts: number | undefined;
  for (const line of log.split('\n')) {
    const frame = /pts_time:([\d.]+)/.exec(line);
    if (frame) pts = Number(frame[1]);
    const luma = /lavfi\.signalstats\.YAVG=([\d.]+)/.exec(line);
    if (luma && pts !== undefined && Number(luma[1]) >= minLuma) times.push(pts);
  }
  return times;
}

/** Whether the mp4's `moov` atom comes before `mdat` (`+faststart`: playable while downloading). */
export function moovBeforeMdat(bytes: Buffer): boolean {
  const moov = bytes.indexOf('moov', 0, 'latin1');
  const mdat = bytes.indexOf('mdat', 0, 'latin1');
  return moov >= 0 && mdat >= 0 && moov < mdat;
}
