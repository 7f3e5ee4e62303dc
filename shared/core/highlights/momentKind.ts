import { isQuestion } from '../chat/isQuestion.js';
import { isReaction } from '../chat/isReaction.js';
import type { FiredSignal, MomentKind } from '../types.js';

/** Laughter in chat, English and Chinese: tells a funny moment from a hyped one when reactions fire. */
const LAUGHTER = /哈{2,}|2333*|笑死|笑不活|笑出声|笑喷|xswl|h{3,}|绷不住|蚌埠住|\b(?:lo+l|lmao+|lmfao|rofl|ha(?:ha)+h?|LUL|LULW|OMEGALUL|KEKW|KEK)\b|[\u{1F602}\u{1F923}\u{1F606}\u{1F639}]/iu;

/**
 * Share of the window's chat that must be questions for a `question` moment: the question signal fires on a
 * rise, and in busy danmaku a rise of "？" lines is a small part of what viewers wrote. @default 0.25
 */
const QUESTION_SHARE = 0.25;

/** Share of the reaction lines (emotes, laughter, hype) that must be laughter for a `laughter` moment. @default 0.5 */
const LAUGHTER_SHARE = 0.5;

/**
 * The kind of moment a highlight is, from the signals that fired in it. Business outcomes first, since they
 * are what a live-commerce clip sells: orders → `deal`; paid messages or gifts → `support`; a reaction burst →
 * `laughter` when its chat laughs, else `hype`; a question burst that is a good part of the chat → `question`; a product on air with a
 * product-mention, sentiment or loudness peak → `demo`; a chat-rate or chat-sentiment peak → `chat`;
 * otherwise `talk` (the host's speech and loudness alone).
 */
export function momentKind(signals: readonly FiredSignal[], chat: readonly string[], productsOnAir: number): MomentKind {
  const fired = new Set(signals.map((signal) => signal.name));
  if (fired.has('orders')) return 'deal';
  if (fired.has('paidMessages') || fired.has('gifts')) return 'support';
  if (fired.has('reactions')) {
    const reactions = chat.filter(isReaction);
    const laughing = reactions.filter((line) => LAUGHTER.test(line)).length;
    return reactions.length > 0 && laughing / reactions.length >= LAUGHTER_SHARE ? 'laughter' : 'hype';
  }
  if (fired.has('questions') && chat.length > 0 && chat.filter(isQuestion).length / chat.length >= QUESTION_SHARE) return 'question';
  if (productsOnAir > 0 && (fired.has('mentions') || fired.has('speechSentiment') || fired.has('loudness') || fired.has('chatSentiment'))) {
    return 'demo';
  }
  if (fired.has('chatRate') || fired.has('chatSentiment')) return 'chat';
  return 'talk';
}
