import { InputError } from '../errors.js';
import type { MetricName, MetricsPoint, ParseReport } from '../types.js';
import { parseElapsedSeconds, readCsvRecords } from './csvRows.js';
import { ReasonTally } from './reasonTally.js';
import { parsePlainNumber, readableText } from './textInput.js';

/** The report of a metrics parse. `skipped` counts dropped rows; `skippedReasons` also counts dropped cells. */
export interface MetricsParseReport extends ParseReport {
  readonly format: 'csv';
}

/** Parsed metrics: points sorted by `t`, and the parse report. */
export interface ParsedMetrics {
  readonly points: MetricsPoint[];
  readonly report: MetricsParseReport;
}

/** Metric columns the CSV may carry, in their canonical order. */
export const METRIC_COLUMNS: readonly MetricName[] = ['viewers', 'likes', 'orders', 'gmv', 'uv', 'views', 'productClicks', 'addToCart', 'follows'];

/**
 * Header names of each metric, lower-case: the field's snake_case name first, then what dashboards export
 * (`pv` for views; Douyin's 电商罗盘 and most tools write these in English when exporting CSV).
 */
export const METRIC_HEADERS: Readonly<Record<MetricName, readonly string[]>> = {
  viewers: ['viewers'],
  likes: ['likes'],
  orders: ['orders'],
  gmv: ['gmv'],
  uv: ['uv'],
  views: ['views', 'pv'],
  productClicks: ['product_clicks'],
  addToCart: ['add_to_cart'],
  follows: ['follows'],
};

/** The header we ask for in error messages. */
export const EXPECTED_METRICS_HEADER = 't,viewers,likes,orders,gmv';

/** Skip reasons of the metrics CSV, as they appear in `ParseReport.skippedReasons`. */
export const METRICS_SKIP = {
  malformedRow: 'malformed row',
  missingT: 'missing t',
  invalidT: 'invalid t',
  negativeT: 'negative t',
  /** Cell-level: the row is kept, the cell becomes undefined. */
  nonNumeric: (column: string) => `non-numeric ${column}`,
  negativeValue: (column: string) => `negative ${column}`,
} as const;

/**
 * Parses the metrics CSV: a header row containing `t` (seconds from recording start, or `h:mm:ss`) and any
 * of `viewers,likes,orders,gmv,uv,views,product_clicks,add_to_cart,follows` (case-insensitive, trimmed; other
 * columns ignored). Every skip reason's first occurrence is named with its line (`firstSkipped`). The delimiter may be
 * `,`, `;` or a tab (sniffed from the header). Rows with a bad `t` are skipped and counted; empty cells
 * become undefined; non-numeric or negative cells become undefined and are counted. Sorted by `t` (stable).
 * Lines with a broken quote are skipped and counted as `malformed row`.
 * @throws InputError when the file is empty, binary, or has no `t` column.
 */
export function parseMetricsCsv(text: string, name: string): ParsedMetrics {
  const content = readableText(text, `metrics file ${name}`, `expected a CSV with header ${EXPECTED_METRICS_HEADER}`);

  const tally = new ReasonTally();
  const rows = readCsvRecords(content, { delimiter: sniffDelimiter(content), trim: true }, (line) => tally.skip(METRICS_SKIP.malformedRow, `line ${line}`));

  const [header, ...body] = rows;
  const names = (header?.cells ?? []).map((cell) => cell.trim().toLowerCase());
  const tIndex = names.indexOf('t');
  if (tIndex < 0) {
    const found = names.filter((n) => n !== '').slice(0, 8).join(',') || 'nothing';
    throw new InputError(`metrics file ${name} has no "t" column: expected a header like ${EXPECTED_METRICS_HEADER} (found: ${found})`);
  }
  const columns = METRIC_COLUMNS.map((metric) => ({ metric, index: names.findIndex((name) => METRIC_HEADERS[metric].includes(name)) })).filter((c) => c.index >= 0);

  const points: MetricsPoint[] = [];
  for (const { cells: row, line } of body) {
    const at = (cell: string) => `line ${line}: ${JSON.stringify(cell.slice(0, 40))}`;
    const tCell = row[tIndex]?.trim() ?? '';
    if (tCell === '') {
      tally.skip(METRICS_SKIP.missingT, `line ${line}`);
      continue;
    }
    const t = parseElapsedSeconds(tCell);
    if (!Number.isFinite(t)) {
      tally.skip(METRICS_SKIP.invalidT, at(tCell));
      continue;
    }
    // Negative times are before the recording started and belong to no clip (same rule as chat).
    if (t < 0) {
      tally.skip(METRICS_SKIP.negativeT, at(tCell));
      continue;
    }
    const point: { t: number } & { -readonly [K in MetricName]?: number } = { t };
    for (const { metric, index } of columns) {
      const cell = row[index]?.trim() ?? '';
      if (cell === '') continue;
      const value = parsePlainNumber(cell);
      // Reasons name the column as the file does (product_clicks, not productClicks).
      if (!Number.isFinite(value)) tally.note(METRICS_SKIP.nonNumeric(names[index]!), at(cell));
      // Counts and money are never negative; a negative value is a data error, not a drop to zero.
      else if (value < 0) tally.note(METRICS_SKIP.negativeValue(names[index]!), at(cell));
      else point[metric] = value;
    }
    points.push(point);
  }

  points.sort((a, b) => a.t - b.t);
  return { points, report: tally.report('csv', points.length) };
}

/** The most frequent of `,` `;` tab in the first line (European spreadsheets export `;`). */
function sniffDelimiter(content: string): string {
  const firstLine = content.slice(0, content.search(/\r?\n|$/));
  let best = ',';
  let bestCount = 0;
  for (const candidate of [',', ';', '\t']) {
    const count = firstLine.split(candidate).length - 1;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}
