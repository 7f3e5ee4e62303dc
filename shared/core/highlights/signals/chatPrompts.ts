/**
 * The host asking the chat for a token: "type 1 in the chat", "give me a 666", "评论区扣1", "想要的扣想要". What
 * viewers type right after such a request is participation even when it is not yet (or no longer) half of the
 * chat: a draw's tail, a flood mixed with the questions it draws. Read from the transcript, so it works only where
 * there is one; the echo rule (echoLines.ts) catches the floods on its own.
 */
import { echoToken } from './echoLines.js';

/** A host's request for a chat token, at the time the request was spoken (stream clock, seconds). */
export interface ChatPrompt {
  readonly at: number;
  /** Tokens that answer it, as `echoToken` normalises them ("1" for 扣1, which viewers answer with 1 or 扣1 alike). */
  readonly tokens: readonly string[];
}

/** How long after a request its tokens count as answers, seconds: a draw stays open about this long. */
export const PROMPT_ANSWER_SECONDS = 60;

// English: a verb of typing, a short token (digits, or a word of up to 6 letters), and "chat" soon after.
const ENGLISH = /\b(?:type|drop|give me|send|spam|put|write)\s+(?:an?\s+|the\s+)?["'“]?([0-9]{1,4}|[a-z]{1,6})["'”]?\s+(?:in|into|on)\s+(?:the\s+)?chat\b/giu;
// Chinese: 扣 + a token of 1-4 characters (扣1, 扣想要), or 打 / 刷 / 发 one on the chat (公屏刷666, 评论区打"来了");
// a bare 打 or 发 is everyday speech (打开, 发货).
const CHINESE = /(?:扣|(?:公屏|评论区|弹幕|屏幕)上?(?:扣|刷|打|发))["“「]?([0-9a-z\u4e00-\u9fff]{1,4}?)["”」]?(?=[，。！？!?,.\s]|$|参与|抽奖|的|上|在)/gu;

/** Every request for a chat token the transcript holds. */
export function chatPrompts(segments: readonly { readonly start: number; readonly text: string }[]): ChatPrompt[] {
  const prompts: ChatPrompt[] = [];
  for (const segment of segments) {
    if (!Number.isFinite(segment.start)) continue;
    const tokens = new Set<string>();
    for (const match of segment.text.matchAll(ENGLISH)) addToken(tokens, match[1]);
    for (const match of segment.text.matchAll(CHINESE)) addToken(tokens, match[1]);
    if (tokens.size > 0) prompts.push({ at: segment.start, tokens: [...tokens] });
  }
  return prompts;
}

function addToken(tokens: Set<string>, raw: string | undefined): void {
  const token = raw === undefined ? undefined : echoToken(raw);
  if (token !== undefined) tokens.add(token);
}
