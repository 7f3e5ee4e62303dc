/**
 * Streaming loudness of a mono track after ITU-R BS.1770 / EBU R128: per-second loudness (the energy
 * mean of the ten momentary 400 ms readings that end in that second) and the gated integrated loudness.
 * Memory is flat in the track's length except for one number per second: the gating keeps a histogram,
 * not the blocks. Fed 16-bit samples straight from the decoder, so no float copy of the track exists.
 */
import { kWeightingFilters } from './kWeighting.js';

/** Loudness reported for digital silence and anything quieter (the absolute gate of R128). */
export const LOUDNESS_FLOOR_LUFS = -70;
/** R128's relative gate: blocks this far below the absolutely gated mean are left out of the integrated loudness. */
const RELATIVE_GATE_LU = 10;
/** Momentary readings are made every 100 ms over the last 400 ms. */
const READINGS_PER_SECOND = 10;
const BLOCKS_PER_WINDOW = 4;
/** Histogram of gated blocks: 0.1 LU bins from the floor up to +10 LUFS (a clipped square wave reads about +3). */
const BIN_LU = 0.1;
const BINS = Math.round((10 - LOUDNESS_FLOOR_LUFS) / BIN_LU);
const INT16_SCALE = 1 / 32768;

export interface LoudnessMeterOptions {
  readonly sampleRate: number;
  /**
   * Channel weight of the mono signal: 2 measures it as a dual-mono pair (each channel heard), which
   * keeps a stereo show's mixdown on its original's scale (ebur128's `dualmono`). @default 2
   */
  readonly channelWeight?: number;
}

export interface LoudnessReading {
  /** Loudness per whole second, LUFS, floored at LOUDNESS_FLOOR_LUFS. */
  readonly perSecond: number[];
  /** Gated integrated loudness, LUFS (the floor when nothing passes the absolute gate). */
  readonly integrated: number;
}

export class LoudnessMeter {
  private readonly filters: ReturnType<typeof kWeightingFilters>;
  private readonly blockSamples: number;
  private readonly offsetDb: number;
  // Transposed direct form II state of the two biquads.
  private s1a = 0;
  private s2a = 0;
  private s1b = 0;
  private s2b = 0;
  private blockSum = 0;
  private blockFill = 0;
  private readonly window = new Float64Array(BLOCKS_PER_WINDOW);
  private readings = 0;
  private readonly secondEnergy: number[] = [];
  private readonly binCount = new Float64Array(BINS);
  private readonly binEnergy = new Float64Array(BINS);

  constructor(options: LoudnessMeterOptions) {
    this.filters = kWeightingFilters(options.sampleRate);
    this.blockSamples = Math.max(1, Math.round(options.sampleRate / READINGS_PER_SECOND));
    this.offsetDb = -0.691 + 10 * Math.log10(options.channelWeight ?? 2);
  }

  /** Feeds 16-bit samples in order. */
  push(samples: Int16Array): void {
    // Coefficients and state in locals: this loop runs once per sample (57.6 million for an hour at 16 kHz).
    const [{ b0: sb0, b1: sb1, b2: sb2, a1: sa1, a2: sa2 }, { b0: hb0, b1: hb1, b2: hb2, a1: ha1, a2: ha2 }] = this.filters;
    const { blockSamples } = this;
    let { s1a, s2a, s1b, s2b, blockSum, blockFill } = this;
    for (let i = 0; i < samples.length; i += 1) {
      const x = (samples[i] as number) * INT16_SCALE;
      const y1 = sb0 * x + s1a;
      s1a = sb1 * x - sa1 * y1 + s2a;
      s2a = sb2 * x - sa2 * y1;
      const y2 = hb0 * y1 + s1b;
      s1b = hb1 * y1 - ha1 * y2 + s2b;
      s2b = hb2 * y1 - ha2 * y2;
      blockSum += y2 * y2;
      blockFill += 1;
      if (blockFill === blockSamples) {
        this.closeBlock(blockSum);
        blockSum = 0;
        blockFill = 0;
      }
    }
    Object.assign(this, { s1a, s2a, s1b, s2b, blockSum, blockFill });
  }

  /** The readings so far; a trailing partial 100 ms block is not a reading (as in ebur128's frame log). */
  result(): LoudnessReading {
    const perSecond = this.secondEnergy.map((sum, second) => {
      // The last second may hold fewer than ten readings.
      const readings = Math.min(READINGS_PER_SECOND, this.readings - second * READINGS_PER_SECOND);
      return floored(10 * Math.log10(sum / readings));
    });
    return { perSecond, integrated: this.integrated() };
  }

  /** Seconds covered by whole readings. */
  get measuredSeconds(): number {
    return this.readings / READINGS_PER_SECOND;
  }

  private closeBlock(sum: number): void {
    this.window[this.readings % BLOCKS_PER_WINDOW] = sum;
    this.readings += 1;
    // The window starts filled with silence, so the first three readings cover less than 400 ms of sound.
    const meanSquare = (this.window[0]! + this.window[1]! + this.window[2]! + this.window[3]!) / (BLOCKS_PER_WINDOW * this.blockSamples);
    const momentary = meanSquare > 0 ? this.offsetDb + 10 * Math.log10(meanSquare) : -Infinity;
    const second = Math.floor((this.readings - 1) / READINGS_PER_SECOND);
    while (this.secondEnergy.length <= second) this.secondEnergy.push(0);
    this.secondEnergy[second]! += 10 ** (floored(momentary) / 10);
    if (momentary >= LOUDNESS_FLOOR_LUFS) {
      const bin = Math.min(BINS - 1, Math.floor((momentary - LOUDNESS_FLOOR_LUFS) / BIN_LU));
      this.binCount[bin]! += 1;
      this.binEnergy[bin]! += 10 ** (momentary / 10);
    }
  }

  private integrated(): number {
    let count = 0;
    let energy = 0;
    for (let bin = 0; bin < BINS; bin += 1) {
      count += this.binCount[bin]!;
      energy += this.binEnergy[bin]!;
    }
    if (count === 0) return LOUDNESS_FLOOR_LUFS;
    const gate = 10 * Math.log10(energy / count) - RELATIVE_GATE_LU;
    count = 0;
    energy = 0;
    for (let bin = 0; bin < BINS; bin += 1) {
      // A bin counts when its centre passes the gate: within 0.05 LU of gating block by block.
      if (LOUDNESS_FLOOR_LUFS + (bin + 0.5) * BIN_LU < gate) continue;
      count += this.binCount[bin]!;
      energy += this.binEnergy[bin]!;
    }
    return count === 0 ? LOUDNESS_FLOOR_LUFS : floored(10 * Math.log10(energy / count));
  }
}

function floored(value: number): number {
  return Number.isFinite(value) ? Math.max(LOUDNESS_FLOOR_LUFS, value) : LOUDNESS_FLOOR_LUFS;
}
