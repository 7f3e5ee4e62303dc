/**
 * Sampling a span for reframing, in one decode: every frame is scaled to 64x36 for the scene measure (the
 * same measure and thresholds as scene detection, but on every frame, so a cut is placed on its own frame),
 * and a few frames a second are scaled to ~320 px and written as raw RGB for the subject search.
 * FfmpegMedia.sampleFrames runs the command; this file builds it and reads what it produced.
 */
import { readFile } from 'node:fs/promises';
import type { RgbFrame, SampledFrames, SampleFramesRequest } from '../../pipeline/ports.js';
import { isSceneChange, type KeyframeChange, type KeyframeChangeLogReader } from './ffmpegLogParsers.js';

/** The scene measure's filters (after a 64x36 scale) and the reader of what they print (FfmpegMedia's SCENE_MEASURES). */
export interface SceneMeasureChain {
  readonly filters: string;
  readonly reader: (onFrame: (frame: KeyframeChange) => void) => KeyframeChangeLogReader;
}

/** A sample's size: the source's shape with the longer side `maxSide`, both even (what scale=...:flags=area is given). */
export function sampleSize(sourceWidth: number, sourceHeight: number, maxSide: number): { width: number; height: number } {
  const even = (value: number): number => Math.max(2, Math.round(value / 2) * 2);
  return sourceWidth >= sourceHeight
    ? { width: even(maxSide), height: even((maxSide * sourceHeight) / sourceWidth) }
    : { width: even((maxSide * sourceWidth) / sourceHeight), height: even(maxSide) };
}

/** One sampling run: its ffmpeg arguments, a log reader for the cuts, and the reader of the raw frames. */
export class FrameSampling {
  readonly width: number;
  readonly height: number;
  private readonly duration: number;
  private readonly cuts: number[] = [];
  private readonly reader: KeyframeChangeLogReader | undefined;

  /** @param scene the scene measure this build has; without one no cuts are reported. */
  constructor(
    private readonly request: SampleFramesRequest,
    private readonly scene: SceneMeasureChain | undefined,
  ) {
    ({ width: this.width, height: this.height } = sampleSize(request.sourceWidth, request.sourceHeight, request.maxSide));
    this.duration = Math.max(0.05, request.end - request.start);
    this.reader = scene?.reader((frame) => {
      if (isSceneChange(frame)) this.cuts.push(Math.round(frame.t * 1000) / 1000);
    });
  }

  /** Input seeking as for clips (frame-accurate), so t = 0 is the span's start. */
  inputOptions(): string[] {
    return ['-ss', this.request.start.toFixed(3), '-t', this.duration.toFixed(3)];
  }

  /** The graph: the scene branch ends in a sink (it only prints), the sample branch is labelled [frames]. */
  graph(): string {
    // start_time=0 puts sample k at k/fps exactly, the time the reader gives it.
    const samples = `fps=fps=${this.request.fps}:start_time=0,scale=${this.width}:${this.height}:flags=area,format=rgb24[frames]`;
    if (!this.scene) return `[0:v:0]${samples}`;
    return `[0:v:0]split=2[scene][sample];[scene]scale=64:36:flags=area,${this.scene.filters},nullsink;[sample]${samples}`;
  }

  /** Output options before the raw file (`frameTiming`: passthrough, so each sample is written once). */
  outputOptions(frameTiming: readonly string[]): string[] {
    return ['-map', '[frames]', '-an', '-sn', '-dn', ...frameTiming, '-f', 'rawvideo'];
  }

  /** Feeds a log line to the scene reader; true when it was one of its lines. */
  consume(line: string): boolean {
    return this.reader?.consume(line) ?? false;
  }

  /** The frames in the raw file and the cuts from the log. */
  async read(rawPath: string): Promise<SampledFrames> {
    this.reader?.flush();
    const raw = await readFile(rawPath);
    const frameBytes = this.width * this.height * 3;
    const frames: (RgbFrame & { t: number })[] = [];
    for (let k = 0; (k + 1) * frameBytes <= raw.length; k += 1) {
      const t = Math.round((k / this.request.fps) * 1000) / 1000;
      if (t >= this.duration) break;
      frames.push({ t, width: this.width, height: this.height, data: raw.subarray(k * frameBytes, (k + 1) * frameBytes) });
    }
    return { frames, shotChanges: [...new Set(this.cuts)].filter((cut) => cut > 0 && cut < this.duration).sort((a, b) => a - b) };
  }
}
