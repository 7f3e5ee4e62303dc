import { describe, expect, it } from 'vitest';
import { showKeys } from '../../../shared/core/keys.js';
import { analysisSchema, chatMessagesSchema, highlightsFileSchema, transcriptSchema } from '../../../shared/pipeline/artifacts.js';
import { manifestSchema } from '../../../shared/pipeline/manifest.js';
import { writeJson } from '../../../shared/pipeline/storageJson.js';
import { runShowUntil, runStage, SHOW_ID, storedJson } from '../../helpers/memoryShow.js';
import { stageContextPerTest } from '../../helpers/stageDoubles.js';

const keys = showKeys(SHOW_ID);
const analyzeMessage = { stage: 'analyze', showId: SHOW_ID } as const;

describe('analyze stage', () => {
  const context = stageContextPerTest();

  const read = async <T>(key: string, parse: (value: unknown) => T) => parse(await storedJson(context().storage, key));

  it('finds the chat bursts as highlights and sends one clip message each', async () => {
    await runShowUntil(context(), 'analyze');
    const result = await runStage(analyzeMessage, context());

    const { highlights, runId, rankedBy } = await read(keys.highlights, (value) => highlightsFileSchema.parse(value));
    expect(runId).toBe('run0001');
    expect(rankedBy).toBe('detector');
    const bursts = [62, 100];
    expect(highlights).toHaveLength(bursts.length);
    for (const burst of bursts) expect(highlights.some((highlight) => highlight.start <= burst && highlight.end >= burst + 8)).toBe(true);
    expect(result.next).toEqual(highlights.map((highlight) => ({ stage: 'clip', showId: SHOW_ID, clipId: highlight.id })));
    const analysis = await read(keys.analysis, (value) => analysisSchema.parse(value));
    expect(analysis.chatPerSecond).toHaveLength(120);
    expect(analysis.signals.map((series) => series.name)).toContain('chatRate');
  });

  it('writes the same outputs when the message is delivered again', async () => {
    await runShowUntil(context(), 'analyze');
    const first = await runStage(analyzeMessage, context());
    const outputs = [await context().storage.get(keys.highlights), await context().storage.get(keys.analysis)];

    const again = await runStage(analyzeMessage, context());

    expect(again.next).toEqual(first.next);
    expect([await context().storage.get(keys.highlights), await context().storage.get(keys.analysis)]).toEqual(outputs);
  });

  it('skips to suggest when no clips are wanted', async () => {
    await runShowUntil(context(), 'analyze', { job: { maxClips: 0 } });
    expect((await runStage(analyzeMessage, context())).next).toEqual([{ stage: 'suggest', showId: SHOW_ID }]);
    expect((await read(keys.highlights, (value) => highlightsFileSchema.parse(value))).highlights).toEqual([]);
  });

  it('flags claims in the host\'s reliable speech once each, and none in viewers\' chat or in unsure recognition', async () => {
    await runShowUntil(context(), 'analyze');
    const { storage } = context();
    // The host's superlative in two identical caption cues at one time (a doubled cue), a recogniser's unsure
    // "best ever", and a fan's danmaku superlative posted twice.
    const transcript = await read(keys.transcript, (value) => transcriptSchema.parse(value));
    const claim = { start: 30, end: 33, text: '这是全网最好的面霜', reliable: true };
    await writeJson(storage, keys.transcript, transcriptSchema, {
      ...transcript,
      engine: 'pocketsphinx',
      segments: [...transcript.segments.map((s) => ({ ...s, reliable: true })), claim, { ...claim }, { start: 50, end: 52, text: 'the best ever', reliable: false }],
    });
    const manifest = await read(keys.manifest, (value) => manifestSchema.parse(value));
    const chatKey = manifest.inputs.chat!.key;
    const chat = await read(chatKey, (value) => chatMessagesSchema.parse(value));
    const fan = { user: 'fan', text: '嘉队长的舞确实最好', kind: 'message' as const };
    await writeJson(storage, chatKey, chatMessagesSchema, [...chat, { t: 40, ...fan }, { t: 45, ...fan }].sort((a, b) => a.t - b.t));

    await runStage(analyzeMessage, context());

    const { compliance } = await read(keys.analysis, (value) => analysisSchema.parse(value));
    expect(compliance.map(({ start, term, source, text }) => ({ start, term, source, text }))).toEqual([
      { start: 30, term: '全网最好', source: 'speech', text: '这是全网最好的面霜' },
    ]);
  });

  it('reports a missing earlier output as retryable (the pipeline, not the user, is at fault)', async () => {
    await runShowUntil(context(), 'analyze');
    await context().storage.delete(keys.transcript);
    await expect(runStage(analyzeMessage, context())).rejects.toMatchObject({ name: 'CorruptOutputError', permanent: false, message: /transcript\.json is missing/ });
  });
});
