import { describe, expect, it } from 'vitest';
import { reviewShow, type ShowReviewInputs } from '../../../shared/core/review/index.js';
import { showReviewSchema } from '../../../shared/core/schemas/review.js';
import type { ChatMessage, MetricsPoint, ProductMention, Segment } from '../../../shared/core/types.js';

/**
 * A 20-minute show by hand: warm-up to 2:00, Glow Serum 2:00–6:40 (20 orders at 30), Hydra Cream 7:00–13:20
 * (10 orders at 50), 40 s of dead air at 13:20, close from 18:00. Tint is listed but never presented.
 */
function handShow(): ShowReviewInputs {
  const segments: Segment[] = [];
  const mentions: ProductMention[] = [];
  const say = (start: number, text: string, product?: string) => {
    segments.push({ start, end: start + 8, text, reliable: true });
    if (product) mentions.push({ t: start + 1, product, matched: product, source: 'speech' });
  };
  for (let t = 0; t < 120; t += 10) say(t, 'welcome everyone, so glad you are here tonight');
  say(120, 'first up the Glow Serum', 'Glow Serum');
  for (let t = 130; t < 250; t += 10) say(t, t % 30 === 0 ? 'the Glow Serum is light' : 'it feels so fresh', t % 30 === 0 ? 'Glow Serum' : undefined);
  say(250, 'let me show you the texture on my hand');
  for (let t = 260; t < 340; t += 10) say(t, t % 40 === 0 ? 'Glow Serum absorbs fast' : 'see how it glows', t % 40 === 0 ? 'Glow Serum' : undefined);
  say(340, 'the link is up, Glow Serum only 30 today', 'Glow Serum');
  for (let t = 350; t < 400; t += 10) say(t, 'grab it now');
  say(420, 'next the Hydra Cream', 'Hydra Cream');
  for (let t = 430; t < 800; t += 10) say(t, t % 50 === 0 ? 'Hydra Cream is rich' : 'so smooth', t % 50 === 0 ? 'Hydra Cream' : undefined);
  // 800–840: dead air.
  for (let t = 840; t < 1080; t += 10) say(t, 'thank you for all the questions');
  say(1080, 'thanks for watching, see you next week');
  for (let t = 1090; t < 1190; t += 10) say(t, 'bye bye');

  const metrics: MetricsPoint[] = [];
  for (let t = 0; t <= 1200; t += 10) {
    const serumOrders = Math.min(20, Math.max(0, Math.floor((t - 140) / 13)));
    const creamOrders = Math.min(10, Math.max(0, Math.floor((t - 440) / 36)));
    const viewers = t >= 800 && t < 860 ? 300 : 400;
    metrics.push({ t, viewers, likes: t, orders: serumOrders + creamOrders, gmv: serumOrders * 30 + creamOrders * 50 });
  }
  const chat: ChatMessage[] = [];
  for (let t = 1; t < 1200; t += 4) if (t < 800 || t > 840) chat.push({ t, user: `u${t % 37}`, text: 'love it', kind: 'message' });
  chat.push({ t: 500, user: 'ann', text: 'does it ship to Canada?', kind: 'message' });

  return {
    showId: 'hand',
    language: 'en',
    duration: 1200,
    segments,
    chat,
    metrics,
    products: [
      { name: 'Glow Serum', aliases: [] },
      { name: 'Hydra Cream', aliases: [] },
      { name: 'Silk Lip Tint', aliases: ['tint'] },
    ],
    mentions,
    silences: [{ start: 800, end: 840 }],
    compliance: [],
    questions: [{ t: 500, user: 'ann', text: 'does it ship to Canada?', keywords: ['canada', 'ship'], count: 3, askers: 3, answered: false }],
    clips: [{ id: 'c1', start: 330, end: 370 }],
  };
}

describe('reviewShow', () => {
  const review = reviewShow(handShow());

  it('computes the KPIs from the metrics and chat', () => {
    expect(review.kpis.gmv).toBe(1100);
    expect(review.kpis.orders).toBe(30);
    expect(review.kpis.aov).toBeCloseTo(36.67, 2);
    expect(review.kpis.peakViewers).toBe(400);
    expect(review.kpis.gpmBasis).toBe('peakViewers');
    expect(review.kpis.gpm).toBeCloseTo(2750, 0);
    expect(review.notes.join(' ')).toMatch(/peak concurrent viewers/);
  });

  it('attributes sales to the product on air', () => {
    const [serum, cream, tint] = review.products;
    expect(serum!.name).toBe('Glow Serum');
    expect(serum!.gmv).toBeCloseTo(600, -1);
    expect(cream!.gmv).toBeCloseTo(500, -1);
    expect(serum!.presentedSeconds).toBeGreaterThan(240);
    expect(serum!.presentedSeconds).toBeLessThan(320);
    expect(tint!.flags).toContain('never-presented');
  });

  it('places the five phases in order', () => {
    const order = review.phases.map((p) => p.phase);
    expect(order[0]).toBe('warm-up');
    expect(order.at(-1)).toBe('close');
    const serum = review.phases.filter((p) => p.product === 'Glow Serum').map((p) => p.phase);
    expect(serum).toEqual(['introduction', 'demonstration', 'push']);
    const push = review.phases.find((p) => p.phase === 'push' && p.product === 'Glow Serum')!;
    expect(push.start).toBe(340);
  });

  it('finds the dead air and the viewer drop in it, and ranks fixes with evidence', () => {
    expect(review.deadAir).toHaveLength(1);
    expect(review.deadAir[0]).toMatchObject({ start: 798, end: 840 });
    expect(review.viewerDrops[0]).toMatchObject({ from: 400, to: 300, duringDeadAir: true });
    const kinds = review.fixes.map((f) => f.kind);
    expect(kinds).toEqual(expect.arrayContaining(['dead-air', 'viewer-drop', 'never-presented', 'unanswered-question']));
    for (const fix of review.fixes) expect(fix.evidence.length).toBeGreaterThan(0);
    expect(review.score.total).toBeGreaterThan(0);
    expect(review.score.total).toBeLessThanOrEqual(100);
  });

  it('stores exactly as review.json', () => {
    const stored = { ...review, writtenBy: 'reviewer', runId: 'r1', airedAt: '2026-12-01T20:00:00.000Z', channel: { name: 'default', shows: [], median: {}, best: null, vsMedian: {}, trend: 'unknown' } };
    const nulls = { gmv: null, orders: null, peakViewers: null, avgViewers: null, comments: null, gpm: null, score: null };
    expect(() => showReviewSchema.parse({ ...stored, channel: { ...stored.channel, median: nulls, vsMedian: nulls } })).not.toThrow();
  });
});

describe('reviewShow on a show with little data', () => {
  it('a creator show with chat only: null sales KPIs, no products, dead air from the audio, a score from what there is', () => {
    const review = reviewShow({
      showId: 'bare',
      language: 'zh',
      duration: 600,
      segments: [],
      chat: [{ t: 10, user: 'a', text: '主播好', kind: 'message' }, { t: 20, user: 'b', text: '来了', kind: 'message' }],
      metrics: [],
      products: [],
      mentions: [],
      silences: [{ start: 100, end: 160 }, { start: 300, end: 305 }],
      compliance: [],
      questions: [],
      clips: [],
    });
    expect(review.kpis).toMatchObject({ gmv: null, orders: null, peakViewers: null, gpm: null, gpmBasis: null, comments: 2, commenters: 2 });
    expect(review.products).toEqual([]);
    expect(review.deadAir.map((gap) => [gap.start, gap.end])).toEqual([[100, 160]]);
    expect(review.score.parts.find((part) => part.name === 'conversion')!.score).toBeNull();
    expect(review.score.total).toBeGreaterThanOrEqual(0);
    expect(review.notes.join(' ')).toContain('没有数据文件');
    expect(review.phases).toEqual([]);
  });

  it('an empty show (no chat, no metrics, no speech) still reviews without throwing', () => {
    const review = reviewShow({ showId: 'empty', language: 'en', duration: 30, segments: [], chat: [], metrics: [], products: [], mentions: [], silences: [], compliance: [], questions: [], clips: [] });
    expect(review.kpis.comments).toBe(0);
    expect(review.fixes).toEqual([]);
    expect(Number.isFinite(review.score.total)).toBe(true);
  });
});
