/**
 * The show review (复盘) and the next show's plan: what a content planner reads after a show and before the
 * next one. Every number is computed from the show's data (metrics, chat, transcript, audio); every claim a
 * planner might act on carries evidence (the show, the second, a quote).
 */
import { z } from 'zod';
import { SHOW_PHASES } from './showPhases.js';
import { languageSchema, readonlyArray, readonlyObject } from './basics.js';

/** One piece of evidence: a moment of a show and what was said or measured then. */
export const reviewEvidenceSchema = readonlyObject({
  showId: z.string(),
  /** Seconds from the start of that show's recording. */
  at: z.number(),
  /** What was said, written or measured at `at` (a transcript line, a chat line, "viewers 812 → 655"). */
  quote: z.string(),
  source: z.enum(['speech', 'chat', 'metrics', 'audio']),
  /** A clip of that show covering `at`, when one does. */
  clipId: z.string().optional(),
});
export type ReviewEvidence = z.infer<typeof reviewEvidenceSchema>;

/** The five phases of a live-commerce show script, in running order. */
export { SHOW_PHASES };
export const showPhaseSchema = z.enum(SHOW_PHASES);
export type ShowPhase = z.infer<typeof showPhaseSchema>;

/** How GPM was computed: per 1,000 views, unique viewers, or (no such column) peak concurrent viewers. */
export const gpmBasisSchema = z.enum(['views', 'uv', 'peakViewers']);
export type GpmBasis = z.infer<typeof gpmBasisSchema>;

/**
 * The show's KPIs. A KPI whose input the show did not have (no metrics file, no `uv` column) is `null`, never 0:
 * a missing measurement is not a measured zero.
 */
export const showKpisSchema = readonlyObject({
  durationSeconds: z.number(),
  /** Gross merchandise value: the last cumulative `gmv` of the metrics. */
  gmv: z.number().nullable(),
  /** The last cumulative `orders` of the metrics. */
  orders: z.number().nullable(),
  /** Average order value: gmv / orders. */
  aov: z.number().nullable(),
  /** Highest concurrent `viewers` reading, and when. */
  peakViewers: z.number().nullable(),
  peakViewersAt: z.number().nullable(),
  /** Time-weighted mean of concurrent viewers over the show. */
  avgViewers: z.number().nullable(),
  /** Concurrent viewers integrated over time, in minutes. */
  viewerMinutes: z.number().nullable(),
  /** Viewer chat messages (paid messages included; gifts and member events are not comments). */
  comments: z.number(),
  /** Distinct users who wrote a comment. */
  commenters: z.number(),
  commentsPerViewerMinute: z.number().nullable(),
  /** The last cumulative `likes` of the metrics. */
  likes: z.number().nullable(),
  paidMessages: z.number(),
  gifts: z.number(),
  /** Paid messages and gifts summed per currency or platform unit, e.g. { CNY: 120, bits: 500 }. */
  supportAmounts: z.record(z.string(), z.number()).readonly(),
  /** The last cumulative `uv` (unique viewers) and `views` (view count), when the metrics have them. */
  uv: z.number().nullable(),
  views: z.number().nullable(),
  /** Mean minutes watched per unique viewer: viewerMinutes / uv. */
  avgWatchMinutes: z.number().nullable(),
  productClicks: z.number().nullable(),
  addToCart: z.number().nullable(),
  follows: z.number().nullable(),
  /** GMV per 1,000 of `gpmBasis`. */
  gpm: z.number().nullable(),
  gpmBasis: gpmBasisSchema.nullable(),
  /** Orders per unique viewer (or per view, or per peak viewer, following `gpmBasis`). */
  conversionRate: z.number().nullable(),
});
export type ShowKpis = z.infer<typeof showKpisSchema>;

/** A stretch of the show in which one product was on air. */
export const presentationSchema = readonlyObject({
  start: z.number(),
  end: z.number(),
  /** Orders and GMV that came in during the presentation, shifted by the attribution lag. */
  orders: z.number(),
  gmv: z.number(),
});
export type Presentation = z.infer<typeof presentationSchema>;

/** One product of products.json and how it did. */
export const productReviewSchema = readonlyObject({
  name: z.string(),
  /** 1 = highest GMV. Products never presented rank after every presented one. */
  rank: z.number().int(),
  presentedSeconds: z.number(),
  presentations: readonlyArray(presentationSchema),
  orders: z.number(),
  gmv: z.number(),
  /** This product's share of the show's GMV, 0–1. */
  gmvShare: z.number(),
  /** GMV per 1,000 of the show's `gpmBasis`, over the minutes the product was on air. */
  gpm: z.number().nullable(),
  /** Speech and chat mentions of the product. */
  mentions: readonlyObject({ speech: z.number(), chat: z.number() }),
  flags: readonlyArray(z.enum(['never-presented', 'long-while-orders-fell'])),
  evidence: readonlyArray(reviewEvidenceSchema),
});
export type ProductReview = z.infer<typeof productReviewSchema>;

/** One located phase of the show script. */
export const phaseSpanSchema = readonlyObject({
  phase: showPhaseSchema,
  start: z.number(),
  end: z.number(),
  /** The product on air, for introduction, demonstration and push. */
  product: z.string().optional(),
});
export type PhaseSpan = z.infer<typeof phaseSpanSchema>;

/** 冷场: a stretch with no speech and little chat. */
export const deadAirSchema = readonlyObject({
  start: z.number(),
  end: z.number(),
  /** Chat messages per minute during it. */
  chatPerMinute: z.number(),
  /** The phase it fell in. */
  phase: showPhaseSchema.optional(),
  evidence: readonlyArray(reviewEvidenceSchema),
});
export type DeadAir = z.infer<typeof deadAirSchema>;

/** A fall in concurrent viewers, and what was on air when it happened. */
export const viewerDropSchema = readonlyObject({
  start: z.number(),
  end: z.number(),
  from: z.number(),
  to: z.number(),
  /** (from − to) / from. */
  share: z.number(),
  phase: showPhaseSchema.optional(),
  product: z.string().optional(),
  /** The drop overlapped dead air. */
  duringDeadAir: z.boolean(),
  evidence: readonlyArray(reviewEvidenceSchema),
});
export type ViewerDrop = z.infer<typeof viewerDropSchema>;

/** One part of the 0–100 score. */
export const scorePartSchema = readonlyObject({
  name: z.enum(['engagement', 'content', 'conversion']),
  /** 0–100; null when the show has no data for it (its weight then goes to the other parts). */
  score: z.number().nullable(),
  weight: z.number(),
  /** How the part was computed, with the numbers. */
  why: z.string(),
});

export const showScoreSchema = readonlyObject({
  /** Weighted mean of the parts that could be computed, 0–100. */
  total: z.number(),
  parts: readonlyArray(scorePartSchema),
});
export type ShowScore = z.infer<typeof showScoreSchema>;

/** A recommended fix, most important first. */
export const reviewFixSchema = readonlyObject({
  priority: z.number().int(),
  kind: z.enum(['dead-air', 'viewer-drop', 'long-presentation', 'never-presented', 'unanswered-question', 'slow-start', 'weak-push', 'compliance']),
  text: z.string(),
  evidence: z.array(reviewEvidenceSchema).min(1).readonly(),
});
export type ReviewFix = z.infer<typeof reviewFixSchema>;

/** The headline numbers of one show, as the channel comparison lists them. */
export const channelShowSchema = readonlyObject({
  showId: z.string(),
  /** When the show aired (ISO 8601). */
  airedAt: z.string(),
  gmv: z.number().nullable(),
  orders: z.number().nullable(),
  peakViewers: z.number().nullable(),
  avgViewers: z.number().nullable(),
  comments: z.number(),
  gpm: z.number().nullable(),
  score: z.number(),
});
export type ChannelShow = z.infer<typeof channelShowSchema>;

const channelNumbersSchema = readonlyObject({
  gmv: z.number().nullable(),
  orders: z.number().nullable(),
  peakViewers: z.number().nullable(),
  avgViewers: z.number().nullable(),
  comments: z.number().nullable(),
  gpm: z.number().nullable(),
  score: z.number().nullable(),
});

/** This show against the channel's earlier shows. */
export const channelComparisonSchema = readonlyObject({
  name: z.string(),
  /** The channel's shows that aired before this one, oldest first, then this show last. */
  shows: readonlyArray(channelShowSchema),
  /** Median of each number over the earlier shows (null when there are none or none had it). */
  median: channelNumbersSchema,
  /** The earlier show with the highest GMV (or score, without metrics). */
  best: channelShowSchema.nullable(),
  /** This show against the median: (this − median) / median, per number. */
  vsMedian: channelNumbersSchema,
  /** Direction of GMV (or score) over the last shows, this one included. */
  trend: z.enum(['up', 'down', 'flat', 'unknown']),
});
export type ChannelComparison = z.infer<typeof channelComparisonSchema>;

/** A reliable line of the host after which orders came in faster than the show's average. */
export const movingLineSchema = readonlyObject({
  at: z.number(),
  quote: z.string(),
  /** Orders in the minute after the line, and above what the show's average rate would bring. */
  orders: z.number(),
  excessOrders: z.number(),
  product: z.string().optional(),
  evidence: z.array(reviewEvidenceSchema).min(1).readonly(),
});
export type MovingLine = z.infer<typeof movingLineSchema>;

/** A compliance term the host said (once per term), so the plan can say what to avoid. */
export const flaggedClaimSchema = readonlyObject({
  term: z.string(),
  rule: z.string(),
  severity: z.enum(['block', 'warn']),
  count: z.number().int(),
  evidence: z.array(reviewEvidenceSchema).min(1).readonly(),
});
export type FlaggedClaim = z.infer<typeof flaggedClaimSchema>;

/** `review.json`: the show review. */
export const showReviewSchema = readonlyObject({
  showId: z.string(),
  runId: z.string(),
  language: languageSchema,
  channel: channelComparisonSchema,
  airedAt: z.string(),
  kpis: showKpisSchema,
  /** How each KPI was computed, where a reader could wonder (e.g. GPM without a uv column). */
  notes: readonlyArray(z.string()),
  /** By GMV, highest first; never-presented products last. */
  products: readonlyArray(productReviewSchema),
  phases: readonlyArray(phaseSpanSchema),
  /** Seconds per phase over the whole show. */
  phaseSeconds: z.record(showPhaseSchema, z.number()).readonly(),
  deadAir: readonlyArray(deadAirSchema),
  viewerDrops: readonlyArray(viewerDropSchema),
  score: showScoreSchema,
  fixes: readonlyArray(reviewFixSchema),
  /** Lines followed by the most orders, best first. */
  movingLines: readonlyArray(movingLineSchema),
  flaggedClaims: readonlyArray(flaggedClaimSchema),
  /** 'reviewer' (our own wording), or the language model that reworded the fixes (numbers are never its own). */
  writtenBy: z.string(),
});
export type ShowReview = z.infer<typeof showReviewSchema>;

/** One line of the plan: what to do, and the moments of earlier shows that argue for it. */
export const planItemSchema = readonlyObject({
  kind: z.enum(['product', 'topic', 'question', 'line', 'avoid', 'timing']),
  text: z.string(),
  evidence: z.array(reviewEvidenceSchema).min(1).readonly(),
});
export type PlanItem = z.infer<typeof planItemSchema>;

/** `plan.json` (and `postshow plan --json`): the next show's run sheet. */
export const showPlanSchema = readonlyObject({
  channel: z.string(),
  /** The date of the show planned (YYYY-MM-DD). */
  date: z.string(),
  language: languageSchema,
  /** The channel's shows the plan was built from, oldest first. */
  basedOn: readonlyArray(z.string()),
  /** The five phases in script order, each with suggested minutes and what to do in it. */
  phases: readonlyArray(
    readonlyObject({
      phase: showPhaseSchema,
      minutes: z.number(),
      /** Why this many minutes. */
      why: z.string(),
      items: readonlyArray(planItemSchema),
    }),
  ),
  /** Words and claims to keep out of the show (compliance), with where they were flagged. */
  avoid: readonlyArray(planItemSchema),
  /** 'planner', or the language model that phrased the items (numbers are never its own). */
  writtenBy: z.string(),
});
export type ShowPlan = z.infer<typeof showPlanSchema>;
