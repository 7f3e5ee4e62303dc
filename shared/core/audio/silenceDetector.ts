/**
 * Streaming silence detection with ffmpeg's silencedetect semantics: a silence is a run of samples
 * whose magnitude stays under the noise threshold for at least the minimum length; it lasts from its
 * first quiet sample to the first loud one (or the end of the track).
 */
import type { TimeRange } from '../types.js';

export interface SilenceDetectorOptions {
  readonly sampleRate: number;
  /** Threshold relative to full scale, dB (silencedetect's `noise`). */
  readonly noiseDb: number;
  /** Shortest silence reported, seconds (silencedetect's `d`). */
  readonly minSeconds: number;
}

export class SilenceDetector {
  private readonly threshold: number;
  private readonly minSamples: number;
  private readonly silences: TimeRange[] = [];
  private position = 0;
  /** First sample of the current quiet run; -1 when the last sample was loud. */
  private runStart = -1;

  constructor(private readonly options: SilenceDetectorOptions) {
    this.threshold = 10 ** (options.noiseDb / 20) * 32767;
    this.minSamples = Math.max(1, Math.round(options.minSeconds * options.sampleRate));
  }

  /** Feeds 16-bit samples in order. */
  push(samples: Int16Array): void {
    const { threshold } = this;
    let runStart = this.runStart;
    for (let i = 0; i < samples.length; i += 1) {
      const sample = samples[i] as number;
      if ((sample < 0 ? -sample : sample) < threshold) {
        if (runStart < 0) runStart = this.position + i;
      } else if (runStart >= 0) {
        this.close(runStart, this.position + i);
        runStart = -1;
      }
    }
    this.runStart = runStart;
    this.position += samples.length;
  }

  /** The silences found, the one still open at the end of the track included. */
  result(): TimeRange[] {
    const open = this.runStart >= 0 && this.position - this.runStart >= this.minSamples;
    return open ? [...this.silences, this.range(this.runStart, this.position)] : [...this.silences];
  }

  private close(start: number, end: number): void {
    if (end - start >= this.minSamples) this.silences.push(this.range(start, end));
  }

  private range(start: number, end: number): TimeRange {
    return { start: start / this.options.sampleRate, end: end / this.options.sampleRate };
  }
}
