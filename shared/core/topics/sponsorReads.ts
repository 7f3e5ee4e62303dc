/**
 * Sponsor and ad reads ("本节目由…冠名播出", "brought to you by"): their words are the sponsor's, not
 * the show's, so topic mining drops the segments of a read before counting anything.
 */

/** Phrases that mark a sponsor read, per language; matched case-insensitively inside a segment. */
const SPONSOR_MARKERS: readonly RegExp[] = [
  /冠名|赞助|特约|鸣谢|本节目由|联合播出|独家播出|倾情呈现|提供播出/u,
  /brought to you by|sponsored by|today's sponsor|our sponsor|use (?:my |the )?code|promo code|paid partnership/iu,
];

/** A segment starting within this many seconds after a read's segment ends continues the read. @default 1.5 */
export const SPONSOR_READ_CONTINUATION_SECONDS = 1.5;

/** A read reaches at most this far on either side of its marked segment: continuous speech is not all a read. @default 15 */
export const SPONSOR_READ_REACH_SECONDS = 15;

interface TimedText {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** True when the text carries a sponsor-read marker. */
export function isSponsorMarked(text: string): boolean {
  return SPONSOR_MARKERS.some((marker) => marker.test(text));
}

/**
 * Indices (into `segments`, sorted by start) of sponsor reads: each marked segment plus the segments
 * adjacent to it (gap under SPONSOR_READ_CONTINUATION_SECONDS, within SPONSOR_READ_REACH_SECONDS) on either side, since a read runs over
 * several recognised lines while the marker is in only one.
 */
export function sponsorReadIndices(segments: readonly TimedText[]): Set<number> {
  const inRead = new Set<number>();
  segments.forEach((segment, index) => {
    if (!isSponsorMarked(segment.text)) return;
    inRead.add(index);
    for (let i = index - 1; i >= 0; i--) {
      const previous = segments[i];
      const next = segments[i + 1];
      if (previous === undefined || next === undefined || next.start - previous.end > SPONSOR_READ_CONTINUATION_SECONDS) break;
      if (segment.start - previous.start > SPONSOR_READ_REACH_SECONDS) break;
      inRead.add(i);
    }
    for (let i = index + 1; i < segments.length; i++) {
      const current = segments[i];
      const before = segments[i - 1];
      if (current === undefined || before === undefined || current.start - before.end > SPONSOR_READ_CONTINUATION_SECONDS) break;
      if (current.end - segment.end > SPONSOR_READ_REACH_SECONDS) break;
      inRead.add(i);
    }
  });
  return inRead;
}

/** The segments outside sponsor reads, order kept. */
export function withoutSponsorReads<T extends TimedText>(segments: readonly T[]): T[] {
  const reads = sponsorReadIndices(segments);
  return segments.filter((_, index) => !reads.has(index));
}
