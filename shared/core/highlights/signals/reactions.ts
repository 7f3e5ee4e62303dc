import { chatCountSignal } from './chatCountSignal.js';

/** Reactions: laughter and emotes (哈哈哈, 233, LUL, 😂) per chat window, a burst meaning something landed. */
export const reactions = chatCountSignal(
  'reactions',
  (lines) => lines.reactions,
  ({ count, z, window }) => `reactions z=${z} (${count} laughter/emote msgs in ${window})`,
);
