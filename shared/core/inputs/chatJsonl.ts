import type { ChatEventKind, ChatMessage } from '../types.js';
import { BEFORE_START, EVENT_FIELD_NOTES, eventText, readEventKind, readEventMoney, recordSeconds } from './chatEventFields.js';
import { cleanChatUser } from './chatFields.js';
import type { ReasonTally } from './reasonTally.js';
import { parsePlainNumber } from './textInput.js';

/** One line of postshow's JSON Lines chat format, as tools that write it should shape it. */
export interface ChatJsonlLine {
  /** Seconds from the recording start. */
  readonly t: number;
  readonly user: string;
  readonly text: string;
  /** Absent for a plain message. */
  readonly kind?: ChatEventKind;
  readonly amount?: number;
  readonly currency?: string;
}

/** Skip reasons of the JSON Lines chat format, as they appear in `ParseReport.skippedReasons`. */
export const JSONL_SKIP = {
  invalidJson: 'invalid JSON',
  notObject: 'not a JSON object',
  missingT: 'missing t',
  invalidT: 'invalid t',
  beforeStart: BEFORE_START,
  missingText: 'missing text',
  textNotString: 'text not a string',
  emptyText: 'empty text',
  /** Field-level: the line is kept without the value (kind falls back to `message`). */
  ...EVENT_FIELD_NOTES,
} as const;

/**
 * Parses chat in JSON Lines: one `{"t": seconds, "user": "...", "text": "..."}` per line, optionally with
 * `"kind"` (`message`, `paid`, `gift`, `member`), `"amount"` and `"currency"` for audience spending.
 * Blank lines are ignored (not counted); every other unusable line is skipped and counted in `tally`.
 * Extra fields are ignored; `t` may be a number or a numeric string; `user` defaults to ''; a paid, gift or
 * member line may leave out `text` (it then reads as its amount or kind).
 */
export function parseChatJsonl(text: string, tally: ReasonTally): ChatMessage[] {
  const messages: ChatMessage[] = [];
  for (const line of text.split(/\r?\n|\r/)) {
    if (line.trim() === '') continue;
    const message = parseLine(line, tally);
    if (message !== undefined) messages.push(message);
  }
  return messages;
}

function parseLine(line: string, tally: ReasonTally): ChatMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    tally.skip(JSONL_SKIP.invalidJson);
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    tally.skip(JSONL_SKIP.notObject);
    return undefined;
  }
  const record = value as Record<string, unknown>;

  if (record['t'] === undefined || record['t'] === null) {
    tally.skip(JSONL_SKIP.missingT);
    return undefined;
  }
  const t = recordSeconds(parsePlainNumber(record['t']), JSONL_SKIP.invalidT, tally);
  if (t === undefined) return undefined;

  const kind = readEventKind(record['kind'], tally);
  const money = kind === 'message' ? {} : readEventMoney(record['amount'], record['currency'], tally);
  const rawText = record['text'];
  if ((rawText === undefined || rawText === null) && kind === 'message') {
    tally.skip(JSONL_SKIP.missingText);
    return undefined;
  }
  if (rawText !== undefined && rawText !== null && typeof rawText !== 'string') {
    tally.skip(JSONL_SKIP.textNotString);
    return undefined;
  }
  const text = eventText(rawText ?? '', kind, money);
  if (text === '') {
    tally.skip(JSONL_SKIP.emptyText);
    return undefined;
  }
  return { t, user: cleanChatUser(record['user']), text, kind, ...money };
}
