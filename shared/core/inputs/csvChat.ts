/**
 * Chat as a generic CSV with a header row: a time column, a text column and optionally a user, `kind`,
 * `amount` and `currency` column (spreadsheet exports, chat tools that write CSV). Comma separated;
 * quoted fields may hold commas, quotes and newlines.
 */
import type { ChatMessage } from '../types.js';
import { BEFORE_START, EVENT_FIELD_NOTES, eventText, readEventKind, readEventMoney, recordSeconds } from './chatEventFields.js';
import { cleanChatUser } from './chatFields.js';
import type { ChatParseOptions } from './chatParseOptions.js';
import { parseElapsedSeconds, readCsvRows } from './csvRows.js';
import type { ReasonTally } from './reasonTally.js';
import { stripBom } from './textInput.js';

/** Skip reasons of the CSV chat format, as they appear in `ParseReport.skippedReasons`. */
export const CSV_SKIP = {
  noHeader: 'no time/text header',
  malformedRow: 'malformed row',
  missingT: 'missing t',
  invalidT: 'invalid t',
  beforeStart: BEFORE_START,
  emptyText: 'empty text',
  /** Cell-level: the row is kept without the value (kind falls back to `message`). */
  ...EVENT_FIELD_NOTES,
} as const;

/** Accepted header names (case-insensitive) of each column, in order of preference. */
export const CSV_CHAT_COLUMNS = {
  t: ['t', 'time', 'seconds', 'offset'],
  user: ['user', 'author', 'name', 'nick', 'username', 'nickname'],
  text: ['text', 'message', 'body', 'comment'],
  kind: ['kind'],
  amount: ['amount'],
  currency: ['currency'],
} as const;

type Column = keyof typeof CSV_CHAT_COLUMNS;
type ColumnIndex = Readonly<Record<Column, number>>;

/** `h:mm:ss[.fff]` (minutes and seconds below 60) or `m:ss[.fff]` (minutes unbounded, for long shows). */

/** Longest first line the sniffer reads as a header. */
const MAX_HEADER_CHARS = 1024;

/** True when the first line is a comma-separated header naming a time column and a text column. */
export function sniffCsvChat(content: string): boolean {
  // A header is short: look at the start only, so a one-line multi-megabyte file costs nothing.
  const head = stripBom(content).trimStart().slice(0, MAX_HEADER_CHARS);
  const names = (head.split(/\r?\n|\r/, 1)[0] ?? '').split(',').map(headerName);
  if (names.length < 2) return false;
  const columns = columnIndex(names);
  return columns.t >= 0 && columns.text >= 0;
}

/**
 * Parses CSV chat. Rows with an unreadable or negative time or an empty text are skipped and counted;
 * unreadable `kind`/`amount`/`currency` cells are dropped and counted, the row kept. Amount cells may
 * also be written as money ("$5.00"), which then also gives the currency.
 */
export function parseCsvChat(content: string, tally: ReasonTally, _options: ChatParseOptions): ChatMessage[] {
  // relaxQuotes: chat text quotes people (he said "hi") without quoting the field.
  const [header, ...body] = readCsvRows(stripBom(content), { delimiter: ',', relaxQuotes: true }, () => tally.skip(CSV_SKIP.malformedRow));
  if (header === undefined) return [];
  const columns = columnIndex(header.map(headerName));
  if (columns.t < 0 || columns.text < 0) {
    for (let i = 0; i <= body.length; i++) tally.skip(CSV_SKIP.noHeader);
    return [];
  }

  const messages: ChatMessage[] = [];
  for (const row of body) {
    const message = toMessage(row, columns, tally);
    if (message !== undefined) messages.push(message);
  }
  return messages;
}

function toMessage(row: readonly string[], columns: ColumnIndex, tally: ReasonTally): ChatMessage | undefined {
  const cell = (column: Column): string => (columns[column] < 0 ? '' : (row[columns[column]] ?? '').trim());

  const tCell = cell('t');
  if (tCell === '') {
    tally.skip(CSV_SKIP.missingT);
    return undefined;
  }
  const t = recordSeconds(parseElapsedSeconds(tCell), CSV_SKIP.invalidT, tally);
  if (t === undefined) return undefined;

  const kind = readEventKind(cell('kind'), tally);
  const money = readEventMoney(cell('amount'), cell('currency'), tally);
  // A paid or gift row without words still says something: its amount ("5 USD") or its kind.
  const text = eventText(cell('text'), kind, money);
  if (text === '') {
    tally.skip(CSV_SKIP.emptyText);
    return undefined;
  }
  return { t, user: cleanChatUser(cell('user')), text, kind, ...money };
}

/** Which cell holds each column (-1 when absent): the first header matching the column's names. */
function columnIndex(names: readonly string[]): ColumnIndex {
  const find = (column: Column): number => {
    for (const alias of CSV_CHAT_COLUMNS[column]) {
      const index = names.indexOf(alias);
      if (index >= 0) return index;
    }
    return -1;
  };
  return { t: find('t'), user: find('user'), text: find('text'), kind: find('kind'), amount: find('amount'), currency: find('currency') };
}

function headerName(cell: string): string {
  return cell.trim().replace(/^"(.*)"$/, '$1').trim().toLowerCase();
}

