/**
 * A generated Chinese channel of three shows through the real pipeline (real ffmpeg on a rendered recording,
 * captions given, no clips cut), then `postshow review` and `postshow plan` as a user runs them. The accuracy
 * of the review on more and longer shows is measured without media in test/unit/review/channelAccuracy.test.ts.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { showKeys } from '../../shared/core/keys.js';
import { showPlanSchema, showReviewSchema, type ShowPlan, type ShowReview } from '../../shared/core/schemas/review.js';
import { planChannel, writeChannel, type WrittenShow } from '../../scripts/generatedChannel.js';
import { makeWorkspace, runShow } from '../helpers/pipelineFixture.js';

const execFileAsync = promisify(execFile);
const CLI = path.resolve('bin/postshow.js');
const CHANNEL = 'beauty-zh';

describe('a channel reviewed end to end', () => {
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  let out: string;
  let shows: WrittenShow[];
  const reviews: ShowReview[] = [];

  beforeAll(async () => {
    workspace = await makeWorkspace('postshow-channel-');
    out = path.join(workspace.dir, 'ws');
    shows = await writeChannel(path.join(workspace.dir, 'channel'), planChannel({ language: 'zh', shows: 3, seed: 5, minutes: 8 }), { recording: true });
    // Run out of airing order: the review orders a channel by when shows aired, not by when they were run.
    for (const show of [shows[1]!, shows[0]!, shows[2]!]) {
      const run = await runShow(out, {
        recordingPath: show.recording!,
        showId: show.truth.showId,
        sideInputs: { captions: show.captions, chat: show.chat, metrics: show.metrics, products: show.products },
        options: { channel: CHANNEL, aired: show.truth.airedAt, maxClips: 0 },
      });
      expect(run.status.state, JSON.stringify(run.status.error)).toBe('succeeded');
    }
    for (const show of shows) reviews.push(showReviewSchema.parse(JSON.parse(await readFile(path.join(out, showKeys(show.truth.showId as never).review), 'utf8'))));
  }, 300_000);

  afterAll(async () => {
    await workspace?.cleanup();
  });

  it('reviews each show within the truth: GMV within 1%, orders and peak viewers exact, the top product right', () => {
    for (const [i, review] of reviews.entries()) {
      const truth = shows[i]!.truth;
      expect(Math.abs(review.kpis.gmv! - truth.gmv)).toBeLessThanOrEqual(0.01 * truth.gmv);
      expect(review.kpis.orders).toBe(truth.orders);
      expect(review.kpis.peakViewers).toBe(truth.peakViewers);
      for (const product of truth.products.filter((p) => p.presented)) {
        const found = review.products.find((p) => p.name === product.name)!;
        expect(Math.abs(found.gmv - product.gmv), `${truth.showId} ${product.name}`).toBeLessThanOrEqual(0.15 * product.gmv);
        expect(Math.abs(found.presentedSeconds - product.presentedSeconds), `${truth.showId} ${product.name}`).toBeLessThanOrEqual(0.25 * product.presentedSeconds);
      }
      expect(review.products[0]!.name).toBe([...truth.products].sort((a, b) => b.gmv - a.gmv)[0]!.name);
      // Chinese shows get Chinese fixes.
      expect(review.fixes.length).toBeGreaterThan(0);
      expect(review.fixes.every((fix) => /[\u4e00-\u9fff]/u.test(fix.text))).toBe(true);
    }
  });

  it('compares each show only with the shows that aired before it', () => {
    expect(reviews[0]!.channel.shows.map((s) => s.showId)).toEqual([shows[0]!.truth.showId]);
    // The second show ran first, before the first one existed: `postshow review` brings its comparison up to date.
    expect(reviews[2]!.channel.shows.map((s) => s.showId)).toEqual(shows.map((s) => s.truth.showId));
    const earlier = shows.slice(0, 2).map((s) => s.truth.gmv);
    expect(reviews[2]!.channel.median.gmv).toBeCloseTo((earlier[0]! + earlier[1]!) / 2, 0);
  });

  it('`postshow review --json` compares with every earlier show, whatever order they ran in', async () => {
    const { stdout } = await execFileAsync('node', [CLI, 'review', shows[1]!.truth.showId, '--out', out, '--json']);
    const review = showReviewSchema.parse(JSON.parse(stdout));
    expect(review.channel.shows.map((s) => s.showId)).toEqual([shows[0]!.truth.showId, shows[1]!.truth.showId]);
    expect(review.channel.median.gmv).toBeCloseTo(shows[0]!.truth.gmv, 0);
    const human = await execFileAsync('node', [CLI, 'review', shows[2]!.truth.showId, '--out', out]);
    expect(human.stdout).toContain(`channel ${CHANNEL}: 2 earlier show(s)`);
  });

  it('`postshow plan` lays out the next show with evidence and carries the unanswered question', async () => {
    const { stdout } = await execFileAsync('node', [CLI, 'plan', '--channel', CHANNEL, '--out', out, '--json']);
    const plan: ShowPlan = showPlanSchema.parse(JSON.parse(stdout));
    expect(plan.basedOn).toEqual(shows.map((s) => s.truth.showId));
    expect(plan.phases.map((p) => p.phase)).toEqual(['warm-up', 'introduction', 'demonstration', 'push', 'close']);
    expect(plan.date >= new Date(Date.now() + 3 * 86_400_000 - 86_400_000).toISOString().slice(0, 10)).toBe(true);
    const items = plan.phases.flatMap((p) => p.items);
    for (const item of [...items, ...plan.avoid]) expect(item.evidence.length).toBeGreaterThan(0);
    expect(items.some((item) => item.kind === 'question' && item.text.includes(shows[0]!.truth.unansweredQuestion))).toBe(true);
    const tooSoon = await execFileAsync('node', [CLI, 'plan', '--channel', CHANNEL, '--out', out, '--date', new Date().toISOString().slice(0, 10)]).catch((error: { code: number; stderr: string }) => error);
    expect(tooSoon).toMatchObject({ code: 2, stderr: expect.stringContaining('at least 3 days ahead') });
  });

  it('puts the review and the plan in report.html, labelled in Chinese', async () => {
    const html = await readFile(path.join(out, showKeys(shows[2]!.truth.showId as never).report), 'utf8');
    expect(html).toContain('<section id="review" lang="zh-CN"><h2>直播复盘</h2>');
    expect(html).toContain('<section id="plan" lang="zh-CN"><h2>下场直播计划</h2>');
    expect(html).toContain('class="phase-ribbon"');
  });
});
