import { describe, expect, it } from 'vitest';
import { showKeys } from '../../../shared/core/keys.js';
import { clipMetaSchema, highlightsFileSchema } from '../../../shared/pipeline/artifacts.js';
import { runShowThrough, SHOW_ID, storedJson } from '../../helpers/memoryShow.js';
import { stageContextPerTest } from '../../helpers/stageDoubles.js';

const keys = showKeys(SHOW_ID);

describe('report stage', () => {
  const context = stageContextPerTest();

  it('embeds each clip\'s thumbnail and links its files relative to the report', async () => {
    const result = await runShowThrough(context(), 'report');

    expect(result.next).toEqual([]);
    const html = (await context().storage.get(keys.report)).toString('utf8');
    const { highlights } = highlightsFileSchema.parse(await storedJson(context().storage, keys.highlights));
    for (const highlight of highlights) {
      const meta = clipMetaSchema.parse(await storedJson(context().storage, keys.clipMeta(highlight.id)));
      expect(html).toContain(`clips/${highlight.id}/9x16.mp4`);
      expect(meta.files.thumbnail).toBe(keys.clipFile(highlight.id, 'thumbnail'));
    }
    expect(html).toContain(`data:image/jpeg;base64,${Buffer.from('jpeg').toString('base64')}`);
  });
});
