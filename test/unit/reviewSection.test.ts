import { describe, expect, it } from 'vitest';
import { renderReport } from '../../shared/core/report/renderReport.js';
import { timelineChart, timelineScale } from '../../shared/core/report/timelineChart.js';
import { phaseRibbon } from '../../shared/core/report/phaseRibbon.js';
import { numberFormats, reviewLabels } from '../../shared/core/report/reportLabels.js';
import { reviewSection } from '../../shared/core/report/reviewSection.js';
import { planSection } from '../../shared/core/report/planSection.js';
import { showPlanSchema, showReviewSchema } from '../../shared/core/schemas/review.js';
import { HOSTILE_NAME, HOSTILE_QUOTE, planFixture, reportDataWithReview, reviewFixture } from '../helpers/reviewFixtures.js';

const context = { showId: 'show-en-1', clipAnchors: new Map<string, string>() };

/** The text of the element `<div class="kpi" data-kpi="KEY">…</div>` (tags stripped). */
function tile(html: string, key: string): string {
  const match = new RegExp(`<div class="kpi[^"]*" data-kpi="${key}">(.*?)</div></div>|<div class="kpi[^"]*" data-kpi="${key}">(.*?)(?=<div class="kpi[ "])`).exec(html);
  return (match?.[1] ?? match?.[2] ?? '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
}

describe('review fixtures', () => {
  it('are valid review.json and plan.json objects', () => {
    for (const language of ['en', 'zh'] as const) {
      for (const withoutMetrics of [false, true]) {
        expect(() => showReviewSchema.parse(reviewFixture({ language, withoutMetrics }))).not.toThrow();
      }
      expect(() => showPlanSchema.parse(planFixture({ language }))).not.toThrow();
    }
  });
});

describe('reviewSection', () => {
  it('shows the KPIs formatted for the locale, with their change against the channel median', () => {
    const html = reviewSection(reviewFixture({ language: 'en' }), context);
    expect(tile(html, 'gmv')).toBe('GMV 88,921 ▲ +18% vs channel median');
    expect(tile(html, 'orders')).toBe('Orders 946 ▲ +27% vs channel median');
    expect(tile(html, 'aov')).toBe('Average order value 94.00');
    expect(tile(html, 'peakViewers')).toContain('1,850 at 20:40 ▲ +3%');
    expect(tile(html, 'avgViewers')).toContain('812');
    expect(tile(html, 'viewerMinutes')).toBe('Viewer-minutes 50,369');
    expect(tile(html, 'comments')).toContain('3,420 1,210 commenters · 0.07 per viewer-minute ▲ +2%');
    expect(tile(html, 'likes')).toBe('Likes 128,400');
    expect(tile(html, 'paid')).toContain('12 / 85 48.50 USD');
    expect(tile(html, 'gpm')).toContain('6,000 GMV per 1,000 unique viewers ▲ +18%');
    expect(tile(html, 'uv')).toBe('Unique viewers 14,820');
    expect(tile(html, 'avgWatchMinutes')).toContain('3.4');
    expect(tile(html, 'addToCart')).toContain('1,620');
    expect(tile(html, 'conversionRate')).toBe('Conversion rate 6.38% orders per unique viewer');
    // The fixture has no `views` column: no tile, rather than a 0.
    expect(html).not.toContain('data-kpi="views"');
    expect(html).toContain('Score');
    expect(html).toMatch(/68<span class="muted small">\/100/);
  });

  it('says how GPM was computed without a uv or views column', () => {
    const review = reviewFixture({ language: 'en' });
    const html = reviewSection({ ...review, kpis: { ...review.kpis, gpmBasis: 'peakViewers' } }, context);
    expect(tile(html, 'gpm')).toContain('per 1,000 peak viewers (no uv/views column)');
  });

  it('shows KPIs the show could not measure as — with a hint, never as 0', () => {
    const html = reviewSection(reviewFixture({ language: 'en', withoutMetrics: true }), context);
    for (const key of ['gmv', 'orders', 'aov', 'peakViewers', 'avgViewers', 'viewerMinutes', 'likes', 'gpm']) {
      expect(tile(html, key)).toMatch(/ — no metrics for this number$/);
      expect(tile(html, key)).not.toMatch(/\b0\b/);
    }
    expect(tile(html, 'comments')).toContain('3,420');
    // No funnel tiles without their columns, and products' GMV unmeasured rather than zero.
    expect(html).not.toContain('data-kpi="uv"');
    expect(html).not.toMatch(/<td class="num">0<\/td>/);
    expect(html).toContain('<td class="share">—</td>');
  });

  it('lists products by rank with on-air time, share, GPM and flags with evidence; the top five highlighted', () => {
    const html = reviewSection(reviewFixture({ language: 'en' }), context);
    const names = [...html.matchAll(/<tr class="([^"]*)" data-rank="(\d+)"><td class="num">\d+<\/td><td><strong>([^<]+)<\/strong>/g)];
    expect(names.map((m) => m[3])).toEqual(['Hydra serum', 'Sunscreen SPF50', 'Gentle cleanser', 'Sheet masks (10)', 'Eye cream', 'Body lotion']);
    expect(names.map((m) => m[1]?.includes('top'))).toEqual([true, true, true, true, true, false]);
    const serum = html.slice(html.indexOf('data-rank="1"'), html.indexOf('data-rank="2"'));
    expect(serum).toContain('13:32');
    expect(serum).toContain('5:00–11:40');
    expect(serum).toContain('48,200');
    expect(serum).toContain('54.2%');
    const lotion = html.slice(html.indexOf('data-rank="6"'));
    expect(lotion).toContain('never presented');
    expect(lotion).toContain('45:10');
    expect(lotion).toContain('“is the body lotion still coming?”');
    expect(html).toContain('long on air while orders fell');
  });

  it('lists fixes in priority order with clock times, quotes and a link to the clip card', () => {
    const data = reportDataWithReview({ language: 'en' });
    const html = renderReport(data);
    const fixes = html.slice(html.indexOf('id="review-fixes"'), html.indexOf('id="review-channel"'));
    const order = [...fixes.matchAll(/data-priority="(\d+)"/g)].map((m) => Number(m[1]));
    expect(order).toEqual([1, 2, 3]);
    expect(fixes).toContain('<a class="clock" href="#highlight-2">31:45</a>');
    expect(fixes).toContain('href="#highlight-2">clip #2</a>');
    expect(html).toContain('id="highlight-2"');
    expect(fixes).toContain('“too long on the eye cream”');
  });

  it('labels a Chinese review in Chinese, with zh-CN number formats', () => {
    const html = renderReport(reportDataWithReview({ language: 'zh' }));
    for (const label of ['直播复盘', '成交额 GMV', '订单', '客单价', '峰值在线', '平均在线', '观看分钟', '评论', '点赞', '千次观看成交 GPM', '预热', '产品介绍', '演示', '逼单/促单', '收尾', '冷场', '下场直播计划', '改进建议', '对比账号中位数', '往期中位数']) {
      expect(html).toContain(label);
    }
    expect(html).toContain('玻尿酸精华液');
    expect(html).toContain('88,921');
    expect(html).toContain('<section id="review" lang="zh-CN">');
    expect(html).not.toContain('Show review');
    expect(html).not.toContain('Plan for the next show');
  });

  it('escapes hostile product names and quotes everywhere', () => {
    const html = renderReport(reportDataWithReview({ language: 'en', hostile: true }));
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('" onmouseover="');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&quot; onmouseover=&quot;alert(1)');
    expect(html).toContain('&lt;img src=x onerror=alert(2)&gt; &amp; &quot;quoted&quot;');
    expect(HOSTILE_NAME).toContain('<script>');
    expect(HOSTILE_QUOTE).toContain('<img');
    // The only script-like thing in the page would be ours: there is none.
    expect(html).not.toMatch(/<script/i);
  });
});

describe('phase ribbon', () => {
  it('is drawn on the timeline chart’s x scale, with dead air hatched and viewer drops marked', () => {
    const data = reportDataWithReview({ language: 'en' });
    const review = data.review!;
    const scale = timelineScale({ ...data.engagement, duration: data.duration, sentiment: data.sentiment });
    const svg = phaseRibbon(review, scale, reviewLabels('en'), numberFormats('en'));
    const chart = timelineChart({ ...data.engagement, duration: data.duration, sentiment: data.sentiment, highlights: data.highlights });
    // Same width, and the 0:30:00 tick of the chart sits where the ribbon puts 1800 s.
    expect(svg).toContain(`viewBox="0 0 ${scale.width} `);
    expect(chart).toContain(`viewBox="0 0 ${scale.width} `);
    const tick = /<line x1="([\d.]+)"[^>]*\/><text[^>]*>30:00<\/text>/.exec(chart);
    expect(Number(tick?.[1])).toBeCloseTo(scale.x(1800), 0);
    // One phase rect per span, starting where the span starts.
    expect((svg.match(/<g class="phase"/g) ?? []).length).toBe(review.phases.length);
    expect(svg).toContain(`<rect x="${Math.round(scale.x(1900) * 10) / 10}" y="6"`);
    expect((svg.match(/class="dead-air"/g) ?? []).length).toBe(2);
    expect(svg).toContain('fill="url(#ps-dead-air)"');
    expect((svg.match(/class="viewer-drop"/g) ?? []).length).toBe(2);
    expect(svg).toContain('▼30%');
  });

  it('sits under the timeline in the report, with the minutes per phase', () => {
    const html = renderReport(reportDataWithReview({ language: 'en' }));
    const timeline = html.slice(html.indexOf('<section id="timeline">'), html.indexOf('<section id="review"'));
    expect(timeline).toContain('class="phase-ribbon"');
    expect(timeline).toContain('Warm-up <strong>5.0 min</strong>');
    expect(timeline).toContain('Demonstration <strong>31.3 min</strong>');
    expect(timeline).toContain('Dead air <strong>2.2 min</strong>');
  });
});

describe('channel and plan', () => {
  it('charts the channel’s shows with this one highlighted and the median as a line', () => {
    const html = reviewSection(reviewFixture({ language: 'en' }), context);
    expect((html.match(/<g class="channel-show/g) ?? []).length).toBe(5);
    expect(html).toContain('<g class="channel-show this" data-show="show-en-1">');
    expect(html).toContain('median of earlier shows 75,375');
    expect(html).toContain('▼ down');
    expect(html).toContain('show-c');
    // This show against the median, number by number.
    const row = (key: string) => (new RegExp(`<tr data-compare="${key}">(.*?)</tr>`).exec(html)?.[1] ?? '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
    expect(row('gmv')).toBe('GMV 88,921 75,375 ▲ +18%');
    expect(row('avgViewers')).toBe('Average viewers 812 800 ▲ +2%');
    expect(row('score')).toBe('Score 68 64 ▲ +6%');
  });

  it('says when there is nothing to compare with', () => {
    const review = reviewFixture({ language: 'zh' });
    const first = { ...review, channel: { ...review.channel, shows: review.channel.shows.slice(-1), best: null, trend: 'unknown' as const } };
    const html = reviewSection(first, { ...context, showId: review.showId });
    expect(html).toContain('这是该账号的第一场直播');
    expect(html).not.toContain('channel-chart');
  });

  it('shows the plan’s date, the five phases in order with minutes and items, and the avoid list', () => {
    const html = planSection(planFixture({ language: 'en' }), context);
    expect(html).toContain('2026-12-11');
    const phases = [...html.matchAll(/<li class="plan-phase" data-phase="([a-z-]+)"/g)].map((m) => m[1]);
    expect(phases).toEqual(['warm-up', 'introduction', 'demonstration', 'push', 'close']);
    expect(html).toContain('Warm-up <span class="minutes">5 min</span>');
    expect(html).toContain('38 min in all');
    // Evidence from an earlier show names it.
    expect(html).toContain('<span class="muted">show-d</span> <span class="clock">0:40</span>');
    expect(html).toContain('Lead with the hydra serum.');
    const avoid = html.slice(html.indexOf('id="plan-avoid"'));
    expect(avoid).toContain('Do not say “best ever” or “cures acne”.');
    const zh = planSection(planFixture({ language: 'zh' }), { ...context, showId: 'show-zh-1' });
    expect(zh).toContain('下场直播计划');
    expect(zh).toContain('避免使用');
    expect(zh).toContain('预热 <span class="minutes">5 分钟</span>');
  });

  it('leaves both out for shows without a review', () => {
    const { review: _review, plan: _plan, ...older } = reportDataWithReview({ language: 'en' });
    const html = renderReport(older);
    expect(html).not.toContain('id="review"');
    expect(html).not.toContain('id="plan"');
    expect(html).not.toContain('phase-ribbon');
  });
});
