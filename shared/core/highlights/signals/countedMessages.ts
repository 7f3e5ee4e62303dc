import type { ChatMessage } from '../../types.js';
import type { HighlightConfig } from '../config.js';
import type { OnStreamClock } from '../streamClock.js';

/**
 * 1 for each message that counts, 0 for spam: within any chat window a viewer counts at most
 * `maxMessagesPerViewer` times, judged by when they posted (pre-stream lines included, so a spammer's warm-up
 * counts against them). Messages without a user name always count (nothing to group them by).
 */
export function countedMessages(chat: readonly OnStreamClock<ChatMessage>[], config: HighlightConfig): Uint8Array {
  const counted = new Uint8Array(chat.length);
  const order = chat.map((_, i) => i).sort((a, b) => (chat[a]?.postedAt ?? 0) - (chat[b]?.postedAt ?? 0) || a - b);
  const recent = new Map<string, number[]>();
  for (const index of order) {
    const message = chat[index];
    if (message === undefined) continue;
    const user = message.user.trim();
    if (user.length === 0) {
      counted[index] = 1;
      continue;
    }
    const times = recent.get(user) ?? [];
    while (times.length > 0 && message.postedAt - (times[0] ?? 0) >= config.chatWindowSeconds) times.shift();
    if (times.length < config.maxMessagesPerViewer) {
      times.push(message.postedAt);
      counted[index] = 1;
    }
    recent.set(user, times);
  }
  return counted;
}
