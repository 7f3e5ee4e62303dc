import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { showKeys } from '../../../shared/core/keys.js';
import { highlightsFileSchema } from '../../../shared/pipeline/artifacts.js';
import { runStage, runUntil, SHOW_ID, uploadShow } from '../../helpers/memoryShow.js';
import { stageTestContext, type StageTestContext } from '../../helpers/stageDoubles.js';

const keys = showKeys(SHOW_ID);
const json = async (context: StageTestContext, key: string): Promise<any> => JSON.parse((await context.storage.get(key)).toString('utf8'));

describe('catalog stage', () => {
  let context: StageTestContext;
  beforeEach(async () => {
    context = await stageTestContext();
  });
  afterEach(() => context.cleanup());

  it('lists this run\'s clips in catalog.json and the CatalogIndex port, then sends report', async () => {
    await runUntil(await uploadShow(context.storage), context, 'catalog');
    const result = await runStage({ stage: 'catalog', showId: SHOW_ID }, context);

    expect(result).toEqual({ next: [{ stage: 'report', showId: SHOW_ID }], summary: { clips: 2 } });
    const { highlights } = highlightsFileSchema.parse(await json(context, keys.highlights));
    const indexed = context.catalogIndex.shows.get(SHOW_ID);
    expect(indexed?.runId).toBe('run0001');
    expect(indexed?.entries.map((entry) => entry.clipId)).toEqual(highlights.map((highlight) => highlight.id));
    expect(indexed?.entries[0]?.files.meta).toBe(keys.clipMeta(highlights[0]?.id ?? ''));
    expect((await json(context, keys.catalog)).entries).toEqual(indexed?.entries);
  });

  it('fails (retryable) when a clip of the run has no meta.json', async () => {
    await runUntil(await uploadShow(context.storage), context, 'catalog');
    const { highlights } = highlightsFileSchema.parse(await json(context, keys.highlights));
    await context.storage.delete(keys.clipMeta(highlights[0]?.id ?? ''));
    await expect(runStage({ stage: 'catalog', showId: SHOW_ID }, context)).rejects.toMatchObject({ name: 'CorruptOutputError', permanent: false });
    expect(context.catalogIndex.shows.size).toBe(0);
  });
});
