import { describe, expect, it } from 'vitest';
import { showKeys } from '../../../shared/core/keys.js';
import { highlightsFileSchema } from '../../../shared/pipeline/artifacts.js';
import { runShowThrough, runShowUntil, runStage, SHOW_ID, storedJson } from '../../helpers/memoryShow.js';
import { stageContextPerTest } from '../../helpers/stageDoubles.js';

const keys = showKeys(SHOW_ID);

describe('catalog stage', () => {
  const context = stageContextPerTest();

  it('lists this run\'s clips in catalog.json and the CatalogIndex port, then sends report', async () => {
    const result = await runShowThrough(context(), 'catalog');

    expect(result).toEqual({ next: [{ stage: 'report', showId: SHOW_ID }], summary: { clips: 2 } });
    const { highlights } = highlightsFileSchema.parse(await storedJson(context().storage, keys.highlights));
    const indexed = context().catalogIndex.shows.get(SHOW_ID);
    expect(indexed?.runId).toBe('run0001');
    expect(indexed?.entries.map((entry) => entry.clipId)).toEqual(highlights.map((highlight) => highlight.id));
    expect(indexed?.entries[0]?.files.meta).toBe(keys.clipMeta(highlights[0]?.id ?? ''));
    expect((await storedJson(context().storage, keys.catalog)).entries).toEqual(indexed?.entries);
  });

  it('fails (retryable) when a clip of the run has no meta.json', async () => {
    await runShowUntil(context(), 'catalog');
    const { highlights } = highlightsFileSchema.parse(await storedJson(context().storage, keys.highlights));
    await context().storage.delete(keys.clipMeta(highlights[0]?.id ?? ''));
    await expect(runStage({ stage: 'catalog', showId: SHOW_ID }, context())).rejects.toMatchObject({ name: 'CorruptOutputError', permanent: false });
    expect(context().catalogIndex.shows.size).toBe(0);
  });
});
