/**
 * Every audio feature the pipeline measures, from one pass over the decoded 16-bit mono track: loudness
 * per second and integrated (LoudnessMeter), silences (SilenceDetector) and how much audio there was.
 * The media adapter decodes once and feeds this chunk by chunk, so a six-hour show costs no more memory
 * than a ten-minute one beyond one number per second.
 */
import type { TimeRange } from '../types.js';
import { LoudnessMeter } from './loudnessMeter.js';
import { SilenceDetector } from './silenceDetector.js';

export interface AudioFeatures {
  /** Per-second loudness, LUFS. */
  readonly loudness: number[];
  readonly silences: TimeRange[];
  readonly integratedLufs: number;
  /** Seconds of audio actually decoded (less than the probed duration means truncation). */
  readonly decodedSeconds: number;
}

export interface AudioFeatureOptions {
  readonly sampleRate: number;
  readonly silenceNoiseDb: number;
  readonly silenceMinSeconds: number;
}

export class AudioFeatureMeter {
  private readonly loudness: LoudnessMeter;
  private readonly silence: SilenceDetector;
  private samples = 0;
  /** An odd byte left at the end of a chunk: the first half of a sample the next chunk completes. */
  private carry: number | undefined;

  constructor(private readonly options: AudioFeatureOptions) {
    this.loudness = new LoudnessMeter({ sampleRate: options.sampleRate });
    this.silence = new SilenceDetector({ sampleRate: options.sampleRate, noiseDb: options.silenceNoiseDb, minSeconds: options.silenceMinSeconds });
  }

  /** Feeds raw little-endian 16-bit mono PCM, in any chunking (a sample may be split across chunks). */
  pushBytes(chunk: Uint8Array): void {
    let bytes = chunk;
    if (this.carry !== undefined && bytes.length > 0) {
      this.pushSamples(Int16Array.of(((bytes[0]! << 8) | this.carry) << 16 >> 16));
      bytes = bytes.subarray(1);
      this.carry = undefined;
    }
    const whole = bytes.length - (bytes.length % 2);
    if (whole > 0) {
      // An Int16Array view needs an even byte offset; a misaligned chunk is copied once.
      const aligned = bytes.byteOffset % 2 === 0 ? bytes : bytes.slice(0, whole);
      this.pushSamples(new Int16Array(aligned.buffer, aligned.byteOffset, whole / 2));
    }
    if (whole < bytes.length) this.carry = bytes[whole];
  }

  pushSamples(samples: Int16Array): void {
    this.loudness.push(samples);
    this.silence.push(samples);
    this.samples += samples.length;
  }

  result(): AudioFeatures {
    const { perSecond, integrated } = this.loudness.result();
    return { loudness: perSecond, silences: this.silence.result(), integratedLufs: integrated, decodedSeconds: this.samples / this.options.sampleRate };
  }
}
