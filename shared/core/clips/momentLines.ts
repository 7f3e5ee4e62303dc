/**
 * What the copy says about the kind of moment besides the title: a one-line summary that opens the
 * description, and the hashtag that files the clip with others of its kind (#LiveDeal, #直播好物).
 */
import type { Language, MomentKind } from '../types.js';

const EN_SUMMARY: Readonly<Record<MomentKind, (product: string | undefined) => string>> = {
  deal: (p) => (p ? `Orders jumped while ${p} was on air.` : 'Orders jumped live.'),
  support: (p) => (p ? `Viewers sent gifts and paid messages during ${p}.` : 'Viewers sent gifts and paid messages.'),
  laughter: (p) => (p ? `Chat burst out laughing during ${p}.` : 'Chat burst out laughing.'),
  hype: (p) => (p ? `Chat went wild over ${p}.` : 'Chat went wild.'),
  question: (p) => (p ? `Viewers asked about ${p} all at once.` : 'Viewers asked questions all at once.'),
  demo: (p) => (p ? `${p}, shown live.` : 'Shown live.'),
  chat: (p) => (p ? `Chat lit up around ${p}.` : 'Chat lit up.'),
  talk: (p) => (p ? `The host on ${p}, live.` : 'The host, live.'),
};

const ZH_SUMMARY: Readonly<Record<MomentKind, (product: string | undefined) => string>> = {
  deal: (p) => (p ? `${p}讲解时订单猛涨。` : '这一段订单猛涨。'),
  support: (p) => (p ? `${p}出场时观众送礼不停。` : '观众送礼和醒目留言不停。'),
  laughter: (p) => (p ? `聊到${p}，弹幕笑成一片。` : '弹幕笑成一片。'),
  hype: (p) => (p ? `${p}一出场，弹幕刷屏。` : '弹幕刷屏，全场沸腾。'),
  question: (p) => (p ? `观众集中提问${p}。` : '观众集中提问。'),
  demo: (p) => (p ? `${p}现场展示。` : '现场展示。'),
  chat: (p) => (p ? `聊到${p}，弹幕热闹起来。` : '弹幕热闹起来。'),
  talk: (p) => (p ? `主播现场聊${p}。` : '主播现场分享。'),
};

const EN_TAG: Readonly<Record<MomentKind, string>> = {
  deal: 'LiveDeal',
  support: 'LiveGifts',
  laughter: 'Funny',
  hype: 'Hype',
  question: 'LiveQA',
  demo: 'LiveDemo',
  chat: 'LiveChat',
  talk: 'LiveStream',
};

const ZH_TAG: Readonly<Record<MomentKind, string>> = {
  deal: '直播好物',
  support: '直播打赏',
  laughter: '名场面',
  hype: '高能时刻',
  question: '直播答疑',
  demo: '好物实测',
  chat: '弹幕热议',
  talk: '直播',
};

/** The description's opening line: what happened, with the product on air when there is one. */
export function momentSummary(kind: MomentKind, language: Language, product: string | undefined): string {
  return (language === 'zh' ? ZH_SUMMARY : EN_SUMMARY)[kind](product);
}

/** The hashtag word (without `#`) for the kind of moment. */
export function momentTag(kind: MomentKind, language: Language): string {
  return (language === 'zh' ? ZH_TAG : EN_TAG)[kind];
}

/** True when a hashtag word (without `#`) is one of the moment tags, in either language. */
export function isMomentTag(word: string): boolean {
  const lower = word.toLowerCase();
  return [...Object.values(EN_TAG), ...Object.values(ZH_TAG)].some((tag) => tag.toLowerCase() === lower);
}
