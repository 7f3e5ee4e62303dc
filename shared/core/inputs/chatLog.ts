import { InputError } from '../errors.js';
import type { ChatFormat, ChatMessage, ParseReport } from '../types.js';
import { scanBilibiliDanmaku } from './bilibiliDanmaku.js';
import { parseChatJsonl } from './chatJsonl.js';
import { ReasonTally } from './reasonTally.js';
import { readableText } from './textInput.js';

/** The report of a chat parse: which format was detected, what was accepted and what was skipped, and why. */
export interface ChatParseReport extends ParseReport {
  readonly format: ChatFormat;
}

/** A parsed chat log: messages sorted by time, and the parse report. */
export interface ParsedChatLog {
  readonly messages: ChatMessage[];
  readonly report: ChatParseReport;
}

/** One-line description of the accepted chat formats, for error messages. */
export const ACCEPTED_CHAT_FORMATS =
  'accepted: JSON Lines ({"t": seconds, "user": "...", "text": "..."} per line) or bilibili danmaku XML (<i><d p="seconds,...">text</d></i>)';

/**
 * Parses a chat log, detecting its format by content (never by file name): a document whose first
 * non-blank character is `<` is read as bilibili danmaku XML, anything else as JSON Lines.
 * Malformed records are skipped and counted in the report; the result is sorted by `t` (stable).
 * @throws InputError when the file is empty, binary, or holds no record of either format.
 */
export function parseChatLog(text: string, name: string): ParsedChatLog {
  const content = readableText(text, `chat log ${name}`, ACCEPTED_CHAT_FORMATS);

  const tally = new ReasonTally();
  if (content.trimStart().startsWith('<')) {
    const scan = scanBilibiliDanmaku(content, tally);
    // An `<i>` root with no `<d>` at all is a real (comment-less) danmaku file; anything else must yield messages.
    const isEmptyDanmakuFile = scan.root === 'i' && scan.elements === 0;
    if (scan.messages.length === 0 && !isEmptyDanmakuFile) {
      const why = scan.elements === 0 ? 'XML without <d> danmaku elements' : `no valid danmaku (${describeTop(tally)})`;
      throw new InputError(`chat log ${name} is not a recognised chat format: ${why}; ${ACCEPTED_CHAT_FORMATS}`);
    }
    return sorted(scan.messages, tally, 'bilibili-xml');
  }

  const messages = parseChatJsonl(content, tally);
  if (messages.length === 0) {
    throw new InputError(
      `chat log ${name} is not a recognised chat format: no line is a valid message (${describeTop(tally)}); ${ACCEPTED_CHAT_FORMATS}`,
    );
  }
  return sorted(messages, tally, 'jsonl');
}

function sorted(messages: ChatMessage[], tally: ReasonTally, format: ChatFormat): ParsedChatLog {
  // Array.prototype.sort is stable (ES2019), so equal times keep file order.
  messages.sort((a, b) => a.t - b.t);
  return { messages, report: tally.report(format, messages.length) };
}

function describeTop(tally: ReasonTally): string {
  const top = tally.topReason();
  return top === undefined ? 'nothing to read' : `${top.count} × ${top.reason}`;
}
