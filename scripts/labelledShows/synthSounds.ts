/**
 * The non-speech sounds of a rendered show, synthesized as mono float samples (full scale 1): break music, crowd
 * cheers and the room's noise floor. Pure and seeded; levels are set later by the renderer (pcmLoudness.ts).
 */

/** Break music: I-V-vi-IV in C, 100 bpm, four beats a chord. */
const MUSIC_BPM = 100;
const CHORDS_HZ: readonly (readonly number[])[] = [
  [261.63, 329.63, 392.0], // C
  [246.94, 293.66, 392.0], // G (B D G)
  [261.63, 329.63, 440.0], // Am (C E A)
  [261.63, 349.23, 440.0], // F (C F A)
];
const BASS_HZ: readonly number[] = [65.41, 98.0, 110.0, 87.31];
/** Harmonics of each chord note and their amplitudes: an organ-like tone rather than a sine. */
const HARMONICS: readonly (readonly [number, number])[] = [
  [1, 1],
  [2, 0.45],
  [3, 0.25],
  [4, 0.12],
];
/** Edges fade over this long, seconds, so the music neither clicks in nor stops dead. */
const FADE_SECONDS = 0.4;

const fade = (i: number, length: number, fadeSamples: number) => Math.min(1, i / fadeSamples, (length - 1 - i) / fadeSamples);

/**
 * Music of `seconds`: a chord pad and a bass line, each beat plucked (the envelope decays to 55 %, never to
 * silence, so a break is never read as a pause), an arpeggio on eighth notes and a soft hi-hat off the beat.
 */
export function synthesizeMusic(seconds: number, sampleRate: number, rng: () => number): Float32Array {
  const length = Math.max(0, Math.round(seconds * sampleRate));
  const out = new Float32Array(length);
  const beat = 60 / MUSIC_BPM;
  const fadeSamples = FADE_SECONDS * sampleRate;
  for (let i = 0; i < length; i++) {
    const t = i / sampleRate;
    const beatIndex = Math.floor(t / beat);
    const sinceBeat = t - beatIndex * beat;
    const chord = Math.floor(beatIndex / 4) % CHORDS_HZ.length;
    const notes = CHORDS_HZ[chord] ?? [];
    const pluck = 0.55 + 0.45 * Math.exp(-5 * sinceBeat);
    let pad = 0;
    for (const f of notes) for (const [h, a] of HARMONICS) pad += a * Math.sin(2 * Math.PI * f * h * t);
    const bassHz = BASS_HZ[chord] ?? 65.41;
    const bass = Math.sin(2 * Math.PI * bassHz * t) + 0.5 * Math.sin(4 * Math.PI * bassHz * t);
    const eighth = Math.floor(t / (beat / 2));
    const sinceEighth = t - eighth * (beat / 2);
    const arpHz = 2 * (notes[eighth % notes.length] ?? 261.63);
    const arp = Math.exp(-8 * sinceEighth) * (Math.sin(2 * Math.PI * arpHz * t) + 0.3 * Math.sin(4 * Math.PI * arpHz * t));
    const hat = sinceBeat > beat / 2 && sinceBeat < beat / 2 + 0.04 ? (rng() * 2 - 1) * Math.exp(-60 * (sinceBeat - beat / 2)) : 0;
    out[i] = (0.12 * pad * pluck + 0.35 * bass * pluck + 0.25 * arp + 0.15 * hat) * fade(i, length, fadeSamples);
  }
  return out;
}

/** A crowd cheer of `seconds`: band-limited noise (roughly 300 Hz to 3 kHz) with clapping flutter and a swell. */
export function synthesizeCheer(seconds: number, sampleRate: number, rng: () => number): Float32Array {
  const length = Math.max(0, Math.round(seconds * sampleRate));
  const out = new Float32Array(length);
  const lowCut = Math.exp((-2 * Math.PI * 300) / sampleRate);
  const highCut = Math.exp((-2 * Math.PI * 3000) / sampleRate);
  let low = 0;
  let high = 0;
  let clap = 0;
  const fadeSamples = Math.min(0.3 * sampleRate, length / 3);
  for (let i = 0; i < length; i++) {
    const white = rng() * 2 - 1;
    high = highCut * high + (1 - highCut) * white;
    low = lowCut * low + (1 - lowCut) * high;
    // Claps: random onsets about 30 a second across the crowd, each decaying in ~20 ms.
    if (rng() < 30 / sampleRate) clap = 1;
    clap *= Math.exp(-1 / (0.02 * sampleRate));
    const swell = 0.8 + 0.2 * Math.sin((Math.PI * i) / length);
    out[i] = (high - low) * (0.7 + 0.6 * clap) * swell * fade(i, length, fadeSamples);
  }
  return out;
}

/** Room noise, one sample per call: white noise through a gentle low-pass, as a mic hears an empty room. */
export function roomNoise(rng: () => number, sampleRate: number): () => number {
  const pole = Math.exp((-2 * Math.PI * 2000) / sampleRate);
  let y = 0;
  return () => {
    y = pole * y + (1 - pole) * (rng() * 2 - 1);
    return y;
  };
}
