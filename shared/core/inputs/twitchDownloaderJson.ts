import { z } from 'zod';
import { InputError, reasonOf } from '../errors.js';
import type { ChatMessage } from '../types.js';
import type { ChatParseOptions } from './chatParseOptions.js';
import { BEFORE_START, recordSeconds } from './chatEventFields.js';
import { cleanChatText, cleanChatUser } from './chatFields.js';
import type { ReasonTally } from './reasonTally.js';
import { parsePlainNumber, stripBom } from './textInput.js';
import { BITS_UNIT, cheerBits, noticeId, subscriptionEvent, TWITCH_EVENT_SKIP, type NoticeParams } from './twitchEvents.js';

/** Skip reasons of the TwitchDownloader / Twitch v5 chat JSON format, as they appear in `ParseReport.skippedReasons`. */
export const TWITCH_JSON_SKIP = {
  notObject: 'comment not an object',
  missingOffset: 'missing content_offset_seconds',
  invalidOffset: 'invalid content_offset_seconds',
  beforeStart: BEFORE_START,
  missingBody: 'missing message body',
  emptyText: 'empty text',
  massGiftPart: TWITCH_EVENT_SKIP.massGiftPart,
} as const;

/**
 * How much of the start of the text the sniffer reads, in UTF-16 code units. TwitchDownloader writes
 * `FileInfo`, `streamer` and `video` (with chapters) before `comments`, and its embedded emote images after.
 * @default 65536
 */
const SNIFF_CHARS = 65_536;

/**
 * True when the text starts like a Twitch chat JSON document: an object with a `comments` array whose items
 * carry `content_offset_seconds`. Reads only the start, so a truncated document still sniffs (and then
 * fails to parse with a readable reason instead of being mistaken for another format).
 */
export function sniffTwitchDownloaderJson(content: string): boolean {
  const head = stripBom(content.slice(0, SNIFF_CHARS));
  if (!/^\s*\{/.test(head)) return false;
  const comments = /"comments"\s*:\s*\[/.exec(head);
  return comments !== null && /"content_offset_seconds"\s*:/.test(head.slice(comments.index));
}

const optionalText = z.string().optional().catch(undefined);

/** The document: only `comments` is required; TwitchDownloader adds `video.start` when the download was trimmed. */
const chatDocumentSchema = z.object({
  video: z
    .object({ start: z.number().nonnegative().optional().catch(undefined) })
    .nullish()
    .catch(undefined),
  comments: z.array(z.unknown()),
});

/** One comment, leniently: a field of the wrong type reads as absent, and the parser decides what that costs. */
const commentSchema = z.object({
  content_offset_seconds: z.unknown().optional(),
  commenter: z.object({ display_name: optionalText, name: optionalText }).nullish().catch(undefined),
  message: z
    .object({
      body: optionalText,
      fragments: z
        .array(z.object({ text: optionalText }).catch({}))
        .optional()
        .catch(undefined),
      bits_spent: z.number().optional().catch(undefined),
      user_notice_params: z.record(z.string(), z.unknown()).nullish().catch(undefined),
    })
    .nullish()
    .catch(undefined),
});

/** The shape we ask for in error messages. */
const EXPECTED_SHAPE = 'expected {"comments": [{"content_offset_seconds": 12.5, "commenter": {...}, "message": {"body": "..."}}]}';

/**
 * Parses TwitchDownloader chat JSON and the legacy Twitch v5 comments export (same `comments` items).
 * - t = `content_offset_seconds` (seconds into the VOD) minus `video.start` when TwitchDownloader trimmed the
 *   download, so t matches a video downloaded with the same trim. `created_at` is ignored: re-exports rewrite it.
 *   `options.recordingStartMs` is not used: the offsets are already relative to the video.
 * - kind: a subscription notice (`message.user_notice_params['msg-id']`, also spelt `msg_id`) -> `member`, or
 *   `gift` for gifted subs (see {@link subscriptionEvent}); bits (`bits_spent` or cheermotes in the body, the larger,
 *   since TwitchDownloader records only the first cheermote) -> `paid` in `bits`; anything else -> `message`.
 * - text: the body with emote names kept as words (they carry the reactions).
 * @throws InputError when the document is not valid JSON (e.g. truncated) or has no `comments` array; single
 *   unusable comments are skipped and counted in `tally`, never thrown.
 */
export function parseTwitchDownloaderJson(content: string, tally: ReasonTally, _options: ChatParseOptions = {}): ChatMessage[] {
  let json: unknown;
  try {
    json = JSON.parse(stripBom(content));
  } catch (error) {
    throw new InputError(`Twitch chat JSON is not valid JSON (${reasonOf(error)}); is the file complete? ${EXPECTED_SHAPE}`, {
      cause: error,
    });
  }
  const document = chatDocumentSchema.safeParse(json);
  if (!document.success) {
    throw new InputError(`Twitch chat JSON has no "comments" array; ${EXPECTED_SHAPE}`, { cause: document.error });
  }

  const videoStart = document.data.video?.start ?? 0;
  const messages: ChatMessage[] = [];
  for (const item of document.data.comments) {
    const message = toMessage(item, videoStart, tally);
    if (message !== undefined) messages.push(message);
  }
  return messages;
}

function toMessage(item: unknown, videoStart: number, tally: ReasonTally): ChatMessage | undefined {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    tally.skip(TWITCH_JSON_SKIP.notObject);
    return undefined;
  }
  // Cannot fail: every field catches its own type errors.
  const comment = commentSchema.parse(item);

  const rawOffset = comment.content_offset_seconds;
  if (rawOffset === undefined || rawOffset === null) {
    tally.skip(TWITCH_JSON_SKIP.missingOffset);
    return undefined;
  }
  // video.start is finite (the schema says so): the difference is finite exactly when the offset is.
  const t = recordSeconds(parsePlainNumber(rawOffset) - videoStart, TWITCH_JSON_SKIP.invalidOffset, tally);
  if (t === undefined) return undefined;

  const body = comment.message?.body ?? joinFragments(comment.message?.fragments);
  if (body === undefined) {
    tally.skip(TWITCH_JSON_SKIP.missingBody);
    return undefined;
  }
  const user = cleanChatUser(comment.commenter?.display_name || comment.commenter?.name);

  const params = noticeParams(comment.message?.user_notice_params);
  const typed = userPartOfNotice(body, noticeId(params));
  const notice = subscriptionEvent(params, typed ?? '');
  if (notice === 'mass-gift-part') {
    tally.skip(TWITCH_JSON_SKIP.massGiftPart);
    return undefined;
  }
  if (notice !== undefined) {
    // An unrecognised system wording keeps the whole body: it already says who subscribed, plus what they typed.
    const wholeBody = typed === undefined ? cleanChatText(body) : '';
    return { t, user, ...notice, text: wholeBody === '' ? cleanChatText(notice.text) : wholeBody };
  }

  const text = cleanChatText(body);
  if (text === '') {
    tally.skip(TWITCH_JSON_SKIP.emptyText);
    return undefined;
  }
  const bits = Math.max(comment.message?.bits_spent ?? 0, cheerBits(text));
  if (bits > 0) return { t, user, text, kind: 'paid', amount: bits, currency: BITS_UNIT };
  return { t, user, text, kind: 'message' };
}

/** The body rebuilt from fragments, for writers that drop `body`; undefined when there are none. */
function joinFragments(fragments: readonly { text?: string | undefined }[] | undefined): string | undefined {
  if (fragments === undefined || fragments.length === 0) return undefined;
  return fragments.map((fragment) => fragment.text ?? '').join('');
}

/** `user_notice_params` as string values; v5 writes `msg-id`, TwitchDownloader's C# model `msg_id`. */
function noticeParams(raw: Record<string, unknown> | null | undefined): NoticeParams {
  const params = new Map<string, string>();
  for (const [key, value] of Object.entries(raw ?? {})) {
    if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) {
      params.set(key === 'msg_id' ? 'msg-id' : key, String(value));
    }
  }
  return params;
}

/**
 * Twitch's English system text that v5 puts in front of what a subscriber typed:
 * "Name subscribed with Prime. They've subscribed for 13 months, currently on a 2 month streak! <typed>".
 */
const SUBSCRIBED_SYSTEM_TEXT =
  /^\S+(?: \(\S+\))? subscribed (?:with (?:Twitch )?Prime|at Tier \d)\.(?: They've subscribed for \d+ months?(?:, currently on a \d+ months? streak)?!)?/;

/**
 * What the subscriber typed in a sub/resub body ('' when nothing), or undefined when the body does not start
 * with a system text we know (another wording or language). Other notices carry no typed text.
 */
function userPartOfNotice(body: string, id: string): string | undefined {
  if (id !== 'sub' && id !== 'resub' && id !== 'extendsub') return '';
  const system = SUBSCRIBED_SYSTEM_TEXT.exec(body.trim());
  return system === null ? undefined : body.trim().slice(system[0].length).trim();
}
