/**
 * The chat formats postshow reads, in the order their sniffers are tried. A sniffer looks at the text
 * only (never the file name) and must not claim another format's files; the more specific shapes come
 * before the generic ones (TwitchDownloader and YouTube JSON before postshow's JSON Lines).
 */
import type { ChatFormat, ChatMessage } from '../types.js';
import { scanBilibiliDanmaku } from './bilibiliDanmaku.js';
import { parseChatJsonl } from './chatJsonl.js';
import type { ChatParseOptions } from './chatParseOptions.js';
import { parseCsvChat, sniffCsvChat } from './csvChat.js';
import type { ReasonTally } from './reasonTally.js';
import { parseTwitchDownloaderJson, sniffTwitchDownloaderJson } from './twitchDownloaderJson.js';
import { parseTwitchIrc, sniffTwitchIrc } from './twitchIrc.js';
import { parseYoutubeReplayJson, parseYoutubeYtdlpJsonl, sniffYoutubeReplayJson, sniffYoutubeYtdlpJsonl } from './youtubeLiveChat.js';

export interface ChatFormatReader {
  readonly format: ChatFormat;
  /** One example line for error messages and the README. */
  readonly describe: string;
  sniff(content: string): boolean;
  parse(content: string, tally: ReasonTally, options: ChatParseOptions, name: string): { messages: ChatMessage[]; emptyIsValid?: boolean };
}

const firstCharacter = (content: string): string => content.trimStart().charAt(0);

const bilibiliXml: ChatFormatReader = {
  format: 'bilibili-xml',
  describe: 'bilibili danmaku XML (<i><d p="seconds,...">text</d></i>, BililiveRecorder/blrec <sc>/<gift>/<guard>)',
  sniff: (content) => firstCharacter(content) === '<',
  parse(content, tally) {
    const scan = scanBilibiliDanmaku(content, tally);
    if (scan.elements === 0 && scan.root !== 'i') tally.note('XML without <d> danmaku elements');
    // An `<i>` root with no `<d>` at all is a real (comment-less) danmaku file; other XML must yield messages.
    return { messages: scan.messages, emptyIsValid: scan.root === 'i' && scan.elements === 0 };
  },
};

/** The reader of a format whose parser returns only messages, so an empty result is never a valid file. */
function messagesReader(
  format: ChatFormat,
  describe: string,
  sniff: (content: string) => boolean,
  parse: (content: string, tally: ReasonTally, options: ChatParseOptions) => ChatMessage[],
): ChatFormatReader {
  return { format, describe, sniff, parse: (content, tally, options) => ({ messages: parse(content, tally, options) }) };
}

const postshowJsonl = messagesReader(
  'jsonl',
  'JSON Lines ({"t": seconds, "user": "...", "text": "..."} per line)',
  (content) => firstCharacter(content) === '{',
  parseChatJsonl,
);

const twitchDownloader = messagesReader(
  'twitch-downloader-json',
  'TwitchDownloader chat JSON ({"comments": [{"content_offset_seconds": ..., "message": {"body": ...}}]})',
  sniffTwitchDownloaderJson,
  parseTwitchDownloaderJson,
);

const youtubeReplay = messagesReader(
  'youtube-replay-json',
  'YouTube live-chat replay page (replayChatItemAction ... videoOffsetTimeMsec)',
  sniffYoutubeReplayJson,
  parseYoutubeReplayJson,
);

const youtubeYtdlp = messagesReader(
  'youtube-ytdlp-jsonl',
  "yt-dlp live_chat.json (one replayChatItemAction per line)",
  sniffYoutubeYtdlpJsonl,
  parseYoutubeYtdlpJsonl,
);

const twitchIrc = messagesReader(
  'twitch-irc',
  'Twitch IRC log (timestamped PRIVMSG lines)',
  sniffTwitchIrc,
  parseTwitchIrc,
);

const csv = messagesReader(
  'csv',
  'CSV with a header naming time and text columns (t,user,text)',
  sniffCsvChat,
  parseCsvChat,
);

/** Specific shapes first: every JSON format starts with `{`, so postshow's own JSON Lines comes after them. */
export const CHAT_FORMAT_READERS: readonly ChatFormatReader[] = [
  bilibiliXml,
  twitchDownloader,
  youtubeReplay,
  youtubeYtdlp,
  postshowJsonl,
  twitchIrc,
  csv,
];
