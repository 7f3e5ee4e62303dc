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

const postshowJsonl: ChatFormatReader = {
  format: 'jsonl',
  describe: 'JSON Lines ({"t": seconds, "user": "...", "text": "..."} per line)',
  sniff: (content) => firstCharacter(content) === '{',
  parse: (content, tally) => ({ messages: parseChatJsonl(content, tally) }),
};

const twitchDownloader: ChatFormatReader = {
  format: 'twitch-downloader-json',
  describe: 'TwitchDownloader chat JSON ({"comments": [{"content_offset_seconds": ..., "message": {"body": ...}}]})',
  sniff: sniffTwitchDownloaderJson,
  parse: (content, tally, options) => ({ messages: parseTwitchDownloaderJson(content, tally, options) }),
};

const youtubeReplay: ChatFormatReader = {
  format: 'youtube-replay-json',
  describe: 'YouTube live-chat replay page (replayChatItemAction ... videoOffsetTimeMsec)',
  sniff: sniffYoutubeReplayJson,
  parse: (content, tally, options) => ({ messages: parseYoutubeReplayJson(content, tally, options) }),
};

const youtubeYtdlp: ChatFormatReader = {
  format: 'youtube-ytdlp-jsonl',
  describe: "yt-dlp live_chat.json (one replayChatItemAction per line)",
  sniff: sniffYoutubeYtdlpJsonl,
  parse: (content, tally, options) => ({ messages: parseYoutubeYtdlpJsonl(content, tally, options) }),
};

const twitchIrc: ChatFormatReader = {
  format: 'twitch-irc',
  describe: 'Twitch IRC log (timestamped PRIVMSG lines)',
  sniff: sniffTwitchIrc,
  parse: (content, tally, options) => ({ messages: parseTwitchIrc(content, tally, options) }),
};

const csv: ChatFormatReader = {
  format: 'csv',
  describe: 'CSV with a header naming time and text columns (t,user,text)',
  sniff: sniffCsvChat,
  parse: (content, tally, options) => ({ messages: parseCsvChat(content, tally, options) }),
};

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
