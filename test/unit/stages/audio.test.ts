import { describe, expect, it } from 'vitest';
import { MediaError } from '../../../shared/core/errors.js';
import { showKeys } from '../../../shared/core/keys.js';
import { audioAnalysisSchema } from '../../../shared/pipeline/artifacts.js';
import type { Logger } from '../../../shared/pipeline/ports.js';
import { runShowUntil, runStage, SHOW_ID, storedJson } from '../../helpers/memoryShow.js';
import { quietShowAudio, stageContextPerTest } from '../../helpers/stageDoubles.js';

const keys = showKeys(SHOW_ID);
const audioMessage = { stage: 'audio', showId: SHOW_ID } as const;

describe('audio stage', () => {
  const context = stageContextPerTest();

  const storedAnalysis = async () => audioAnalysisSchema.parse(await storedJson(context().storage, keys.audioAnalysis));

  it('with captions: measures the audio, keeps the scene changes and plans one chunk', async () => {
    await runShowUntil(context(), 'audio');
    const result = await runStage(audioMessage, context());

    expect(result.next).toEqual([{ stage: 'transcribe', showId: SHOW_ID, chunk: 0 }]);
    const analysis = await storedAnalysis();
    expect(analysis).toMatchObject({ runId: 'run0001', duration: 120, integratedLufs: -26, sceneChanges: [30, 90] });
    expect(analysis.loudness[65]).toBe(-12);
    expect(analysis.speechKey).toBeUndefined();
    expect(await context().storage.head(keys.speechAudio)).toBeUndefined();
  });

  it('for speech recognition: stores the 16 kHz track and fans out one message per planned chunk', async () => {
    await runShowUntil(context(), 'audio', { captions: false, job: { chunkSeconds: 30 } });
    const result = await runStage(audioMessage, context());

    const analysis = await storedAnalysis();
    expect(analysis.speechKey).toBe(keys.speechAudio);
    expect(await context().storage.head(keys.speechAudio)).toBeDefined();
    expect(analysis.chunks.length).toBeGreaterThanOrEqual(4);
    expect(result.next).toEqual(analysis.chunks.map((chunk) => ({ stage: 'transcribe', showId: SHOW_ID, chunk: chunk.index })));
    expect(analysis.chunks.at(-1)?.end).toBe(120);
  });

  it('on redelivery re-sends the same chunks without decoding again', async () => {
    await runShowUntil(context(), 'audio', { captions: false, job: { chunkSeconds: 30 } });
    const first = await runStage(audioMessage, context());
    const again = await runStage(audioMessage, context());

    expect(again.next).toEqual(first.next);
    expect(again.summary).toMatchObject({ reused: true });
    expect(context().media.count('analyzeAudio')).toBe(1);
  });

  it('fails permanently on a truncated recording, naming what decoded', async () => {
    await runShowUntil(context(), 'audio');
    context().media.audioPass = { ...quietShowAudio(120), decodedSeconds: 50 };
    await expect(runStage(audioMessage, context())).rejects.toMatchObject({
      name: 'MediaError',
      permanent: true,
      message: 'recording unit-show.mp4 appears truncated: its audio decodes to 50.0 s of the 120.0 s its header claims',
    });
    expect(await context().storage.head(keys.audioAnalysis)).toBeUndefined();
  });

  it('goes on without scene changes when only the video track is undecodable, but retries a transient failure', async () => {
    await runShowUntil(context(), 'audio');
    const warnings: string[] = [];
    const logger: Logger = { ...context().logger, warn: (message) => warnings.push(message) };
    context().media.sceneChanges = new MediaError('the video track could not be decoded for scene detection: Invalid data found', { permanent: true });
    await runStage(audioMessage, { ...context(), logger });
    expect((await storedAnalysis()).sceneChanges).toEqual([]);
    expect(warnings).toEqual(['scene changes left out: the video track could not be decoded']);

    await context().storage.delete(keys.audioAnalysis);
    context().media.sceneChanges = new MediaError('scene detection failed: Connection reset by peer', { permanent: false });
    await expect(runStage(audioMessage, context())).rejects.toMatchObject({ permanent: false });
  });
});
