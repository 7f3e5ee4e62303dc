/**
 * The review held to the truth of generated channels: shows with known per-product sales, phases and dead air
 * (scripts/generatedChannel.ts), read through the same parsers and mention finder as a real run. The pipeline
 * test (test/integration/channelReview.test.ts) runs a smaller channel end to end through the stages.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CHAT_LAG_SECONDS } from '../../../shared/core/chat/chatLag.js';
import { findProductMentions, parseCaptions, parseChatLog, parseMetricsCsv, parseProducts } from '../../../shared/core/inputs/index.js';
import { planNextShow } from '../../../shared/core/plan/index.js';
import { channelShowOf, compareWithChannel, median, reviewShow } from '../../../shared/core/review/index.js';
import type { ShowReview } from '../../../shared/core/schemas/review.js';
import { showPlanSchema, showReviewSchema } from '../../../shared/core/schemas/review.js';
import { keywords } from '../../../shared/core/text/index.js';
import { mineShowTopics } from '../../../shared/core/topics/index.js';
import { formatSrt } from '../../../shared/core/inputs/captions.js';
import { planChannel, type PlannedShow } from '../../../scripts/generatedChannel.js';

interface Reviewed {
  readonly show: PlannedShow;
  readonly review: ShowReview;
  readonly evidence: ReturnType<typeof mineShowTopics>;
}

/** One generated show, read as the pipeline reads a show: parsed files, mentions, chat on the stream's clock. */
function reviewPlanned(show: PlannedShow, language: 'en' | 'zh'): Reviewed {
  const { truth } = show;
  const segments = parseCaptions(formatSrt(show.captions), 'captions.srt').map((segment) => ({ ...segment, reliable: true }));
  const chat = parseChatLog(show.chat.map((line) => JSON.stringify(line)).join('\n'), 'chat.jsonl').messages.map((line) => ({ ...line, t: line.t - DEFAULT_CHAT_LAG_SECONDS }));
  const metrics = parseMetricsCsv(show.metricsCsv, 'metrics.csv').points;
  const products = parseProducts(JSON.stringify(show.products), 'products.json');
  const mentions = findProductMentions(
    [...segments.map((s) => ({ t: s.start, text: s.text, source: 'speech' as const })), ...chat.map((l) => ({ t: l.t, text: l.text, source: 'chat' as const }))],
    products,
  );
  const evidence = mineShowTopics(
    {
      showId: truth.showId,
      language,
      duration: truth.durationSeconds,
      segments: segments.map((s) => ({ ...s, sentiment: { score: 0, hits: 0 } })),
      chat: chat.map((l) => ({ ...l, sentiment: { score: 0, hits: 0 } })),
      metrics,
      mentions,
      clips: [],
    },
    keywords,
  );
  const body = reviewShow({
    showId: truth.showId,
    language,
    duration: truth.durationSeconds,
    segments,
    chat,
    metrics,
    products,
    mentions,
    silences: [],
    compliance: [],
    questions: evidence.questions,
    clips: [],
  });
  const placeholder = { name: 'generated', shows: [], median: nulls(), best: null, vsMedian: nulls(), trend: 'unknown' as const };
  return { show, evidence, review: { ...body, runId: 'gen', airedAt: `${truth.airedAt}T12:00:00.000Z`, channel: placeholder, writtenBy: 'reviewer' } };
}

function nulls() {
  return { gmv: null, orders: null, peakViewers: null, avgViewers: null, comments: null, gpm: null, score: null };
}

const within = (actual: number, expected: number, share: number) => Math.abs(actual - expected) <= share * Math.abs(expected);

describe.each(['en', 'zh'] as const)('the review of a generated %s channel', (language) => {
  const shows = planChannel({ language, shows: 5, seed: 11, minutes: 12 });
  const reviewed = shows.map((show) => reviewPlanned(show, language));

  it('has the KPIs of the truth: GMV within 1%, orders and peak viewers exact', () => {
    for (const { show, review } of reviewed) {
      expect(showReviewSchema.parse(review)).toBeDefined();
      expect(within(review.kpis.gmv!, show.truth.gmv, 0.01), `${show.truth.showId} gmv ${review.kpis.gmv} vs ${show.truth.gmv}`).toBe(true);
      expect(review.kpis.orders).toBe(show.truth.orders);
      expect(review.kpis.peakViewers).toBe(show.truth.peakViewers);
    }
  });

  it('attributes each product its sales within 15% and its time on air within 25%, and names the top product', () => {
    const rows: string[] = [];
    for (const { show, review } of reviewed) {
      for (const truth of show.truth.products) {
        const found = review.products.find((p) => p.name === truth.name)!;
        rows.push(`${show.truth.showId} ${truth.name}: gmv ${found.gmv}/${truth.gmv} on air ${found.presentedSeconds}/${truth.presentedSeconds}`);
        if (!truth.presented) {
          expect(found.flags).toContain('never-presented');
          continue;
        }
        expect(within(found.gmv, truth.gmv, 0.15), rows.at(-1)).toBe(true);
        expect(within(found.presentedSeconds, truth.presentedSeconds, 0.25), rows.at(-1)).toBe(true);
      }
      const top = [...show.truth.products].sort((a, b) => b.gmv - a.gmv)[0]!;
      expect(review.products[0]!.name).toBe(top.name);
    }
    console.log(`[channel ${language}]\n${rows.join('\n')}`);
  });

  it('finds the dead air and places the five phases in script order', () => {
    for (const { show, review } of reviewed) {
      const { deadAir } = show.truth;
      expect(review.deadAir.some((gap) => gap.start <= deadAir.start + 8 && gap.end >= deadAir.end - 1), show.truth.showId).toBe(true);
      const order = review.phases.map((p) => p.phase);
      expect(order[0]).toBe('warm-up');
      expect(order.at(-1)).toBe('close');
      for (const product of show.truth.products.filter((p) => p.presented)) {
        expect(review.phases.filter((p) => p.product === product.name).map((p) => p.phase)).toEqual(['introduction', 'demonstration', 'push']);
      }
      expect(review.fixes.every((fix) => fix.evidence.length > 0)).toBe(true);
    }
  });

  it("compares the last show with the channel's median and best", () => {
    const reviews = reviewed.map((r) => r.review);
    const last = reviews.at(-1)!;
    const channel = compareWithChannel('generated', channelShowOf(last), reviews.map(channelShowOf));
    const earlier = shows.slice(0, -1).map((show) => show.truth);
    expect(channel.shows.map((s) => s.showId)).toEqual(shows.map((show) => show.truth.showId));
    expect(within(channel.median.gmv!, median(earlier.map((t) => t.gmv))!, 0.01)).toBe(true);
    expect(channel.median.orders).toBe(median(earlier.map((t) => t.orders)));
    expect(channel.median.peakViewers).toBe(median(earlier.map((t) => t.peakViewers)));
    const best = [...earlier].sort((a, b) => b.gmv - a.gmv)[0]!;
    expect(channel.best?.showId).toBe(best.showId);
    expect(channel.trend).toBe('up');
  });

  it('plans the next show: five phases in order, every item with evidence, the unanswered question carried', () => {
    const plan = showPlanSchema.parse(
      planNextShow({
        channel: 'generated',
        date: '2026-12-20',
        reviews: reviewed.map((r) => r.review),
        topicEvidence: reviewed.map((r) => r.evidence),
        suggestions: [],
      }),
    );
    expect(plan.phases.map((p) => p.phase)).toEqual(['warm-up', 'introduction', 'demonstration', 'push', 'close']);
    const items = [...plan.phases.flatMap((p) => p.items), ...plan.avoid];
    expect(items.length).toBeGreaterThan(3);
    for (const item of items) {
      expect(item.evidence.length).toBeGreaterThan(0);
      for (const e of item.evidence) expect(shows.map((s) => s.truth.showId)).toContain(e.showId);
    }
    const question = items.find((item) => item.kind === 'question' && item.evidence.some((e) => e.quote === shows[0]!.truth.unansweredQuestion));
    expect(question, JSON.stringify(plan.phases[0]?.items)).toBeDefined();
    expect(plan.phases.find((p) => p.phase === 'introduction')!.items.some((item) => item.kind === 'product')).toBe(true);
    expect(plan.phases.every((p) => p.minutes > 0)).toBe(true);
  });
});
