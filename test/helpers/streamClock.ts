/** Puts hand-made detector inputs on the stream's clock the way assembleHighlightInputs does. */
import { DEFAULT_CHAT_LAG_SECONDS } from '../../shared/core/chat/chatLag.js';
import { onStreamClock, type OnStreamClock } from '../../shared/core/highlights/streamClock.js';

/** Chat-derived items posted at their `t`, moved back by `lagSeconds` (the default lag unless given). */
export function posted<T extends { readonly t: number }>(items: readonly T[], lagSeconds = DEFAULT_CHAT_LAG_SECONDS): OnStreamClock<T>[] {
  return items.map((item) => onStreamClock(item, lagSeconds));
}

/** Speech-side items (said at their `t`): already on the stream's clock. */
export function said<T extends { readonly t: number }>(items: readonly T[]): OnStreamClock<T>[] {
  return posted(items, 0);
}
