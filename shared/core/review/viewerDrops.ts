/** Falls in the concurrent audience, and what was on air when they happened. */
import type { DeadAir, PhaseSpan, ViewerDrop } from '../schemas/review.js';
import type { EvidenceFinder } from './evidence.js';
import type { ViewerSeries } from './metricSeries.js';
import { phaseAt } from './phases.js';

/** A drop is at least this share of the audience... @default 0.1 */
export const MIN_DROP_SHARE = 0.1;
/** ...and at least this many viewers (a room of 30 losing 3 is noise). @default 5 */
export const MIN_DROP_VIEWERS = 5;
/** Within this many seconds of the high it fell from. @default 120 */
export const DROP_WINDOW_SECONDS = 120;

export function locateViewerDrops(viewers: ViewerSeries, phases: readonly PhaseSpan[], deadAir: readonly DeadAir[], evidence: EvidenceFinder): ViewerDrop[] {
  const points = viewers.points;
  const drops: { start: number; end: number; from: number; to: number }[] = [];
  let i = 0;
  while (i < points.length) {
    const high = points[i]!;
    // The lowest reading within the window after this one, stopping at a new high.
    let low = high;
    for (let j = i + 1; j < points.length && points[j]!.t - high.t <= DROP_WINDOW_SECONDS; j++) {
      if (points[j]!.value > high.value) break;
      if (points[j]!.value < low.value) low = points[j]!;
    }
    const fell = high.value - low.value;
    if (low !== high && fell >= MIN_DROP_VIEWERS && fell / high.value >= MIN_DROP_SHARE) {
      drops.push({ start: high.t, end: low.t, from: high.value, to: low.value });
      i = points.indexOf(low) + 1;
    } else i++;
  }
  return drops.map((drop) => {
    const on = phaseAt(phases, drop.start);
    const duringDeadAir = deadAir.some((gap) => gap.start < drop.end && drop.start < gap.end);
    const said = evidence.around(drop.start);
    return {
      ...drop,
      share: Math.round(((drop.from - drop.to) / drop.from) * 1000) / 1000,
      ...(on === undefined ? {} : { phase: on.phase }),
      ...(on?.product === undefined ? {} : { product: on.product }),
      duringDeadAir,
      evidence: [evidence.make(drop.start, evidence.says.viewers(drop.from, drop.to), 'metrics'), ...(said === undefined ? [] : [said])],
    };
  });
}
