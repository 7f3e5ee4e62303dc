/**
 * Fields every chat format shares: the check that drops a record outside the recording, and the optional
 * event kind, amount and currency that postshow's own formats (JSON Lines, CSV) accept. One definition, so a
 * user's report names the same reason whichever tool wrote the log.
 */
import type { ChatEventKind } from '../types.js';
import { cleanChatText } from './chatFields.js';
import { parseMoneyText } from './moneyText.js';
import type { ReasonTally } from './reasonTally.js';
import { parsePlainNumber } from './textInput.js';

/** Skip reason of a record sent before the recording started (live recorders keep pre-stream chat). */
export const BEFORE_START = 'before recording start';
/** Skip reason of a record sent after the recording ended (counted, never fatal). */
export const AFTER_END = 'after recording end';

/**
 * A record's time, seconds from the recording start; undefined once the record is skipped and counted, under
 * `invalidReason` (each format names its own time field) when not a finite number, or under {@link BEFORE_START}
 * when negative: chat sent while waiting for the stream belongs to no clip.
 */
export function recordSeconds(seconds: number, invalidReason: string, tally: ReasonTally): number | undefined {
  if (!Number.isFinite(seconds)) {
    tally.skip(invalidReason);
    return undefined;
  }
  if (seconds < 0) {
    tally.skip(BEFORE_START);
    return undefined;
  }
  return seconds;
}

/** Notes for unreadable kind / amount / currency values: the record is kept without them. */
export const EVENT_FIELD_NOTES = {
  invalidKind: 'invalid kind',
  invalidAmount: 'invalid amount',
  invalidCurrency: 'invalid currency',
} as const;

/** Every event kind, as written in a log. */
export const CHAT_EVENT_KINDS: readonly ChatEventKind[] = ['message', 'paid', 'gift', 'member'];
const KINDS: ReadonlySet<string> = new Set<string>(CHAT_EVENT_KINDS);

/** An ISO 4217 code or a platform unit (`bits`, `bilibili-gold`). */
const CURRENCY = /^[A-Za-z][A-Za-z0-9-]{0,31}$/;

/** A kind value (case-insensitive); missing or empty is a plain message, anything unknown is noted and read as one. */
export function readEventKind(raw: unknown, tally: ReasonTally): ChatEventKind {
  if (raw === undefined || raw === null || raw === '') return 'message';
  const kind = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
  if (KINDS.has(kind)) return kind as ChatEventKind;
  tally.note(EVENT_FIELD_NOTES.invalidKind);
  return 'message';
}

/**
 * An amount and its currency. The amount is a number, a numeric string or money text ("$5.00", which also gives
 * the currency); a currency without an amount says nothing and is dropped; bad values are noted and dropped.
 */
export function readEventMoney(rawAmount: unknown, rawCurrency: unknown, tally: ReasonTally): { amount?: number; currency?: string } {
  if (rawAmount === undefined || rawAmount === null || rawAmount === '') return {};
  const plain = parsePlainNumber(rawAmount);
  const shown = Number.isNaN(plain) ? (typeof rawAmount === 'string' ? parseMoneyText(rawAmount) : undefined) : { amount: plain };
  if (shown === undefined || !Number.isFinite(shown.amount) || shown.amount < 0) {
    tally.note(EVENT_FIELD_NOTES.invalidAmount);
    return {};
  }
  const currency = typeof rawCurrency === 'string' ? rawCurrency.trim() : '';
  if (rawCurrency === undefined || rawCurrency === null || currency === '') {
    return shown.currency === undefined ? { amount: shown.amount } : { amount: shown.amount, currency: shown.currency };
  }
  if (!CURRENCY.test(currency)) {
    tally.note(EVENT_FIELD_NOTES.invalidCurrency);
    return { amount: shown.amount };
  }
  // Three letters is an ISO 4217 code, which is upper case; platform units keep their spelling.
  return { amount: shown.amount, currency: /^[A-Za-z]{3}$/.test(currency) ? currency.toUpperCase() : currency };
}

/**
 * A record's text as stored: its own words, else (for a paid, gift or member record without words) its amount
 * ("5 USD") or its kind; '' for a plain message without words.
 */
export function eventText(raw: string, kind: ChatEventKind, money: { amount?: number; currency?: string }): string {
  return cleanChatText(raw) || cleanChatText(eventFallbackText(kind, money));
}

function eventFallbackText(kind: ChatEventKind, money: { amount?: number; currency?: string }): string {
  if (kind === 'message') return '';
  if (money.amount !== undefined) return [money.amount, money.currency].filter((part) => part !== undefined).join(' ');
  return kind === 'paid' ? 'paid message' : kind;
}
