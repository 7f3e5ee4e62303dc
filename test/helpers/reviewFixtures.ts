/**
 * Realistic review.json and plan.json objects for report tests: a 62-minute live-commerce show with products,
 * phases, dead air, viewer drops, fixes and five earlier shows of the channel. Validated against the schemas.
 */
import {
  type ShowPlan,
  type ShowReview,
  showPlanSchema,
  showReviewSchema,
} from '../../shared/core/schemas/review.js';
import type { ReportData } from '../../shared/core/report/renderReport.js';

export interface ReviewFixtureOptions {
  readonly language?: 'en' | 'zh';
  /** No metrics file: every metrics KPI null, no channel median, no products' GMV. */
  readonly withoutMetrics?: boolean;
  /** Product names and quotes with markup, to check escaping. */
  readonly hostile?: boolean;
  readonly showId?: string;
  /** Clip id quoted by the first fix (a highlight id of the report under test). */
  readonly clipId?: string;
}

export const HOSTILE_NAME = '<script>alert("x")</script>" onmouseover="alert(1)';
export const HOSTILE_QUOTE = '<img src=x onerror=alert(2)> & "quoted"';

const DURATION = 3720;

export function reviewFixture(options: ReviewFixtureOptions = {}): ShowReview {
  const zh = options.language === 'zh';
  const showId = options.showId ?? (zh ? 'show-zh-1' : 'show-en-1');
  const noMetrics = options.withoutMetrics === true;
  const names = zh
    ? ['玻尿酸精华液', '防晒霜 SPF50', '氨基酸洁面乳', '补水面膜 10片装', '眼霜', '身体乳']
    : ['Hydra serum', 'Sunscreen SPF50', 'Gentle cleanser', 'Sheet masks (10)', 'Eye cream', 'Body lotion'];
  if (options.hostile) names[1] = HOSTILE_NAME;
  const quote = (en: string, cn: string) => (options.hostile ? HOSTILE_QUOTE : zh ? cn : en);
  const ev = (at: number, source: 'speech' | 'chat' | 'metrics' | 'audio', en: string, cn: string, clipId?: string) => ({
    showId,
    at,
    quote: quote(en, cn),
    source,
    ...(clipId ? { clipId } : {}),
  });
  const gmvs = [48200, 21650.5, 9800, 6120, 3150, 0];
  const orders = [241, 433, 98, 153, 21, 0];
  const totalGmv = gmvs.reduce((a, b) => a + b, 0);
  const products = names.map((name, i) => {
    const never = i === 5;
    return {
      name,
      rank: i + 1,
      presentedSeconds: never ? 0 : [812, 640, 402, 355, 1104, 0][i] ?? 0,
      presentations: never ? [] : [{ start: 300 + i * 560, end: 300 + i * 560 + 400, orders: noMetrics ? 0 : orders[i] ?? 0, gmv: noMetrics ? 0 : gmvs[i] ?? 0 }],
      orders: noMetrics ? 0 : orders[i] ?? 0,
      gmv: noMetrics ? 0 : gmvs[i] ?? 0,
      gmvShare: noMetrics ? 0 : (gmvs[i] ?? 0) / totalGmv,
      gpm: noMetrics || never ? null : Math.round(((gmvs[i] ?? 0) / 14820) * 1000 * 10) / 10,
      mentions: { speech: never ? 0 : 14 - i * 2, chat: never ? 3 : 40 - i * 6 },
      flags: never ? (['never-presented'] as const) : i === 4 ? (['long-while-orders-fell'] as const) : ([] as const),
      evidence: never
        ? [ev(2710, 'chat', 'is the body lotion still coming?', '身体乳什么时候上？')]
        : i === 4
          ? [ev(2600, 'metrics', 'orders 12/min → 2/min', '订单 12/分钟 → 2/分钟')]
          : [],
    };
  });
  const phases = [
    { phase: 'warm-up' as const, start: 0, end: 300 },
    { phase: 'introduction' as const, start: 300, end: 520, product: names[0] },
    { phase: 'demonstration' as const, start: 520, end: 900, product: names[0] },
    { phase: 'push' as const, start: 900, end: 1100, product: names[0] },
    { phase: 'introduction' as const, start: 1100, end: 1300, product: names[1] },
    { phase: 'demonstration' as const, start: 1300, end: 1700, product: names[1] },
    { phase: 'push' as const, start: 1700, end: 1900, product: names[1] },
    { phase: 'introduction' as const, start: 1900, end: 2200, product: names[2] },
    { phase: 'demonstration' as const, start: 2200, end: 3300, product: names[4] },
    { phase: 'push' as const, start: 3300, end: 3500, product: names[3] },
    { phase: 'close' as const, start: 3500, end: DURATION },
  ];
  const phaseSeconds = { 'warm-up': 0, introduction: 0, demonstration: 0, push: 0, close: 0 };
  for (const span of phases) phaseSeconds[span.phase] += span.end - span.start;
  const earlier = [
    { showId: 'show-a', airedAt: '2026-11-06T12:00:00Z', gmv: 61200, orders: 610, peakViewers: 1650, avgViewers: 720, comments: 2900, gpm: 4130, score: 58 },
    { showId: 'show-b', airedAt: '2026-11-13T12:00:00Z', gmv: 70450, orders: 702, peakViewers: 1720, avgViewers: 760, comments: 3100, gpm: 4750, score: 62 },
    { showId: 'show-c', airedAt: '2026-11-20T12:00:00Z', gmv: 95400, orders: 880, peakViewers: 2010, avgViewers: 905, comments: 4100, gpm: 6437, score: 71 },
    { showId: 'show-d', airedAt: '2026-11-27T12:00:00Z', gmv: 80300, orders: 790, peakViewers: 1880, avgViewers: 840, comments: 3600, gpm: 5418, score: 66 },
  ].map((show) =>
    noMetrics ? { ...show, gmv: null, orders: null, peakViewers: null, avgViewers: null, gpm: null } : show,
  );
  const thisShow = {
    showId,
    airedAt: '2026-12-04T12:00:00Z',
    gmv: noMetrics ? null : totalGmv,
    orders: noMetrics ? null : 946,
    peakViewers: noMetrics ? null : 1850,
    avgViewers: noMetrics ? null : 812.4,
    comments: 3420,
    gpm: noMetrics ? null : 6000.1,
    score: 68,
  };
  const median = {
    gmv: noMetrics ? null : 75375,
    orders: noMetrics ? null : 746,
    peakViewers: noMetrics ? null : 1800,
    avgViewers: noMetrics ? null : 800,
    comments: 3350,
    gpm: noMetrics ? null : 5084,
    score: 64,
  };
  const vs = (a: number | null, b: number | null) => (a === null || b === null ? null : (a - b) / b);
  const review: ShowReview = {
    showId,
    runId: 'run-1',
    language: zh ? 'zh' : 'en',
    airedAt: thisShow.airedAt,
    channel: {
      name: zh ? '美妆小店' : 'Glow Beauty Live',
      shows: [...earlier, thisShow],
      median,
      best: earlier[2] ?? null,
      vsMedian: {
        gmv: vs(thisShow.gmv, median.gmv),
        orders: vs(thisShow.orders, median.orders),
        peakViewers: vs(thisShow.peakViewers, median.peakViewers),
        avgViewers: vs(thisShow.avgViewers, median.avgViewers),
        comments: vs(thisShow.comments, median.comments),
        gpm: vs(thisShow.gpm, median.gpm),
        score: vs(thisShow.score, median.score),
      },
      trend: 'down',
    },
    kpis: {
      durationSeconds: DURATION,
      gmv: thisShow.gmv,
      orders: thisShow.orders,
      aov: noMetrics ? null : totalGmv / 946,
      peakViewers: thisShow.peakViewers,
      peakViewersAt: noMetrics ? null : 1240,
      avgViewers: thisShow.avgViewers,
      viewerMinutes: noMetrics ? null : 50369,
      comments: 3420,
      commenters: 1210,
      commentsPerViewerMinute: noMetrics ? null : 0.0679,
      likes: noMetrics ? null : 128400,
      paidMessages: 12,
      gifts: 85,
      supportAmounts: zh ? { CNY: 326 } : { USD: 48.5 },
      uv: noMetrics ? null : 14820,
      views: null,
      avgWatchMinutes: noMetrics ? null : 3.4,
      productClicks: noMetrics ? null : 5210,
      addToCart: noMetrics ? null : 1620,
      follows: noMetrics ? null : 388,
      gpm: thisShow.gpm,
      gpmBasis: noMetrics ? null : 'uv',
      conversionRate: noMetrics ? null : 0.0638,
    },
    notes: noMetrics
      ? [zh ? '没有数据文件：成交、在线类指标无法计算。' : 'No metrics file: sales and viewer numbers could not be computed.']
      : [zh ? 'GPM 按观看人数 UV 计算。' : 'GPM is GMV per 1,000 unique viewers (the uv column of the metrics).'],
    products,
    phases,
    phaseSeconds,
    deadAir: [
      {
        start: 1905,
        end: 1992,
        chatPerMinute: 1.4,
        phase: 'introduction',
        evidence: [ev(1905, 'audio', 'no speech for 87 s', '87 秒无人说话')],
      },
      { start: 3010, end: 3055, chatPerMinute: 0.8, phase: 'demonstration', evidence: [ev(3010, 'audio', 'no speech for 45 s', '45 秒无人说话')] },
    ],
    viewerDrops: noMetrics
      ? []
      : [
          {
            start: 1900,
            end: 2040,
            from: 1610,
            to: 1130,
            share: 0.298,
            phase: 'introduction',
            product: names[2],
            duringDeadAir: true,
            evidence: [ev(1990, 'metrics', 'viewers 1610 → 1130', '在线 1610 → 1130')],
          },
          {
            start: 2900,
            end: 3060,
            from: 1200,
            to: 940,
            share: 0.217,
            phase: 'demonstration',
            product: names[4],
            duringDeadAir: false,
            evidence: [ev(2950, 'chat', 'too long on the eye cream', '眼霜讲太久了')],
          },
        ],
    score: {
      total: 68,
      parts: [
        { name: 'engagement', score: 72, weight: 0.3, why: zh ? '每观看分钟 0.068 条评论，高于往期中位数。' : '0.068 comments per viewer-minute, above the channel median.' },
        { name: 'content', score: 61, weight: 0.3, why: zh ? '冷场 2.2 分钟；眼霜讲解 18 分钟。' : '2.2 min of dead air; 18 min on the eye cream.' },
        {
          name: 'conversion',
          score: noMetrics ? null : 70,
          weight: noMetrics ? 0 : 0.4,
          why: noMetrics ? (zh ? '没有成交数据。' : 'No sales data.') : zh ? 'GPM 6,000，高于中位数 5,084。' : 'GPM 6,000 against a median of 5,084.',
        },
      ],
    },
    fixes: [
      {
        priority: 1,
        kind: 'dead-air',
        text: zh ? '换品时不要冷场：提前准备好第三款商品的样品。' : 'Do not go quiet between products: have the cleanser ready before the switch.',
        evidence: [ev(1905, 'audio', 'no speech for 87 s', '87 秒无人说话', options.clipId)],
      },
      {
        priority: 2,
        kind: 'long-presentation',
        text: zh ? '眼霜讲解缩短到 8 分钟以内。' : 'Keep the eye cream under 8 minutes.',
        evidence: [ev(2950, 'chat', 'too long on the eye cream', '眼霜讲太久了')],
      },
      {
        priority: 3,
        kind: 'unanswered-question',
        text: zh ? '回答观众关于身体乳的问题。' : 'Answer the body lotion question.',
        evidence: [ev(2710, 'chat', 'is the body lotion still coming?', '身体乳什么时候上？')],
      },
    ],
    movingLines: noMetrics
      ? []
      : [
          {
            at: 1260,
            quote: zh ? '链接已经上了，三二一上车！' : 'The link is up, three, two, one, go!',
            orders: 48,
            excessOrders: 31.5,
            product: zh ? '精华液' : 'Glow Serum',
            evidence: [ev(1260, 'speech', 'The link is up, three, two, one, go!', '链接已经上了，三二一上车！')],
          },
        ],
    flaggedClaims: [
      { term: zh ? '最好' : 'best ever', rule: zh ? '绝对化用语' : 'absolute claim', severity: 'warn', count: 2, evidence: [ev(1500, 'speech', 'the best ever serum', '全网最好的精华')] },
    ],
    writtenBy: 'reviewer',
  };
  return showReviewSchema.parse(review);
}

export function planFixture(options: ReviewFixtureOptions = {}): ShowPlan {
  const zh = options.language === 'zh';
  const showId = options.showId ?? (zh ? 'show-zh-1' : 'show-en-1');
  const q = (en: string, cn: string) => (options.hostile ? HOSTILE_QUOTE : zh ? cn : en);
  const ev = (at: number, en: string, cn: string, source: 'speech' | 'chat' | 'metrics' | 'audio' = 'chat', id = showId) => ({
    showId: id,
    at,
    quote: q(en, cn),
    source,
  });
  const plan: ShowPlan = {
    channel: zh ? '美妆小店' : 'Glow Beauty Live',
    date: '2026-12-11',
    language: zh ? 'zh' : 'en',
    basedOn: ['show-c', 'show-d', showId],
    phases: [
      {
        phase: 'warm-up',
        minutes: 5,
        why: zh ? '往期预热超过 5 分钟时在线人数下降。' : 'Viewers fell when the warm-up ran past 5 minutes.',
        items: [{ kind: 'line', text: zh ? '开场先预告今晚的福利款。' : 'Open with tonight’s deal item.', evidence: [ev(40, 'what is the deal tonight?', '今晚福利是什么？', 'chat', 'show-d')] }],
      },
      {
        phase: 'introduction',
        minutes: 8,
        why: zh ? '前三款商品平均讲解 7 分钟。' : 'The top three products averaged 7 minutes.',
        items: [
          { kind: 'product', text: zh ? '玻尿酸精华液放在第一位。' : 'Lead with the hydra serum.', evidence: [ev(620, 'serum sold 241 orders', '精华液 241 单', 'metrics')] },
          { kind: options.hostile ? 'question' : 'question', text: options.hostile ? HOSTILE_NAME : zh ? '敏感肌能用吗？' : 'Is it OK for sensitive skin?', evidence: [ev(705, 'sensitive skin ok?', '敏感肌能用吗？')] },
        ],
      },
      {
        phase: 'demonstration',
        minutes: 15,
        why: zh ? '演示超过 15 分钟后订单下滑。' : 'Orders fell after 15 minutes of demonstration.',
        items: [{ kind: 'timing', text: zh ? '眼霜演示控制在 8 分钟。' : 'Eye cream demo: 8 minutes at most.', evidence: [ev(2950, 'too long on the eye cream', '眼霜讲太久了')] }],
      },
      {
        phase: 'push',
        minutes: 6,
        why: zh ? '促单阶段贡献了 42% 的成交。' : 'The push brought 42% of GMV.',
        items: [{ kind: 'line', text: zh ? '倒计时 + 库存提醒。' : 'Countdown and stock left.', evidence: [ev(1010, 'only 50 left!', '只剩 50 单！', 'speech')] }],
      },
      { phase: 'close', minutes: 4, why: zh ? '收尾预告下场。' : 'Announce the next show.', items: [] },
    ],
    avoid: [
      {
        kind: 'avoid',
        text: zh ? '不要说“最便宜”“第一”等绝对化用语。' : 'Do not say “best ever” or “cures acne”.',
        evidence: [ev(1450, 'cures acne in a week', '全网最便宜', 'speech')],
      },
    ],
    writtenBy: 'planner',
  };
  return showPlanSchema.parse(plan);
}

/** A whole report of the fixture show: per-second chat, loudness and viewers shaped like the review, two highlights. */
export function reportDataWithReview(options: ReviewFixtureOptions & { readonly plan?: boolean } = {}): ReportData {
  const zh = options.language === 'zh';
  const showId = options.showId ?? (zh ? 'show-zh-1' : 'show-en-1');
  const clipId = options.clipId ?? `${showId}-1890-1925`;
  const review = reviewFixture({ ...options, showId, clipId });
  const window = (start: number, mean: number) => ({ start, end: start + 60, mean, count: 5, positive: 3, negative: 1 });
  const viewers = Array.from({ length: DURATION }, (_, t) => {
    const base = t < 1240 ? 300 + t * 1.25 : 1850 - (t - 1240) * 0.35;
    const drop = t >= 1900 && t < 2040 ? (t - 1900) * 3.4 : t >= 2040 ? 480 : 0;
    return Math.max(200, Math.round(base - drop + (t >= 2040 ? 300 : 0)));
  });
  return {
    showId,
    channel: review.channel.name,
    title: zh ? '周五美妆专场' : 'Friday beauty live',
    generatedFrom: 'uploads/show.mp4',
    duration: DURATION,
    language: zh ? 'zh' : 'en',
    transcriptEngine: 'whisper-local',
    sentiment: {
      windowSeconds: 60,
      speech: Array.from({ length: DURATION / 60 }, (_, i) => window(i * 60, Math.sin(i / 5) * 0.4)),
      chat: Array.from({ length: DURATION / 60 }, (_, i) => window(i * 60, 0.2 + Math.cos(i / 7) * 0.3)),
    },
    engagement: {
      chatRate: Array.from({ length: DURATION }, (_, t) => (review.deadAir.some((d) => t >= d.start && t < d.end) ? 0.02 : 0.6 + ((t * 7919) % 13) / 10)),
      loudness: Array.from({ length: DURATION }, (_, t) => (review.deadAir.some((d) => t >= d.start && t < d.end) ? -70 : -22 - ((t * 31) % 7))),
      viewers,
    },
    highlights: [
      { id: clipId, rank: 2, start: 1890, end: 1925, score: 2.1, peak: 1900, signals: [], transcript: [], chat: [], products: [] },
      { id: `${showId}-1000-1040`, rank: 1, start: 1000, end: 1040, score: 3.4, peak: 1012, signals: [], transcript: [], chat: [], products: [] },
    ],
    compliance: [],
    topics: [],
    inputs: [],
    review,
    ...(options.plan === false ? {} : { plan: planFixture({ ...options, showId }) }),
  };
}
