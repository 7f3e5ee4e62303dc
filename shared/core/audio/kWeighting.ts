/**
 * The K-weighting of ITU-R BS.1770: a high-shelf "head" filter then the RLB high-pass, as two biquads.
 * The coefficients are derived from the analog prototypes for any sample rate (the standard lists them
 * for 48 kHz only), the way libebur128 and ffmpeg's ebur128 filter do, so a 16 kHz mono track measures
 * on the same scale as the 48 kHz original.
 */

export interface Biquad {
  readonly b0: number;
  readonly b1: number;
  readonly b2: number;
  readonly a1: number;
  readonly a2: number;
}

export function kWeightingFilters(sampleRate: number): readonly [Biquad, Biquad] {
  if (!(sampleRate > 0)) throw new RangeError(`sample rate must be positive, got ${sampleRate}`);
  // Stage 1: high shelf, +4 dB above ~1.7 kHz (the acoustic effect of the head).
  const shelfF0 = 1681.974450955533;
  const shelfGainDb = 3.999843853973347;
  const shelfQ = 0.7071752369554196;
  const k1 = Math.tan((Math.PI * shelfF0) / sampleRate);
  const vh = 10 ** (shelfGainDb / 20);
  const vb = vh ** 0.4996667741545416;
  const d1 = 1 + k1 / shelfQ + k1 * k1;
  const shelf: Biquad = {
    b0: (vh + (vb * k1) / shelfQ + k1 * k1) / d1,
    b1: (2 * (k1 * k1 - vh)) / d1,
    b2: (vh - (vb * k1) / shelfQ + k1 * k1) / d1,
    a1: (2 * (k1 * k1 - 1)) / d1,
    a2: (1 - k1 / shelfQ + k1 * k1) / d1,
  };
  // Stage 2: the revised low-frequency B-curve, a second-order high-pass at ~38 Hz.
  const highPassF0 = 38.13547087602444;
  const highPassQ = 0.5003270373238773;
  const k2 = Math.tan((Math.PI * highPassF0) / sampleRate);
  const d2 = 1 + k2 / highPassQ + k2 * k2;
  const highPass: Biquad = { b0: 1, b1: -2, b2: 1, a1: (2 * (k2 * k2 - 1)) / d2, a2: (1 - k2 / highPassQ + k2 * k2) / d2 };
  return [shelf, highPass];
}
