/** A show against the channel's earlier shows: the median, the best show and the trend. */
import type { ChannelComparison, ChannelShow, ShowReview } from '../schemas/review.js';
import { compareText } from '../topics/compareText.js';
import { round } from '../topics/round.js';
import { median as medianOf } from '../highlights/robustStats.js';

const NUMBERS = ['gmv', 'orders', 'peakViewers', 'avgViewers', 'comments', 'gpm', 'score'] as const;
type ChannelNumber = (typeof NUMBERS)[number];

/** Shows the trend is read over (this one included). @default 5 */
export const TREND_SHOWS = 5;
/** A fitted change per show smaller than this share of the mean is flat. @default 0.05 */
export const FLAT_TREND_SHARE = 0.05;

/** The channel's headline numbers of a review. */
export function channelShowOf(review: Pick<ShowReview, 'showId' | 'airedAt' | 'kpis' | 'score'>): ChannelShow {
  const { kpis } = review;
  return {
    showId: review.showId,
    airedAt: review.airedAt,
    gmv: kpis.gmv,
    orders: kpis.orders,
    peakViewers: kpis.peakViewers,
    avgViewers: kpis.avgViewers,
    comments: kpis.comments,
    gpm: kpis.gpm,
    score: review.score.total,
  };
}

/** Oldest first; shows that aired at the same time by id. */
export function byAiring(a: ChannelShow, b: ChannelShow): number {
  return compareText(a.airedAt, b.airedAt) || compareText(a.showId, b.showId);
}

/** The median, or null when there is nothing to take it of (a channel's first show has no earlier ones). */
export function median(values: readonly number[]): number | null {
  return values.length === 0 ? null : medianOf(values);
}

/**
 * @param current this show's numbers
 * @param channelShows every show of the channel known so far (this one may be among them: it is set apart, and
 *   shows that aired after it are not "earlier")
 */
export function compareWithChannel(name: string, current: ChannelShow, channelShows: readonly ChannelShow[]): ChannelComparison {
  const earlier = channelShows.filter((show) => show.showId !== current.showId && byAiring(show, current) < 0).sort(byAiring);
  const numbers = (pick: (n: ChannelNumber) => number | null) => Object.fromEntries(NUMBERS.map((n) => [n, pick(n)])) as Record<ChannelNumber, number | null>;
  const medians = numbers((n) => {
    const m = median(earlier.map((show) => show[n]).filter((v): v is number => v !== null));
    return m === null ? null : round(m, 2);
  });
  const vsMedian = numbers((n) => {
    const m = medians[n];
    const value = current[n];
    return m === null || value === null || m === 0 ? null : round((value - m) / m, 3);
  });
  const rankBy = earlier.some((show) => show.gmv !== null) ? 'gmv' : 'score';
  const best = earlier.reduce<ChannelShow | null>((top, show) => (top === null || (show[rankBy] ?? -1) > (top[rankBy] ?? -1) ? show : top), null);
  return { name, shows: [...earlier, current], median: medians, best, vsMedian, trend: trendOf([...earlier, current].slice(-TREND_SHOWS), rankBy) };
}

/** Least-squares slope of the last shows' GMV (or score), against its mean. */
function trendOf(shows: readonly ChannelShow[], by: 'gmv' | 'score'): ChannelComparison['trend'] {
  const values = shows.map((show) => show[by]).filter((v): v is number => v !== null);
  if (values.length < 3) return 'unknown';
  const n = values.length;
  const meanX = (n - 1) / 2;
  const meanY = values.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  values.forEach((y, x) => {
    num += (x - meanX) * (y - meanY);
    den += (x - meanX) ** 2;
  });
  const slope = num / den;
  if (meanY === 0 || Math.abs(slope / meanY) < FLAT_TREND_SHARE) return 'flat';
  return slope > 0 ? 'up' : 'down';
}
