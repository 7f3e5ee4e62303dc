/** CSV reading shared by the metrics and chat parsers: lenient row splitting and elapsed-time cells. */
import { parse } from 'csv-parse/sync';
import { parsePlainNumber } from './textInput.js';

/** A CSV row and the file line it starts on (1 = the header), so a problem can name its line. */
export interface CsvRecord {
  readonly cells: string[];
  readonly line: number;
}

/**
 * Splits CSV into rows with their line numbers. Valid CSV is parsed as a whole (quoted fields may hold
 * delimiters and newlines). When that fails (a broken quote, after which csv-parse's own recovery drops every
 * following row) each line is parsed on its own, so only the broken lines are lost; `onMalformedRow` counts them.
 */
export function readCsvRecords(
  content: string,
  options: { readonly delimiter: string; readonly trim?: boolean; readonly relaxQuotes?: boolean },
  onMalformedRow: (line: number) => void,
): CsvRecord[] {
  const csvOptions = {
    delimiter: options.delimiter,
    trim: options.trim ?? false,
    skip_empty_lines: true,
    relax_column_count: true,
    relax_quotes: options.relaxQuotes ?? false,
  } as const;
  try {
    const records = parse(content, { ...csvOptions, info: true }) as unknown as { record: string[]; info: { lines: number } }[];
    // csv-parse counts the line a record ends on; a record starts that many newlines earlier.
    return records.map(({ record, info }) => ({ cells: record, line: info.lines - newlinesIn(record) }));
  } catch {
    const rows: CsvRecord[] = [];
    content.split(/\r?\n|\r/).forEach((line, index) => {
      if (line.trim() === '') return;
      try {
        for (const cells of parse(line, csvOptions) as string[][]) rows.push({ cells, line: index + 1 });
      } catch {
        onMalformedRow(index + 1);
      }
    });
    return rows;
  }
}

/** Rows only, for readers that do not report lines. */
export function readCsvRows(
  content: string,
  options: { readonly delimiter: string; readonly trim?: boolean; readonly relaxQuotes?: boolean },
  onMalformedRow: () => void,
): string[][] {
  return readCsvRecords(content, options, () => onMalformedRow()).map((record) => record.cells);
}

function newlinesIn(cells: readonly string[]): number {
  let count = 0;
  for (const cell of cells) for (const char of cell) if (char === '\n') count++;
  return count;
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
