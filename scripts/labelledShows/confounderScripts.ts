/**
 * English and Chinese lines of the confounders: what real live-commerce hosts say before the audience floods the chat
 * with one token on request (giveaways, "type 1 if you want it"), when they go on a break, and when they shout
 * channel housekeeping. Placeholders (request prompts): `{token}` the token asked for, `{p}` a product name or alias.
 * Kept apart from the moment pools (scripts.ts) because these lines are NOT highlights: they are what a detector
 * must learn to pass over.
 */
import type { Language } from '../../shared/core/types.js';

/** Host lines and chat tokens of the confounders in one language. */
export interface ConfounderPools {
  /** The host opens a draw: "type 1" / "扣1" (viewers answer with one of the giveaway tokens). */
  readonly giveawayPrompt: readonly string[];
  /** What the host says while the draw runs. */
  readonly giveawayTalk: readonly string[];
  /** Tokens viewers type to enter a draw. */
  readonly giveawayTokens: readonly string[];
  /** The host asks for a token ({token}) from whoever wants the product ({p}) or to cheer. */
  readonly requestPrompt: readonly string[];
  /** Tokens typed on request. */
  readonly requestTokens: readonly string[];
  /** The host announces a break; music plays after it. */
  readonly breakAnnouncement: readonly string[];
  /** Shouted reminders to follow, like and share: loud, and nobody answers them. */
  readonly housekeeping: readonly string[];
}

const EN: ConfounderPools = {
  giveawayPrompt: [
    'Giveaway time! Type 1 in the chat to enter the draw!',
    'Everyone type 1 right now, we are drawing a winner!',
    'Free gift for one of you, type 1 to enter the draw!',
  ],
  giveawayTalk: [
    'Keep typing 1, the draw closes in one minute.',
    'Only people in the room right now can win.',
    'I see so many of you typing, keep it coming.',
    'The winner gets a message from our team after the stream.',
    'Thirty more seconds to type 1 and enter.',
  ],
  giveawayTokens: ['1', '111', '1111'],
  requestPrompt: [
    'Who wants the {p}? Type {token} if you want it!',
    'If you want the {p}, type {token} in the chat!',
    'Type {token} if you are still here with me!',
    'Give me a {token} in the chat if you like the {p}!',
  ],
  requestTokens: ['1', '666'],
  breakAnnouncement: [
    'Quick break, I will be right back, enjoy the music.',
    'Give me five minutes to set up the next items, be right back.',
    'Short break now, stay with us, back in a few minutes.',
  ],
  housekeeping: [
    'Follow the channel so you never miss a show!',
    'Hit that follow button, everybody, follow the channel!',
    'Share the stream with your friends, and follow us!',
    'Like the stream and turn on notifications!',
    'New here? Follow the channel, follow the channel!',
  ],
};

const ZH: ConfounderPools = {
  giveawayPrompt: [
    '抽奖开始了！想要的家人们评论区扣1！',
    '福利来了，评论区扣1参与抽奖！',
    '现在抽奖，大家扣1，马上开奖！',
  ],
  giveawayTalk: [
    '继续扣1，一分钟后截止。',
    '只有现在在直播间的朋友才能中奖。',
    '看到好多家人在打了，继续继续。',
    '中奖的朋友下播后客服会联系你。',
    '还有三十秒，没扣1的赶紧扣。',
  ],
  giveawayTokens: ['1', '111', '扣1'],
  requestPrompt: [
    '想要{p}的家人们扣{token}！',
    '还在直播间的扣个{token}让我看到！',
    '觉得{p}好看的，评论区刷{token}！',
    '想要的扣{token}，人多我就去申请福利价！',
  ],
  requestTokens: ['1', '666'],
  breakAnnouncement: [
    '主播休息一下，大家先听会儿歌，马上回来。',
    '我去准备下一款，五分钟后回来，别走开。',
    '中场休息，放首歌给大家，马上回来。',
  ],
  housekeeping: [
    '关注主播不迷路！',
    '还没关注的家人们点点关注！',
    '点个关注，点个赞，分享给你的朋友！',
    '关注主播，下次开播第一时间提醒你！',
    '新来的朋友点关注，关注主播不迷路！',
  ],
};

/** The confounder pools of each language. */
export const CONFOUNDER_POOLS: Readonly<Record<Language, ConfounderPools>> = { en: EN, zh: ZH };
