import type { ParseReport } from '../types.js';

/** Counts skipped records by reason while a parser runs; turns into a {@link ParseReport} at the end. */
export class ReasonTally {
  private readonly counts = new Map<string, number>();
  private readonly firsts = new Map<string, string>();
  private skippedRecords = 0;

  /** Records one skipped record (line, row, element) under `reason`; `where` says where, the first time. */
  skip(reason: string, where?: string): void {
    this.skippedRecords++;
    this.note(reason, where);
  }

  /** Records a dropped value that did NOT skip its record (e.g. one bad cell in a kept CSV row). */
  note(reason: string, where?: string): void {
    this.counts.set(reason, (this.counts.get(reason) ?? 0) + 1);
    if (where !== undefined && !this.firsts.has(reason)) this.firsts.set(reason, where);
  }

  /** Number of whole records skipped so far. */
  get skipped(): number {
    return this.skippedRecords;
  }

  /** The report for `accepted` records in `format`; reasons are listed in a stable (sorted) order. */
  report<F extends string>(format: F, accepted: number): ParseReport & { readonly format: F } {
    const skippedReasons: Record<string, number> = {};
    for (const reason of [...this.counts.keys()].sort()) skippedReasons[reason] = this.counts.get(reason) ?? 0;
    if (this.firsts.size === 0) return { format, accepted, skipped: this.skippedRecords, skippedReasons };
    const firstSkipped: Record<string, string> = {};
    for (const reason of [...this.firsts.keys()].sort()) firstSkipped[reason] = this.firsts.get(reason)!;
    return { format, accepted, skipped: this.skippedRecords, skippedReasons, firstSkipped };
  }

  /** The most frequent reason, for one-line error messages ("412 × invalid JSON"). */
  topReason(): { reason: string; count: number } | undefined {
    let top: { reason: string; count: number } | undefined;
    for (const [reason, count] of this.counts) if (top === undefined || count > top.count) top = { reason, count };
    return top;
  }
}

/**
 * A finished report with `count` more records skipped under `reason`, `accepted` now `accepted`: for cuts made
 * after parsing (chat and captions past the recording's end, applied once the probe has said where it is).
 */
export function reportWithSkips<R extends ParseReport>(report: R, reason: string, count: number, accepted: number): R {
  return { ...report, accepted, skipped: report.skipped + count, skippedReasons: { ...report.skippedReasons, [reason]: (report.skippedReasons[reason] ?? 0) + count } };
}
