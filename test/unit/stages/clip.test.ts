import { describe, expect, it } from 'vitest';
import { showKeys } from '../../../shared/core/keys.js';
import { clipMetaSchema } from '../../../shared/pipeline/artifacts.js';
import type { MessageOf } from '../../../shared/pipeline/messages.js';
import { runShowUntil, runStage, SHOW_ID, storedJson } from '../../helpers/memoryShow.js';
import { stageContextPerTest } from '../../helpers/stageDoubles.js';

const keys = showKeys(SHOW_ID);

describe('clip stage', () => {
  let clips: MessageOf<'clip'>[];
  const context = stageContextPerTest(async (fresh) => {
    clips = (await runShowUntil(fresh, 'clip')) as MessageOf<'clip'>[];
  });

  const meta = async (clipId: string) => clipMetaSchema.parse(await storedJson(context().storage, keys.clipMeta(clipId)));

  it('cuts through the Media port, thumbnails through the Images port and stores every file under its clip key', async () => {
    const [first] = clips as [MessageOf<'clip'>];
    await runStage(first, context());

    const [cut] = context().media.cuts;
    expect(cut).toMatchObject({ source: 'memory:recordings/unit-show/recording.mp4', hasVideo: true, signal: context().signal });
    expect(cut?.captionsPath).toBeDefined();
    expect(context().images.thumbnails).toEqual([expect.objectContaining({ framePath: cut?.framePath, width: 540, height: 960 })]);
    const stored = await meta(first.clipId);
    expect(stored.files).toEqual({
      thumbnail: keys.clipFile(first.clipId, 'thumbnail'),
      captions: keys.clipFile(first.clipId, 'captions'),
    });
    expect(stored.variants.map((variant) => [variant.aspect, variant.file])).toEqual([
      ['9:16', keys.clipVariant(first.clipId, '9:16')],
      ['16:9', keys.clipVariant(first.clipId, '16:9')],
    ]);
    for (const key of [...Object.values(stored.files), ...stored.variants.map((variant) => variant.file)]) expect(await context().storage.head(key)).toBeDefined();
    expect(stored).toMatchObject({ runId: 'run0001', clipId: first.clipId, copyBy: 'extractive', compliance: { status: 'clear', flags: [] } });
    expect((await context().storage.get(stored.files.captions)).toString('utf8')).toMatch(/-->/);
  });

  it('fans in: only the last clip to finish sends suggest, and a redelivered owner sends it again without cutting', async () => {
    expect(clips).toHaveLength(2);
    const [first, second] = clips as [MessageOf<'clip'>, MessageOf<'clip'>];
    expect((await runStage(first, context())).next).toEqual([]);
    expect((await runStage(second, context())).next).toEqual([{ stage: 'suggest', showId: SHOW_ID }]);
    const metas = [await context().storage.get(keys.clipMeta(first.clipId)), await context().storage.get(keys.clipMeta(second.clipId))];

    const redelivered = await runStage(second, context());
    expect(redelivered).toEqual({ next: [{ stage: 'suggest', showId: SHOW_ID }], summary: { reused: true } });
    expect(await runStage(first, context())).toEqual({ next: [], summary: { reused: true } });
    expect(context().media.count('cutClip')).toBe(2);
    expect([await context().storage.get(keys.clipMeta(first.clipId)), await context().storage.get(keys.clipMeta(second.clipId))]).toEqual(metas);
  });

  it('fails permanently on a clip id that is not a highlight of the show', async () => {
    await expect(runStage({ stage: 'clip', showId: SHOW_ID, clipId: 'h0000000000' }, context())).rejects.toMatchObject({
      name: 'InputError',
      permanent: true,
      message: 'clip h0000000000 is not a highlight of show unit-show',
    });
    expect(context().media.cuts).toEqual([]);
  });

  it('writes no meta.json when the cut fails, so the clip never counts as done', async () => {
    const [first] = clips as [MessageOf<'clip'>];
    context().media.cutClip = () => Promise.reject(new Error('encoder crashed'));
    await expect(runStage(first, context())).rejects.toThrow('encoder crashed');
    expect(await context().storage.head(keys.clipMeta(first.clipId))).toBeUndefined();
  });
});
