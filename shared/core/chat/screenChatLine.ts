/**
 * Decides whether a viewer's chat line may be quoted in public copy (a clip description, a topic's evidence
 * headline). A quote sells the moment, so it must be a reaction that is glad or excited; everything else a
 * live chat is full of is kept out: questions ("is the serum link working?"), complaints, spam and floods
 * ("1111", "666"), swearing, claims our compliance rules would flag, and anyone's personal data.
 */
import { findComplianceFlags } from '../compliance/findComplianceFlags.js';
import type { ClaimRule } from '../compliance/claimRules.js';
import { scoreSentiment } from '../sentiment/scoreSentiment.js';
import { isQuestion } from './isQuestion.js';
import { isReaction } from './isReaction.js';

/** Why a line may not be quoted; `undefined` reason means it may. */
export type ChatScreenReason =
  | 'empty'
  | 'too-long'
  | 'flood'
  | 'question'
  | 'complaint'
  | 'personal-data'
  | 'link-or-mention'
  | 'spam'
  | 'profanity'
  | 'compliance'
  | 'not-enthusiastic';

export interface ChatScreenResult {
  /** True when the line may be quoted. */
  readonly quotable: boolean;
  readonly reason?: ChatScreenReason;
  /** How well the line sells the moment (higher is better; 0 when not quotable). */
  readonly appeal: number;
}

/** Longest quotable line, characters: longer lines are paragraphs or copy-paste spam. @default 60 */
export const MAX_QUOTE_LINE_CHARS = 60;
/** Fewest distinct letters a quotable line has: "1111", "哈哈哈哈", "!!!" are floods, not quotes. @default 3 */
const MIN_DISTINCT_LETTERS = 3;

// Phone numbers (mainland mobiles, and any run of 7+ digits with separators), e-mail addresses, messenger
// ids (微信/VX/QQ followed by an id) and street addresses. Chat is public, but re-publishing it in a clip is ours.
const PHONE = /(?:\+?\d[\d\s-]{6,}\d)|1[3-9]\d{9}/u;
const EMAIL = /[\w.+-]+@[\w-]+\.[\p{L}\w.-]+/u;
const MESSENGER_ID = /(?:微信|威信|薇信|v信|vx|wx|wechat|weixin|qq|扣扣|企鹅号|whatsapp|telegram|line\s?id)\s*(?:号)?\s*[:：]?\s*[A-Za-z0-9_-]{5,}/iu;
const ADDRESS = /\d+\s*(?:号楼|栋|单元|室|弄|号院)|[省市区县]\S{0,8}[路街道巷]\s*\d+|\b\d+\s+\w+\s+(?:street|st|avenue|ave|road|rd|blvd|lane|ln)\b/iu;
const LINK_OR_MENTION = /https?:\/\/|www\.|\.(?:com|cn|net|io|tv)\b|(?:^|\s)@\S/iu;
// Complaints and trouble reports that carry no lexicon sentiment ("link not working", 卡了, 没声音).
const COMPLAINT =
  /\b(?:not working|doesn'?t work|don'?t work|broken|scam|refund|fake|laggy|lagging|buffering|no sound|can'?t hear|can'?t see|out of sync|boring|overpriced|rip ?off|waste)\b|卡了|卡顿|好卡|没声音|听不到|看不到|不清楚|失效|挂了|退款|退货|假货|骗子|骗人|坑人|差评|垃圾|难看|难听|无聊|太贵|不值|智商税|割韭菜|取关/iu;
// Self-promotion and giveaway bait: a quote must not advertise someone else's channel.
const SPAM = /\b(?:twitch prime|prime sub|sub(?:scribe)? to (?:me|my)|follow (?:me|my)|check out my|my channel|free (?:v-?bucks|skins|gift ?cards?)|giveaway)\b|关注我|点我主页|私信我|加群|进群|互关|互粉|代刷|兼职/iu;
// Swearing and slurs, English and Chinese: fine in chat, not in our copy.
const PROFANITY = /\b(?:fuck\w*|shit\w*|cum\w*|dick\w*|cock\w*|bitch\w*|porn\w*|sex\w*|nigg\w*|fag\w*|retard\w*|wtf|stfu)\b|操你|草你|傻逼|傻b|煞笔|(?<![a-z])sb(?![a-z])|妈的|他妈|尼玛|你妈|滚蛋|去死|脑残/iu;
// Excitement without lexicon words: hype exclamations and the laughter of a funny moment.
const EXCITED = /[!！]|哇|冲|抢|爱了|绝了|太.{0,4}了|好.{0,3}啊|yay|wow|omg|let'?s go|can'?t wait|need (?:this|that|it)|take my money/iu;

/**
 * Screens one chat line for quoting. `rules` are the show's compliance rules: a line that would raise a
 * flag is not quoted (we would be repeating an ad-law claim in our own copy).
 */
export function screenChatLine(text: string, rules?: readonly ClaimRule[]): ChatScreenResult {
  const line = text.normalize('NFKC').trim();
  const reject = (reason: ChatScreenReason): ChatScreenResult => ({ quotable: false, reason, appeal: 0 });
  if (line.length === 0) return reject('empty');
  if (Array.from(line).length > MAX_QUOTE_LINE_CHARS) return reject('too-long');
  const letters = new Set(Array.from(line.toLowerCase()).filter((char) => /\p{L}/u.test(char)));
  if (letters.size < MIN_DISTINCT_LETTERS) return reject('flood');
  if (containsPersonalData(line)) return reject('personal-data');
  if (LINK_OR_MENTION.test(line)) return reject('link-or-mention');
  if (SPAM.test(line)) return reject('spam');
  if (PROFANITY.test(line)) return reject('profanity');
  if (isQuestion(line)) return reject('question');
  const sentiment = scoreSentiment(line);
  if (COMPLAINT.test(line) || sentiment.score < 0) return reject('complaint');
  if (findComplianceFlags([{ start: 0, end: 0, text: line, source: 'chat' }], rules).length > 0) return reject('compliance');
  const excited = EXCITED.test(line) || isReaction(line);
  // A lone Latin word ("Kreygasm", "hype") is an emote or a vote, not a remark worth quoting.
  const loneLatinWord = !/\s/u.test(line) && !/\p{Script=Han}/u.test(line);
  if ((sentiment.score <= 0 && !excited) || loneLatinWord) return reject('not-enthusiastic');
  // Glad beats merely loud; a line with some substance beats a bare emote.
  const appeal = Math.max(0, sentiment.score) * 2 + (excited ? 1 : 0) + Math.min(letters.size, 12) / 12;
  return { quotable: true, appeal: Math.round(appeal * 1000) / 1000 };
}

/** True when the text carries a phone number, e-mail address, messenger id or street address. */
export function containsPersonalData(text: string): boolean {
  const line = text.normalize('NFKC');
  return PHONE.test(line) || EMAIL.test(line) || MESSENGER_ID.test(line) || ADDRESS.test(line);
}

/**
 * Whether a chat line may be shown at all, e.g. as topic evidence, where a question or a complaint is the very
 * point: it carries no personal data, link or @-mention. Quoting in copy needs `screenChatLine`.
 */
export function isShowableChat(text: string): boolean {
  return !containsPersonalData(text) && !LINK_OR_MENTION.test(text.normalize('NFKC'));
}

/** Lines that may be quoted, best first (ties keep chat order); duplicates (same text) once. */
export function quotableChatLines(lines: readonly string[], rules?: readonly ClaimRule[]): string[] {
  const seen = new Set<string>();
  return lines
    .map((text, order) => ({ text: text.trim(), order, screen: screenChatLine(text, rules) }))
    .filter(({ text, screen }) => {
      const key = text.toLowerCase();
      if (!screen.quotable || seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => b.screen.appeal - a.screen.appeal || a.order - b.order)
    .map(({ text }) => text);
}
