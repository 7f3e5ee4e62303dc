import { describe, expect, it } from 'vitest';
import { showKeys } from '../../../shared/core/keys.js';
import { manifestSchema } from '../../../shared/pipeline/manifest.js';
import { RECORDING_KEY, runStage, SHOW_ID, storedJson, uploadShow } from '../../helpers/memoryShow.js';
import { stageContextPerTest } from '../../helpers/stageDoubles.js';

const keys = showKeys(SHOW_ID);

describe('ingest stage', () => {
  const context = stageContextPerTest();

  it('probes the recording, parses the side inputs and writes the manifest', async () => {
    const result = await runStage(await uploadShow(context().storage), context());

    expect(result.next).toEqual([{ stage: 'audio', showId: SHOW_ID }]);
    expect(context().media.calls).toEqual([{ method: 'probe', location: `memory:${RECORDING_KEY}` }]);
    const manifest = manifestSchema.parse(await storedJson(context().storage, keys.manifest));
    expect(manifest).toMatchObject({ runId: 'run0001', sourceName: 'unit-show.mp4', language: 'en', languageSource: 'captions', transcriptionSource: 'captions' });
    expect(manifest.media.duration).toBe(120);
    expect(Object.keys(manifest.inputs).sort()).toEqual(['captions', 'chat']);
    expect(manifest.inputs.chat?.report.accepted).toBeGreaterThan(40);
    expect(await context().storage.list(keys.inputs('chat'))).toEqual([keys.inputs('chat')]);
  });

  it('on redelivery reuses the manifest without probing again', async () => {
    const message = await uploadShow(context().storage);
    await runStage(message, context());
    const manifest = await context().storage.get(keys.manifest);

    const again = await runStage(message, context());

    expect(again.next).toEqual([{ stage: 'audio', showId: SHOW_ID }]);
    expect(again.summary).toMatchObject({ reused: true });
    expect(context().media.count('probe')).toBe(1);
    expect(await context().storage.get(keys.manifest)).toEqual(manifest);
  });

  it.each([
    ['an empty recording', { recording: Buffer.alloc(0) }, undefined, /recording unit-show\.mp4 is empty \(0 bytes\)/],
    ['a recording without audio', {}, { formatName: 'mp4', duration: 30, sizeBytes: 10 }, /has no audio track/],
    ['a recording without duration', {}, { formatName: 'mp4', duration: 0, sizeBytes: 10, audio: { codec: 'aac', sampleRate: 48_000, channels: 2 } }, /no measurable duration/],
    ['a bad job.json value', { job: { maxClips: -1 } }, undefined, /job\.json: maxClips:/],
  ])('fails permanently with a readable reason on %s', async (_case, inputs, info, reason) => {
    if (info) context().media.info = info;
    await expect(runStage(await uploadShow(context().storage, inputs), context())).rejects.toMatchObject({ permanent: true, message: reason });
    expect(await context().storage.head(keys.manifest)).toBeUndefined();
  });

  it('tells garbage from a damaged file when ffprobe fails', async () => {
    context().media.info = new Error('moov atom not found');
    const message = await uploadShow(context().storage, { recording: Buffer.from('this is a text file, not a video'.repeat(20)) });
    await expect(runStage(message, context())).rejects.toMatchObject({ name: 'MediaError', permanent: true, message: /no known container signature/ });
  });

  it('refuses a recording key outside the show', async () => {
    const message = { ...(await uploadShow(context().storage)), recordingKey: 'recordings/other-show/recording.mp4' };
    await expect(runStage(message, context())).rejects.toMatchObject({ name: 'InputError', permanent: true });
  });
});
