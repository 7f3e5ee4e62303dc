import { boundText, collapseWhitespace } from './textInput.js';

/**
 * Longest chat text kept, in characters. Real messages are far shorter (bilibili caps danmaku at 100,
 * Twitch at 500); the bound stops one pasted wall of text from dominating memory and reports.
 * @default 500
 */
export const MAX_CHAT_TEXT_CHARS = 500;

/**
 * Longest user name / user hash kept, in characters (platform names are at most ~40).
 * @default 100
 */
export const MAX_CHAT_USER_CHARS = 100;

/** Chat text as the core stores it: whitespace collapsed, trimmed, bounded to {@link MAX_CHAT_TEXT_CHARS}. */
export function cleanChatText(raw: string): string {
  return boundText(collapseWhitespace(raw), MAX_CHAT_TEXT_CHARS);
}

/** A user field as stored: strings and numbers kept (bounded), the literal `NULL` and anything else -> ''. */
export function cleanChatUser(raw: unknown): string {
  if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
  if (typeof raw !== 'string') return '';
  const user = collapseWhitespace(raw);
  // Degraded bilibili exports write the SQL-ish `NULL` where the sender is unknown.
  return user === 'NULL' ? '' : boundText(user, MAX_CHAT_USER_CHARS);
}
