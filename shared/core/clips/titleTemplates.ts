/**
 * Title hooks per kind of moment: they say what happens ("Glow Serum orders pour in live"), not when. Only
 * facts the signals support: orders rose (not "sold out"), chat laughed, gifts came in. Several variants per
 * kind so the clips of one show do not share a title; `{p}` is a product on air.
 */
import type { Language, MomentKind } from '../types.js';

interface Templates {
  /** Hooks naming the product on air. */
  readonly withProduct: readonly string[];
  /** Hooks for a moment without a product on air. */
  readonly plain: readonly string[];
}

const EN: Readonly<Record<MomentKind, Templates>> = {
  deal: {
    withProduct: ['{p}: orders pour in live', 'Everyone grabs {p} at once', '{p} flies off the shelf live', 'The {p} deal chat jumped on'],
    plain: ['Orders pour in live — chat goes wild', 'The deal everyone jumped on', 'Orders spike live on air'],
  },
  support: {
    withProduct: ['{p} on air — gifts pour in', 'Chat showers {p} with gifts', '{p}: viewers send gifts live'],
    plain: ['Gifts pour in live', 'Viewers shower the stream with gifts', 'Super chats roll in live'],
  },
  laughter: {
    withProduct: ['{p}: the moment chat cracked up', 'Chat can’t stop laughing at {p}', '{p} gets the whole chat laughing'],
    plain: ['The moment chat cracked up', 'Chat can’t stop laughing', 'Everyone in chat loses it', 'Chat is in tears laughing'],
  },
  hype: {
    withProduct: ['{p} hits — chat goes wild', 'Chat goes wild for {p}', '{p}: the moment the stream lit up'],
    plain: ['Chat goes wild live', 'The moment the stream lit up', 'Chat erupts live', 'The whole chat hypes it up'],
  },
  question: {
    withProduct: ['{p}: everyone is asking', 'Chat floods in with {p} questions', '{p}: the questions viewers asked'],
    plain: ['Chat floods in with questions', 'The moment everyone had questions', 'Viewers ask away live'],
  },
  demo: {
    withProduct: ['{p} up close, live', '{p}: the live demo', 'See {p} in action', '{p} put to the test live'],
    plain: ['The live demo', 'Up close, live on air', 'Put to the test live'],
  },
  chat: {
    withProduct: ['{p} gets chat talking', 'Chat lights up over {p}', '{p}: chat can’t stop typing'],
    plain: ['The moment chat lit up', 'Chat lights up live', 'Chat can’t stop typing', 'Everyone in chat piles in', 'Chat is buzzing live'],
  },
  talk: {
    withProduct: ['{p}, live on air', 'All about {p}', '{p}: the host’s take'],
    plain: ['Straight from the live show', 'The host’s take, live', 'Live on air'],
  },
};

const ZH: Readonly<Record<MomentKind, Templates>> = {
  deal: {
    withProduct: ['{p} 下单爆了：直播间刷屏抢购', '{p} 开抢：订单一路上涨', '{p} 被抢疯了', '全场都在抢 {p}'],
    plain: ['下单爆了：直播间刷屏抢购', '订单猛涨：全场都在抢', '这一刻订单一路上涨'],
  },
  support: {
    withProduct: ['{p} 一上场礼物就刷屏', '为 {p} 刷礼物的一刻', '{p}：观众送礼不停'],
    plain: ['礼物刷屏：直播间气氛拉满', '观众送礼不停', '醒目留言刷起来了'],
  },
  laughter: {
    withProduct: ['{p} 名场面：弹幕笑疯了', '{p} 这段太好笑了', '聊到 {p} 全场爆笑'],
    plain: ['弹幕笑疯了：这段必须看', '全场爆笑的名场面', '这一段弹幕笑到停不下来', '笑到停不下来的一段'],
  },
  hype: {
    withProduct: ['{p} 一出场弹幕就炸了', '为 {p} 刷屏的一刻', '{p}：全场沸腾'],
    plain: ['弹幕刷屏：这一段太燃了', '全场沸腾：弹幕停不下来', '高能时刻：弹幕炸了', '这一段直接燃起来了'],
  },
  question: {
    withProduct: ['{p}：大家都在问', '弹幕追问 {p}', '关于 {p} 的提问刷屏了'],
    plain: ['弹幕提问刷屏了', '观众追问不停的一段', '大家都在问的一刻'],
  },
  demo: {
    withProduct: ['{p} 现场实测', '{p} 上手展示：细节看这里', '近距离看 {p}', '{p} 直播试用'],
    plain: ['现场实测：细节看这里', '直播上手展示', '近距离看细节'],
  },
  chat: {
    withProduct: ['{p} 引爆弹幕', '聊到 {p} 弹幕刷屏', '{p}：弹幕停不下来'],
    plain: ['弹幕刷屏的一刻', '这一段弹幕停不下来', '弹幕热议中', '全场弹幕齐刷屏', '观众热聊的一段'],
  },
  talk: {
    withProduct: ['主播聊 {p}', '{p} 直播讲解', '关于 {p} 的现场分享'],
    plain: ['主播现场分享', '直播精彩片段', '主播真心话'],
  },
};

/** Title hooks for a moment, in preference order: product hooks first when a product is on air. */
export function titleHooks(kind: MomentKind, language: Language, product: string | undefined): string[] {
  const templates = (language === 'zh' ? ZH : EN)[kind];
  const withProduct = product === undefined ? [] : templates.withProduct.map((template) => fill(template, product, language));
  return [...withProduct, ...templates.plain];
}

/**
 * Puts the product into a template. Chinese templates keep a space around `{p}` for Latin names ("抢 iPhone");
 * a Chinese name joins the text before it ("全场都在抢燕窝") but keeps the space after it, which sets a leading
 * name apart from the hook ("燕窝 下单爆了").
 */
function fill(template: string, product: string, language: Language): string {
  const filled = template.replace('{p}', product);
  if (language !== 'zh' || !/^\p{Script=Han}/u.test(product)) return filled;
  return filled.replace(` ${product}`, product);
}
