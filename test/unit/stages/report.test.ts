import { describe, expect, it } from 'vitest';
import { showKeys } from '../../../shared/core/keys.js';
import { clipMetaSchema, highlightsFileSchema } from '../../../shared/pipeline/artifacts.js';
import { runShowThrough, runShowUntil, runStage, SHOW_ID, storedJson } from '../../helpers/memoryShow.js';
import { writeJson } from '../../../shared/pipeline/storageJson.js';
import { showPlanSchema, showReviewSchema } from '../../../shared/core/schemas/review.js';
import { planFixture, reviewFixture } from '../../helpers/reviewFixtures.js';
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

  it('shows the review and the plan when the show has them, and leaves them out when not', async () => {
    const [message] = await runShowUntil(context(), 'report');
    if (!message) throw new Error('the show never reached the report stage');
    // The suggest stage wrote them, and the report shows what it wrote...
    await runStage(message, context());
    const reviewed = (await context().storage.get(keys.report)).toString('utf8');
    expect(reviewed).toContain('id="review"');
    expect(reviewed).toContain('id="plan"');
    // ...and a show reviewed before reviews existed has neither.
    await context().storage.delete(keys.review);
    await context().storage.delete(keys.plan);
    await runStage(message, context());
    const without = (await context().storage.get(keys.report)).toString('utf8');
    expect(without).not.toContain('id="review"');
    expect(without).not.toContain('id="plan"');

    await writeJson(context().storage, keys.review, showReviewSchema, reviewFixture({ language: 'zh', showId: SHOW_ID }));
    await writeJson(context().storage, keys.plan, showPlanSchema, planFixture({ language: 'zh', showId: SHOW_ID }));
    await runStage(message, context());
    const html = (await context().storage.get(keys.report)).toString('utf8');
    expect(html).toContain('<section id="review" lang="zh-CN"><h2>直播复盘</h2>');
    expect(html).toContain('<section id="plan" lang="zh-CN"><h2>下场直播计划</h2>');
    expect(html).toContain('class="phase-ribbon"');
  });
});
