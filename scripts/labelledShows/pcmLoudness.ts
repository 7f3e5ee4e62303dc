/**
 * Loudness of a mono PCM buffer after ITU-R BS.1770 (K-weighting, 400 ms blocks, absolute and relative gates), so
 * the renderer can set each utterance and sound to a planned LUFS level before it is mixed. Pure.
 */

/** The pipeline measures mono audio as dual mono (shared/adapters/media/ffmpegMedia.ts): 3 dB above plain mono. */
export const DUAL_MONO_OFFSET_LU = 10 * Math.log10(2);

interface Biquad {
  readonly b0: number;
  readonly b1: number;
  readonly b2: number;
  readonly a1: number;
  readonly a2: number;
}

/** The two K-weighting stages (high shelf, then high pass) for any sample rate, as pyloudnorm derives them. */
function kWeighting(sampleRate: number): readonly [Biquad, Biquad] {
  const shelf = (() => {
    const gainDb = 3.99984385397;
    const q = 0.7071752369554193;
    const fc = 1681.974450955533;
    const a = Math.pow(10, gainDb / 40);
    const w0 = (2 * Math.PI * fc) / sampleRate;
    const alpha = Math.sin(w0) / (2 * q);
    const cos = Math.cos(w0);
    const a0 = a + 1 - (a - 1) * cos + 2 * Math.sqrt(a) * alpha;
    return {
      b0: (a * (a + 1 + (a - 1) * cos + 2 * Math.sqrt(a) * alpha)) / a0,
      b1: (-2 * a * (a - 1 + (a + 1) * cos)) / a0,
      b2: (a * (a + 1 + (a - 1) * cos - 2 * Math.sqrt(a) * alpha)) / a0,
      a1: (2 * (a - 1 - (a + 1) * cos)) / a0,
      a2: (a + 1 - (a - 1) * cos - 2 * Math.sqrt(a) * alpha) / a0,
    };
  })();
  const highPass = (() => {
    const q = 0.5003270373238773;
    const fc = 38.13547087602444;
    const w0 = (2 * Math.PI * fc) / sampleRate;
    const alpha = Math.sin(w0) / (2 * q);
    const cos = Math.cos(w0);
    const a0 = 1 + alpha;
    return { b0: (1 + cos) / 2 / a0, b1: -(1 + cos) / a0, b2: (1 + cos) / 2 / a0, a1: (-2 * cos) / a0, a2: (1 - alpha) / a0 };
  })();
  return [shelf, highPass];
}

/** Squares of the K-weighted signal (samples as floats, full scale 1). */
function kWeightedSquares(samples: ArrayLike<number>, sampleRate: number, fullScale: number): Float64Array {
  const out = new Float64Array(samples.length);
  const [s1, s2] = kWeighting(sampleRate);
  let x1 = 0, x2 = 0, y1 = 0, y2 = 0, z1 = 0, z2 = 0;
  for (let i = 0; i < samples.length; i++) {
    const x = (samples[i] ?? 0) / fullScale;
    const y = s1.b0 * x + s1.b1 * x1 + s1.b2 * x2 - s1.a1 * y1 - s1.a2 * y2;
    const z = s2.b0 * y + s2.b1 * y1 + s2.b2 * y2 - s2.a1 * z1 - s2.a2 * z2;
    x2 = x1; x1 = x; y2 = y1; y1 = y; z2 = z1; z1 = z;
    out[i] = z * z;
  }
  return out;
}

const toLufs = (meanSquare: number) => -0.691 + 10 * Math.log10(Math.max(meanSquare, 1e-20));

/**
 * Gated integrated loudness of mono samples, LUFS as plain mono (add {@link DUAL_MONO_OFFSET_LU} for what the
 * pipeline reads). Shorter than one 400 ms block: the ungated mean. `fullScale` is 1 for floats, 32768 for 16-bit.
 */
export function integratedLoudness(samples: ArrayLike<number>, sampleRate: number, fullScale = 1): number {
  const squares = kWeightedSquares(samples, sampleRate, fullScale);
  const block = Math.round(0.4 * sampleRate);
  const hop = Math.round(0.1 * sampleRate);
  if (squares.length < block) return toLufs(squares.reduce((a, b) => a + b, 0) / Math.max(1, squares.length));
  const prefix = new Float64Array(squares.length + 1);
  for (let i = 0; i < squares.length; i++) prefix[i + 1] = (prefix[i] ?? 0) + (squares[i] ?? 0);
  const blocks: number[] = [];
  for (let start = 0; start + block <= squares.length; start += hop) blocks.push(((prefix[start + block] ?? 0) - (prefix[start] ?? 0)) / block);
  const aboveAbsolute = blocks.filter((ms) => toLufs(ms) > -70);
  if (aboveAbsolute.length === 0) return -70;
  const relativeGate = toLufs(aboveAbsolute.reduce((a, b) => a + b, 0) / aboveAbsolute.length) - 10;
  const gated = aboveAbsolute.filter((ms) => toLufs(ms) > relativeGate);
  return toLufs(gated.reduce((a, b) => a + b, 0) / gated.length);
}
