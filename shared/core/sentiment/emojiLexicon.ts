import { emojiEmotion } from 'emoji-emotion';

/*
 * Emoji and emoticon valence on the AFINN -5..5 scale.
 *
 * Sources and licences:
 * - Base: `emoji-emotion` npm package by Titus Wormer (https://github.com/words/emoji-emotion), MIT licence:
 *   118 emoji rated -5..5 for their emotional polarity, in the spirit of AFINN.
 * - CHAT_ADDITIONS and CHAT_OVERRIDES below: hand-curated by the postshow team (MIT, ours). Additions cover
 *   emoji that emoji-emotion does not rate (mostly Unicode 10+ faces and the non-face reactions chat uses
 *   constantly: 🔥 🎉 💪); overrides re-rate the few whose live-chat / danmaku meaning differs from the face.
 * - EMOTICON_VALENCE: ours (MIT).
 *
 * Emoji are keyed by their base code point: variation selectors (U+FE0F) and skin tones are ignored, which is
 * why emoji-emotion's "❤️" is stored as "❤".
 */

/** Emoji that emoji-emotion does not rate, valued as live chat uses them. */
const CHAT_ADDITIONS: Readonly<Record<string, number>> = {
  '🥰': 3, '🤩': 3, '🥳': 3, '🫶': 3, '🧡': 3, '🤍': 3, '🥹': 1, '💪': 2, '🔥': 2, '🎉': 2, '🎊': 2, '✨': 1,
  '🌟': 1, '⭐': 1, '🏆': 2, '🥇': 2, '👑': 2, '💎': 1, '🚀': 2, '🌹': 2, '🌸': 1, '🍻': 1,
  '🤬': -4, '🤮': -3, '🤦': -2, '🤷': -1,
};

/**
 * Live-chat meanings that win over emoji-emotion's face reading (its value in the comment):
 * - 💀 (-2): "I'm dead", i.e. dying of laughter, in Twitch and bilibili chat; weakly positive.
 * - 😭 (-3): in danmaku and Twitch it is as often "so cute / laughing-crying" as real distress, but in
 *   live-commerce chat it mostly marks missing out ("没抢到😭", "sold out 😭"); kept negative, softened to -1
 *   because the sign is only right about two times in three.
 * - 😅 (+2): the "流汗黄豆" sweat face is awkward or sarcastic in Chinese chat and nervous in English chat.
 * - 🙂 (+1): 微笑 is passive-aggressive in Chinese chat but polite in English; no usable polarity.
 * - 🤡 (0): "clown" is mockery of the streamer or a product ("bought it again 🤡").
 * - 🤔 (-1), 😮 (-2), 😳 (-2): thinking, surprise and "whoa" reactions to a reveal or a price,
 *   not negative feelings; they sit next to questions, which our label guideline calls neutral.
 */
const CHAT_OVERRIDES: Readonly<Record<string, number>> = {
  '💀': 1, '😭': -1, '😅': -1, '🙂': 0, '🤡': -2, '🤔': 0, '😮': 0, '😳': 0,
};

const VARIATION_SELECTOR = /\uFE0F/gu;

/** Emoji valence: emoji-emotion (MIT) with live-chat additions and overrides (ours), keyed by base code point. */
export const EMOJI_VALENCE: ReadonlyMap<string, number> = new Map([
  ...emojiEmotion.map(({ emoji, polarity }) => [emoji.replace(VARIATION_SELECTOR, ''), polarity] as const),
  ...Object.entries(CHAT_ADDITIONS),
  ...Object.entries(CHAT_OVERRIDES),
]);

/** Emoticons as typed; order matters (longer first), matched case-sensitively at a position. */
export const EMOTICON_VALENCE: readonly { readonly emoticon: string; readonly value: number }[] = [
  { emoticon: ":'-(", value: -2 }, { emoticon: ":'(", value: -2 }, { emoticon: '</3', value: -3 },
  { emoticon: ':-)', value: 2 }, { emoticon: ':-D', value: 3 }, { emoticon: ':-(', value: -2 },
  { emoticon: ':-P', value: 1 }, { emoticon: ':-p', value: 1 }, { emoticon: ';-)', value: 1 },
  { emoticon: '^_^', value: 2 }, { emoticon: '^^', value: 2 }, { emoticon: 'T_T', value: -2 },
  { emoticon: 'T.T', value: -2 }, { emoticon: ';_;', value: -2 }, { emoticon: '>_<', value: -1 },
  { emoticon: ':)', value: 2 }, { emoticon: ':]', value: 2 }, { emoticon: '=)', value: 2 },
  { emoticon: ':D', value: 3 }, { emoticon: '=D', value: 3 }, { emoticon: ':(', value: -2 },
  { emoticon: ':[', value: -2 }, { emoticon: '=(', value: -2 }, { emoticon: ':P', value: 1 },
  { emoticon: ':p', value: 1 }, { emoticon: ';)', value: 1 }, { emoticon: '<3', value: 3 },
];
