import { describe, expect, it } from 'vitest';
import { showKeys } from '../../../shared/core/keys.js';
import { transcriptSchema } from '../../../shared/pipeline/artifacts.js';
import { writeJson } from '../../../shared/pipeline/storageJson.js';
import { runShowThrough, runShowUntil, runStage, SHOW_ID, storedJson } from '../../helpers/memoryShow.js';
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
  it('builds topics from reliable speech only: unsure recognition never becomes a topic or a product mention', async () => {
    await runShowUntil(context(), 'suggest');
    const { storage } = context();
    const transcript = transcriptSchema.parse(await storedJson(storage, keys.transcript));
    // The recogniser's unsure words, repeated enough to be a keyphrase: "little fast" (as the demo once suggested).
    const unsure = [10, 20, 30, 40].map((t) => ({ start: t, end: t + 3, text: 'a little fast a little fast', reliable: false }));
    await writeJson(storage, keys.transcript, transcriptSchema, { ...transcript, engine: 'pocketsphinx', segments: [...transcript.segments.map((s) => ({ ...s, reliable: true })), ...unsure] });

    await runStage({ stage: 'suggest', showId: SHOW_ID }, context());

    const evidence = await storedJson(storage, keys.topicEvidence);
    const labels = evidence.topics.map((topic: { label: string }) => topic.label);
    expect(labels.length).toBeGreaterThan(0);
    expect(labels.join(' ')).not.toMatch(/little|fast/);
    expect(JSON.stringify(await storedJson(storage, keys.topics))).not.toMatch(/little fast/);
  });
});
