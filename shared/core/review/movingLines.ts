/**
 * Lines that moved orders: reliable host lines after which orders came in faster than the show's average.
 * A line is credited with the orders of the minute after it beyond the show's average rate; lines whose
 * minutes overlap compete, and the stronger one keeps the credit.
 */
import type { MovingLine, PhaseSpan } from '../schemas/review.js';
import type { Segment } from '../types.js';
import type { EvidenceFinder } from './evidence.js';
import type { CumulativeSeries } from './metricSeries.js';
import { phaseAt } from './phases.js';

/** How long after a line its orders are counted, seconds. @default 60 */
export const LINE_ORDER_WINDOW_SECONDS = 60;
/** Lines kept per show. @default 5 */
export const MAX_MOVING_LINES = 5;

export function findMovingLines(
  reliableSegments: readonly Segment[],
  orders: CumulativeSeries,
  duration: number,
  phases: readonly PhaseSpan[],
  evidence: EvidenceFinder,
): MovingLine[] {
  const total = orders.total;
  if (total === null || total === 0 || duration <= 0) return [];
  const expected = (total / duration) * LINE_ORDER_WINDOW_SECONDS;
  const scored = reliableSegments
    .map((segment) => {
      const gained = orders.gained(segment.start, segment.end + LINE_ORDER_WINDOW_SECONDS);
      return { segment, gained, excess: gained - expected };
    })
    .filter((line) => line.excess > 0 && line.segment.text.trim().length >= 4)
    .sort((a, b) => b.excess - a.excess || a.segment.start - b.segment.start);
  const kept: typeof scored = [];
  for (const line of scored) {
    if (kept.some((k) => Math.abs(k.segment.start - line.segment.start) < LINE_ORDER_WINDOW_SECONDS)) continue;
    kept.push(line);
    if (kept.length === MAX_MOVING_LINES) break;
  }
  return kept.map(({ segment, gained, excess }) => {
    const product = phaseAt(phases, segment.start)?.product;
    return {
      at: Math.round(segment.start * 10) / 10,
      quote: evidence.make(segment.start, segment.text, 'speech').quote,
      orders: Math.round(gained * 10) / 10,
      excessOrders: Math.round(excess * 10) / 10,
      ...(product === undefined ? {} : { product }),
      evidence: [
        evidence.make(segment.start, segment.text, 'speech'),
        evidence.make(segment.end, evidence.says.ordersAfter(Math.round(gained)), 'metrics'),
      ],
    };
  });
}
