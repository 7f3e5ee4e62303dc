import { describe, expect, it } from 'vitest';
import { showKeys } from '../../../shared/core/keys.js';
import { runShowThrough, runStage, SHOW_ID, storedJson } from '../../helpers/memoryShow.js';
import { stageContextPerTest } from '../../helpers/stageDoubles.js';

const keys = showKeys(SHOW_ID);

describe('suggest stage', () => {
  const context = stageContextPerTest();

  it('mines this show\'s topics and sends catalog; a redelivery writes the same topics', async () => {
    const result = await runShowThrough(context(), 'suggest');

    expect(result.next).toEqual([{ stage: 'catalog', showId: SHOW_ID }]);
    const topics = await storedJson(context().storage, keys.topics);
    expect(topics).toMatchObject({ showId: SHOW_ID, showsConsidered: [SHOW_ID], writtenBy: 'miner' });
    expect(topics.topics.length).toBeGreaterThan(0);
    const written = await context().storage.get(keys.topics);
    await runStage({ stage: 'suggest', showId: SHOW_ID }, context());
    expect(await context().storage.get(keys.topics)).toEqual(written);
  });
});
