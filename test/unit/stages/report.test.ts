import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { showKeys } from '../../../shared/core/keys.js';
import { clipMetaSchema, highlightsFileSchema } from '../../../shared/pipeline/artifacts.js';
import { runStage, runUntil, SHOW_ID, uploadShow } from '../../helpers/memoryShow.js';
import { stageTestContext, type StageTestContext } from '../../helpers/stageDoubles.js';

const keys = showKeys(SHOW_ID);
const json = async (context: StageTestContext, key: string): Promise<any> => JSON.parse((await context.storage.get(key)).toString('utf8'));

describe('report stage', () => {
  let context: StageTestContext;
  beforeEach(async () => {
    context = await stageTestContext();
  });
  afterEach(() => context.cleanup());

  it('embeds each clip\'s thumbnail and links its files relative to the report', async () => {
    await runUntil(await uploadShow(context.storage), context, 'report');
    const result = await runStage({ stage: 'report', showId: SHOW_ID }, context);

    expect(result.next).toEqual([]);
    const html = (await context.storage.get(keys.report)).toString('utf8');
    const { highlights } = highlightsFileSchema.parse(await json(context, keys.highlights));
    for (const highlight of highlights) {
      const meta = clipMetaSchema.parse(await json(context, keys.clipMeta(highlight.id)));
      expect(html).toContain(`clips/${highlight.id}/vertical.mp4`);
      expect(meta.files.thumbnail).toBe(keys.clipFile(highlight.id, 'thumbnail'));
    }
    expect(html).toContain(`data:image/jpeg;base64,${Buffer.from('jpeg').toString('base64')}`);
  });
});
