/**
 * Local transcription speed: whisper.cpp's `base` model (whisper-local) on real recorded English speech,
 * reported as a realtime factor (transcription seconds over audio seconds) on this machine's cores. Runs only
 * where the model file is present (`postshow models pull base` puts it in ~/.cache/postshow/models); otherwise
 * the row says why it was skipped. The speech is read in place from ../shared/data/speech/en (test data, never
 * copied); without it, a generated espeak-ng passage is used.
 *
 * Imperative benchmark tooling; no assertions.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { modelFileName } from '../shared/adapters/models/modelCatalog.js';
import { defaultModelDir } from '../shared/adapters/models/modelPaths.js';

const execFileAsync = promisify(execFile);
const MODEL = 'base';

export type WhisperBenchResult =
  | { readonly skipped: string }
  | { readonly model: string; readonly threads: number; readonly audioSeconds: number; readonly seconds: number; readonly rtf: number; readonly files: number };

export async function benchWhisperBase(repoRoot: string): Promise<WhisperBenchResult> {
  const modelPath = path.join(defaultModelDir(), modelFileName(MODEL));
  if (!existsSync(modelPath)) return { skipped: `no whisper ${MODEL} model at ${modelPath} (postshow models pull ${MODEL})` };
  const { WhisperLocalTranscriber } = await import('../shared/adapters/transcription/whisperLocalTranscriber.js');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'postshow-whisper-bench-'));
  try {
    const speech = await speechFiles(repoRoot, dir);
    const threads = os.availableParallelism();
    const transcriber = new WhisperLocalTranscriber({ modelPath, threads });
    // Load the model before timing: a run loads it once for every chunk of a show.
    await transcriber.transcribe({ location: speech[0]!.wav, offset: 0, duration: speech[0]!.seconds, language: 'en', silences: [] });
    let audioSeconds = 0;
    const started = performance.now();
    for (const file of speech) {
      await transcriber.transcribe({ location: file.wav, offset: 0, duration: file.seconds, language: 'en', silences: [] });
      audioSeconds += file.seconds;
    }
    const seconds = (performance.now() - started) / 1000;
    await transcriber.close();
    return { model: MODEL, threads, audioSeconds, seconds, rtf: seconds / audioSeconds, files: speech.length };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** 16 kHz mono WAVs of the real English recordings (or one generated passage), with their lengths. */
async function speechFiles(repoRoot: string, dir: string): Promise<{ wav: string; seconds: number }[]> {
  const sharedDir = path.resolve(repoRoot, '..', 'shared', 'data', 'speech', 'en');
  const sources = existsSync(sharedDir)
    ? (await readdir(sharedDir)).filter((name) => /\.(wav|flac|mp3|m4a|ogg|opus)$/i.test(name)).map((name) => path.join(sharedDir, name))
    : [];
  if (sources.length === 0) {
    const generated = path.join(dir, 'espeak.wav');
    await execFileAsync('espeak-ng', ['-v', 'en-us', '-w', generated, 'Welcome back to the show. Today we have the silk lip tint in three shades, and the link is in the description. '.repeat(6)]);
    sources.push(generated);
  }
  const files: { wav: string; seconds: number }[] = [];
  for (const [i, source] of sources.entries()) {
    const wav = path.join(dir, `speech-${i}.wav`);
    await execFileAsync('ffmpeg', ['-v', 'error', '-y', '-i', source, '-ac', '1', '-ar', '16000', '-c:a', 'pcm_s16le', wav]);
    const { stdout } = await execFileAsync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', wav]);
    files.push({ wav, seconds: Number(stdout) });
  }
  return files;
}

export function formatWhisperBench(result: WhisperBenchResult): string {
  if ('skipped' in result) return `whisper ${MODEL} realtime factor: skipped: ${result.skipped}`;
  return `whisper ${result.model} realtime factor: ${result.rtf.toFixed(2)}x (${result.seconds.toFixed(1)} s for ${result.audioSeconds.toFixed(1)} s of speech in ${result.files} files, ${result.threads} threads)`;
}
