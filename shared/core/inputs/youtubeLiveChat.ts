/**
 * YouTube live chat in two shapes:
 * - `youtube-replay-json`: one raw `get_live_chat_replay` page (as pytchat and browser tools save it):
 *   `continuationContents.liveChatContinuation.actions[].replayChatItemAction`, or the same actions at the
 *   top level (`{"actions": [...]}`, the first page's `contents.liveChatRenderer.actions`, or a bare array);
 * - `youtube-ytdlp-jsonl`: yt-dlp's `live_chat.json`, one action per line. Replays write
 *   `{"replayChatItemAction": {"actions": [...], "videoOffsetTimeMsec": "12345"}}`; live captures write
 *   `{"replayChatItemAction": {"actions": [...]}, "videoOffsetTimeMsec": "12345", "isLive": true}`,
 *   with the offset measured from when yt-dlp started downloading.
 * Every inner chat action is one record: it becomes a message or is skipped with a counted reason.
 */
import { z } from 'zod';
import type { ChatEventKind, ChatMessage } from '../types.js';
import { BEFORE_START } from './chatEventFields.js';
import { cleanChatText, cleanChatUser } from './chatFields.js';
import type { ChatParseOptions } from './chatParseOptions.js';
import { parseMoneyText } from './moneyText.js';
import type { ReasonTally } from './reasonTally.js';
import { parsePlainNumber, stripBom } from './textInput.js';

/** Skip reasons of the YouTube chat formats, as they appear in `ParseReport.skippedReasons`. */
export const YOUTUBE_SKIP = {
  invalidJson: 'invalid JSON',
  notObject: 'not a JSON object',
  noActions: 'no chat actions',
  notReplayAction: 'not a replay chat action',
  emptyReplayAction: 'replay action without actions',
  /** Tickers, banners, deletions, poll updates: they repeat or annotate chat items, they are not one. */
  notChatItem: 'not a chat item',
  placeholder: 'placeholder item',
  systemMessage: 'system message',
  /** "X received a gift membership": one per recipient, the purchase itself is already the gift. */
  giftRedemption: 'gift redemption',
  unsupportedItem: 'unsupported chat item',
  malformedItem: 'malformed chat item',
  duplicate: 'duplicate item',
  missingOffset: 'missing videoOffsetTimeMsec',
  invalidOffset: 'invalid videoOffsetTimeMsec',
  beforeStart: BEFORE_START,
  emptyText: 'empty text',
  /** Value-level: the paid item is kept without an amount. */
  unreadableAmount: 'unreadable amount',
} as const;

/** Unit of gifted memberships (YouTube shows no price for them). */
export const GIFT_MEMBERSHIP_UNIT = 'memberships';

/** Renderers that are deliberately not chat, with their reason. */
const SKIPPED_RENDERERS: Readonly<Record<string, string>> = {
  liveChatPlaceholderItemRenderer: YOUTUBE_SKIP.placeholder,
  liveChatViewerEngagementMessageRenderer: YOUTUBE_SKIP.systemMessage,
  liveChatModeChangeMessageRenderer: YOUTUBE_SKIP.systemMessage,
  liveChatSponsorshipsGiftRedemptionAnnouncementRenderer: YOUTUBE_SKIP.giftRedemption,
};

/** The key of a replay action, as a JSON key (never inside a string value, where its quotes are escaped). */
const REPLAY_KEY = /"replayChatItemAction"\s*:/;

/** How many leading lines the JSON Lines sniffer reads. */
const SNIFF_LINES = 5;

/**
 * True for one YouTube `get_live_chat_replay` page (JSON, possibly pretty-printed): a JSON document with
 * `replayChatItemAction` keys that is not yt-dlp's one-action-per-line file.
 */
export function sniffYoutubeReplayJson(content: string): boolean {
  const text = stripBom(content).trimStart();
  if (!text.startsWith('{') && !text.startsWith('[')) return false;
  return REPLAY_KEY.test(text) && !sniffYoutubeYtdlpJsonl(text);
}

/**
 * True for yt-dlp's `live_chat.json`: the first lines are each one JSON object, and one of them has a
 * top-level `replayChatItemAction`.
 */
export function sniffYoutubeYtdlpJsonl(content: string): boolean {
  let seen = 0;
  let found = false;
  for (const line of leadingLines(stripBom(content), SNIFF_LINES)) {
    seen++;
    if (!line.startsWith('{')) return false;
    const value = parseJson(line);
    if (!isRecord(value)) return false;
    if (isRecord(value['replayChatItemAction'])) found = true;
  }
  return seen > 0 && found;
}

/** Parses one YouTube `get_live_chat_replay` page. A document that is not JSON is one skipped record. */
export function parseYoutubeReplayJson(content: string, tally: ReasonTally, options: ChatParseOptions): ChatMessage[] {
  const reader = new ChatActionReader(tally, options);
  const document = parseJson(stripBom(content));
  if (document === undefined) {
    tally.skip(YOUTUBE_SKIP.invalidJson);
    return [];
  }
  const actions = pageActions(document);
  if (actions === undefined) {
    tally.skip(YOUTUBE_SKIP.noActions);
    return [];
  }
  for (const entry of actions) reader.readEntry(entry);
  return reader.messages;
}

/** Parses yt-dlp's `live_chat.json` (one action per line). Blank lines are ignored, bad lines counted. */
export function parseYoutubeYtdlpJsonl(content: string, tally: ReasonTally, options: ChatParseOptions): ChatMessage[] {
  const reader = new ChatActionReader(tally, options);
  for (const line of stripBom(content).split(/\r?\n|\r/)) {
    if (line.trim() === '') continue;
    const value = parseJson(line);
    // A live capture that was stopped mid-write leaves a cut last line.
    if (value === undefined) tally.skip(YOUTUBE_SKIP.invalidJson);
    else reader.readEntry(value);
  }
  return reader.messages;
}

/** The action list of a saved page, wherever the tool that saved it put it. */
function pageActions(document: unknown): unknown[] | undefined {
  if (Array.isArray(document)) return document;
  if (!isRecord(document)) return undefined;
  const candidates = [
    field(field(document, 'continuationContents'), 'liveChatContinuation'),
    field(field(document, 'contents'), 'liveChatRenderer'),
    document,
  ];
  for (const candidate of candidates) {
    const actions = field(candidate, 'actions');
    if (Array.isArray(actions)) return actions;
  }
  return undefined;
}

/* ---- renderer shapes (only the fields we read; unknown keys are ignored) ---- */

/** An image's screen-reader label (emoji and sticker names). */
const labelledImageSchema = z.object({
  accessibility: z.object({ accessibilityData: z.object({ label: z.string().optional() }).optional() }).optional(),
});
const emojiSchema = z.object({
  emojiId: z.string().optional(),
  shortcuts: z.array(z.string()).optional(),
  isCustomEmoji: z.boolean().optional(),
  image: labelledImageSchema.optional(),
});
const runSchema = z.object({ text: z.string().optional(), emoji: emojiSchema.optional() });
/** YouTube's formatted text: either `simpleText` or a list of `runs` (text and emoji). */
const formattedTextSchema = z.object({ simpleText: z.string().optional(), runs: z.array(runSchema).optional() });
type FormattedText = z.infer<typeof formattedTextSchema>;

const authorFields = {
  id: z.string().optional(),
  timestampUsec: z.union([z.string(), z.number()]).optional(),
  authorName: formattedTextSchema.optional(),
  authorExternalChannelId: z.string().optional(),
};
const textMessageSchema = z.object({ ...authorFields, message: formattedTextSchema.optional() });
const paidMessageSchema = z.object({
  ...authorFields,
  message: formattedTextSchema.optional(),
  purchaseAmountText: formattedTextSchema.optional(),
});
const paidStickerSchema = z.object({
  ...authorFields,
  purchaseAmountText: formattedTextSchema.optional(),
  sticker: labelledImageSchema.optional(),
});
const membershipSchema = z.object({
  ...authorFields,
  headerPrimaryText: formattedTextSchema.optional(),
  headerSubtext: formattedTextSchema.optional(),
  message: formattedTextSchema.optional(),
});
const giftPurchaseSchema = z.object({
  ...authorFields,
  header: z
    .object({
      liveChatSponsorshipsHeaderRenderer: z
        .object({ authorName: formattedTextSchema.optional(), primaryText: formattedTextSchema.optional() })
        .optional(),
    })
    .optional(),
});

/** What a renderer contributes besides the time. */
interface ChatEvent {
  readonly kind: ChatEventKind;
  readonly user: string;
  readonly text: string;
  readonly amount?: number;
  readonly currency?: string;
}

/** The fields every renderer shares: its id and wall-clock time. */
interface RendererIdentity {
  readonly id?: string | undefined;
  readonly timestampUsec?: string | number | undefined;
}

/** A validated renderer, ready to become an event once its time is known to be usable. */
interface ValidRenderer extends RendererIdentity {
  toEvent(): ChatEvent;
}

/** Validates one renderer's raw object; undefined when it does not have the renderer's shape. */
type RendererReader = (raw: unknown, tally: ReasonTally) => ValidRenderer | undefined;

function reader<T extends RendererIdentity>(schema: z.ZodType<T>, toEvent: (renderer: T, tally: ReasonTally) => ChatEvent): RendererReader {
  return (raw, tally) => {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) return undefined;
    const renderer = parsed.data;
    return { id: renderer.id, timestampUsec: renderer.timestampUsec, toEvent: () => toEvent(renderer, tally) };
  };
}

const RENDERERS: Readonly<Record<string, RendererReader>> = {
  liveChatTextMessageRenderer: reader(textMessageSchema, (r) => ({
    kind: 'message',
    user: authorOf(r),
    text: formattedText(r.message),
  })),
  liveChatPaidMessageRenderer: reader(paidMessageSchema, (r, tally) => {
    const shown = formattedText(r.purchaseAmountText);
    const message = formattedText(r.message);
    // A Super Chat may carry no message: the amount is then what viewers see.
    return { kind: 'paid', user: authorOf(r), text: message || `Super Chat ${shown}`, ...money(shown, tally) };
  }),
  liveChatPaidStickerRenderer: reader(paidStickerSchema, (r, tally) => {
    const label = r.sticker?.accessibility?.accessibilityData?.label?.trim() ?? '';
    const text = label === '' ? 'Super Sticker' : `Super Sticker: ${label}`;
    return { kind: 'paid', user: authorOf(r), text, ...money(formattedText(r.purchaseAmountText), tally) };
  }),
  liveChatMembershipItemRenderer: reader(membershipSchema, (r) => {
    // New member: only the subtext ("Welcome to X!" / "New member"). Milestone: "Member for 6 months" + level.
    const primary = formattedText(r.headerPrimaryText);
    const sub = formattedText(r.headerSubtext);
    const headline = primary !== '' ? (sub !== '' ? `${primary} (${sub})` : primary) : sub || 'new member';
    const message = formattedText(r.message);
    return { kind: 'member', user: authorOf(r), text: message === '' ? headline : `${headline}: ${message}` };
  }),
  liveChatSponsorshipsGiftPurchaseAnnouncementRenderer: reader(giftPurchaseSchema, (r) => {
    const header = r.header?.liveChatSponsorshipsHeaderRenderer;
    const text = formattedText(header?.primaryText) || 'gifted memberships';
    // "Gifted 5 <channel> memberships": the count comes before the channel name, so the first number is it.
    const count = /\d+/.exec(text);
    const user = cleanChatUser(formattedText(header?.authorName) || r.authorExternalChannelId);
    return count === null
      ? { kind: 'gift', user, text }
      : { kind: 'gift', user, text, amount: Number(count[0]), currency: GIFT_MEMBERSHIP_UNIT };
  }),
};

/** Reads replay actions into messages; remembers item ids, since overlapping fetches repeat items. */
class ChatActionReader {
  readonly messages: ChatMessage[] = [];
  private readonly seenIds = new Set<string>();

  constructor(
    private readonly tally: ReasonTally,
    private readonly options: ChatParseOptions,
  ) {}

  /** One element of a page's actions, or one yt-dlp line. */
  readEntry(entry: unknown): void {
    if (!isRecord(entry)) {
      this.tally.skip(YOUTUBE_SKIP.notObject);
      return;
    }
    const replay = entry['replayChatItemAction'];
    if (!isRecord(replay)) {
      this.tally.skip(YOUTUBE_SKIP.notReplayAction);
      return;
    }
    const actions = replay['actions'];
    if (!Array.isArray(actions) || actions.length === 0) {
      this.tally.skip(YOUTUBE_SKIP.emptyReplayAction);
      return;
    }
    // Replays keep the offset inside the replay action; yt-dlp's live captures put it beside it.
    const offset = replay['videoOffsetTimeMsec'] ?? entry['videoOffsetTimeMsec'];
    const isLive = entry['isLive'] === true;
    for (const action of actions) this.readAction(action, offset, isLive);
  }

  private readAction(action: unknown, offset: unknown, isLive: boolean): void {
    const item = field(field(action, 'addChatItemAction'), 'item');
    if (!isRecord(item)) {
      this.tally.skip(YOUTUBE_SKIP.notChatItem);
      return;
    }
    const name = Object.keys(item)[0] ?? '';
    const rendererReader = RENDERERS[name];
    if (rendererReader === undefined) {
      this.tally.skip(SKIPPED_RENDERERS[name] ?? YOUTUBE_SKIP.unsupportedItem);
      return;
    }
    const renderer = rendererReader(item[name], this.tally);
    if (renderer === undefined) {
      this.tally.skip(YOUTUBE_SKIP.malformedItem);
      return;
    }
    if (renderer.id !== undefined) {
      if (this.seenIds.has(renderer.id)) {
        this.tally.skip(YOUTUBE_SKIP.duplicate);
        return;
      }
      this.seenIds.add(renderer.id);
    }

    const t = this.secondsOf(offset, isLive, renderer.timestampUsec);
    if (typeof t === 'string') {
      this.tally.skip(t);
      return;
    }
    const event = renderer.toEvent();
    const text = cleanChatText(event.text);
    if (text === '') {
      this.tally.skip(YOUTUBE_SKIP.emptyText);
      return;
    }
    this.messages.push({ ...event, t, text });
  }

  /** Seconds from the recording start, or the skip reason. */
  private secondsOf(offset: unknown, isLive: boolean, timestampUsec: unknown): number | string {
    // A live capture's offsets count from when yt-dlp started, not from the recording: when the caller
    // knows the recording's wall-clock start, the item's own timestamp is the better clock.
    const start = this.options.recordingStartMs;
    if (isLive && start !== undefined) {
      const usec = parsePlainNumber(timestampUsec);
      if (Number.isFinite(usec)) return checkedSeconds((usec / 1000 - start) / 1000);
    }
    if (offset === undefined || offset === null) return YOUTUBE_SKIP.missingOffset;
    const ms = parsePlainNumber(offset);
    if (!Number.isFinite(ms)) return YOUTUBE_SKIP.invalidOffset;
    return checkedSeconds(ms / 1000);
  }
}

/** Pre-stream chat (negative offsets) belongs to no clip. */
function checkedSeconds(t: number): number | string {
  return t < 0 ? YOUTUBE_SKIP.beforeStart : t;
}

function authorOf(renderer: { authorName?: FormattedText | undefined; authorExternalChannelId?: string | undefined }): string {
  const name = formattedText(renderer.authorName);
  return cleanChatUser(name !== '' ? name : renderer.authorExternalChannelId);
}

/** The amount fields of a paid item; a missing or unreadable amount keeps the item and is noted. */
function money(shown: string, tally: ReasonTally): { amount?: number; currency?: string } {
  const parsed = shown === '' ? undefined : parseMoneyText(shown);
  if (parsed === undefined) {
    tally.note(YOUTUBE_SKIP.unreadableAmount);
    return {};
  }
  return parsed;
}

/** The visible text of a formatted text: its runs joined, emoji as the character or their shortcut. */
function formattedText(value: FormattedText | undefined): string {
  if (value === undefined) return '';
  if (value.simpleText !== undefined) return value.simpleText;
  return (value.runs ?? []).map(runText).join('');
}

function runText(run: z.infer<typeof runSchema>): string {
  if (run.text !== undefined) return run.text;
  const emoji = run.emoji;
  if (emoji === undefined) return '';
  // A Unicode emoji's id is the emoji itself; keeping it lets sentiment read it. Custom channel emoji get
  // their shortcut (":_kusa:"), spaced so it does not glue to the words around it.
  if (emoji.isCustomEmoji !== true && emoji.emojiId !== undefined && isUnicodeEmoji(emoji.emojiId)) return emoji.emojiId;
  const name = emoji.shortcuts?.[0] ?? emoji.image?.accessibility?.accessibilityData?.label ?? '';
  return name === '' ? '' : ` ${name} `;
}

function isUnicodeEmoji(id: string): boolean {
  return /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3/u.test(id) && !/[A-Za-z/_]/.test(id);
}

/* ---- small JSON helpers ---- */

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function field(value: unknown, key: string): unknown {
  return isRecord(value) ? value[key] : undefined;
}

/** Up to `count` non-blank lines from the start of the text, without splitting the whole text. */
function* leadingLines(text: string, count: number): Generator<string> {
  let start = 0;
  let yielded = 0;
  while (yielded < count && start < text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    const line = text.slice(start, end).trim();
    start = end + 1;
    if (line === '') continue;
    yielded++;
    yield line;
  }
}
