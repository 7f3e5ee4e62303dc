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

  it("renders the source's shape and 9:16 through the Media port, thumbnails through Images, and stores every file under its clip key", async () => {
    const [first] = clips as [MessageOf<'clip'>];
    await runStage(first, context());

    const [render] = context().media.renders;
    expect(render).toMatchObject({ source: 'memory:recordings/unit-show/recording.mp4', sourceVideo: { width: 320, height: 180 }, signal: context().signal });
    // 9:16 leads (short-video feeds first); the 16:9 source keeps its shape.
    expect(render?.variants.map((variant) => [variant.aspect, variant.reframe.mode])).toEqual([
      ['9:16', 'blur'],
      ['16:9', 'center'],
    ]);
    // The flat test frames give no subject, so auto reframing falls back to the blurred fill; one sampling pass.
    expect(context().media.count('sampleFrames')).toBe(1);
    expect(context().images.thumbnails).toEqual([expect.objectContaining({ framePath: render?.thumbnail.path, width: 540, height: 960 })]);
    const stored = await meta(first.clipId);
    expect(stored.files).toEqual({
      thumbnail: keys.clipFile(first.clipId, 'thumbnail'),
      captions: keys.clipFile(first.clipId, 'captions'),
    });
    expect(stored.variants.map((variant) => [variant.aspect, variant.file, variant.width, variant.height])).toEqual([
      ['9:16', keys.clipVariant(first.clipId, '9:16'), 1080, 1920],
      ['16:9', keys.clipVariant(first.clipId, '16:9'), 1920, 1080],
    ]);
    expect(stored.kept).toBeUndefined();
    for (const key of [...Object.values(stored.files), ...stored.variants.map((variant) => variant.file)]) expect(await context().storage.head(key)).toBeDefined();
    expect(stored).toMatchObject({ runId: 'run0001', clipId: first.clipId, copyBy: 'extractive', compliance: { status: 'clear', flags: [] } });
    // The show's captions file is trusted text, so it is burned, one ASS per shape, in the default style.
    expect(stored.captions).toMatchObject({ burned: true, source: 'captions', style: 'bold' });
    expect(render?.variants.every((variant) => variant.captionsPath !== undefined)).toBe(true);
    expect(stored.variants.map((variant) => variant.captions)).toEqual([keys.clipCaptionsAss(first.clipId, '9:16'), keys.clipCaptionsAss(first.clipId, '16:9')]);
  });

  it('fans in: only the last clip to finish sends suggest, and a redelivered owner sends it again without cutting', async () => {
    expect(clips).toHaveLength(2);
    const [first, second] = clips as [MessageOf<'clip'>, MessageOf<'clip'>];
    expect((await runStage(first, context())).next).toEqual([]);
    expect((await runStage(second, context())).next).toEqual([{ stage: 'suggest', showId: SHOW_ID }]);
    const metas = [await context().storage.get(keys.clipMeta(first.clipId)), await context().storage.get(keys.clipMeta(second.clipId))];

    const redelivered = await runStage(second, context());
    expect(redelivered).toEqual({ next: [{ stage: 'suggest', showId: SHOW_ID }], summary: { reused: true, version: 1 } });
    expect(await runStage(first, context())).toEqual({ next: [], summary: { reused: true, version: 1 } });
    expect(context().media.count('renderClip')).toBe(2);
    expect([await context().storage.get(keys.clipMeta(first.clipId)), await context().storage.get(keys.clipMeta(second.clipId))]).toEqual(metas);
  });

  it('fails permanently on a clip id that is not a highlight of the show', async () => {
    await expect(runStage({ stage: 'clip', showId: SHOW_ID, clipId: 'h0000000000' }, context())).rejects.toMatchObject({
      name: 'InputError',
      permanent: true,
      message: 'clip h0000000000 is not a highlight of show unit-show',
    });
    expect(context().media.renders).toEqual([]);
  });

  it('writes no meta.json when the cut fails, so the clip never counts as done', async () => {
    const [first] = clips as [MessageOf<'clip'>];
    context().media.renderClip = () => Promise.reject(new Error('encoder crashed'));
    await expect(runStage(first, context())).rejects.toThrow('encoder crashed');
    expect(await context().storage.head(keys.clipMeta(first.clipId))).toBeUndefined();
  });
});

describe('clip stage with --aspect 9:16,1:1,16:9 --caption-style karaoke --reframe center', () => {
  let askedClips: MessageOf<'clip'>[];
  const asked = stageContextPerTest(async (fresh) => {
    askedClips = (await runShowUntil(fresh, 'clip', { job: { aspects: '9:16,1:1,16:9', captionStyle: 'karaoke', reframe: 'center' } })) as MessageOf<'clip'>[];
  });

  it('renders the asked shapes with sidecar captions in the asked style: one ASS per shape, karaoke events per word', async () => {
    const fresh = asked();
    const [first] = askedClips as [MessageOf<'clip'>];
    await runStage(first, fresh);
    const [render] = fresh.media.renders;
    expect(render?.variants.map((variant) => [variant.aspect, variant.reframe.mode])).toEqual([
      ['9:16', 'center'],
      ['1:1', 'center'],
      ['16:9', 'center'],
    ]);
    expect(fresh.media.count('sampleFrames')).toBe(0);
    const stored = clipMetaSchema.parse(await storedJson(fresh.storage, keys.clipMeta(first.clipId)));
    expect(stored.captions).toMatchObject({ burned: true, source: 'captions', style: 'karaoke' });
    const srt = (await fresh.storage.get(stored.files.captions)).toString('utf8');
    expect(srt).toMatch(/-->/);
    for (const variant of stored.variants) {
      expect(variant.captions).toBe(keys.clipCaptionsAss(first.clipId, variant.aspect));
      const ass = (await fresh.storage.get(variant.captions!)).toString('utf8');
      const [w, h] = variant.aspect.split(':').map(Number) as [number, number];
      expect(ass, variant.aspect).toMatch(new RegExp(`PlayResX: ${w > h ? 1920 : 1080}`));
      // Karaoke: one Dialogue event per word of the burned cues, the spoken word in the highlight colour.
      const words = srt.replace(/^\d+\n.*-->.*\n/gm, '').split(/\s+/).filter(Boolean);
      expect(ass.match(/^Dialogue:/gm)?.length, variant.aspect).toBe(words.length);
      expect(ass, variant.aspect).toMatch(/\\1c&H00D4FF&/);
    }
  });
});
