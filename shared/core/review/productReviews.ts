/** How each product of products.json did: time on air, attributed orders and GMV, and what went wrong. */
import type { ProductReview, ReviewEvidence } from '../schemas/review.js';
import { compareText } from '../topics/compareText.js';
import { round } from '../topics/round.js';
import type { Product, ProductMention } from '../types.js';
import type { EvidenceFinder } from './evidence.js';
import type { ShowSeries } from './kpis.js';
import { salesOf, type ProductSpan } from './presentations.js';

/** A presentation this many times the show's median one (and at least 3 minutes) ran long. @default 1.5 */
export const LONG_PRESENTATION_FACTOR = 1.5;
const LONG_PRESENTATION_MIN_SECONDS = 180;
/** Orders in a long presentation's second half below this share of its first half "fell". @default 0.5 */
export const ORDERS_FELL_SHARE = 0.5;

export function reviewProducts(
  products: readonly Product[],
  spans: readonly ProductSpan[],
  mentions: readonly ProductMention[],
  series: ShowSeries,
  showGmv: number | null,
  evidence: EvidenceFinder,
): ProductReview[] {
  const lengths = spans.map((span) => span.end - span.start).sort((a, b) => a - b);
  const median = lengths.length === 0 ? 0 : lengths[Math.floor((lengths.length - 1) / 2)]!;
  const longAfter = Math.max(LONG_PRESENTATION_MIN_SECONDS, LONG_PRESENTATION_FACTOR * median);

  const reviews = products.map((product) => {
    const own = spans.filter((span) => span.product === product.name);
    const presentations = own.map((span) => {
      const sales = salesOf(span, series.orders, series.gmv);
      return { start: round(span.start, 1), end: round(span.end, 1), orders: round(sales.orders, 1), gmv: round(sales.gmv, 2) };
    });
    const orders = presentations.reduce((sum, p) => sum + p.orders, 0);
    const gmv = presentations.reduce((sum, p) => sum + p.gmv, 0);
    const onAir = own.reduce((sum, span) => sum + span.end - span.start, 0);
    const theirs = mentions.filter((m) => m.product === product.name);
    const flags: ProductReview['flags'][number][] = [];
    const found: ReviewEvidence[] = [];

    const opening = own[0];
    if (opening !== undefined) {
      const said = opening.from === 'speech' ? evidence.speechAt(opening.firstMention) : evidence.chatIn(opening.firstMention, opening.firstMention + 1);
      if (said !== undefined) found.push(said);
    } else {
      flags.push('never-presented');
      const asked = theirs.find((m) => m.source === 'chat');
      const line = asked === undefined ? undefined : evidence.chatIn(asked.t, asked.t + 1);
      found.push(line ?? evidence.make(0, evidence.says.neverNamed(product.name), 'metrics'));
    }
    for (const span of own) {
      if (span.end - span.start < longAfter) continue;
      const middle = (span.start + span.end) / 2;
      const first = salesOf({ start: span.start, end: middle }, series.orders, series.gmv).orders;
      const second = salesOf({ start: middle, end: span.end }, series.orders, series.gmv).orders;
      if (series.orders.present && second < ORDERS_FELL_SHARE * first) {
        if (!flags.includes('long-while-orders-fell')) flags.push('long-while-orders-fell');
        found.push(evidence.make(middle, evidence.says.ordersFell(Math.round((span.end - span.start) / 60), round(first, 1), round(second, 1)), 'metrics'));
      }
    }
    return {
      name: product.name,
      rank: 0,
      presentedSeconds: round(onAir, 1),
      presentations,
      orders: round(orders, 1),
      gmv: round(gmv, 2),
      gmvShare: showGmv !== null && showGmv > 0 ? round(gmv / showGmv, 3) : 0,
      gpm: gpmOnAir(gmv, own, series),
      mentions: { speech: theirs.filter((m) => m.source === 'speech').length, chat: theirs.filter((m) => m.source === 'chat').length },
      flags,
      evidence: found,
    } satisfies ProductReview;
  });

  // Highest GMV first; never-presented products after every presented one; then by name, for a stable order.
  const ranked = reviews.sort(
    (a, b) => Number(a.presentedSeconds === 0) - Number(b.presentedSeconds === 0) || b.gmv - a.gmv || b.orders - a.orders || compareText(a.name, b.name),
  );
  return ranked.map((review, index) => ({ ...review, rank: index + 1 }));
}

/** GMV per 1,000 viewers on air (the time-weighted mean audience during its presentations). */
function gpmOnAir(gmv: number, spans: readonly ProductSpan[], series: ShowSeries): number | null {
  if (!series.viewers.present || !series.gmv.present || spans.length === 0) return null;
  const seconds = spans.reduce((sum, span) => sum + span.end - span.start, 0);
  const viewerSeconds = spans.reduce((sum, span) => sum + series.viewers.viewerSeconds(span.start, span.end), 0);
  const audience = seconds > 0 ? viewerSeconds / seconds : 0;
  return audience > 0 ? round((gmv / audience) * 1000, 2) : null;
}
