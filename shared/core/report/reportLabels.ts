/**
 * Labels and number formats of the review and plan sections, in English and Chinese (the words of Douyin's
 * 电商罗盘 直播复盘 for Chinese shows).
 */
import type { Language } from '../types.js';
import type { GpmBasis, ReviewFix, ShowPhase } from '../schemas/review.js';

export interface ReviewLabels {
  readonly review: string;
  readonly kpis: string;
  readonly funnel: string;
  readonly gmv: string;
  readonly orders: string;
  readonly aov: string;
  readonly peakViewers: string;
  readonly avgViewers: string;
  readonly viewerMinutes: string;
  readonly comments: string;
  readonly commentsPerViewerMinute: (value: string) => string;
  readonly commenters: (value: string) => string;
  readonly likes: string;
  readonly paidMessages: string;
  readonly gifts: string;
  readonly gpm: string;
  readonly gpmBasis: Readonly<Record<GpmBasis, string>>;
  readonly uv: string;
  readonly views: string;
  readonly avgWatchMinutes: string;
  readonly productClicks: string;
  readonly addToCart: string;
  readonly follows: string;
  readonly conversionRate: string;
  readonly conversionBasis: Readonly<Record<GpmBasis, string>>;
  readonly duration: string;
  readonly peakAt: (clock: string) => string;
  /** Hint under a KPI the show could not measure. */
  readonly missing: string;
  readonly missingMetrics: string;
  readonly vsMedian: string;
  readonly noMedian: string;
  readonly notes: string;
  readonly products: string;
  readonly rank: string;
  readonly product: string;
  readonly presented: string;
  readonly gmvShare: string;
  readonly flags: string;
  readonly mentions: (speech: number, chat: number) => string;
  readonly flagNames: Readonly<Record<'never-presented' | 'long-while-orders-fell', string>>;
  readonly noProducts: string;
  readonly phases: string;
  /** The ribbon's name in the chart's left margin (short). */
  readonly ribbon: string;
  readonly deadAirAndDrops: string;
  readonly phaseNames: Readonly<Record<ShowPhase, string>>;
  readonly deadAir: string;
  readonly viewerDrop: string;
  readonly deadAirList: string;
  readonly viewerDropList: string;
  readonly chatPerMinute: (value: string) => string;
  readonly duringDeadAir: string;
  readonly minutes: (value: string) => string;
  readonly score: string;
  readonly scoreParts: Readonly<Record<'engagement' | 'content' | 'conversion', string>>;
  readonly weight: string;
  readonly noData: string;
  readonly fixes: string;
  readonly noFixes: string;
  readonly fixKinds: Readonly<Record<ReviewFix['kind'], string>>;
  readonly clip: string;
  readonly channel: (name: string) => string;
  readonly compareTable: readonly [string, string, string, string];
  readonly channelShows: (count: number) => string;
  readonly median: string;
  readonly thisShow: string;
  readonly best: string;
  readonly trend: string;
  readonly trendNames: Readonly<Record<'up' | 'down' | 'flat' | 'unknown', string>>;
  readonly noEarlierShows: string;
  readonly chartMetric: Readonly<Record<'gmv' | 'score', string>>;
  readonly plan: string;
  readonly planDate: string;
  readonly basedOn: string;
  readonly writtenBy: string;
  readonly itemKinds: Readonly<Record<'product' | 'topic' | 'question' | 'line' | 'avoid' | 'timing', string>>;
  readonly avoid: string;
  readonly nothingToAvoid: string;
  readonly totalMinutes: (value: string) => string;
  readonly source: Readonly<Record<'speech' | 'chat' | 'metrics' | 'audio', string>>;
}

const EN: ReviewLabels = {
  review: 'Show review',
  kpis: 'Key numbers',
  funnel: 'Traffic and conversion',
  gmv: 'GMV',
  orders: 'Orders',
  aov: 'Average order value',
  peakViewers: 'Peak viewers',
  avgViewers: 'Average viewers',
  viewerMinutes: 'Viewer-minutes',
  comments: 'Comments',
  commentsPerViewerMinute: (value) => `${value} per viewer-minute`,
  commenters: (value) => `${value} commenters`,
  likes: 'Likes',
  paidMessages: 'Paid messages',
  gifts: 'Gifts',
  gpm: 'GPM',
  gpmBasis: {
    views: 'GMV per 1,000 views',
    uv: 'GMV per 1,000 unique viewers',
    peakViewers: 'per 1,000 peak viewers (no uv/views column)',
  },
  uv: 'Unique viewers',
  views: 'Views',
  avgWatchMinutes: 'Average watch time (min)',
  productClicks: 'Product clicks',
  addToCart: 'Add to cart',
  follows: 'New follows',
  conversionRate: 'Conversion rate',
  conversionBasis: { views: 'orders per view', uv: 'orders per unique viewer', peakViewers: 'orders per peak viewer' },
  duration: 'Duration',
  peakAt: (clock) => `at ${clock}`,
  missing: 'not measured',
  missingMetrics: 'no metrics for this number',
  vsMedian: 'vs channel median',
  noMedian: 'no earlier shows to compare',
  notes: 'How the numbers were computed',
  products: 'Products',
  rank: '#',
  product: 'Product',
  presented: 'On air',
  gmvShare: 'GMV share',
  flags: 'Flags',
  mentions: (speech, chat) => `mentioned ${speech}× by the host, ${chat}× in chat`,
  flagNames: { 'never-presented': 'never presented', 'long-while-orders-fell': 'long on air while orders fell' },
  noProducts: 'No product list was given for this show.',
  phases: 'Show phases',
  ribbon: 'Phases',
  deadAirAndDrops: 'Dead air and viewer drops',
  phaseNames: { 'warm-up': 'Warm-up', introduction: 'Introduction', demonstration: 'Demonstration', push: 'Push to buy', close: 'Close' },
  deadAir: 'Dead air',
  viewerDrop: 'Viewer drop',
  deadAirList: 'Dead air',
  viewerDropList: 'Viewer drops',
  chatPerMinute: (value) => `${value} chat msgs/min`,
  duringDeadAir: 'during dead air',
  minutes: (value) => `${value} min`,
  score: 'Score',
  scoreParts: { engagement: 'Engagement', content: 'Content', conversion: 'Conversion' },
  weight: 'weight',
  noData: 'no data',
  fixes: 'What to fix next time',
  noFixes: 'Nothing to fix was found.',
  fixKinds: {
    'dead-air': 'dead air',
    'viewer-drop': 'viewer drop',
    'long-presentation': 'long presentation',
    'never-presented': 'never presented',
    'unanswered-question': 'unanswered question',
    'slow-start': 'slow start',
    'weak-push': 'weak push',
    compliance: 'compliance',
  },
  clip: 'clip',
  channel: (name) => `Against the channel: ${name}`,
  compareTable: ['', 'This show', 'Median of earlier shows', 'Change'],
  channelShows: (count) => `${count} show${count === 1 ? '' : 's'}`,
  median: 'median of earlier shows',
  thisShow: 'this show',
  best: 'Best earlier show',
  trend: 'Trend',
  trendNames: { up: '▲ up', down: '▼ down', flat: '→ flat', unknown: 'not enough shows' },
  noEarlierShows: 'This is the channel’s first show: nothing to compare with yet.',
  chartMetric: { gmv: 'GMV per show', score: 'Score per show (no GMV)' },
  plan: 'Plan for the next show',
  planDate: 'Date',
  basedOn: 'Based on',
  writtenBy: 'Written by',
  itemKinds: { product: 'product', topic: 'topic', question: 'question', line: 'line', avoid: 'avoid', timing: 'timing' },
  avoid: 'Avoid',
  nothingToAvoid: 'Nothing flagged to avoid.',
  totalMinutes: (value) => `${value} min in all`,
  source: { speech: 'speech', chat: 'chat', metrics: 'metrics', audio: 'audio' },
};

const ZH: ReviewLabels = {
  review: '直播复盘',
  kpis: '核心数据',
  funnel: '流量与转化',
  gmv: '成交额 GMV',
  orders: '订单',
  aov: '客单价',
  peakViewers: '峰值在线',
  avgViewers: '平均在线',
  viewerMinutes: '观看分钟',
  comments: '评论',
  commentsPerViewerMinute: (value) => `每观看分钟 ${value} 条`,
  commenters: (value) => `${value} 人评论`,
  likes: '点赞',
  paidMessages: '付费留言',
  gifts: '礼物',
  gpm: '千次观看成交 GPM',
  gpmBasis: {
    views: '每千次观看成交额',
    uv: '每千名观众成交额',
    peakViewers: '按峰值在线每千人计算（无 uv/观看次数列）',
  },
  uv: '观看人数 UV',
  views: '观看次数',
  avgWatchMinutes: '人均观看时长（分钟）',
  productClicks: '商品点击',
  addToCart: '加购',
  follows: '新增关注',
  conversionRate: '转化率',
  conversionBasis: { views: '订单 / 观看次数', uv: '订单 / 观看人数', peakViewers: '订单 / 峰值在线' },
  duration: '时长',
  peakAt: (clock) => `出现在 ${clock}`,
  missing: '未采集',
  missingMetrics: '缺少该项数据',
  vsMedian: '对比账号中位数',
  noMedian: '暂无往期直播可对比',
  notes: '计算说明',
  products: '商品',
  rank: '排名',
  product: '商品',
  presented: '讲解时长',
  gmvShare: '成交占比',
  flags: '问题',
  mentions: (speech, chat) => `主播提及 ${speech} 次，评论提及 ${chat} 次`,
  flagNames: { 'never-presented': '未讲解', 'long-while-orders-fell': '讲解过长且订单下滑' },
  noProducts: '本场未提供商品列表。',
  phases: '直播阶段',
  ribbon: '阶段',
  deadAirAndDrops: '冷场与在线下滑',
  phaseNames: { 'warm-up': '预热', introduction: '产品介绍', demonstration: '演示', push: '逼单/促单', close: '收尾' },
  deadAir: '冷场',
  viewerDrop: '在线下滑',
  deadAirList: '冷场',
  viewerDropList: '在线人数下滑',
  chatPerMinute: (value) => `每分钟 ${value} 条评论`,
  duringDeadAir: '发生在冷场中',
  minutes: (value) => `${value} 分钟`,
  score: '综合评分',
  scoreParts: { engagement: '互动', content: '内容', conversion: '转化' },
  weight: '权重',
  noData: '无数据',
  fixes: '改进建议',
  noFixes: '未发现需要改进的问题。',
  fixKinds: {
    'dead-air': '冷场',
    'viewer-drop': '在线下滑',
    'long-presentation': '讲解过长',
    'never-presented': '商品未讲解',
    'unanswered-question': '问题未回答',
    'slow-start': '开场慢',
    'weak-push': '促单不足',
    compliance: '合规',
  },
  clip: '切片',
  channel: (name) => `对比往期直播：${name}`,
  compareTable: ['', '本场', '往期中位数', '变化'],
  channelShows: (count) => `${count} 场`,
  median: '往期中位数',
  thisShow: '本场',
  best: '往期最佳',
  trend: '趋势',
  trendNames: { up: '▲ 上升', down: '▼ 下降', flat: '→ 持平', unknown: '场次不足' },
  noEarlierShows: '这是该账号的第一场直播，暂无可对比的往期数据。',
  chartMetric: { gmv: '每场成交额', score: '每场评分（无成交数据）' },
  plan: '下场直播计划',
  planDate: '日期',
  basedOn: '参考场次',
  writtenBy: '撰写',
  itemKinds: { product: '商品', topic: '话题', question: '问题', line: '话术', avoid: '避免', timing: '节奏' },
  avoid: '避免使用',
  nothingToAvoid: '没有需要避免的用语。',
  totalMinutes: (value) => `共 ${value} 分钟`,
  source: { speech: '口播', chat: '评论', metrics: '数据', audio: '音频' },
};

export function reviewLabels(language: Language): ReviewLabels {
  return language === 'zh' ? ZH : EN;
}

/** Number formats of one language: plain numbers (the currency is not known), compact where a tile is narrow. */
export interface NumberFormats {
  readonly integer: (value: number) => string;
  readonly decimal: (value: number, digits?: number) => string;
  readonly percent: (fraction: number, digits?: number) => string;
  /** Signed change: "+12%" / "−8%". */
  readonly change: (fraction: number) => string;
}

export function numberFormats(language: Language): NumberFormats {
  const locale = language === 'zh' ? 'zh-CN' : 'en-US';
  const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const safe = (value: number) => (Number.isFinite(value) ? value : 0);
  return {
    integer: (value) => integer.format(safe(value)),
    decimal: (value, digits = 1) =>
      new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(safe(value)),
    percent: (fraction, digits = 0) =>
      new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: digits }).format(safe(fraction)),
    change: (fraction) => {
      const pct = Math.round(safe(fraction) * 100);
      return `${pct > 0 ? '+' : pct < 0 ? '−' : '±'}${integer.format(Math.abs(pct))}%`;
    },
  };
}
