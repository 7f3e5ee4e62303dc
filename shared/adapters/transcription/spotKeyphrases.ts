/**
 * Keyphrase spotting: where given phrases (product names, calls to action) were said, with
 * pocketsphinx's keyword search (`pocketsphinx_continuous -kws`). Unlike free decoding it only
 * listens for the phrases, so a name the language model would never guess can still be found.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { findExecutable } from '../findExecutable.js';
import os from 'node:os';
import path from 'node:path';
import { MediaError } from '../../core/errors.js';
import { POCKETSPHINX_CONTINUOUS, POCKETSPHINX_EN_US, runPocketsphinxContinuous, type PocketsphinxModel } from './pocketsphinxContinuous.js';

/** One detection, seconds from the start of the file. */
export interface KeyphraseHit {
  /** The phrase as spotted (normalised: lowercase, single spaces). */
  readonly phrase: string;
  readonly start: number;
  readonly end: number;
  /** pocketsphinx's posterior for the detection, 0..1. */
  readonly confidence: number;
}

export interface KeyphraseSpotting {
  /** Detections in time order. */
  readonly hits: KeyphraseHit[];
  /** Phrases that could not be listened for: a word is missing from the pronunciation dictionary. */
  readonly unknownPhrases: string[];
}

export interface SpotKeyphrasesOptions {
  /**
   * Detection threshold (pocketsphinx's p(phrase)/p(alternatives) bound). Lower finds more and invents
   * more: on the JFK recording 1e-20 found "country" and "ask not" where they were said and nothing
   * else, 1e-40 heard "serum" three times in a speech without it. Not calibrated beyond that.
   * @default 1e-20
   */
  readonly threshold?: number;
  /** @default Debian's pocketsphinx-en-us */
  readonly model?: PocketsphinxModel;
  /** @default 'pocketsphinx_continuous' on PATH */
  readonly binary?: string;
  readonly signal?: AbortSignal;
}

/** Lowercase, letters, digits and apostrophes, single spaces: how the dictionary spells words. */
export function normalisePhrase(phrase: string): string {
  return phrase
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}'\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const HIT_LINE = /^(.+?)\s+(\d+(?:\.\d+)?) (\d+(?:\.\d+)?) (-?\d+(?:\.\d+)?(?:e-?\d+)?)$/i;
const MISSING_WORD = /in phrase '([^']*)' is missing in the dictionary/;

/** Detections from `-kws -time yes` output (hypothesis lines carry no times and are skipped). Pure. */
export function parseKeyphraseHits(output: string): KeyphraseHit[] {
  const hits: KeyphraseHit[] = [];
  for (const line of output.split(/\r?\n/)) {
    const match = HIT_LINE.exec(line.trim());
    if (!match) continue;
    const [, phrase, start, end, posterior] = match as unknown as [string, string, string, string, string];
    hits.push({ phrase: normalisePhrase(phrase), start: Number(start), end: Number(end), confidence: Math.min(1, Math.max(0, Number(posterior))) });
  }
  return hits.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Where `phrases` were said in a local 16 kHz mono WAV. Empty phrases are ignored; none at all gives no hits. */
export async function spotKeyphrases(wavPath: string, phrases: readonly string[], options: SpotKeyphrasesOptions = {}): Promise<KeyphraseSpotting> {
  const wanted = [...new Set(phrases.map(normalisePhrase).filter(Boolean))];
  if (wanted.length === 0) return { hits: [], unknownPhrases: [] };
  const threshold = options.threshold ?? 1e-20;
  if (!(threshold > 0 && threshold <= 1)) throw new RangeError(`keyphrase threshold must be in (0, 1], but ${threshold} was given`);
  const binary = findExecutable(options.binary ?? POCKETSPHINX_CONTINUOUS);
  if (!binary) throw new MediaError(`${options.binary ?? POCKETSPHINX_CONTINUOUS} not found: keyphrase spotting needs it (apt-get install pocketsphinx)`, { permanent: true });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'postshow-kws-'));
  try {
    const keyphraseFile = path.join(dir, 'keyphrases.txt');
    await writeFile(keyphraseFile, wanted.map((phrase) => `${phrase} /${threshold.toExponential()}/\n`).join(''));
    const run = await runPocketsphinxContinuous(binary, wavPath, options.model ?? POCKETSPHINX_EN_US, options.signal, { kind: 'kws', keyphraseFile });
    const unknownPhrases = [...new Set(run.errors.map((line) => MISSING_WORD.exec(line)?.[1]).filter((phrase): phrase is string => phrase !== undefined).map(normalisePhrase))];
    return { hits: parseKeyphraseHits(run.stdout), unknownPhrases };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
