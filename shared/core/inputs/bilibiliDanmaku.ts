import sax from 'sax';
import type { ChatMessage } from '../types.js';
import { cleanChatText, cleanChatUser } from './chatFields.js';
import type { ReasonTally } from './reasonTally.js';
import { parsePlainNumber } from './textInput.js';

/** Skip reasons of the bilibili danmaku XML format, as they appear in `ParseReport.skippedReasons`. */
export const DANMAKU_SKIP = {
  missingP: 'missing p',
  invalidTime: 'invalid time',
  negativeTime: 'negative time',
  emptyText: 'empty text',
  codeDanmaku: 'code danmaku (mode 8)',
  unterminated: 'unterminated element',
} as const;

/** What the XML walk found besides the messages: used to tell "empty danmaku file" from "not danmaku". */
export interface DanmakuScan {
  readonly messages: ChatMessage[];
  /** Name of the document's root element (lower-cased), '' when there was none. */
  readonly root: string;
  /** Number of `<d>` elements seen, accepted or not. */
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

/**
 * Parses bilibili danmaku XML (`<i>…<d p="time,mode,…,userhash,…">text</d>…</i>`).
 * Uses sax in non-strict mode so broken markup degrades (unknown tags ignored, truncated tails counted)
 * instead of failing the whole file. Entities are decoded by sax.
 */
export function scanBilibiliDanmaku(text: string, tally: ReasonTally): DanmakuScan {
  const messages: ChatMessage[] = [];
  let root = '';
  let elements = 0;
  let current: { p: string | undefined; text: string } | undefined;

  const finish = (): void => {
    if (current === undefined) return;
    const message = toMessage(current.p, current.text, tally);
    if (message !== undefined) messages.push(message);
    current = undefined;
  };

  const parser = sax.parser(false, { lowercase: true, trim: false, normalize: false });
  parser.onopentag = (tag) => {
    if (root === '') root = tag.name;
    if (tag.name !== 'd') return;
    // A `<d>` opened inside another one means the first was never closed: finish it as it is.
    finish();
    elements++;
    const p = tag.attributes['p'];
    current = { p: typeof p === 'string' ? p : undefined, text: '' };
  };
  parser.ontext = (chunk) => {
    if (current !== undefined) current.text += chunk;
  };
  parser.oncdata = parser.ontext;
  parser.onclosetag = (name) => {
    if (name === 'd') finish();
  };
  // Non-strict sax still reports some errors; resuming keeps whatever follows the damage.
  parser.onerror = () => {
    parser.error = null as unknown as Error;
    parser.resume();
  };
  parser.write(text).close();

  if (current !== undefined) {
    // The file ended inside a `<d>`: its text may be cut short, so it is not trusted.
    tally.skip(DANMAKU_SKIP.unterminated);
    current = undefined;
  }
  return { messages, root, elements };
}

function toMessage(p: string | undefined, rawText: string, tally: ReasonTally): ChatMessage | undefined {
  if (p === undefined || p.trim() === '') {
    tally.skip(DANMAKU_SKIP.missingP);
    return undefined;
  }
  const fields = p.split(',');
  const timeField = fields[P_TIME] ?? '';
  const t = parsePlainNumber(timeField);
  if (!Number.isFinite(t)) {
    tally.skip(DANMAKU_SKIP.invalidTime);
    return undefined;
  }
  // Live recordings keep danmaku sent while waiting for the stream (down to -15 h): before the recording.
  if (t < 0) {
    tally.skip(DANMAKU_SKIP.negativeTime);
    return undefined;
  }
  const mode = fields[P_MODE]?.trim();
  if (mode === MODE_CODE) {
    tally.skip(DANMAKU_SKIP.codeDanmaku);
    return undefined;
  }
  const text = cleanChatText(mode === MODE_ADVANCED ? advancedText(rawText) : rawText);
  if (text === '') {
    tally.skip(DANMAKU_SKIP.emptyText);
    return undefined;
  }
  return { t, user: cleanChatUser(fields[P_USER]), text, kind: 'message' };
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
