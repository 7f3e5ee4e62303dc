import type { ChatMessage } from '../types.js';
import type { ChatParseOptions } from './chatParseOptions.js';
import { BEFORE_START } from './chatEventFields.js';
import { cleanChatText, cleanChatUser } from './chatFields.js';
import type { ReasonTally } from './reasonTally.js';
import { stripBom } from './textInput.js';
import { BITS_UNIT, cheerBits, subscriptionEvent, TWITCH_EVENT_SKIP, type NoticeParams } from './twitchEvents.js';

/** Skip reasons of the Twitch IRC log format, as they appear in `ParseReport.skippedReasons`. */
export const TWITCH_IRC_SKIP = {
  /** Welcome/JOIN/NAMES/PING lines, recorder banners, unrelated logger output: anything but a chat line. */
  notChatLine: 'not a chat line',
  noTimestamp: 'no timestamp',
  invalidTimestamp: 'invalid timestamp',
  beforeStart: BEFORE_START,
  emptyText: 'empty text',
  /** USERNOTICEs that are not subscriptions and carry nothing a viewer typed (raid, unraid, bits badge tier…). */
  otherNotice: 'other user notice',
  massGiftPart: TWITCH_EVENT_SKIP.massGiftPart,
} as const;

/** Noted (record kept) when a `tmi-sent-ts` tag is not epoch milliseconds: the line's own timestamp is used instead. */
export const TWITCH_IRC_NOTE_BAD_SENT_TS = 'invalid tmi-sent-ts (line timestamp used)';

/**
 * A date and time at the start of a line: `2019-04-30_08:56:59 ;;; ` (twitch_chat_analysis recorder),
 * `[2019-04-30 08:56:59] ` (chat loggers), `2019-04-30T08:56:59.123Z ` (ISO). Fraction and zone optional;
 * a time without a zone is read as UTC (only differences between lines matter, or the recording start
 * flag, which is read the same way).
 */
const TIMESTAMP_PREFIX =
  /^\[?(\d{4})-(\d{2})-(\d{2})[T _](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))? ?(Z|UTC|[+-]\d{2}:?\d{2})?\]?(?:\s*(?:;;;|\|))?(?:\s+|$)/;
/** A raw IRC line: optional IRCv3 tags, a source, a command (word or 3-digit numeric), its parameters. */
const IRC_LINE = /^(?:@(\S*) +)?:(\S+) +([A-Za-z]+|\d{3})(?: +(.*))?$/;
const PRIVMSG_PARAMS = /^#\S+ +:?(.*)$/;
const USERNOTICE_PARAMS = /^#\S+(?: +:?(.*))?$/;
/** A chat logger's `<nick> message` (IRC clients may prefix a mode sign: `<@mod>`, `<+voiced>`). */
const LOGGER_LINE = /^<[@+%~&]?([^<>\s]+)> ?(.*)$/;
/** `/me` messages travel as a CTCP ACTION: `\x01ACTION waves\x01`. */
// eslint-disable-next-line no-control-regex
const CTCP_ACTION = /^\x01ACTION ?(.*?)\x01?$/s;

/** Time zones are whole quarter hours: the step used to align a local-time line prefix with `tmi-sent-ts`. */
const ZONE_STEP_MS = 15 * 60 * 1000;

/** One chat line as the log gives it, before timing. */
interface ChatLine {
  readonly command: 'PRIVMSG' | 'USERNOTICE' | 'LOGGER';
  readonly tags: NoticeParams | undefined;
  readonly user: string;
  readonly text: string;
}

/** A non-blank line: its times (epoch ms) and, when it is one, the chat line. */
interface LogLine {
  /** The line's own timestamp prefix, or the last one above it (continuation lines of one record). */
  readonly prefixMs: number | undefined;
  readonly ownPrefix: boolean;
  readonly sentMs: number | undefined;
  readonly chat: ChatLine | undefined;
  readonly invalidTimestamp: boolean;
  /** The line had a `tmi-sent-ts` tag that is not epoch milliseconds. */
  readonly invalidSentTs: boolean;
}

/** Non-blank lines the sniffer looks at. @default 40 */
const SNIFF_LINES = 40;
/** Characters the sniffer reads at most. @default 65536 */
const SNIFF_CHARS = 65_536;

/**
 * True when the start of the text is a Twitch IRC capture: several of the first non-blank lines (at least
 * three, or all of a shorter file, and at least half) are timestamped lines or raw IRC lines, and one of
 * them is a channel message (` PRIVMSG #`).
 */
export function sniffTwitchIrc(content: string): boolean {
  const lines = stripBom(content.slice(0, SNIFF_CHARS))
    .split(/\r\n|\n|\r/)
    .filter((line) => line.trim() !== '')
    .slice(0, SNIFF_LINES);
  if (lines.length === 0) return false;
  const shaped = lines.filter((line) => TIMESTAMP_PREFIX.test(line) || IRC_LINE.test(line)).length;
  const enough = shaped >= Math.min(3, lines.length) && shaped * 2 >= lines.length;
  return enough && lines.some((line) => line.includes(' PRIVMSG #'));
}

/**
 * Parses Twitch chat captured over IRC: raw lines (with or without IRCv3 tags) and chat-logger lines,
 * each optionally behind a timestamp prefix; a line without a prefix belongs to the record above it.
 * - time: `tmi-sent-ts` when present, else the line's prefix. t = seconds since `options.recordingStartMs`,
 *   else since the first timestamped line of the file (any line: the recorder starts with the stream).
 *   A zone-less prefix next to `tmi-sent-ts` is moved by the whole quarter hours between the two clocks.
 * - kind: PRIVMSG with a `bits` tag (or, in untagged logs, cheermotes) -> `paid` in `bits`; USERNOTICE
 *   sub/resub/upgrades -> `member`, gifted subs -> `gift` (see {@link subscriptionEvent}); other USERNOTICEs
 *   keep what the viewer typed as a `message` (announcements) or are skipped (raids); PRIVMSG -> `message`.
 * - user: the `display-name` tag, else the nick.
 * Every other non-blank line is skipped and counted ('not a chat line'); blank lines are ignored.
 */
export function parseTwitchIrc(content: string, tally: ReasonTally, options: ChatParseOptions = {}): ChatMessage[] {
  const lines = readLines(stripBom(content));
  const zoneShiftMs = prefixZoneShift(lines);
  const timeOf = (line: LogLine): number | undefined =>
    line.sentMs ?? (line.prefixMs === undefined ? undefined : line.prefixMs - zoneShiftMs);

  let startMs = options.recordingStartMs;
  if (startMs === undefined) {
    for (const line of lines) {
      startMs = timeOf(line);
      if (startMs !== undefined) break;
    }
  }

  const messages: ChatMessage[] = [];
  for (const line of lines) {
    if (line.chat === undefined) {
      tally.skip(TWITCH_IRC_SKIP.notChatLine);
      continue;
    }
    if (line.invalidSentTs) tally.note(TWITCH_IRC_NOTE_BAD_SENT_TS);
    const timeMs = timeOf(line);
    if (timeMs === undefined || startMs === undefined) {
      tally.skip(line.invalidTimestamp ? TWITCH_IRC_SKIP.invalidTimestamp : TWITCH_IRC_SKIP.noTimestamp);
      continue;
    }
    const t = (timeMs - startMs) / 1000;
    if (t < 0) {
      tally.skip(TWITCH_IRC_SKIP.beforeStart);
      continue;
    }
    const message = toMessage(t, line.chat, tally);
    if (message !== undefined) messages.push(message);
  }
  return messages;
}

function readLines(content: string): LogLine[] {
  const lines: LogLine[] = [];
  let lastPrefixMs: number | undefined;
  for (const raw of content.split(/\r\n|\n|\r/)) {
    if (raw.trim() === '') continue;
    const prefix = TIMESTAMP_PREFIX.exec(raw);
    let invalidTimestamp = false;
    let payload = raw;
    if (prefix !== null) {
      payload = raw.slice(prefix[0].length);
      const ms = prefixTime(prefix);
      // A prefix that is not a real date starts a record whose time is unknown: do not reuse the previous one.
      invalidTimestamp = ms === undefined;
      lastPrefixMs = ms;
    }
    const { chat, sentMs, invalidSentTs } = readPayload(payload);
    lines.push({ prefixMs: lastPrefixMs, ownPrefix: prefix !== null, sentMs, chat, invalidTimestamp, invalidSentTs });
  }
  return lines;
}

/** Epoch ms of a timestamp prefix match; undefined when the fields are not a real date and time. */
function prefixTime(match: RegExpExecArray): number | undefined {
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const millis = Number(((match[7] ?? '') + '000').slice(0, 3));
  const ms = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  const date = new Date(ms);
  // Date.UTC rolls 2019-02-30 over to March 2: reject instead of guessing.
  const real =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && hour < 24 && minute < 60 && second < 60;
  return real ? ms - zoneOffsetMs(match[8]) : undefined;
}

/** `Z`/`UTC`/absent -> 0; `+02:00` / `-0530` -> that offset in ms. */
function zoneOffsetMs(zone: string | undefined): number {
  const offset = /^([+-])(\d{2}):?(\d{2})$/.exec(zone ?? '');
  if (offset === null) return 0;
  const minutes = Number(offset[2]) * 60 + Number(offset[3]);
  return (offset[1] === '-' ? -1 : 1) * minutes * 60_000;
}

/**
 * How far the prefix clock runs ahead of `tmi-sent-ts` (a recorder writing local time without a zone), in
 * whole quarter hours, from the first line that has both; 0 when no line has both.
 */
function prefixZoneShift(lines: readonly LogLine[]): number {
  const both = lines.find((line) => line.ownPrefix && line.prefixMs !== undefined && line.sentMs !== undefined);
  if (both?.prefixMs === undefined || both.sentMs === undefined) return 0;
  return Math.round((both.prefixMs - both.sentMs) / ZONE_STEP_MS) * ZONE_STEP_MS;
}

type Payload = Pick<LogLine, 'chat' | 'sentMs' | 'invalidSentTs'>;

function readPayload(payload: string): Payload {
  const logger = LOGGER_LINE.exec(payload);
  if (logger !== null) {
    const chat: ChatLine = { command: 'LOGGER', tags: undefined, user: logger[1] ?? '', text: logger[2] ?? '' };
    return { chat, sentMs: undefined, invalidSentTs: false };
  }
  const irc = IRC_LINE.exec(payload);
  if (irc === null) return { chat: undefined, sentMs: undefined, invalidSentTs: false };
  const tags = irc[1] === undefined ? undefined : parseTags(irc[1]);
  const rawSentTs = tags?.get('tmi-sent-ts') ?? '';
  const sentMs = /^\d{10,16}$/.test(rawSentTs) ? Number(rawSentTs) : undefined;
  const timing = { sentMs, invalidSentTs: rawSentTs !== '' && sentMs === undefined };
  const source = irc[2] ?? '';
  const command = (irc[3] ?? '').toUpperCase();
  const params = irc[4] ?? '';
  const nick = source.includes('!') ? source.slice(0, source.indexOf('!')) : source;
  const user = tags?.get('display-name') || tags?.get('login') || nick;

  if (command === 'PRIVMSG') {
    const privmsg = PRIVMSG_PARAMS.exec(params);
    return { chat: privmsg === null ? undefined : { command, tags, user, text: privmsg[1] ?? '' }, ...timing };
  }
  if (command === 'USERNOTICE') {
    const notice = USERNOTICE_PARAMS.exec(params);
    // USERNOTICE comes from tmi.twitch.tv: the subscriber is in the tags.
    const noticeUser = tags?.get('display-name') || tags?.get('login') || '';
    return { chat: notice === null ? undefined : { command, tags, user: noticeUser, text: notice[1] ?? '' }, ...timing };
  }
  return { chat: undefined, ...timing };
}

/** IRCv3 tags `k=v;k2=v2` with their escapes (`\s` space, `\:` semicolon, `\\`, `\r`, `\n`) undone. */
function parseTags(raw: string): Map<string, string> {
  const tags = new Map<string, string>();
  for (const pair of raw.split(';')) {
    const equals = pair.indexOf('=');
    const key = equals === -1 ? pair : pair.slice(0, equals);
    const value = equals === -1 ? '' : pair.slice(equals + 1);
    if (key !== '') tags.set(key, value.replace(/\\(.?)/g, (_, c: string) => TAG_ESCAPES[c] ?? c));
  }
  return tags;
}
const TAG_ESCAPES: Readonly<Record<string, string>> = { s: ' ', ':': ';', '\\': '\\', r: '\r', n: '\n' };

function toMessage(t: number, chat: ChatLine, tally: ReasonTally): ChatMessage | undefined {
  const user = cleanChatUser(chat.user);
  const text = cleanChatText(CTCP_ACTION.exec(chat.text)?.[1] ?? chat.text);

  if (chat.command === 'USERNOTICE') {
    const tags: NoticeParams = chat.tags ?? new Map<string, string>();
    const event = subscriptionEvent(tags, text);
    if (event === 'mass-gift-part') {
      tally.skip(TWITCH_IRC_SKIP.massGiftPart);
      return undefined;
    }
    if (event !== undefined) return { t, user, ...event, text: cleanChatText(event.text) };
    if (text === '') {
      tally.skip(TWITCH_IRC_SKIP.otherNotice);
      return undefined;
    }
    return { t, user, text, kind: 'message' };
  }

  if (text === '') {
    tally.skip(TWITCH_IRC_SKIP.emptyText);
    return undefined;
  }
  // With tags the `bits` tag is authoritative; an untagged capture only shows the cheermotes themselves.
  const bits = chat.tags === undefined ? cheerBits(text) : Number(chat.tags.get('bits') ?? 0);
  if (Number.isInteger(bits) && bits > 0) return { t, user, text, kind: 'paid', amount: bits, currency: BITS_UNIT };
  return { t, user, text, kind: 'message' };
}
