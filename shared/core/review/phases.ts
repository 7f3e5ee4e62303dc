/**
 * Locates the five phases of the show script on the timeline: a warm-up before the first product, then per
 * product an introduction, a demonstration and a push, and a close after the last. Phase changes inside a
 * product's time on air are read from what the host says (demo words, "the link is up"); where reliable speech
 * says nothing, fixed shares of the presentation stand in.
 */
import type { PhaseSpan, ShowPhase } from '../schemas/review.js';
import { SHOW_PHASES } from '../schemas/review.js';
import type { Language, Segment } from '../types.js';
import type { ProductSpan } from './presentations.js';
import { saysCue } from './scriptCues.js';

/** A gap between two products shorter than this belongs to the earlier product's push. @default 90 */
export const INTERLUDE_SECONDS = 90;
/** Push words in the first quarter of a presentation are the introduction quoting the price, not the push. */
const EARLIEST_PUSH_SHARE = 0.25;
/** Without a push cue, the last quarter of a presentation is taken as its push. */
const DEFAULT_PUSH_SHARE = 0.25;
/** Demo words in the first tenth are still the introduction ("let me show you our new serum"). */
const EARLIEST_DEMO_SHARE = 0.1;
/** Without a demo cue, the demonstration starts this far from the introduction to the push. */
const DEFAULT_DEMO_SHARE = 0.4;
/** A close cue counts after the last product came on air (a show without one: in its last fifth). */
const CLOSE_SEARCH_SHARE = 0.8;

export function locatePhases(
  spans: readonly ProductSpan[],
  reliableSegments: readonly Segment[],
  language: Language,
  duration: number,
): PhaseSpan[] {
  const cueAt = (cue: 'demonstration' | 'push' | 'close', from: number, to: number): number | undefined =>
    reliableSegments.find((s) => s.start >= from && s.start < to && saysCue(s.text, cue, language))?.start;

  // Without a product on air there is no script to place: calling the whole show a warm-up would be a guess.
  if (spans.length === 0) return [];
  const closeStart = closeStartOf(spans, reliableSegments, language, duration);

  const phases: PhaseSpan[] = [];
  const add = (phase: ShowPhase, start: number, end: number, product?: string) => {
    if (end - start <= 0) return;
    const last = phases[phases.length - 1];
    if (last !== undefined && last.phase === phase && last.product === product && Math.abs(last.end - start) < 1e-6) {
      phases[phases.length - 1] = { ...last, end };
    } else phases.push({ phase, start, end, ...(product === undefined ? {} : { product }) });
  };

  add('warm-up', 0, Math.min(spans[0]?.start ?? closeStart, closeStart));
  spans.forEach((span, i) => {
    const next = spans[i + 1];
    // A short interlude before the next product is the push running on; a long one is a fresh warm-up.
    const gapEnd = Math.min(next?.start ?? closeStart, closeStart);
    const end = Math.min(gapEnd - span.end <= INTERLUDE_SECONDS ? gapEnd : span.end, closeStart);
    if (end <= span.start) return;
    const length = span.end - span.start;
    const pushStart = cueAt('push', span.start + EARLIEST_PUSH_SHARE * length, span.end) ?? span.end - DEFAULT_PUSH_SHARE * length;
    const demoStart =
      cueAt('demonstration', span.start + EARLIEST_DEMO_SHARE * length, pushStart) ?? span.start + DEFAULT_DEMO_SHARE * (pushStart - span.start);
    add('introduction', span.start, Math.min(demoStart, end), span.product);
    add('demonstration', demoStart, Math.min(pushStart, end), span.product);
    add('push', pushStart, end, span.product);
    if (end < gapEnd) add('warm-up', end, gapEnd);
  });
  add('close', closeStart, duration);
  return phases;
}

/**
 * Where the close begins: the host's first goodbye after the last product came on air, else the end of the last
 * presentation. A presentation ends there too: "thanks for watching" is not the product's time.
 */
export function closeStartOf(spans: readonly ProductSpan[], reliableSegments: readonly Segment[], language: Language, duration: number): number {
  const lastStart = spans[spans.length - 1]?.start ?? duration * CLOSE_SEARCH_SHARE;
  const cue = reliableSegments.find((s) => s.start >= lastStart && saysCue(s.text, 'close', language))?.start;
  return cue ?? spans[spans.length - 1]?.end ?? duration;
}

/** Spans cut at the close. */
export function endAtClose<T extends ProductSpan>(spans: readonly T[], closeStart: number): T[] {
  return spans.filter((span) => span.start < closeStart).map((span) => (span.end > closeStart ? { ...span, end: closeStart } : span));
}

/** Seconds per phase over the show. */
export function phaseSeconds(phases: readonly PhaseSpan[]): Record<ShowPhase, number> {
  const totals = Object.fromEntries(SHOW_PHASES.map((phase) => [phase, 0])) as Record<ShowPhase, number>;
  for (const span of phases) totals[span.phase] = Math.round((totals[span.phase] + span.end - span.start) * 10) / 10;
  return totals;
}

/** The phase (and product) on air at `t`. */
export function phaseAt(phases: readonly PhaseSpan[], t: number): PhaseSpan | undefined {
  return phases.find((span) => span.start <= t && t < span.end);
}
