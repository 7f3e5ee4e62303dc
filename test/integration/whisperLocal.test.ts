/**
 * The local Whisper engine through the real native path: a tiny whisper.cpp model with random
 * weights, built by the test in whisper.cpp's own file format, is loaded by @fugood/whisper.node and
 * run on espeak-ng speech. The text is garbage by construction; what is checked is that loading,
 * inference, the mapping onto the recording clock and the error paths behave.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path, { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectWhisperModelFile, WhisperModelFileError } from '../../shared/adapters/models/whisperModelFile.js';
import {
  releaseWhisperModels,
  segmentsFromResult,
  segmentsFromTokens,
  WhisperLocalTranscriber,
} from '../../shared/adapters/transcription/whisperLocalTranscriber.js';
import { isPermanent } from '../../shared/core/errors.js';
import { resolveWhisperModelPath } from '../../shared/adapters/models/modelPaths.js';
import { wordErrorRate } from '../../shared/core/transcript/errorRate.js';
import type { Segment } from '../../shared/core/types.js';
import { makeSpeechWav } from '../helpers/media.js';
import { writeTinyWhisperModel } from '../helpers/tinyWhisperModel.js';
import { LIBRIVOX_DIR, missingTestData } from '../helpers/sharedData.js';

const hasTool = (tool: string, versionFlag: string): boolean => {
  try {
    execFileSync(tool, [versionFlag], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

/** A chunk as the audio stage writes it: 16 kHz mono 16-bit WAV. */
function toChunkWav(source: string, target: string): string {
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-i', source, '-ar', '16000', '-ac', '1', '-c:a', 'pcm_s16le', target]);
  return target;
}

function expectOnRecordingClock(segments: readonly Segment[], offset: number, duration: number): void {
  for (const segment of segments) {
    expect(typeof segment.text).toBe('string');
    expect(segment.text.length).toBeGreaterThan(0);
    expect(segment.start).toBeGreaterThanOrEqual(offset);
    expect(segment.end).toBeLessThanOrEqual(offset + duration);
    expect(segment.end).toBeGreaterThan(segment.start);
    for (const word of segment.words ?? []) {
      expect(word.start).toBeGreaterThanOrEqual(segment.start);
      expect(word.end).toBeLessThanOrEqual(segment.end);
    }
  }
}

describe.skipIf(!hasTool('espeak-ng', '--version') || !hasTool('ffmpeg', '-version'))('WhisperLocalTranscriber with a tiny generated ggml model', () => {
  let dir: string;
  let multilingualModel: string;
  let englishModel: string;
  let englishChunk: string;
  let chineseChunk: string;
  let chunkSeconds: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'postshow-whisper-'));
    multilingualModel = join(dir, 'ggml-tiny-random.bin');
    englishModel = join(dir, 'ggml-tiny-random.en.bin');
    await writeTinyWhisperModel(multilingualModel, { multilingual: true, seed: 7 });
    await writeTinyWhisperModel(englishModel, { multilingual: false, seed: 8 });
    englishChunk = toChunkWav(await makeSpeechWav(dir, 'Welcome back to the show. The glow serum is on sale today.'), join(dir, 'chunk-en.wav'));
    chineseChunk = toChunkWav(await makeSpeechWav(dir, '欢迎回到直播间，今天精华液特价。', 'cmn'), join(dir, 'chunk-zh.wav'));
    // 16-bit mono at 16 kHz after a 44-byte header.
    chunkSeconds = ((await readFile(englishChunk)).length - 44) / 32000;
  });

  afterAll(async () => {
    await releaseWhisperModels();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes a file whose structure matches what whisper.cpp expects', async () => {
    const info = await inspectWhisperModelFile(multilingualModel);
    // 11 fixed tensors + 15 per encoder block + 24 per decoder block, one block each.
    expect(info).toMatchObject({ nVocab: 51865, multilingual: true, audioLayers: 1, textLayers: 1, tensors: 50, mels: 80 });
    expect((await inspectWhisperModelFile(englishModel)).multilingual).toBe(false);
  });

  it('supports English and Chinese with a multilingual model, English only with an .en model, nothing without a file', () => {
    const multilingual = new WhisperLocalTranscriber({ modelPath: multilingualModel });
    expect([multilingual.supports('en'), multilingual.supports('zh')]).toEqual([true, true]);
    const english = new WhisperLocalTranscriber({ modelPath: englishModel });
    expect([english.supports('en'), english.supports('zh')]).toEqual([true, false]);
    const missing = new WhisperLocalTranscriber({ modelPath: join(dir, 'ggml-none.bin') });
    expect([missing.supports('en'), missing.supports('zh')]).toEqual([false, false]);
  });

  it('loads the model and transcribes English speech onto the recording clock', async () => {
    const transcriber = new WhisperLocalTranscriber({ modelPath: multilingualModel, threads: 2 });
    expect(transcriber.engine).toBe('whisper-local');
    const offset = 120;
    const result = await transcriber.transcribe({ location: englishChunk, offset, duration: chunkSeconds, language: 'en', silences: [] });
    expect(result.engine).toBe('whisper-local');
    expect(result.model).toBe('ggml-tiny-random.bin');
    expect(result.language).toBe('en');
    expect(Array.isArray(result.segments)).toBe(true);
    expectOnRecordingClock(result.segments, offset, chunkSeconds);
    // English runs with token timestamps: every segment carries its timed words.
    expect(transcriber.wordTimings).toBe(true);
    expect(result.segments.every((segment) => (segment.words?.length ?? 0) > 0)).toBe(true);
  });

  it('transcribes Chinese speech with the language it was given, without word splitting', async () => {
    const transcriber = new WhisperLocalTranscriber({ modelPath: multilingualModel, threads: 2 });
    const duration = ((await readFile(chineseChunk)).length - 44) / 32000;
    const result = await transcriber.transcribe({ location: chineseChunk, offset: 30, duration, language: 'zh', silences: [] });
    expect(result.language).toBe('zh');
    expectOnRecordingClock(result.segments, 30, duration);
    expect(result.segments.every((segment) => segment.words === undefined)).toBe(true);
  });

  it('runs concurrent chunks on one shared model one after the other', async () => {
    const [a, b] = [0, 1].map(() => new WhisperLocalTranscriber({ modelPath: multilingualModel, threads: 1 }));
    const results = await Promise.all([
      a!.transcribe({ location: englishChunk, offset: 0, duration: chunkSeconds, language: 'en', silences: [] }),
      b!.transcribe({ location: englishChunk, offset: chunkSeconds, duration: chunkSeconds, language: 'en', silences: [] }),
    ]);
    expectOnRecordingClock(results[0]!.segments, 0, chunkSeconds);
    expectOnRecordingClock(results[1]!.segments, chunkSeconds, chunkSeconds);
    // Both finished with the model's name: neither call loaded a second copy or lost its result to the other.
    expect(results.map((result) => result.model)).toEqual(['ggml-tiny-random.bin', 'ggml-tiny-random.bin']);
  });

  it('refuses Chinese with an English-only model, permanently', async () => {
    const transcriber = new WhisperLocalTranscriber({ modelPath: englishModel });
    const attempt = transcriber.transcribe({ location: chineseChunk, offset: 0, duration: 3, language: 'zh', silences: [] });
    await expect(attempt).rejects.toThrow(/English-only/);
    expect(isPermanent(await attempt.catch((error: unknown) => error))).toBe(true);
  });

  it.each([
    ['an empty file', (): Buffer => Buffer.alloc(0), /empty file/],
    ['a download cut in the mel filters', (bytes: Buffer): Buffer => bytes.subarray(0, 5000), /truncated/],
    ['a download cut inside the weights', (bytes: Buffer): Buffer => bytes.subarray(0, bytes.length - 1000), /truncated/],
    ['a file that is not a model', (): Buffer => Buffer.from('<html>rate limited</html>'.repeat(10)), /bad magic/],
  ])('reports %s as a clear, permanent error instead of crashing', async (_label, corrupt, reason) => {
    const path = join(dir, `corrupt-${Math.random().toString(36).slice(2)}.bin`);
    writeFileSync(path, corrupt(await readFile(multilingualModel)));
    const transcriber = new WhisperLocalTranscriber({ modelPath: path });
    const error = await transcriber.transcribe({ location: englishChunk, offset: 0, duration: chunkSeconds, language: 'en', silences: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WhisperModelFileError);
    expect((error as Error).message).toMatch(reason);
    expect((error as Error).message).toContain(path);
    expect(isPermanent(error)).toBe(true);
  });
});

describe('mapping native whisper output onto the recording clock', () => {
  const clock = { offset: 60, duration: 10 };

  it('adds the chunk offset, clamps to the chunk, trims text and drops non-speech markers', () => {
    const segments = segmentsFromResult(
      [
        { text: ' Welcome back.', t0: 500, t1: 2_250 },
        { text: ' [BLANK_AUDIO]', t0: 2_250, t1: 4_000 },
        { text: '今天精华液特价', t0: 4_000, t1: 25_000 },
        { text: '  ', t0: 9_000, t1: 9_500 },
      ],
      clock,
    );
    expect(segments).toEqual([
      { start: 60.5, end: 62.25, text: 'Welcome back.' },
      // whisper pads windows to 30 s: an end beyond the chunk is cut at the chunk's end.
      { start: 64, end: 70, text: '今天精华液特价' },
    ]);
  });

  it('joins one-token segments into words and words into sentences', () => {
    const tokens = [
      { text: ' Wel', t0: 0, t1: 200 },
      { text: 'come', t0: 200, t1: 450 },
      { text: ' back', t0: 450, t1: 800 },
      { text: '.', t0: 800, t1: 850 },
      { text: ' Serum', t0: 1_000, t1: 1_500 },
      { text: ' sale', t0: 3_000, t1: 3_400 },
    ];
    const segments = segmentsFromTokens(tokens, clock);
    expect(segments.map((segment) => segment.text)).toEqual(['Welcome back.', 'Serum', 'sale']);
    expect(segments[0]!.words).toEqual([
      { start: 60, end: 60.45, text: 'Welcome' },
      { start: 60.45, end: 60.85, text: 'back.' },
    ]);
    expect(segments[0]).toMatchObject({ start: 60, end: 60.85 });
    // A 1.5 s pause between "Serum" and "sale" ends a segment.
    expect(segments[2]).toMatchObject({ start: 63, end: 63.4 });
  });
});

// With real weights configured (POSTSHOW_WHISPER_MODEL, e.g. after `postshow models pull base`), the
// engine is held to an accuracy bound on real recorded speech. No weights can be downloaded on the
// project's CI machines, so there this block is skipped and the tiny-model tests above cover loading.
const configuredModel = process.env.POSTSHOW_WHISPER_MODEL ? resolveWhisperModelPath() : undefined;
// The model is checked first: it is optional everywhere, LibriVox is not (CI requires it).
describe.skipIf(!configuredModel || !existsSync(configuredModel) || missingTestData(LIBRIVOX_DIR))('WhisperLocalTranscriber with the configured real model', () => {
  it('transcribes the LibriVox utterances with WER under 0.2', async () => {
    const transcriber = new WhisperLocalTranscriber({ modelPath: configuredModel as string });
    const references = readFileSync(path.join(LIBRIVOX_DIR, 'transcription'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => /^<s>\s*(.*?)\s*<\/s>\s*\((.+)\)$/.exec(line.trim()))
      .filter((match): match is RegExpExecArray => match !== null);
    let edits = 0;
    let words = 0;
    for (const [, text, id] of references) {
      const result = await transcriber.transcribe({ location: path.join(LIBRIVOX_DIR, `${id}.wav`), offset: 0, duration: 30, language: 'en', silences: [] });
      const count = (text as string).split(' ').length;
      edits += wordErrorRate(text as string, result.segments.map((s) => s.text).join(' ')) * count;
      words += count;
    }
    expect(edits / words).toBeLessThan(0.2);
  });
});
