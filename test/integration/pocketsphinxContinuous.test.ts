/**
 * The real `pocketsphinx_continuous` on a real 3-second LibriVox utterance: words come back timed on
 * the recording clock with confidences, and the ffmpeg `asr` fallback still transcribes (without them).
 */
import path from 'node:path';
import { findExecutable } from '../../shared/adapters/findExecutable.js';
import { describe, expect, it } from 'vitest';
import { FfmpegMedia } from '../../shared/adapters/media/ffmpegMedia.js';
import { POCKETSPHINX_CONTINUOUS } from '../../shared/adapters/transcription/pocketsphinxContinuous.js';
import { PocketsphinxTranscriber } from '../../shared/adapters/transcription/pocketsphinxTranscriber.js';
import { spotKeyphrases } from '../../shared/adapters/transcription/spotKeyphrases.js';
import { LIBRIVOX_DIR, missingTestData } from '../helpers/sharedData.js';

// "he was not an ill disposed young man", 2.99 s, 16 kHz mono.
const UTTERANCE = path.join(LIBRIVOX_DIR, 'sense_and_sensibility_01_austen_64kb-0880.wav');
const OFFSET = 40;
const request = { location: UTTERANCE, offset: OFFSET, duration: 3, language: 'en' as const, silences: [] };
const noBinary = findExecutable(POCKETSPHINX_CONTINUOUS) === undefined;
if (noBinary) console.warn(`${POCKETSPHINX_CONTINUOUS} not installed (apt-get install pocketsphinx): its tests are skipped`);

describe.skipIf(noBinary || missingTestData(LIBRIVOX_DIR))('pocketsphinx_continuous', () => {
  it('gives words with timings on the recording clock and confidences', async () => {
    const transcriber = new PocketsphinxTranscriber(new FfmpegMedia());
    expect(transcriber.wordTimings).toBe(true);
    const { segments } = await transcriber.transcribe(request);
    const words = segments.flatMap((segment) => segment.words ?? []);
    expect(words.length).toBeGreaterThanOrEqual(5);
    expect(words.map((word) => word.text).join(' ')).toMatch(/\bhe was not\b.*\byoung man\b/);
    for (const [index, word] of words.entries()) {
      expect(word.start).toBeGreaterThanOrEqual(OFFSET);
      expect(word.end).toBeLessThanOrEqual(OFFSET + 3);
      expect(word.end).toBeGreaterThan(word.start);
      if (index > 0) expect(word.start).toBeGreaterThanOrEqual(words[index - 1]!.end);
      expect(word.confidence).toBeGreaterThanOrEqual(0);
      expect(word.confidence).toBeLessThanOrEqual(1);
      expect(word.text).not.toMatch(/[<>[\]()+]/);
    }
    // Clearly spoken words come back near-certain; the recognition errors of this file do not.
    expect(Math.max(...words.map((word) => word.confidence ?? 0))).toBeGreaterThan(0.9);
    for (const segment of segments) expect(segment.confidence).toBeGreaterThan(0);
  });

  it('stops when the signal aborts, and fails permanently on a file it cannot read', async () => {
    const transcriber = new PocketsphinxTranscriber(new FfmpegMedia());
    const controller = new AbortController();
    const running = transcriber.transcribe({ ...request, signal: controller.signal });
    controller.abort(new Error('deadline'));
    await expect(running).rejects.toMatchObject({ name: 'AbortedError' });
    await expect(transcriber.transcribe({ ...request, location: '/nonexistent/chunk.wav' })).rejects.toMatchObject({
      name: 'MediaError',
      permanent: true,
      message: expect.stringMatching(/Failed to open file/),
    });
  });
});

describe.skipIf(noBinary || missingTestData(LIBRIVOX_DIR))('spotKeyphrases', () => {
  it('finds a phrase where it was said, not one that was not, and names phrases it cannot listen for', async () => {
    const spotted = await spotKeyphrases(UTTERANCE, ['Young man', 'serum', 'glowzerum']);
    expect(spotted.hits.map((hit) => hit.phrase)).toEqual(['young man']);
    expect(spotted.hits[0]?.start).toBeGreaterThan(1.5);
    expect(spotted.hits[0]?.end).toBeLessThanOrEqual(3);
    expect(spotted.unknownPhrases).toEqual(['glowzerum']);
    expect(await spotKeyphrases(UTTERANCE, [' '])).toEqual({ hits: [], unknownPhrases: [] });
  });
});

describe.skipIf(missingTestData(LIBRIVOX_DIR))('ffmpeg asr fallback', () => {
  it('transcribes without word timings or confidence when the binary is not used', async () => {
    const transcriber = new PocketsphinxTranscriber(new FfmpegMedia(), { binary: false });
    expect(transcriber.wordTimings).toBe(false);
    const { segments } = await transcriber.transcribe(request);
    expect(segments.map((segment) => segment.text).join(' ')).toMatch(/young man/);
    expect(segments.every((segment) => segment.confidence === undefined && segment.words === undefined)).toBe(true);
  });
});
