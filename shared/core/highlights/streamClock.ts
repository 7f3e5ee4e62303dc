/**
 * The stream's clock for chat-derived items. Viewers watch seconds behind the host and then type, so a chat line
 * posted at `p` is about the moment `p − lag` on stream. The assembler places every chat-derived input on that
 * clock once, so no signal has to know about the lag.
 */

/** A chat-derived item on the stream's clock: `t` is the moment it reacts to, `postedAt` when it was posted (or said). */
export type OnStreamClock<T extends { readonly t: number }> = T & { readonly postedAt: number };

/** `item`, posted at `item.t`, moved back by the show's chat lag onto the stream's clock. */
export function onStreamClock<T extends { readonly t: number }>(item: T, chatLagSeconds: number): OnStreamClock<T> {
  return { ...item, t: item.t - chatLagSeconds, postedAt: item.t };
}
