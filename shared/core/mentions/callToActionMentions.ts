/**
 * Call-to-action moments in the host's speech: prices, "link", stock and countdowns. In live
 * commerce these are where the selling happens, so they feed the highlight detector's mentions signal.
 */
import type { Segment } from '../types.js';

/** A call-to-action term found in speech. */
export interface CallToActionMention {
  readonly t: number;
  readonly term: string;
}

/** Default terms, English and Chinese. Patterns are matched case-insensitively on segment text. */
export const CALL_TO_ACTION_PATTERNS: readonly { readonly term: string; readonly pattern: RegExp }[] = [
  { term: 'price', pattern: /\b(price|priced|only|just)\s+\$?\d+|\$\s?\d+|\b\d+\s*(dollars|bucks|yuan|rmb)\b/i },
  { term: 'discount', pattern: /\b(discount|coupon|\d+\s*%\s*off|half price|deal|sale)\b/i },
  { term: 'link', pattern: /\b(link|cart|checkout|buy now|order now|add to cart)\b/i },
  { term: 'stock', pattern: /\b(only \d+ left|last \d+|limited|sold out|in stock)\b/i },
  { term: 'countdown', pattern: /\b(three,? two,? one|3,? 2,? 1|countdown|go go go)\b/i },
  { term: '价格', pattern: /\d+\s*(元|块|块钱)|价格|原价|到手价|只要/ },
  { term: '优惠', pattern: /优惠|折扣|打折|优惠券|满减|半价|福利|秒杀/ },
  { term: '链接', pattern: /链接|上车|下单|拍下|购物车|小黄车|抢购|冲/ },
  { term: '库存', pattern: /库存|最后\d+|只剩|限量|售罄|手慢无/ },
  { term: '倒数', pattern: /倒数|三[，,、\s]*二[，,、\s]*一|[3３][，,、\s]*[2２][，,、\s]*[1１]/ },
];

/** Each call-to-action term in each segment, timed at the segment's midpoint (word times where given). */
export function findCallToActionMentions(
  segments: readonly Segment[],
  patterns: readonly { readonly term: string; readonly pattern: RegExp }[] = CALL_TO_ACTION_PATTERNS,
): CallToActionMention[] {
  const mentions: CallToActionMention[] = [];
  for (const segment of segments) {
    for (const { term, pattern } of patterns) {
      const match = pattern.exec(segment.text);
      if (!match) continue;
      const share = segment.text.length > 0 ? match.index / segment.text.length : 0.5;
      mentions.push({ t: segment.start + (segment.end - segment.start) * share, term });
    }
  }
  return mentions.sort((a, b) => a.t - b.t || a.term.localeCompare(b.term));
}
