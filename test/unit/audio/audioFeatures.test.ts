/**
 * The audio features measured in node from decoded samples: loudness after BS.1770 (checked against the
 * standard's own calibration: a 1 kHz sine at -23 dBFS in both channels reads -23 LUFS), silences with
 * silencedetect's semantics, and byte streams cut anywhere, even inside a sample.
 */
import { describe, expect, it } from 'vitest';
import { AudioFeatureMeter, LOUDNESS_FLOOR_LUFS, LoudnessMeter, SilenceDetector } from '../../../shared/core/audio/index.js';

const RATE = 16_000;

function sine(seconds: number, dbfs: number, hz = 1000): Int16Array {
  const amplitude = 10 ** (dbfs / 20) * 32767;
  return Int16Array.from({ length: Math.round(seconds * RATE) }, (_, i) => Math.round(amplitude * Math.sin((2 * Math.PI * hz * i) / RATE)));
}
const silence = (seconds: number): Int16Array => new Int16Array(Math.round(seconds * RATE));
/** Silences to the millisecond: a sine's first samples, at its zero crossing, are quiet too. */
const toMs = (ranges: readonly { start: number; end: number }[]) => ranges.map(({ start, end }) => ({ start: Math.round(start * 1000) / 1000, end: Math.round(end * 1000) / 1000 }));
const concat = (...parts: Int16Array[]): Int16Array => {
  const out = new Int16Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
};

describe('LoudnessMeter', () => {
  it('reads the calibration tone (1 kHz at -23 dBFS, dual mono) as -23 LUFS, per second and integrated', () => {
    const meter = new LoudnessMeter({ sampleRate: RATE });
    meter.push(sine(10, -23));
    const { perSecond, integrated } = meter.result();
    expect(perSecond).toHaveLength(10);
    expect(integrated).toBeCloseTo(-23, 1);
    // The first second starts from an empty 400 ms window; every later one is steady.
    for (const value of perSecond.slice(1)) expect(value).toBeCloseTo(-23, 1);
    expect(perSecond[0]!).toBeLessThan(-23);
  });

  it('gates silence out of the integrated loudness and floors silent seconds', () => {
    const meter = new LoudnessMeter({ sampleRate: RATE });
    meter.push(concat(sine(5, -20), silence(20), sine(5, -30)));
    const { perSecond, integrated } = meter.result();
    expect(perSecond.slice(6, 24).every((value) => value === LOUDNESS_FLOOR_LUFS)).toBe(true);
    // The -30 dBFS part is within 10 LU of the mean of the loud blocks, so both count: about -22.6 LUFS, not
    // the -27 an ungated mean over all 30 s would give.
    expect(integrated).toBeGreaterThan(-23.5);
    expect(integrated).toBeLessThan(-21.5);
  });

  it('reports the floor for digital silence', () => {
    const meter = new LoudnessMeter({ sampleRate: RATE });
    meter.push(silence(3));
    expect(meter.result()).toEqual({ perSecond: [-70, -70, -70], integrated: -70 });
  });

  it('weighs low frequencies down (the RLB high-pass): a 30 Hz tone reads quieter than a 1 kHz tone of the same level', () => {
    const low = new LoudnessMeter({ sampleRate: RATE });
    low.push(sine(4, -23, 30));
    const mid = new LoudnessMeter({ sampleRate: RATE });
    mid.push(sine(4, -23, 1000));
    expect(mid.result().integrated - low.result().integrated).toBeGreaterThan(1);
  });
});

describe('SilenceDetector', () => {
  const detector = () => new SilenceDetector({ sampleRate: RATE, noiseDb: -35, minSeconds: 0.5 });

  it('reports quiet runs of at least the minimum length, from the first quiet sample to the first loud one', () => {
    const d = detector();
    d.push(concat(sine(1, -10), silence(0.75), sine(1, -10), silence(0.3), sine(1, -10), sine(2, -50)));
    expect(toMs(d.result())).toEqual([
      { start: 1, end: 1.75 },
      // -50 dBFS is under the -35 dB threshold: the quiet tail is a silence that lasts to the end.
      { start: 4.05, end: 6.05 },
    ]);
  });

  it('finds the same silences however the samples are chunked', () => {
    const samples = concat(sine(0.5, -10), silence(1), sine(0.5, -10), silence(0.6));
    const whole = detector();
    whole.push(samples);
    const chunked = detector();
    for (let at = 0; at < samples.length; at += 777) chunked.push(samples.subarray(at, at + 777));
    expect(chunked.result()).toEqual(whole.result());
    expect(whole.result()).toHaveLength(2);
  });
});

describe('AudioFeatureMeter', () => {
  it('measures raw little-endian bytes cut at odd offsets exactly as the whole buffer', () => {
    const samples = concat(sine(2, -18), silence(1), sine(1.5, -28, 440));
    const bytes = new Uint8Array(samples.buffer);
    const whole = new AudioFeatureMeter({ sampleRate: RATE, silenceNoiseDb: -35, silenceMinSeconds: 0.5 });
    whole.pushBytes(bytes);
    const cut = new AudioFeatureMeter({ sampleRate: RATE, silenceNoiseDb: -35, silenceMinSeconds: 0.5 });
    // Odd sizes: samples are split across chunks, and most chunks start at an odd byte offset.
    for (let at = 0, size = 1; at < bytes.length; at += size, size = (size * 7 + 3) % 4099) cut.pushBytes(bytes.subarray(at, at + size));
    expect(cut.result()).toEqual(whole.result());
    expect(whole.result().decodedSeconds).toBe(4.5);
    expect(toMs(whole.result().silences)).toEqual([{ start: 2, end: 3 }]);
    expect(whole.result().loudness).toHaveLength(5); // the last, half second included
  });
});
