/** The show's KPIs, computed from the metrics and the chat log alone (never estimated by a model). */
import { isViewerText } from '../chat/isViewerText.js';
import type { GpmBasis, ShowKpis } from '../schemas/review.js';
import type { ChatMessage, Language, MetricsPoint } from '../types.js';
import { REVIEW_TEXT } from './reviewText.js';
import { CumulativeSeries, ViewerSeries } from './metricSeries.js';
import { round } from '../topics/round.js';

export interface KpiResult {
  readonly kpis: ShowKpis;
  /** How a KPI was computed where a reader could wonder (GPM without a uv column, no metrics at all). */
  readonly notes: string[];
}

/** The series a review reads more than once, parsed once. */
export interface ShowSeries {
  readonly viewers: ViewerSeries;
  readonly orders: CumulativeSeries;
  readonly gmv: CumulativeSeries;
}

export function showSeries(metrics: readonly MetricsPoint[]): ShowSeries {
  return { viewers: new ViewerSeries(metrics), orders: new CumulativeSeries(metrics, 'orders'), gmv: new CumulativeSeries(metrics, 'gmv') };
}

export function computeKpis(durationSeconds: number, metrics: readonly MetricsPoint[], chat: readonly ChatMessage[], language: Language, series = showSeries(metrics)): KpiResult {
  const notes: string[] = [];
  const says = REVIEW_TEXT[language];
  const total = (metric: ConstructorParameters<typeof CumulativeSeries>[1]) => new CumulativeSeries(metrics, metric).total;
  const gmv = series.gmv.total;
  const orders = series.orders.total;
  const peak = series.viewers.peak();
  const viewerMinutes = series.viewers.present ? series.viewers.viewerSeconds(0, durationSeconds) / 60 : null;
  const avgViewers = series.viewers.present ? series.viewers.mean(0, durationSeconds) : null;
  const uv = total('uv');
  const views = total('views');

  const comments = chat.filter(isViewerText);
  const supportAmounts: Record<string, number> = {};
  for (const event of chat) {
    if ((event.kind === 'paid' || event.kind === 'gift') && event.amount !== undefined && event.currency !== undefined) {
      supportAmounts[event.currency] = round((supportAmounts[event.currency] ?? 0) + event.amount, 2);
    }
  }

  // GPM is GMV per thousand views (Douyin's 千次观看成交). Without a views or uv column the nearest honest
  // base is the peak audience, and the note says so: it is not comparable with a platform's GPM.
  const basis: { name: GpmBasis; value: number } | null =
    views !== null && views > 0 ? { name: 'views', value: views }
    : uv !== null && uv > 0 ? { name: 'uv', value: uv }
    : peak !== null && peak.value > 0 ? { name: 'peakViewers', value: peak.value }
    : null;
  if (metrics.length === 0) notes.push(says.noMetrics);
  else if (basis?.name === 'uv') notes.push(says.gpmPerUv);
  else if (basis?.name === 'peakViewers') {
    notes.push(says.gpmPerPeak);
  }
  if (viewerMinutes !== null && uv === null) notes.push(says.watchTimeNeedsUv);

  const kpis: ShowKpis = {
    durationSeconds: round(durationSeconds, 1),
    gmv: gmv === null ? null : round(gmv, 2),
    orders: orders === null ? null : Math.round(orders),
    aov: gmv !== null && orders !== null && orders > 0 ? round(gmv / orders, 2) : null,
    peakViewers: peak === null ? null : peak.value,
    peakViewersAt: peak === null ? null : peak.t,
    avgViewers: avgViewers === null ? null : round(avgViewers, 1),
    viewerMinutes: viewerMinutes === null ? null : round(viewerMinutes, 1),
    comments: comments.length,
    commenters: new Set(comments.map((line) => line.user).filter((user) => user !== '')).size,
    commentsPerViewerMinute: viewerMinutes !== null && viewerMinutes > 0 ? round(comments.length / viewerMinutes, 4) : null,
    likes: total('likes'),
    paidMessages: chat.filter((event) => event.kind === 'paid').length,
    gifts: chat.filter((event) => event.kind === 'gift').length,
    supportAmounts,
    uv,
    views,
    avgWatchMinutes: viewerMinutes !== null && uv !== null && uv > 0 ? round(viewerMinutes / uv, 2) : null,
    productClicks: total('productClicks'),
    addToCart: total('addToCart'),
    follows: total('follows'),
    gpm: gmv !== null && basis !== null ? round((gmv / basis.value) * 1000, 2) : null,
    gpmBasis: gmv !== null && basis !== null ? basis.name : null,
    conversionRate: orders !== null && basis !== null ? round(orders / basis.value, 4) : null,
  };
  return { kpis, notes };
}
