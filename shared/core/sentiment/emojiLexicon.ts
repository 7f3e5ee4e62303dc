/*
 * Emoji and emoticon valence, hand-curated for the postshow foundation (MIT, ours), on the AFINN
 * -5..5 scale. Values reflect how they are used in live chat rather than their Unicode names:
 * 😂/🤣 are laughter (positive), 💀 is "I'm dead (laughing)", 😭 is mostly distress.
 * Emoji are keyed by their base code point; variation selectors and skin tones are ignored.
 */
export const EMOJI_VALENCE: ReadonlyMap<string, number> = new Map(
  Object.entries({
    '😂': 2, '🤣': 2, '😆': 2, '😄': 2, '😃': 2, '😀': 2, '😁': 2, '😊': 2, '🙂': 1, '☺': 2, '😇': 2,
    '😍': 3, '🥰': 3, '🤩': 3, '😘': 2, '😻': 3, '😋': 2, '😎': 2, '🤗': 2, '🥳': 3, '🥹': 1, '💀': 1,
    '❤': 3, '🧡': 3, '💛': 3, '💚': 3, '💙': 3, '💜': 3, '🤍': 3, '🖤': 2, '💕': 3, '💖': 3, '💗': 3,
    '💓': 3, '💞': 3, '💘': 3, '💝': 3, '🫶': 3, '😚': 2, '😙': 2,
    '👍': 2, '👏': 2, '🙌': 2, '👌': 2, '💪': 2, '🙏': 1, '🤝': 1, '✌': 1, '🔥': 2, '💯': 2, '🎉': 2, '🎊': 2,
    '✨': 1, '🌟': 1, '⭐': 1, '🏆': 2, '🥇': 2, '👑': 2, '💎': 1, '🚀': 2, '🌹': 2, '🌸': 1, '🍻': 1,
    '😭': -2, '😢': -2, '😞': -2, '😔': -2, '😟': -2, '😩': -2, '😫': -2, '😣': -2, '😖': -2, '😥': -1,
    '😓': -1, '😪': -1, '😕': -1, '🙁': -2, '☹': -2, '😐': -1, '😑': -1, '😒': -2, '🙄': -2, '😤': -2,
    '😠': -3, '😡': -3, '🤬': -4, '👿': -3, '💔': -3, '😱': -1, '😨': -2, '😰': -2, '😬': -1, '🤢': -2,
    '🤮': -3, '🤡': -2, '👎': -2, '💩': -3, '🖕': -4, '🤦': -2, '🤷': -1, '😷': -1, '🤕': -1, '🤒': -1,
  }),
);

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
