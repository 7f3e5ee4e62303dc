/** The wording of measured evidence ("viewers 812 → 655"), in the show's language like the rest of its review. */
import type { Language } from '../types.js';

export const MEASUREMENT_TEXT = {
  en: {
    quiet: (seconds: number, chatLines: number) => `${seconds} s without speech, ${chatLines} chat line${chatLines === 1 ? '' : 's'}`,
    ordersAfter: (orders: number) => `+${orders} orders in the next minute`,
    neverNamed: (product: string) => `${product} is in products.json but was never named on air`,
    ordersFell: (minutes: number, first: number, second: number) => `on air ${minutes} min; orders ${first} in the first half, ${second} in the second`,
    viewers: (from: number, to: number) => `viewers ${from} → ${to}`,
    firstProduct: 'first product on air',
  },
  zh: {
    quiet: (seconds: number, chatLines: number) => `${seconds} 秒没有说话，弹幕 ${chatLines} 条`,
    ordersAfter: (orders: number) => `之后一分钟 +${orders} 单`,
    neverNamed: (product: string) => `「${product}」在商品清单里，直播中没有讲到`,
    ordersFell: (minutes: number, first: number, second: number) => `讲了 ${minutes} 分钟；前半段 ${first} 单，后半段 ${second} 单`,
    viewers: (from: number, to: number) => `在线 ${from} → ${to}`,
    firstProduct: '第一个商品开讲',
  },
} as const satisfies Record<Language, unknown>;
