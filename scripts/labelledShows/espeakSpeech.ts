/**
 * Speaks one caption cue with espeak-ng so the utterance fits the cue: the speed is predicted from the text's
 * length, then corrected once or twice from what espeak actually produced (duration is close to proportional to
 * 1/speed). Only when even the fastest speed overruns is the tail cut, with a short fade.
 */
import { spawn } from 'node:child_process';
import type { Language } from '../../shared/core/types.js';
import { speechLength } from './scripts.js';

/** espeak-ng writes 16-bit mono at this rate for both voices used here. */
export const ESPEAK_SAMPLE_RATE = 22_050;
const VOICES: Readonly<Record<Language, string>> = { en: 'en-us', zh: 'cmn' };
/** Seconds per unit (word, or Han character) at 60 units a minute nominal: espeak's cmn runs ~26 % slower than asked. */
const SECONDS_PER_UNIT_AT_60_WPM: Readonly<Record<Language, number>> = { en: 1.0, zh: 1.26 };
/** espeak-ng's usable range, words per minute (above 450 it speeds up with sonic, still intelligible). */
const SPEED_RANGE = { min: 80, max: 900 } as const;
/**
 * An utterance aims at this share of its cue and is kept when it lands within FIT_RANGE of it: a shorter one
 * would leave a pause at the cue's end that silencedetect (0.5 s) reads as silence inside the speech.
 */
const FIT_TARGET = 0.96;
const FIT_RANGE = { min: 0.9, max: 1 } as const;
const MAX_ATTEMPTS = 4;
/** Leading and trailing samples quieter than this (about -40 dBFS) are espeak's padding, not speech. */
const PADDING_LEVEL = 330;

/** One spoken cue: samples at {@link ESPEAK_SAMPLE_RATE}, the speed used, and whether the tail had to be cut. */
export interface SpokenCue {
  readonly samples: Int16Array;
  readonly speed: number;
  readonly trimmed: boolean;
}

/** Runs espeak-ng once; the text goes through stdin so no line is ever read as an option. */
function espeak(text: string, language: Language, speed: number): Promise<Int16Array> {
  return new Promise((resolve, reject) => {
    const child = spawn('espeak-ng', ['-v', VOICES[language], '-s', String(Math.round(speed)), '--stdout'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`espeak-ng exited with ${code}: ${stderr.trim().slice(0, 300)}`));
      try {
        resolve(trimPadding(wavSamples(Buffer.concat(chunks))));
      } catch (error) {
        reject(error as Error);
      }
    });
    child.stdin.end(text);
  });
}

/** The samples of espeak's WAV (written to a pipe, its sizes are placeholders: the data runs to the end). */
function wavSamples(wav: Buffer): Int16Array {
  const data = wav.indexOf('data', 12, 'latin1');
  if (wav.toString('latin1', 0, 4) !== 'RIFF' || data < 0) throw new Error('espeak-ng did not write a WAV');
  const start = data + 8;
  const bytes = (wav.length - start) & ~1;
  const samples = new Int16Array(bytes / 2);
  for (let i = 0; i < samples.length; i++) samples[i] = wav.readInt16LE(start + 2 * i);
  return samples;
}

function trimPadding(samples: Int16Array): Int16Array {
  let first = 0;
  while (first < samples.length && Math.abs(samples[first] ?? 0) < PADDING_LEVEL) first++;
  let last = samples.length - 1;
  while (last > first && Math.abs(samples[last] ?? 0) < PADDING_LEVEL) last--;
  const margin = Math.round(0.02 * ESPEAK_SAMPLE_RATE);
  return samples.slice(Math.max(0, first - margin), Math.min(samples.length, last + 1 + margin));
}

const clampSpeed = (speed: number) => Math.min(SPEED_RANGE.max, Math.max(SPEED_RANGE.min, speed));

/** Speaks `text` to fit in `seconds`. */
export async function speakToFit(text: string, language: Language, seconds: number): Promise<SpokenCue> {
  const target = FIT_TARGET * seconds;
  const units = Math.max(1, speechLength(text, language));
  let speed = clampSpeed((60 * units * SECONDS_PER_UNIT_AT_60_WPM[language]) / target);
  let samples = await espeak(text, language, speed);
  for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
    const share = samples.length / ESPEAK_SAMPLE_RATE / seconds;
    if (share >= FIT_RANGE.min && share <= FIT_RANGE.max) break;
    const next = clampSpeed((speed * samples.length) / ESPEAK_SAMPLE_RATE / target);
    if (Math.round(next) === Math.round(speed)) break;
    speed = next;
    samples = await espeak(text, language, speed);
  }
  const room = Math.floor(seconds * ESPEAK_SAMPLE_RATE);
  if (samples.length <= room) return { samples, speed, trimmed: false };
  // Last resort: cut the overrun, fading the final 30 ms so the cut does not click.
  const cut = samples.slice(0, room);
  const fadeLength = Math.min(cut.length, Math.round(0.03 * ESPEAK_SAMPLE_RATE));
  for (let i = 0; i < fadeLength; i++) {
    const k = cut.length - 1 - i;
    cut[k] = Math.round((cut[k] ?? 0) * (i / fadeLength));
  }
  return { samples: cut, speed, trimmed: true };
}
