/**
 * The review's own wording: measured evidence ("viewers 812 → 655"), notes and score reasons, in the show's
 * language (a planner of a Chinese show reads Chinese). Fixes word themselves in fixes.ts.
 */
import type { Language } from '../types.js';

export const REVIEW_TEXT = {
  en: {
    quiet: (seconds: number, chatLines: number) => `${seconds} s without speech, ${chatLines} chat line${chatLines === 1 ? '' : 's'}`,
    ordersAfter: (orders: number) => `+${orders} orders in the next minute`,
    neverNamed: (product: string) => `${product} is in products.json but was never named on air`,
    ordersFell: (minutes: number, first: number, second: number) => `on air ${minutes} min; orders ${first} in the first half, ${second} in the second`,
    viewers: (from: number, to: number) => `viewers ${from} → ${to}`,
    firstProduct: 'first product on air',
    noMetrics: 'No metrics file: GMV, orders, viewers, likes and GPM are unknown (null), not zero.',
    gpmPerUv: 'GPM is GMV per 1,000 unique viewers (the metrics have uv but no views column).',
    gpmPerPeak: 'GPM is GMV per 1,000 peak concurrent viewers: the metrics have no uv or views column, so it is not comparable with a platform GPM.',
    watchTimeNeedsUv: 'Average watch time needs a uv column (unique viewers).',
    noProducts: 'No products.json: no product table, and phases are read without products.',
    noPresentations: 'No product was named in reliable speech or repeatedly in chat, so presentations and phases could not be located.',
    unreliableTranscript: 'The transcript is not reliable enough to quote: phases are placed by time shares, not by what the host said.',
    engagementWithViewers: (perViewerMinute: string, reference: number, retention: string) =>
      `${perViewerMinute} comments per viewer-minute (reference ${reference}) weighs 60%; average audience ${retention} of the peak weighs 40%.`,
    engagementChatOnly: (perMinute: string, reference: number) => `${perMinute} comments per minute (reference ${reference}); no viewer counts to relate them to.`,
    noEngagement: 'No chat and no viewer counts.',
    content: (talking: string) => `Host talking ${talking} of the show (50%)`,
    contentProducts: (presented: number, listed: number, pushed: number) => `; ${presented} of ${listed} products presented (30%); ${pushed} of ${presented} presentations reached a push (20%).`,
    contentNoProducts: '; no product list (products count as covered).',
    conversion: (per100: string, basis: 'views' | 'uv' | 'peakViewers', reference: number) =>
      `${per100} orders per 100 ${{ views: 'views', uv: 'unique viewers', peakViewers: 'peak viewers' }[basis]} (reference ${reference}).`,
    noOrders: 'No orders in the metrics.',
  },
  zh: {
    quiet: (seconds: number, chatLines: number) => `${seconds} 秒没有说话，弹幕 ${chatLines} 条`,
    ordersAfter: (orders: number) => `之后一分钟 +${orders} 单`,
    neverNamed: (product: string) => `「${product}」在商品清单里，直播中没有讲到`,
    ordersFell: (minutes: number, first: number, second: number) => `讲了 ${minutes} 分钟；前半段 ${first} 单，后半段 ${second} 单`,
    viewers: (from: number, to: number) => `在线 ${from} → ${to}`,
    firstProduct: '第一个商品开讲',
    noMetrics: '没有数据文件：成交额、订单、在线人数、点赞和 GPM 未知（null），不是 0。',
    gpmPerUv: 'GPM 按每千名观众（uv）计算：数据里有 uv，没有观看次数列。',
    gpmPerPeak: 'GPM 按每千名峰值在线计算：数据里没有 uv 或观看次数列，不能和平台的 GPM 直接比较。',
    watchTimeNeedsUv: '人均观看时长需要 uv 列（观众人数）。',
    noProducts: '没有商品清单（products.json）：没有商品表，阶段按时间划分。',
    noPresentations: '可靠的口播里没有提到商品，弹幕也很少提到，无法定位讲解和阶段。',
    unreliableTranscript: '转写不够可靠，不能引用：阶段按时间比例划分，不是按主播说的话。',
    engagementWithViewers: (perViewerMinute: string, reference: number, retention: string) =>
      `每观看分钟 ${perViewerMinute} 条评论（参考值 ${reference}）占 60%；平均在线为峰值的 ${retention}，占 40%。`,
    engagementChatOnly: (perMinute: string, reference: number) => `每分钟 ${perMinute} 条评论（参考值 ${reference}）；没有在线人数可对照。`,
    noEngagement: '没有弹幕，也没有在线人数。',
    content: (talking: string) => `主播在说话的时间占 ${talking}（50%）`,
    contentProducts: (presented: number, listed: number, pushed: number) => `；${listed} 个商品讲了 ${presented} 个（30%）；${presented} 次讲解中 ${pushed} 次进入逼单（20%）。`,
    contentNoProducts: '；没有商品清单（商品项按满分计）。',
    conversion: (per100: string, basis: 'views' | 'uv' | 'peakViewers', reference: number) =>
      `每 100 ${{ views: '次观看', uv: '名观众', peakViewers: '名峰值在线' }[basis]} ${per100} 单（参考值 ${reference}）。`,
    noOrders: '数据里没有订单。',
  },
} as const satisfies Record<Language, unknown>;
