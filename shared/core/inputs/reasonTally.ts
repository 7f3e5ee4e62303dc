import type { ParseReport } from '../types.js';

/** Counts skipped records by reason while a parser runs; turns into a {@link ParseReport} at the end. */
export class ReasonTally {
  private readonly counts = new Map<string, number>();
  private skippedRecords = 0;

  /** Records one skipped record (line, row, element) under `reason`. */
  skip(reason: string): void {
    this.skippedRecords++;
    this.note(reason);
  }

  /** Records a dropped value that did NOT skip its record (e.g. one bad cell in a kept CSV row). */
  note(reason: string): void {
    this.counts.set(reason, (this.counts.get(reason) ?? 0) + 1);
  }

  /** Number of whole records skipped so far. */
  get skipped(): number {
    return this.skippedRecords;
  }

  /** The report for `accepted` records in `format`; reasons are listed in a stable (sorted) order. */
  report<F extends string>(format: F, accepted: number): ParseReport & { readonly format: F } {
    const skippedReasons: Record<string, number> = {};
    for (const reason of [...this.counts.keys()].sort()) skippedReasons[reason] = this.counts.get(reason) ?? 0;
    return { format, accepted, skipped: this.skippedRecords, skippedReasons };
  }

  /** The most frequent reason, for one-line error messages ("412 × invalid JSON"). */
  topReason(): { reason: string; count: number } | undefined {
    let top: { reason: string; count: number } | undefined;
    for (const [reason, count] of this.counts) if (top === undefined || count > top.count) top = { reason, count };
    return top;
  }
}
