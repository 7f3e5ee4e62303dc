import sax from 'sax';
import type { ChatMessage } from '../types.js';
import { BEFORE_START, recordSeconds } from './chatEventFields.js';
import { cleanChatText, cleanChatUser } from './chatFields.js';
import type { ReasonTally } from './reasonTally.js';
import { parsePlainNumber } from './textInput.js';

/** Skip reasons of the bilibili danmaku XML format, as they appear in `ParseReport.skippedReasons`. */
export const DANMAKU_SKIP = {
  missingP: 'missing p',
  /** A recorder event (`<sc>`, `<gift>`, `<guard>`, `<toast>`) without its `ts` attribute. */
  missingTs: 'missing ts',
  invalidTime: 'invalid time',
  beforeStart: BEFORE_START,
  emptyText: 'empty text',
  codeDanmaku: 'code danmaku (mode 8)',
  unterminated: 'unterminated element',
  giftWithoutName: 'gift without name',
  guardWithoutLevel: 'guard without level',
  /** blrec writes a `<toast>` next to each `<guard>` for the same purchase: counted once. */
  toastDuplicate: 'guard toast (duplicate of a guard)',
  // Noted, not skipped: the event is kept, only the value is dropped or defaulted.
  invalidCount: 'invalid count (1 assumed)',
  invalidPrice: 'invalid price (amount dropped)',
  unknownCoinType: 'gift price without known coin type (amount dropped)',
} as const;

/** What the XML walk found besides the messages: used to tell "empty danmaku file" from "not danmaku". */
export interface DanmakuScan {
  readonly messages: ChatMessage[];
  /** Name of the document's root element (lower-cased), '' when there was none. */
  readonly root: string;
  /** Number of event elements (`<d>`, `<sc>`, `<gift>`, `<guard>`, `<toast>`) seen, accepted or not. */
  readonly elements: number;
}

/** Index of the fields of `p="time,mode,size,color,timestamp,pool,userhash,dmid[,weight]"`. */
const P_TIME = 0;
const P_MODE = 1;
const P_USER = 6;

/** Mode 7 = positioned ("advanced") danmaku: the text is a JSON array whose 5th element is what viewers read. */
const MODE_ADVANCED = '7';
const ADVANCED_TEXT_INDEX = 4;
/** Mode 8 = script ("code") danmaku: the text is a program, not something anyone said. */
const MODE_CODE = '8';

/** bilibili gold coins (金瓜子) per CNY: gift, guard and (in blrec) Super Chat prices are in gold. */
const GOLD_PER_CNY = 1000;
/**
 * Super Chat prices are 30–2000 CNY. BililiveRecorder writes them in CNY, blrec in gold (`price × rate`,
 * rate 1000) under the same attribute name, so the magnitude tells the unit: no SC costs 10,000 CNY,
 * and none costs less than 10 CNY.
 */
const SC_GOLD_THRESHOLD = 10_000;

/** bilibili guard (大航海) levels as the live API numbers them. */
const GUARD_NAMES: Readonly<Record<string, string>> = { '1': '总督', '2': '提督', '3': '舰长' };

/** `cointype` as blrec writes it (`金瓜子`/`银瓜子`), or the raw API value (`gold`/`silver`, blrec's model says `sliver`). */
const GOLD_COIN = /^(金瓜子|gold)$/i;
const SILVER_COIN = /^(银瓜子|silver|sliver)$/i;

type Attributes = Readonly<Record<string, string>>;

/** Elements whose text is the message (`<d>` danmaku, `<sc>` Super Chat): read at their close tag. */
type TextEvent = 'd' | 'sc';
/** Elements that say everything in their attributes: read at their open tag. */
const ATTRIBUTE_EVENTS = new Set(['gift', 'guard', 'toast']);

/**
 * Parses bilibili danmaku XML: the site's own `<i>…<d p="time,mode,…,userhash,…">text</d>…</i>`, and the
 * live recorders' files (BililiveRecorder, blrec) that add `user`/`uid` attributes to `<d>` and write Super
 * Chats (`<sc>` -> 'paid'), gifts (`<gift>` -> 'gift') and guard purchases (`<guard>`, blrec's `<toast>` ->
 * 'member'), each with `ts` = seconds from the recording start. Other elements (headers, recorder metadata,
 * BililiveRecorder's embedded stylesheet) are ignored.
 * Uses sax in non-strict mode so broken markup degrades (unknown tags ignored, truncated tails counted)
 * instead of failing the whole file. Entities are decoded by sax. Messages are returned in file order.
 */
export function scanBilibiliDanmaku(text: string, tally: ReasonTally): DanmakuScan {
  const messages: ChatMessage[] = [];
  let root = '';
  let elements = 0;
  let guards = 0;
  const toasts = new Set<ChatMessage>();
  let current: { tag: TextEvent; attributes: Attributes; text: string } | undefined;

  const keep = (message: ChatMessage | undefined): void => {
    if (message !== undefined) messages.push(message);
  };
  const finish = (): void => {
    if (current === undefined) return;
    const { tag, attributes, text: rawText } = current;
    current = undefined;
    keep(tag === 'd' ? danmaku(attributes, rawText, tally) : superChat(attributes, rawText, tally));
  };

  const parser = sax.parser(false, { lowercase: true, trim: false, normalize: false });
  parser.onopentag = (tag) => {
    if (root === '') root = tag.name;
    const isTextEvent = tag.name === 'd' || tag.name === 'sc';
    if (!isTextEvent && !ATTRIBUTE_EVENTS.has(tag.name)) return;
    // An event opened inside another one means the first was never closed: finish it as it is.
    finish();
    elements++;
    const attributes = stringAttributes(tag.attributes);
    if (isTextEvent) {
      current = { tag: tag.name as TextEvent, attributes, text: '' };
    } else if (tag.name === 'gift') {
      keep(gift(attributes, tally));
    } else {
      const message = guardPurchase(attributes, tally);
      if (tag.name === 'guard') guards++;
      else if (message !== undefined) toasts.add(message);
      keep(message);
    }
  };
  parser.ontext = (chunk) => {
    if (current !== undefined) current.text += chunk;
  };
  parser.oncdata = parser.ontext;
  parser.onclosetag = (name) => {
    if (name === current?.tag) finish();
  };
  // Non-strict sax still reports some errors; resuming keeps whatever follows the damage.
  parser.onerror = () => {
    parser.error = null as unknown as Error;
    parser.resume();
  };
  parser.write(text).close();

  if (current !== undefined) {
    // The file ended inside a `<d>` or `<sc>`: its text may be cut short, so it is not trusted.
    tally.skip(DANMAKU_SKIP.unterminated);
    current = undefined;
  }
  if (guards === 0 || toasts.size === 0) return { messages, root, elements };
  for (let i = 0; i < toasts.size; i++) tally.skip(DANMAKU_SKIP.toastDuplicate);
  return { messages: messages.filter((message) => !toasts.has(message)), root, elements };
}

/** Attribute values by lower-cased name (sax gives plain strings in non-namespace mode). */
function stringAttributes(raw: Readonly<Record<string, unknown>>): Attributes {
  const attributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) if (typeof value === 'string') attributes[name] = value;
  return attributes;
}

/** `<d p="…" [user="name" uid="…" raw="…"]>text</d>`: a danmaku. */
function danmaku(attributes: Attributes, rawText: string, tally: ReasonTally): ChatMessage | undefined {
  const p = attributes['p'];
  if (p === undefined || p.trim() === '') {
    tally.skip(DANMAKU_SKIP.missingP);
    return undefined;
  }
  const fields = p.split(',');
  const t = recordSeconds(parsePlainNumber(fields[P_TIME]), DANMAKU_SKIP.invalidTime, tally);
  if (t === undefined) return undefined;
  const mode = fields[P_MODE]?.trim();
  if (mode === MODE_CODE) {
    tally.skip(DANMAKU_SKIP.codeDanmaku);
    return undefined;
  }
  // blrec's `<d>` (the one with a `uid` attribute) HTML-escapes the text before lxml escapes it again.
  const unescaped = attributes['uid'] === undefined ? rawText : decodeBasicEntities(rawText);
  const text = cleanChatText(mode === MODE_ADVANCED ? advancedText(unescaped) : unescaped);
  if (text === '') {
    tally.skip(DANMAKU_SKIP.emptyText);
    return undefined;
  }
  // Recorders write the readable name in `user`; the p field is a UID or a CRC32 hash of it.
  return { t, user: sender(attributes) || cleanChatUser(fields[P_USER]), text, kind: 'message' };
}

/** `<sc ts="…" user="…" uid="…" price="…" time="…">text</sc>`: a Super Chat (醒目留言). */
function superChat(attributes: Attributes, rawText: string, tally: ReasonTally): ChatMessage | undefined {
  const t = eventTime(attributes, tally);
  if (t === undefined) return undefined;
  const amount = superChatCny(attributes['price'], tally);
  const text = cleanChatText(rawText) || (amount === undefined ? '' : `Super Chat ${amount} CNY`);
  if (text === '') {
    tally.skip(DANMAKU_SKIP.emptyText);
    return undefined;
  }
  const message: ChatMessage = { t, user: sender(attributes), text, kind: 'paid' };
  return amount === undefined ? message : { ...message, amount, currency: 'CNY' };
}

/** A Super Chat's price in CNY; undefined (and noted) when missing or not positive, as no Super Chat is free. */
function superChatCny(raw: string | undefined, tally: ReasonTally): number | undefined {
  const price = parsePlainNumber(raw);
  if (!Number.isFinite(price) || price <= 0) {
    tally.note(DANMAKU_SKIP.invalidPrice);
    return undefined;
  }
  return price >= SC_GOLD_THRESHOLD ? price / GOLD_PER_CNY : price;
}

/** `<gift ts="…" user="…" uid="…" giftname="…" giftcount="…" [cointype="金瓜子" price="…"]/>`: a gift. */
function gift(attributes: Attributes, tally: ReasonTally): ChatMessage | undefined {
  const name = cleanChatText(attributes['giftname'] ?? '');
  const bought = purchase(attributes, 'gift', name, 'giftcount', DANMAKU_SKIP.giftWithoutName, tally);
  // BililiveRecorder writes no price; blrec writes the unit price in the gift's coin.
  if (bought?.unitPrice === undefined) return bought?.message;
  const { message, count, unitPrice } = bought;
  const coin = attributes['cointype']?.trim() ?? '';
  if (GOLD_COIN.test(coin)) return { ...message, amount: (unitPrice * count) / GOLD_PER_CNY, currency: 'CNY' };
  // Silver coins (银瓜子) are free, earned by watching: the amount stays in the platform unit.
  if (SILVER_COIN.test(coin)) return { ...message, amount: unitPrice * count, currency: 'bilibili-silver' };
  tally.note(DANMAKU_SKIP.unknownCoinType);
  return message;
}

/**
 * A guard (大航海) purchase: `<guard ts="…" user="…" uid="…" level="3" count="1" [giftname="舰长" price="…"]/>`
 * (BililiveRecorder; blrec adds the name and the unit price in gold), or blrec's `<toast … role="舰长" level="3"
 * count="1" price="…">` notice of the same purchase.
 */
function guardPurchase(attributes: Attributes, tally: ReasonTally): ChatMessage | undefined {
  const level = attributes['level']?.trim() ?? '';
  const name = GUARD_NAMES[level] ?? cleanChatText(attributes['giftname'] ?? attributes['role'] ?? '');
  const bought = purchase(attributes, 'member', name, 'count', DANMAKU_SKIP.guardWithoutLevel, tally);
  if (bought?.unitPrice === undefined) return bought?.message;
  return { ...bought.message, amount: (bought.unitPrice * bought.count) / GOLD_PER_CNY, currency: 'CNY' };
}

/** What a gift and a guard purchase share: `count` of a named item bought by the sender, at a unit price. */
interface Purchase {
  /** `name xcount`, without an amount yet: the price's unit depends on the element. */
  readonly message: ChatMessage;
  readonly count: number;
  /** The `price` attribute; undefined when absent or unreadable (noted). */
  readonly unitPrice: number | undefined;
}

/** Reads a purchase event's time, count and price; undefined (skipped under `withoutName`) when `name` is ''. */
function purchase(
  attributes: Attributes,
  kind: 'gift' | 'member',
  name: string,
  countAttribute: string,
  withoutName: string,
  tally: ReasonTally,
): Purchase | undefined {
  const t = eventTime(attributes, tally);
  if (t === undefined) return undefined;
  if (name === '') {
    tally.skip(withoutName);
    return undefined;
  }
  const count = eventCount(attributes[countAttribute], tally);
  const message: ChatMessage = { t, user: sender(attributes), text: `${name} x${count}`, kind };
  return { message, count, unitPrice: nonNegative(attributes['price'], tally) };
}

/** The readable sender of a recorder event: the `user` name, else the numeric `uid`; '' when neither. */
function sender(attributes: Attributes): string {
  return cleanChatUser(attributes['user']) || cleanChatUser(attributes['uid']);
}

/** A recorder event's `ts` (seconds from the recording start), or undefined when skipped. */
function eventTime(attributes: Attributes, tally: ReasonTally): number | undefined {
  const ts = attributes['ts'];
  if (ts === undefined || ts.trim() === '') {
    tally.skip(DANMAKU_SKIP.missingTs);
    return undefined;
  }
  return recordSeconds(parsePlainNumber(ts), DANMAKU_SKIP.invalidTime, tally);
}

/** A gift or guard count: a positive integer; anything else is noted and read as 1 (the event still happened). */
function eventCount(raw: string | undefined, tally: ReasonTally): number {
  const count = parsePlainNumber(raw);
  if (Number.isInteger(count) && count > 0) return count;
  tally.note(DANMAKU_SKIP.invalidCount);
  return 1;
}

/** A price attribute: undefined when absent; noted and undefined when not a number ≥ 0. */
function nonNegative(raw: string | undefined, tally: ReasonTally): number | undefined {
  if (raw === undefined) return undefined;
  const value = parsePlainNumber(raw);
  if (Number.isFinite(value) && value >= 0) return value;
  tally.note(DANMAKU_SKIP.invalidPrice);
  return undefined;
}

/** Undoes one level of Python's `html.escape(text, quote=False)` (`&`, `<`, `>` only). */
function decodeBasicEntities(text: string): string {
  return text.replace(/&(amp|lt|gt);/g, (_, name: string) => (name === 'lt' ? '<' : name === 'gt' ? '>' : '&'));
}

/**
 * The start of a mode-7 array up to its 5th element, for arrays bilibili cut off (it truncates the stored
 * text at 300 characters, so a long motion path leaves invalid JSON behind a readable text, and long
 * ASCII art is cut inside the text itself: what survives is kept).
 */
const ADVANCED_PREFIX = /^\s*\[\s*[^,]*,\s*[^,]*,\s*"[^"]*"\s*,\s*[^,]*,\s*"((?:[^"\\]|\\.)*)/;

/** The visible text of a mode-7 danmaku (`[x, y, "alpha", duration, "text", …]`); the raw text if it is not that. */
function advancedText(raw: string): string {
  // bilibili writes line breaks inside positioned danmaku as a literal "/n".
  const shown = advancedTextField(raw);
  return shown === undefined ? raw : shown.replace(/\/n/g, ' ');
}

function advancedTextField(raw: string): string | undefined {
  try {
    const value: unknown = JSON.parse(raw);
    if (Array.isArray(value)) {
      const shown: unknown = value[ADVANCED_TEXT_INDEX];
      return typeof shown === 'string' ? shown : undefined;
    }
    return undefined;
  } catch {
    // Truncated JSON, or not JSON at all (some exporters already store the plain text).
  }
  const prefix = ADVANCED_PREFIX.exec(raw);
  if (prefix === null) return undefined;
  try {
    // A cut may leave half a \uXXXX escape at the end: drop it.
    const body = (prefix[1] ?? '').replace(/\\u[0-9a-fA-F]{0,3}$/, '');
    return JSON.parse(`"${body}"`) as string;
  } catch {
    return undefined;
  }
}
