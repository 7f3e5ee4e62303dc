/**
 * 冷场: stretches with no speech and little chat. Speech is any transcript segment, reliable or not (a line we
 * cannot quote was still spoken); a show with no transcript at all is read from the audio's silences instead.
 */
import { isViewerText } from '../chat/isViewerText.js';
import type { DeadAir, PhaseSpan } from '../schemas/review.js';
import type { ChatMessage, Segment, TimeRange } from '../types.js';
import type { EvidenceFinder } from './evidence.js';
import { phaseAt } from './phases.js';

/** Shortest silence of the host that counts as dead air, seconds. @default 20 */
export const MIN_DEAD_AIR_SECONDS = 20;
/** Chat below this share of the show's average rate is "little chat". @default 0.5 */
export const QUIET_CHAT_SHARE = 0.5;

/** Stretches of [0, duration) no range covers, at least `minSeconds` long. */
export function gapsBetween(ranges: readonly TimeRange[], duration: number, minSeconds: number): TimeRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const gaps: TimeRange[] = [];
  let cursor = 0;
  for (const range of sorted) {
    if (range.start - cursor >= minSeconds) gaps.push({ start: cursor, end: range.start });
    cursor = Math.max(cursor, range.end);
  }
  if (duration - cursor >= minSeconds) gaps.push({ start: cursor, end: duration });
  return gaps;
}

export function locateDeadAir(
  segments: readonly Segment[],
  silences: readonly TimeRange[],
  chat: readonly ChatMessage[],
  duration: number,
  phases: readonly PhaseSpan[],
  evidence: EvidenceFinder,
): DeadAir[] {
  const quiet =
    segments.length > 0
      ? gapsBetween(segments, duration, MIN_DEAD_AIR_SECONDS)
      : silences.filter((s) => s.end - s.start >= MIN_DEAD_AIR_SECONDS);
  const lines = chat.filter(isViewerText).map((line) => line.t);
  const meanPerMinute = duration > 0 ? (lines.length / duration) * 60 : 0;
  const out: DeadAir[] = [];
  for (const gap of quiet) {
    const count = lines.filter((t) => t >= gap.start && t < gap.end).length;
    const perMinute = (count / (gap.end - gap.start)) * 60;
    if (meanPerMinute > 0 && perMinute >= QUIET_CHAT_SHARE * meanPerMinute) continue;
    const phase = phaseAt(phases, (gap.start + gap.end) / 2)?.phase;
    const said = evidence.speechAt(gap.start);
    const seconds = Math.round(gap.end - gap.start);
    out.push({
      start: round1(gap.start),
      end: round1(gap.end),
      chatPerMinute: Math.round(perMinute * 10) / 10,
      ...(phase === undefined ? {} : { phase }),
      evidence: [
        ...(said === undefined ? [] : [said]),
        evidence.make(gap.start, evidence.says.quiet(seconds, count), 'audio'),
      ],
    });
  }
  return out;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
