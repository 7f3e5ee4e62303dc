/**
 * The show's 0–100 score: engagement, content and conversion, each from ratios of the show's own numbers,
 * each explained with them. A part the show has no data for is null and its weight goes to the others.
 *
 * Each ratio becomes points through 100 × (1 − e^(−ratio / reference)): a show at the reference scores 63,
 * twice the reference 86, so no single ratio can run away with the score. The references are typical values of
 * live-commerce rooms; with channel history the comparison with the channel's median says more.
 */
import type { DeadAir, PhaseSpan, ProductReview, ShowKpis, ShowScore } from '../schemas/review.js';
import { round } from '../topics/round.js';
import type { Language } from '../types.js';
import { REVIEW_TEXT } from './reviewText.js';

export const SCORE_WEIGHTS = { engagement: 0.35, content: 0.3, conversion: 0.35 } as const;
/** Comments per viewer-minute of a lively room. @default 0.03 */
export const REFERENCE_COMMENTS_PER_VIEWER_MINUTE = 0.03;
/** Comments per minute of a lively room, when the audience size is unknown. @default 20 */
export const REFERENCE_COMMENTS_PER_MINUTE = 20;
/** Orders per unique viewer (or per view, per peak viewer) of a converting room. @default 0.03 */
export const REFERENCE_CONVERSION = 0.03;

const points = (ratio: number, reference: number) => 100 * (1 - Math.exp(-Math.max(0, ratio) / reference));
const pct = (share: number) => `${Math.round(share * 100)}%`;

export function scoreShow(kpis: ShowKpis, products: readonly ProductReview[], phases: readonly PhaseSpan[], deadAir: readonly DeadAir[], language: Language): ShowScore {
  const minutes = kpis.durationSeconds / 60;
  const says = REVIEW_TEXT[language];

  let engagement: number | null;
  let engagementWhy: string;
  if (kpis.commentsPerViewerMinute !== null && kpis.avgViewers !== null && kpis.peakViewers !== null && kpis.peakViewers > 0) {
    const retention = kpis.avgViewers / kpis.peakViewers;
    engagement = 0.6 * points(kpis.commentsPerViewerMinute, REFERENCE_COMMENTS_PER_VIEWER_MINUTE) + 0.4 * 100 * retention;
    engagementWhy = says.engagementWithViewers(kpis.commentsPerViewerMinute.toFixed(3), REFERENCE_COMMENTS_PER_VIEWER_MINUTE, pct(retention));
  } else if (minutes > 0 && kpis.comments > 0) {
    const perMinute = kpis.comments / minutes;
    engagement = points(perMinute, REFERENCE_COMMENTS_PER_MINUTE);
    engagementWhy = says.engagementChatOnly(perMinute.toFixed(1), REFERENCE_COMMENTS_PER_MINUTE);
  } else {
    engagement = null;
    engagementWhy = says.noEngagement;
  }

  const quietSeconds = deadAir.reduce((sum, gap) => sum + gap.end - gap.start, 0);
  const talking = kpis.durationSeconds > 0 ? 1 - quietSeconds / kpis.durationSeconds : 0;
  const listed = products.length;
  const presented = products.filter((p) => p.presentedSeconds > 0).length;
  const pushed = new Set(phases.filter((p) => p.phase === 'push').map((p) => p.product)).size;
  const coverage = listed > 0 ? presented / listed : 1;
  const pushShare = presented > 0 ? Math.min(1, pushed / presented) : 1;
  const content = 100 * (0.5 * talking + 0.3 * coverage + 0.2 * pushShare);
  const contentWhy = says.content(pct(talking)) + (listed > 0 ? says.contentProducts(presented, listed, pushed) : says.contentNoProducts);

  let conversion: number | null = null;
  let conversionWhy: string = says.noOrders;
  if (kpis.conversionRate !== null && kpis.gpmBasis !== null) {
    conversion = points(kpis.conversionRate, REFERENCE_CONVERSION);
    conversionWhy = says.conversion((kpis.conversionRate * 100).toFixed(1), kpis.gpmBasis, REFERENCE_CONVERSION * 100);
  }

  const parts = [
    { name: 'engagement' as const, score: engagement === null ? null : round(engagement, 1), weight: SCORE_WEIGHTS.engagement, why: engagementWhy },
    { name: 'content' as const, score: round(content, 1), weight: SCORE_WEIGHTS.content, why: contentWhy },
    { name: 'conversion' as const, score: conversion === null ? null : round(conversion, 1), weight: SCORE_WEIGHTS.conversion, why: conversionWhy },
  ];
  const scored = parts.filter((part) => part.score !== null);
  const weight = scored.reduce((sum, part) => sum + part.weight, 0);
  const total = weight > 0 ? scored.reduce((sum, part) => sum + part.weight * part.score!, 0) / weight : 0;
  return { total: Math.round(total), parts };
}
