import { InputError } from '../errors.js';
import type { ChatFormat, ChatMessage, ParseReport } from '../types.js';
import { AFTER_END } from './chatEventFields.js';
import { CHAT_FORMAT_READERS } from './chatFormats.js';
import type { ChatParseOptions } from './chatParseOptions.js';
import { ReasonTally, reportWithSkips } from './reasonTally.js';
import { readableText } from './textInput.js';

/** The report of a chat parse: which format was detected, what was accepted and what was skipped, and why. */
export interface ChatParseReport extends ParseReport {
  readonly format: ChatFormat;
  /** Accepted events by kind (`message`, `paid`, `gift`, `member`). */
  readonly kinds: Readonly<Partial<Record<ChatMessage['kind'], number>>>;
}

/** A parsed chat log: messages sorted by time, and the parse report. */
export interface ParsedChatLog {
  readonly messages: ChatMessage[];
  readonly report: ChatParseReport;
}

export { AFTER_END, BEFORE_START } from './chatEventFields.js';

/** One-line description of the accepted chat formats, for error messages. */
export const ACCEPTED_CHAT_FORMATS = `accepted: ${CHAT_FORMAT_READERS.map((reader) => reader.describe).join('; ')}`;

/**
 * Parses a chat log, detecting its format by content (never by file name): each format's sniffer looks
 * at the text in a fixed order, and the first that recognises it parses it. Malformed records, messages
 * before the recording start and after its end are skipped and counted in the report; the result is
 * sorted by `t` (stable).
 * @throws InputError when the file is empty, binary, or holds no record of any accepted format.
 */
export function parseChatLog(text: string, name: string, options: ChatParseOptions = {}): ParsedChatLog {
  const content = readableText(text, `chat log ${name}`, ACCEPTED_CHAT_FORMATS);
  const reader = CHAT_FORMAT_READERS.find((candidate) => candidate.sniff(content));
  if (!reader) throw new InputError(`chat log ${name} is not a recognised chat format; ${ACCEPTED_CHAT_FORMATS}`);

  const tally = new ReasonTally();
  let parsed: ReturnType<typeof reader.parse>;
  try {
    parsed = reader.parse(content, tally, options, name);
  } catch (error) {
    // A whole-document format that does not parse (truncated JSON): say which file, in one line.
    if (error instanceof InputError) throw new InputError(`chat log ${name}: ${error.message}`, { cause: error });
    throw error;
  }
  if (parsed.messages.length === 0 && !parsed.emptyIsValid) {
    throw new InputError(`chat log ${name} is not a recognised chat format: read as ${reader.format}, no usable message (${describeTop(tally)}); ${ACCEPTED_CHAT_FORMATS}`);
  }
  // Array.prototype.sort is stable (ES2019), so equal times keep file order.
  const messages = [...parsed.messages].sort((a, b) => a.t - b.t);
  const whole: ParsedChatLog = { messages, report: { ...tally.report(reader.format, messages.length), kinds: kindsOf(messages) } };
  return options.durationSeconds === undefined ? whole : endChatAt(whole, options.durationSeconds);
}

/**
 * The log without the messages after the recording's end, counted as skipped (AFTER_END). Ingest parses the
 * chat while the recording is still being probed and applies the end once the duration is known; the result
 * is what `parseChatLog` with `durationSeconds` returns.
 */
export function endChatAt(parsed: ParsedChatLog, durationSeconds: number): ParsedChatLog {
  const messages = parsed.messages.filter((message) => message.t <= durationSeconds);
  const dropped = parsed.messages.length - messages.length;
  if (dropped === 0) return parsed;
  return { messages, report: { ...reportWithSkips(parsed.report, AFTER_END, dropped, messages.length), kinds: kindsOf(messages) } };
}

function kindsOf(messages: readonly ChatMessage[]): ChatParseReport['kinds'] {
  const kinds: Partial<Record<ChatMessage['kind'], number>> = {};
  for (const message of messages) kinds[message.kind] = (kinds[message.kind] ?? 0) + 1;
  return kinds;
}

function describeTop(tally: ReasonTally): string {
  const top = tally.topReason();
  return top === undefined ? 'nothing to read' : `${top.count} × ${top.reason}`;
}
