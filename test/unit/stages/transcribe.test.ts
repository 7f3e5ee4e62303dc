import { describe, expect, it } from 'vitest';
import { showKeys } from '../../../shared/core/keys.js';
import type { MessageOf } from '../../../shared/pipeline/messages.js';
import { transcriptSchema } from '../../../shared/pipeline/artifacts.js';
import { runShowUntil, runStage, runUntil, SHOW_ID, storedJson, uploadShow } from '../../helpers/memoryShow.js';
import { RecordingTranscriber, stageContextPerTest, stageTestContext } from '../../helpers/stageDoubles.js';

const keys = showKeys(SHOW_ID);

describe('transcribe stage', () => {
  let chunks: MessageOf<'transcribe'>[];
  const context = stageContextPerTest(async (fresh) => {
    chunks = (await runShowUntil(fresh, 'transcribe', { captions: false, job: { chunkSeconds: 30 } })) as MessageOf<'transcribe'>[];
  });

  const transcript = async () => transcriptSchema.parse(await storedJson(context().storage, keys.transcript));

  it('transcribes each chunk from the speech track; the last chunk to finish merges them and sends analyze once', async () => {
    expect(chunks.length).toBeGreaterThanOrEqual(4);
    const results = [];
    for (const message of chunks) results.push(await runStage(message, context()));

    expect(results.map((result) => result.next)).toEqual([...chunks.slice(1).map(() => []), [{ stage: 'analyze', showId: SHOW_ID }]]);
    expect(context().transcriber.requests).toHaveLength(chunks.length);
    expect(context().transcriber.requests.every((request) => request.signal === context().signal)).toBe(true);
    expect(context().media.calls.filter((call) => call.method === 'extractAudio').every((call) => call.location === `memory:${keys.speechAudio}`)).toBe(true);
    const merged = await transcript();
    expect(merged.engine).toBe('pocketsphinx');
    expect(merged.segments.length).toBe(chunks.length);
    expect((await context().storage.get(keys.transcriptSrt)).toString('utf8')).toContain('hello and welcome to the show');
  });

  it('on redelivery never transcribes a chunk twice, and only the claim owner sends analyze again', async () => {
    const results = [];
    for (const message of chunks) results.push(await runStage(message, context()));
    const requests = context().transcriber.requests.length;
    const merged = await context().storage.get(keys.transcript);

    const owner = chunks.at(-1) as MessageOf<'transcribe'>;
    expect((await runStage(owner, context())).next).toEqual([{ stage: 'analyze', showId: SHOW_ID }]);
    expect((await runStage(chunks[0] as MessageOf<'transcribe'>, context())).next).toEqual([]);
    expect(context().transcriber.requests.length).toBe(requests);
    expect(await context().storage.get(keys.transcript)).toEqual(merged);
  });

  it('marks what may be quoted before transcript.json is written: words by their confidence, unscored text never', async () => {
    const scored = await stageTestContext({
      transcriber: new RecordingTranscriber([
        { start: 1, end: 3, text: 'the glow serum', words: [{ start: 1, end: 1.2, text: 'the', confidence: 0.99 }, { start: 1.3, end: 2, text: 'glow', confidence: 0.95 }, { start: 2.1, end: 3, text: 'serum', confidence: 0.3 }] },
        { start: 5, end: 7, text: 'heard without a score' },
      ]),
    });
    try {
      const upload = await uploadShow(scored.storage, { captions: false, job: { chunkSeconds: 30 } });
      await runUntil(upload, scored, 'analyze');
      const stored = transcriptSchema.parse(await storedJson(scored.storage, keys.transcript));
      const [words, unscored] = stored.segments;
      expect(words?.words?.map((word) => [word.text, word.reliable])).toEqual([['the', false], ['glow', true], ['serum', false]]);
      expect(words?.reliable).toBe(false);
      expect(unscored).toMatchObject({ text: 'heard without a score', reliable: false });
    } finally {
      await scored.cleanup();
    }
  });

  it('fails permanently on a chunk the plan does not have', async () => {
    await expect(runStage({ stage: 'transcribe', showId: SHOW_ID, chunk: 99 }, context())).rejects.toMatchObject({
      name: 'InputError',
      permanent: true,
      message: 'chunk 99 is not part of show unit-show',
    });
  });

  it('records no engine and a readable note when the engine does not cover the language', async () => {
    const chinese = await stageTestContext({ transcriber: new RecordingTranscriber([], ['zh']) });
    try {
      const upload = await uploadShow(chinese.storage, { captions: false, job: { chunkSeconds: 30, language: 'en' } });
      for (const message of await runUntil(upload, chinese, 'analyze')) expect(message.stage).toBe('analyze');
      const stored = transcriptSchema.parse(await storedJson(chinese.storage, keys.transcript));
      expect(stored).toMatchObject({ engine: 'none', segments: [] });
      expect(stored.note).toMatch(/no offline speech recognition for en/);
    } finally {
      await chinese.cleanup();
    }
  });
});
