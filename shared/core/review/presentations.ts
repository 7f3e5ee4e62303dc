/**
 * When each product was on air. The host naming a product in reliable speech puts it on air until the next
 * product is named (or the talk about it runs out); a product the host only ever names in unreliable speech
 * falls back to the audience naming it in chat. Sales follow the product on air with a short lag.
 */
import type { ProductMention, Segment, TimeRange } from '../types.js';
import { gapsBetween, MIN_DEAD_AIR_SECONDS } from './deadAir.js';
import type { CumulativeSeries } from './metricSeries.js';

/** Two mentions of one product further apart than this are two presentations. @default 180 */
export const PRESENTATION_GAP_SECONDS = 180;
/** A presentation runs this long past the product's last mention unless the next product comes on first. @default 60 */
export const PRESENTATION_TAIL_SECONDS = 60;
/**
 * Orders keep arriving after the host moves on (checkout takes a moment), so the sales window of a
 * presentation is its time on air shifted this much later. @default 15
 */
export const ORDER_LAG_SECONDS = 15;
/** Chat naming a product this many times within one run puts it on air when speech never did. @default 3 */
const MIN_CHAT_RUN_MENTIONS = 3;
/** The stretch one chat mention stands for, when presentations are read from chat. @default 30 */
const CHAT_MENTION_SPAN_SECONDS = 30;

export interface ProductSpan extends TimeRange {
  readonly product: string;
  /** Where the span came from: the host naming it, or (no reliable speech about it) the audience. */
  readonly from: 'speech' | 'chat';
  /** The mention that opened it, for evidence. */
  readonly firstMention: number;
}

interface Run {
  product: string;
  start: number;
  last: number;
  mentions: number;
}

/** Consecutive mentions of one product, a lone mention of another product inside a run absorbed into it. */
function runsOf(mentions: readonly ProductMention[], gapSeconds: number): Run[] {
  const runs: Run[] = [];
  for (const mention of [...mentions].sort((a, b) => a.t - b.t)) {
    const current = runs[runs.length - 1];
    if (current !== undefined && current.product === mention.product && mention.t - current.last <= gapSeconds) {
      current.last = mention.t;
      current.mentions++;
    } else runs.push({ product: mention.product, start: mention.t, last: mention.t, mentions: 1 });
  }
  // "This pairs well with the serum" in the middle of the cream's presentation does not put the serum on air.
  const merged: Run[] = [];
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i]!;
    const before = merged[merged.length - 1];
    const after = runs[i + 1];
    if (run.mentions === 1 && before !== undefined && after !== undefined && before.product === after.product && after.start - before.last <= gapSeconds) {
      continue;
    }
    if (before !== undefined && before.product === run.product && run.start - before.last <= gapSeconds) {
      before.last = run.last;
      before.mentions += run.mentions;
    } else merged.push({ ...run });
  }
  return merged;
}

/** The start of the transcript segment in which `t` falls (the sentence that named the product), else `t`. */
function sentenceStart(t: number, segments: readonly Segment[]): number {
  const segment = segments.find((s) => s.start <= t && t < s.end);
  return segment === undefined ? t : Math.min(segment.start, t);
}

/**
 * The product spans of a show, in time order and never overlapping.
 * @param mentions product mentions in reliable speech and (on the stream's clock) in chat
 * @param segments the reliable transcript, to start a span where the naming sentence began
 * @param speech every transcript segment (reliable or not): a presentation does not run on into dead air
 */
export function locateProductSpans(mentions: readonly ProductMention[], segments: readonly Segment[], speech: readonly TimeRange[], duration: number): ProductSpan[] {
  const quiet = gapsBetween(speech, duration, MIN_DEAD_AIR_SECONDS);
  const speechRuns = runsOf(mentions.filter((m) => m.source === 'speech'), PRESENTATION_GAP_SECONDS);
  const spans: ProductSpan[] = [];
  speechRuns.forEach((run, i) => {
    const next = speechRuns[i + 1];
    const start = Math.max(spans[spans.length - 1]?.end ?? 0, sentenceStart(run.start, segments));
    const nextStart = next === undefined ? duration : sentenceStart(next.start, segments);
    // The host falling silent for a while ends the presentation (that stretch is dead air, not the product's time).
    const silentFrom = speech.length > 0 ? quiet.find((gap) => gap.start >= run.last)?.start ?? duration : duration;
    const end = Math.min(nextStart, run.last + PRESENTATION_TAIL_SECONDS, silentFrom, duration);
    if (end > start) spans.push({ product: run.product, start, end, from: 'speech', firstMention: run.start });
  });

  // Products the host never named reliably: the audience naming them repeatedly is the next best evidence.
  const spoken = new Set(speechRuns.map((run) => run.product));
  const chatRuns = runsOf(
    mentions.filter((m) => m.source === 'chat' && !spoken.has(m.product)),
    CHAT_MENTION_SPAN_SECONDS * 2,
  ).filter((run) => run.mentions >= MIN_CHAT_RUN_MENTIONS);
  for (const run of chatRuns) {
    for (const free of uncovered({ start: run.start, end: Math.min(duration, run.last + CHAT_MENTION_SPAN_SECONDS) }, spans)) {
      if (free.end - free.start >= CHAT_MENTION_SPAN_SECONDS) spans.push({ product: run.product, ...free, from: 'chat', firstMention: run.start });
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}

/** The parts of `range` no span covers. */
function uncovered(range: TimeRange, spans: readonly TimeRange[]): TimeRange[] {
  let pieces: TimeRange[] = [range];
  for (const span of spans) {
    pieces = pieces.flatMap((piece) => {
      if (span.end <= piece.start || span.start >= piece.end) return [piece];
      const out: TimeRange[] = [];
      if (span.start > piece.start) out.push({ start: piece.start, end: span.start });
      if (span.end < piece.end) out.push({ start: span.end, end: piece.end });
      return out;
    });
  }
  return pieces;
}

/** Orders and GMV of a span: what came in over its sales window (its time on air, `ORDER_LAG_SECONDS` later). */
export function salesOf(span: TimeRange, orders: CumulativeSeries, gmv: CumulativeSeries): { orders: number; gmv: number } {
  const from = span.start + ORDER_LAG_SECONDS;
  const to = span.end + ORDER_LAG_SECONDS;
  return { orders: orders.gained(from, to), gmv: gmv.gained(from, to) };
}
