/**
 * Words that mark where a live-commerce host is in the script. Matched only in reliable speech (a misheard
 * "link" would move a phase) and in chat for the audience's side of a push ("link?", "上车").
 */
import type { Language } from '../types.js';

export type ScriptCue = 'demonstration' | 'push' | 'close';

const CUES: Readonly<Record<Language, Readonly<Record<ScriptCue, RegExp>>>> = {
  en: {
    demonstration: /\b(let me show|show you|look at (this|the|how)|watch (this|how)|try(ing)? (it|this) on|swatch|texture|on my (skin|hand|face|arm)|apply(ing)?|demo|see how|before and after|test(ing)? it)\b/i,
    push: /\b(link (is|'s) (up|live|in)|(the )?link|add to (cart|bag)|check ?out|order now|buy (it )?now|grab (it|yours|one)|only \d+ left|in stock|stock|sold out|price|deal|discount|coupon|code|\d+ ?% off|last chance|hurry|countdown|3,? 2,? 1)\b/i,
    close: /\b(thanks? (you )?(so much )?for watching|see you (next|tomorrow|on)|that'?s (all|it) for (today|tonight)|good ?night everyone|wrap(ping)? up|signing off|bye,? everyone)\b/i,
  },
  zh: {
    demonstration: /(给大家(看|试|演示)|试(一下|用|色|穿)|上脸|上手|上嘴|演示|质地|效果|对比|涂|抹|看一下|展示)/u,
    push: /(上链接|链接|小黄车|下单|拍下|拍[一二两三]|抢|库存|最后\d+|秒杀|价格|到手价|优惠|券|折|限时|倒数|[三3][二2][一1]|上车|福利价|补货)/u,
    close: /(下播|今天就到这|明天见|下次见|感谢大家(的)?(观看|陪伴)|拜拜|晚安|下期见|我们下场)/u,
  },
};

/** Whether `text` says the cue, in the show's language. */
export function saysCue(text: string, cue: ScriptCue, language: Language): boolean {
  return CUES[language][cue].test(text);
}
