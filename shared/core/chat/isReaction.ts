/**
 * Tells whether a chat line is an emote or laughter reaction ("哈哈哈", "233", "666", "lol", "KEKW", 😂).
 * A burst of these is how a live audience applauds: it marks funny and impressive moments even when the
 * messages carry no sentiment words, so the detector counts them as their own signal.
 */

// Chinese danmaku: laughter (哈哈哈, 2333, 笑死, xswl, hhh, 草 as a whole message, 绷不住), applause and hype
// (666, 牛牛牛, 好家伙, 前方高能, 名场面, awsl). Repeats are required where a single character is ordinary text.
const ZH_REACTION =
  /哈{3,}|呵{3,}|嘿{3,}|2333*|笑死|笑不活|笑出声|笑喷|xswl|h{3,}|绷不住|蚌埠住|^\s*草+\s*$|^\s*[艹]+\s*$|6{3,}|牛{3,}|好家伙|前方高能|高能预警|名场面|awsl|妙啊|哇{2,}|卧槽|我靠|绝了/i;
// English and Twitch: laughter and the common global emotes (matched as whole words, case-insensitive for
// laughter, case-sensitive for emote names, which are CamelCase codes).
const EN_LAUGHTER = /\b(?:lo+l|lmao+|lmfao|rofl|ha(?:ha)+h?|he(?:he)+|xd+|i'?m dead|omg|wo+w|pog+|poggers)\b/i;
const TWITCH_EMOTE = /\b(?:LUL|LULW|OMEGALUL|KEKW|KEK|PogChamp|PogU|Pog|Kreygasm|PepeLaugh|EZ|Clap|POGGERS|monkaS|HYPERS|5Head|catJAM)\b/;
// Laughing, shocked and applauding emoji, fire and party: the emoji people spam at a moment.
const REACTION_EMOJI = /[\u{1F602}\u{1F923}\u{1F606}\u{1F639}\u{1F480}\u{1F525}\u{1F44F}\u{1F389}\u{1F631}\u{1F92F}\u{1F60D}\u{1F929}\u{1F64C}]/u;

/** True when a chat line is (or contains) an emote, laughter or hype reaction, in English or Chinese chat. */
export function isReaction(text: string): boolean {
  return ZH_REACTION.test(text) || EN_LAUGHTER.test(text) || TWITCH_EMOTE.test(text) || REACTION_EMOJI.test(text);
}
