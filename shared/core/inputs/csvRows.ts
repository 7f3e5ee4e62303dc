/** CSV reading shared by the metrics and chat parsers: lenient row splitting and elapsed-time cells. */
import { parse } from 'csv-parse/sync';
import { parsePlainNumber } from './textInput.js';

/**
 * Splits CSV into rows. Valid CSV is parsed as a whole (quoted fields may hold delimiters and newlines).
 * When that fails (a broken quote, after which csv-parse's own recovery drops every following row) each
 * line is parsed on its own, so only the broken lines are lost; `onMalformedRow` counts them.
 */
export function readCsvRows(
  content: string,
  options: { readonly delimiter: string; readonly trim?: boolean; readonly relaxQuotes?: boolean },
  onMalformedRow: () => void,
): string[][] {
  const csvOptions = {
    delimiter: options.delimiter,
    trim: options.trim ?? false,
    skip_empty_lines: true,
    relax_column_count: true,
    relax_quotes: options.relaxQuotes ?? false,
  } as const;
  try {
    return parse(content, csvOptions) as string[][];
  } catch {
    const rows: string[][] = [];
    for (const line of content.split(/\r?\n|\r/)) {
      if (line.trim() === '') continue;
      try {
        rows.push(...(parse(line, csvOptions) as string[][]));
      } catch {
        onMalformedRow();
      }
    }
    return rows;
  }
}

const CLOCK_HMS = /^(\d+):(\d{1,2}):(\d{1,2}(?:\.\d+)?)$/;
const CLOCK_MS = /^(\d+):(\d{1,2}(?:\.\d+)?)$/;

/**
 * Seconds from a plain decimal (`90.5`) or a clock time (`H:MM:SS(.mmm)`, or `MM:SS` where minutes may
 * exceed 59, as chat exporters write `75:02`); NaN otherwise.
 */
export function parseElapsedSeconds(cell: string): number {
  const plain = parsePlainNumber(cell);
  if (!Number.isNaN(plain)) return plain;
  const hms = CLOCK_HMS.exec(cell);
  if (hms !== null) {
    const [, hours, minutes, seconds] = hms;
    if (Number(minutes) >= 60 || Number(seconds) >= 60) return Number.NaN;
    return Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds);
  }
  const ms = CLOCK_MS.exec(cell);
  if (ms === null) return Number.NaN;
  const [, minutes, seconds] = ms;
  return Number(seconds) >= 60 ? Number.NaN : Number(minutes) * 60 + Number(seconds);
}
