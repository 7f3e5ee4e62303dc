/**
 * Speech sample sets for the ASR evaluation: audio files with their reference transcripts.
 *
 * - `librivox`: Debian's pocketsphinx-testdata, references in one `transcription` file (`<s> text </s> (fileid)`);
 * - `shared-en` / `shared-zh`: ../shared/data/speech/<lang>/, each recording with `name.txt` beside it, and trust levels
 *   from ../shared/data/SPEECH_SOURCES.md.
 *
 * The parsers are pure; the loaders only read directories and files.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Language } from '../../shared/core/types.js';

/** How far a reference can be trusted (SPEECH_SOURCES.md): A corpus reference, B stated text, C uncertain. */
export type TrustLevel = 'A' | 'B' | 'C';

/** One recording and what was said in it. */
export interface SpeechSample {
  /** File name without folder, e.g. `jfk.wav`. */
  readonly id: string;
  readonly audioPath: string;
  readonly reference: string;
  /** Absent for sets without trust levels (the LibriVox test utterances are all corpus references). */
  readonly trust?: TrustLevel;
}

export interface SpeechSet {
  readonly name: string;
  readonly language: Language;
  readonly samples: readonly SpeechSample[];
  /** Why the set is empty or smaller than its folder (missing folder, files without a reference). */
  readonly notes: readonly string[];
}

/** Where Debian's pocketsphinx-testdata puts the LibriVox utterances. */
export const LIBRIVOX_DIR = '/usr/share/pocketsphinx/test/data/librivox';

/** Audio extensions taken from the shared speech folders. */
const AUDIO_EXTENSIONS = new Set(['.wav', '.mp3', '.flac', '.m4a', '.ogg', '.opus']);

/**
 * Parses a Sphinx `transcription` file: one `<s> words </s> (fileid)` line per utterance (the `<s>` markers optional).
 * Returns reference text by file id; blank and malformed lines are skipped.
 */
export function parseSphinxTranscription(text: string): Map<string, string> {
  const references = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:<s>)?\s*(.*?)\s*(?:<\/s>)?\s*\(([^()\s]+)\)\s*$/.exec(line);
    if (!match?.[2]) continue;
    references.set(match[2], (match[1] ?? '').replace(/\s+/g, ' ').trim());
  }
  return references;
}

/**
 * A trust cell such as `A`, `B`, `A/B` or `B/C`, resolved to the weaker level, so "trusted only" never includes a file
 * whose reference might be a single model's guess. Undefined when the cell names no level.
 */
export function parseTrustCell(cell: string): TrustLevel | undefined {
  const levels = cell.toUpperCase().match(/\b[ABC]\b/g) ?? [];
  if (levels.length === 0) return undefined;
  return [...levels].sort().at(-1) as TrustLevel;
}

/**
 * Reads the per-file trust levels from SPEECH_SOURCES.md's tables. Keys are `<folder>/<file>` (e.g. `en/jfk.wav`),
 * the folder taken from the section heading's `speech/<folder>/`. A file cell like `x.wav (renamed from y.wav)` keys on `x.wav`.
 */
export function parseSpeechSourceTrust(markdown: string): Map<string, TrustLevel> {
  const trust = new Map<string, TrustLevel>();
  let folder: string | undefined;
  let fileColumn = -1;
  let trustColumn = -1;
  for (const line of markdown.split(/\r?\n/)) {
    if (line.startsWith('#')) {
      folder = /speech\/([^/`\s]+)\//.exec(line)?.[1];
      fileColumn = -1;
      trustColumn = -1;
      continue;
    }
    if (!line.trim().startsWith('|') || folder === undefined) continue;
    const cells = line.trim().replace(/^\||\|$/g, '').split('|').map((cell) => cell.trim());
    if (cells.every((cell) => /^:?-+:?$/.test(cell))) continue; // the header separator row
    const lowered = cells.map((cell) => cell.toLowerCase());
    if (lowered.includes('file') && lowered.includes('trust')) {
      fileColumn = lowered.indexOf('file');
      trustColumn = lowered.indexOf('trust');
      continue;
    }
    if (fileColumn < 0 || trustColumn < 0) continue;
    const file = (cells[fileColumn] ?? '').split(/\s+/)[0];
    const level = parseTrustCell(cells[trustColumn] ?? '');
    if (file && level) trust.set(`${folder}/${file}`, level);
  }
  return trust;
}

/** Pairs audio files with `<name>.txt` references by base name; returns the pairs and the audio files left without one. */
export function pairAudioWithReferences(fileNames: readonly string[]): { pairs: { audio: string; reference: string }[]; unpaired: string[] } {
  const names = new Set(fileNames);
  const pairs: { audio: string; reference: string }[] = [];
  const unpaired: string[] = [];
  for (const name of [...fileNames].sort()) {
    const extension = path.extname(name).toLowerCase();
    if (!AUDIO_EXTENSIONS.has(extension)) continue;
    const reference = `${name.slice(0, -extension.length)}.txt`;
    if (names.has(reference)) pairs.push({ audio: name, reference });
    else unpaired.push(name);
  }
  return { pairs, unpaired };
}

/** Loads the LibriVox test utterances; an empty set with a note when pocketsphinx-testdata is not installed. */
export async function loadLibrivoxSet(dir = LIBRIVOX_DIR): Promise<SpeechSet> {
  const base = { name: 'librivox', language: 'en' as const };
  const transcriptionPath = path.join(dir, 'transcription');
  if (!existsSync(transcriptionPath)) {
    return { ...base, samples: [], notes: [`${transcriptionPath} not found (apt-get install pocketsphinx-testdata)`] };
  }
  const references = parseSphinxTranscription(await readFile(transcriptionPath, 'utf8'));
  const samples: SpeechSample[] = [];
  const notes: string[] = [];
  for (const name of (await readdir(dir)).filter((file) => file.endsWith('.wav')).sort()) {
    const reference = references.get(name.slice(0, -'.wav'.length));
    if (reference === undefined) notes.push(`${name}: no reference line in transcription, skipped`);
    else samples.push({ id: name, audioPath: path.join(dir, name), reference });
  }
  return { ...base, samples, notes };
}

/**
 * Loads `<speechDir>/<language>/` with trust levels from `sourcesPath`; an empty set with a note when the folder is
 * missing. Files whose trust level is not listed are kept, without a level (they count in "all" only).
 */
export async function loadSharedSpeechSet(speechDir: string, language: Language, sourcesPath: string): Promise<SpeechSet> {
  const base = { name: `shared-${language}`, language };
  const dir = path.join(speechDir, language);
  if (!existsSync(dir)) return { ...base, samples: [], notes: [`${dir} not found, set skipped`] };
  const trust = existsSync(sourcesPath) ? parseSpeechSourceTrust(await readFile(sourcesPath, 'utf8')) : new Map<string, TrustLevel>();
  const notes: string[] = existsSync(sourcesPath) ? [] : [`${sourcesPath} not found: no trust levels`];
  const { pairs, unpaired } = pairAudioWithReferences(await readdir(dir));
  for (const name of unpaired) notes.push(`${name}: no ${name.replace(/\.[^.]+$/, '')}.txt reference, skipped`);
  const samples: SpeechSample[] = [];
  for (const pair of pairs) {
    const reference = (await readFile(path.join(dir, pair.reference), 'utf8')).replace(/\s+/g, ' ').trim();
    const level = trust.get(`${language}/${pair.audio}`);
    if (level === undefined && trust.size > 0) notes.push(`${pair.audio}: no trust level in SPEECH_SOURCES.md`);
    samples.push({ id: pair.audio, audioPath: path.join(dir, pair.audio), reference, ...(level ? { trust: level } : {}) });
  }
  return { ...base, samples, notes };
}
