import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { showKeys } from '../../../shared/core/keys.js';
import { runStage, runUntil, SHOW_ID, uploadShow } from '../../helpers/memoryShow.js';
import { stageTestContext, type StageTestContext } from '../../helpers/stageDoubles.js';

const keys = showKeys(SHOW_ID);
const json = async (context: StageTestContext, key: string): Promise<any> => JSON.parse((await context.storage.get(key)).toString('utf8'));

describe('suggest stage', () => {
  let context: StageTestContext;
  beforeEach(async () => {
    context = await stageTestContext();
  });
  afterEach(() => context.cleanup());

  it('mines this show\'s topics and sends catalog; a redelivery writes the same topics', async () => {
    await runUntil(await uploadShow(context.storage), context, 'suggest');
    const result = await runStage({ stage: 'suggest', showId: SHOW_ID }, context);

    expect(result.next).toEqual([{ stage: 'catalog', showId: SHOW_ID }]);
    const topics = await json(context, keys.topics);
    expect(topics).toMatchObject({ showId: SHOW_ID, showsConsidered: [SHOW_ID], writtenBy: 'miner' });
    expect(topics.topics.length).toBeGreaterThan(0);
    const written = await context.storage.get(keys.topics);
    await runStage({ stage: 'suggest', showId: SHOW_ID }, context);
    expect(await context.storage.get(keys.topics)).toEqual(written);
  });
});
