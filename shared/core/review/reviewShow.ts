/**
 * The show review (复盘): KPIs, products, script phases, dead air, viewer drops, a score and fixes, all computed
 * from the show's own data. Channel history is added by {@link compareWithChannel}.
 */
import type { ShowReview } from '../schemas/review.js';
import { locateDeadAir } from './deadAir.js';
import { EvidenceFinder } from './evidence.js';
import { recommendFixes } from './fixes.js';
import { computeKpis, showSeries } from './kpis.js';
import { closeStartOf, endAtClose, locatePhases, phaseSeconds } from './phases.js';
import { locateProductSpans } from './presentations.js';
import { reviewProducts } from './productReviews.js';
import type { ShowReviewInputs } from './reviewInputs.js';
import { scoreShow } from './score.js';
import { locateViewerDrops } from './viewerDrops.js';
import { findMovingLines } from './movingLines.js';
import { flaggedClaims } from './flaggedClaims.js';

/** The review without what depends on other shows and on the run (channel, airing date, run id). */
export type ShowReviewBody = Omit<ShowReview, 'runId' | 'channel' | 'airedAt' | 'writtenBy'>;

export function reviewShow(inputs: ShowReviewInputs): ShowReviewBody {
  const { duration, language } = inputs;
  const reliable = inputs.segments.filter((segment) => segment.reliable === true);
  const chat = [...inputs.chat].sort((a, b) => a.t - b.t);
  const series = showSeries(inputs.metrics);
  const evidence = new EvidenceFinder(inputs.showId, language, reliable, chat, inputs.clips);

  const { kpis, notes } = computeKpis(duration, inputs.metrics, chat, language, series);
  const located = locateProductSpans(inputs.mentions, reliable, inputs.segments, duration);
  const spans = endAtClose(located, closeStartOf(located, reliable, language, duration));
  const products = reviewProducts(inputs.products, spans, inputs.mentions, series, kpis.gmv, evidence);
  const phases = locatePhases(spans, reliable, language, duration);
  const deadAir = locateDeadAir(inputs.segments, inputs.silences, chat, duration, phases, evidence);
  const viewerDrops = locateViewerDrops(series.viewers, phases, deadAir, evidence);
  const score = scoreShow(kpis, products, phases, deadAir, language);
  const fixes = recommendFixes({ language, kpis, products, phases, deadAir, viewerDrops, questions: inputs.questions, compliance: inputs.compliance, viewers: series.viewers, evidence });

  if (inputs.products.length === 0) notes.push(evidence.says.noProducts);
  else if (spans.length === 0) notes.push(evidence.says.noPresentations);
  if (reliable.length === 0 && inputs.segments.length > 0) notes.push(evidence.says.unreliableTranscript);

  return {
    showId: inputs.showId,
    language,
    kpis,
    notes,
    products,
    phases: phases.map((span) => ({ ...span, start: Math.round(span.start * 10) / 10, end: Math.round(span.end * 10) / 10 })),
    phaseSeconds: phaseSeconds(phases),
    deadAir,
    viewerDrops,
    score,
    fixes,
    movingLines: findMovingLines(reliable, series.orders, duration, phases, evidence),
    flaggedClaims: flaggedClaims(inputs.compliance, evidence),
  };
}
