/**
 * Deterministic synthetic live-commerce show for demos, tests and benchmarks.
 *
 * Writes a recording (H.264 + AAC) with an espeak-ng host monologue, a chat log, a metrics CSV, a product list,
 * captions and ground-truth labels. Everything derives from the seed: the same options give byte-identical files
 * (espeak-ng, the mixer below, libx264 and ffmpeg's native AAC encoder are all deterministic, and the muxer runs with
 * `+bitexact` and no metadata).
 *
 * Shape of a show: ordinary product talk with natural gaps, PLANTED moments (excited host + crowd cheer + chat burst
 * with paid messages and gifts + order spike, listed in labels.json), unlabelled DISTRACTORS (a loud burst with no speech or chat, a one-message chat
 * spam burst) and audience questions (one answered by the host, one never answered).
 *
 * This is imperative tooling (it shells out to ffmpeg and espeak-ng); it is not part of the functional core.
 */
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { intBetween, mulberry32, pick, round3, seededStream, uniform } from './prng.js';
import type { ChatJsonlLine } from '../shared/core/inputs/chatJsonl.js';


const execFileAsync = promisify(execFile);

/** Bump when the generator's output changes, so cached samples (params.json) are regenerated. */
export const SAMPLE_GENERATOR_VERSION = 2;

/** Options of {@link generateSampleShow}. */
export interface SampleShowOptions {
  readonly outDir: string;
  /** Show length in minutes (may be fractional; rounded to whole seconds). */
  readonly minutes: number;
  readonly language: 'en' | 'zh';
  readonly seed: number;
  /** @default 640 */
  readonly width?: number;
  /** @default 360 */
  readonly height?: number;
  /** @default 25 */
  readonly fps?: number;
  /**
   * Encode the picture like a real recorder: constant-rate H.264 at this many kbit/s with a keyframe every 2 s
   * (OBS's defaults), over grain that keeps x264 from compressing the flat synthetic studio to nothing. Benchmarks
   * need it: a real 720p show's 2-4 Mbit/s must be demuxed by every pass, and its keyframes decoded by the scene
   * pass. @default undefined (CRF 30 at ffmpeg's default GOP: tiny files for tests)
   */
  readonly videoBitrateKbps?: number;
}

/** A planted (labelled) highlight: host speech start to end of the chat burst, in seconds. */
export interface PlantedMoment {
  readonly start: number;
  readonly end: number;
  readonly kind: string;
  readonly product?: string;
}

/** An unlabelled decoy a good detector should NOT report. */
export interface Distractor {
  readonly start: number;
  readonly end: number;
  readonly kind: 'loud-empty' | 'chat-spam';
}

/** An audience question in chat; `answeredAt` is when the host answers it (absent = never answered). */
export interface PlantedQuestion {
  readonly t: number;
  readonly text: string;
  readonly answeredAt?: number;
}

/** Paths and ground truth of a generated sample. */
export interface SampleShow {
  readonly recording: string;
  readonly chat: string;
  readonly metrics: string;
  readonly products: string;
  readonly labels: string;
  readonly captions: string;
  readonly durationSeconds: number;
  readonly planted: readonly PlantedMoment[];
  readonly distractors: readonly Distractor[];
  readonly questions: readonly PlantedQuestion[];
}

// ---------------------------------------------------------------------------------------------------------------
// Seeded randomness

/** Independent streams per concern, so changing the chat generator does not move the audio timeline. */
const stream = seededStream;

// ---------------------------------------------------------------------------------------------------------------
// Script (what the host and the audience say)

interface SampleProduct {
  readonly name: string;
  readonly aliases: readonly string[];
  /** Unit price used for gmv (USD for en, CNY for zh). */
  readonly price: number;
  /** Alias used in audience questions ("how much is the serum?"). */
  readonly chatAlias: string;
}

interface LanguageScript {
  readonly voice: string;
  /** espeak-ng words per minute for calm talk and for the excited pitch. */
  readonly normalSpeed: number;
  readonly excitedSpeed: number;
  readonly products: readonly SampleProduct[];
  readonly normalLines: readonly string[];
  /** One excited line per product (same index). */
  readonly excitedLines: readonly string[];
  readonly answerLine: string;
  readonly answeredQuestion: string;
  readonly unansweredQuestion: string;
  readonly users: readonly string[];
  readonly backgroundChat: readonly string[];
  readonly burstChat: readonly string[];
  /** `{p}` is replaced with a product's chat alias. */
  readonly burstQuestions: readonly string[];
  readonly spamText: string;
  readonly spamUser: string;
  /** Words of paid messages (Super Chats) during a planted moment, the usual amounts, and the currency. */
  readonly paidChat: readonly string[];
  readonly paidAmounts: readonly number[];
  /** Gifts viewers send during a planted moment, with their unit price. */
  readonly gifts: readonly { readonly name: string; readonly price: number }[];
  readonly currency: string;
}

const EN_SCRIPT: LanguageScript = {
  voice: 'en-us',
  normalSpeed: 165,
  excitedSpeed: 190,
  products: [
    { name: 'Glow Serum', aliases: ['serum', '精华'], price: 29, chatAlias: 'serum' },
    { name: 'Hydra Cream', aliases: ['cream', 'moisturizer'], price: 45, chatAlias: 'cream' },
    { name: 'Silk Lip Tint', aliases: ['lip tint', 'tint'], price: 19, chatAlias: 'lip tint' },
  ],
  normalLines: [
    'Hi everyone, welcome back to the show, grab a seat and say hello in the chat.',
    'Today we are looking at three things I really love for the winter season.',
    'This is the Glow Serum, it has a light texture and it sinks in really fast.',
    'I have been using the serum every morning for about two months now.',
    'The Hydra Cream is a bit richer, so I like it at night before bed.',
    'Let me put a little on the back of my hand so you can see the finish.',
    'It does not leave a sticky layer, which is what I always look for.',
    'The Silk Lip Tint comes in four shades and this one is called berry.',
    'You can build it up for a stronger colour or keep it sheer for every day.',
    'If you just joined us, welcome, we are talking about skin care basics.',
    'Remember to do a patch test whenever you try something new on your face.',
    'The bottle is glass and the pump gives you just the right amount.',
    'A lot of you asked about the scent, it is very light, almost nothing.',
    'I will put all the product names on the screen after the show.',
    'Let me read some of the comments, I love seeing where you are watching from.',
    'The cream works really well under makeup, it does not pill at all.',
    'Okay, let me show you the texture one more time under the light.',
    'I keep the lip tint in my bag because it doubles as a cheek colour.',
    'Drink some water, take a breath, we still have lots to cover today.',
    'Thank you all for the likes, it really helps the stream.',
  ],
  excitedLines: [
    'Okay everyone, the Glow Serum link is live right now! Only twenty nine dollars, only fifty left! Three, two, one, go go go!',
    'Here we go, the Hydra Cream link is live! Forty five dollars, only fifty left! Three, two, one, grab it now!',
    'Yes yes yes, the Silk Lip Tint link is live! Just nineteen dollars, only fifty left! Three, two, one, go!',
  ],
  answerLine: 'Someone asked about sensitive skin. Yes, the Glow Serum is gentle enough for sensitive skin.',
  answeredQuestion: 'is the serum ok for sensitive skin?',
  unansweredQuestion: 'does it ship to Canada?',
  users: ['mia', 'dan', 'kate', 'leo', 'sam', 'zoe', 'max', 'ivy', 'tom', 'ana', 'raj', 'lily', 'ben', 'noor', 'jay'],
  backgroundChat: [
    'hello', 'hi from Texas', '👋', 'love this', 'hey everyone', 'nice', 'first time here', 'looks nice',
    'good evening', '❤️', 'lol', '😊', 'following', 'love your top', 'hi hi', 'what shade is that?', 'so pretty',
  ],
  burstChat: [
    'wow', 'WOW', '666', '哈哈哈', 'want it!!', 'link?', 'link??', '🔥🔥🔥', '😍😍', 'omg', 'added to cart!',
    'got one!', 'yesss', 'take my money', 'just bought it', '👏👏👏', 'so good', 'hahaha', 'need this',
  ],
  burstQuestions: ['how much is the {p}?', 'is the {p} link working?', 'where is the {p} link?'],
  spamText: 'check my channel for free gifts!!!',
  spamUser: 'giftbot_2024',
  paidChat: ['take my money', 'buying two', 'for the team'],
  paidAmounts: [5, 10, 20],
  gifts: [
    { name: 'Heart', price: 1 },
    { name: 'Confetti', price: 5 },
  ],
  currency: 'USD',
};

const ZH_SCRIPT: LanguageScript = {
  voice: 'cmn',
  // espeak-ng's Mandarin is slow at 165 wpm (about 2.7 characters/s); 200 is closer to a real host.
  normalSpeed: 200,
  excitedSpeed: 230,
  products: [
    { name: '精华液', aliases: ['精华', '小金瓶'], price: 199, chatAlias: '精华' },
    { name: '面霜', aliases: ['保湿霜', '霜'], price: 159, chatAlias: '面霜' },
    { name: '口红', aliases: ['唇釉', '唇彩'], price: 89, chatAlias: '口红' },
  ],
  normalLines: [
    '大家好，欢迎回到直播间，新来的朋友在评论区打个招呼。',
    '今天给大家带来三款我自己一直在用的好物。',
    '这款是精华液，质地很清爽，吸收特别快。',
    '我每天早上都用这个精华，已经用了两个月了。',
    '面霜会稍微滋润一点，我一般晚上睡前用。',
    '我在手背上涂一点，大家可以看一下上脸的效果。',
    '它不会黏糊糊的，这一点我特别喜欢。',
    '口红一共有四个颜色，我现在涂的是莓果色。',
    '可以薄涂日常用，也可以叠涂显得更有气色。',
    '刚进来的朋友欢迎一下，我们在聊基础护肤。',
    '第一次用新产品，记得先在耳后做个测试。',
    '瓶子是玻璃的，按压一下刚好是一次的用量。',
    '很多人问味道，味道很淡，几乎闻不到。',
    '下播以后我会把产品名字都放在屏幕上。',
    '我来看一下评论，看看大家都是从哪里来的。',
    '面霜上妆前用也不会搓泥。',
    '我在灯下面再给大家看一次质地。',
    '口红我一直放在包里，还可以当腮红用。',
    '大家喝口水休息一下，今天还有很多内容。',
    '谢谢大家的点赞，点赞对直播间帮助很大。',
  ],
  excitedLines: [
    '家人们！精华液链接已经上了！只要一百九十九，只剩五十单！三，二，一，冲！',
    '家人们！面霜链接已经上了！只要一百五十九，只剩五十单！三，二，一，抢！',
    '家人们！口红链接已经上了！只要八十九，只剩五十单！三，二，一，上车！',
  ],
  answerLine: '有朋友问敏感肌能不能用，可以的，精华液敏感肌也能放心用。',
  answeredQuestion: '精华液敏感肌能用吗？',
  unansweredQuestion: '能寄到加拿大吗？',
  users: ['小鱼干', 'momo酱', '奶茶不加糖', '阿杰', '星星', '橘子汽水', '路人甲', '夏天', '小白', '大橙子', '木木', '柠檬'],
  backgroundChat: [
    '大家好', '来了来了', '👋', '主播好', '晚上好', '好看', '第一次来', '这个颜色好看', '❤️', '哈哈', '😊',
    '关注了', '主播今天好美', '打卡', '支持主播',
  ],
  burstChat: [
    '哇', '666', '哈哈哈', '想要！！', '链接呢？', '🔥🔥🔥', '冲冲冲', '已下单', '抢到了！', '太划算了', '👏👏',
    '买买买', '主播快上链接', '哈哈哈哈', '6666',
  ],
  burstQuestions: ['{p}多少钱？', '{p}链接在哪？', '{p}还有吗？'],
  spamText: '关注我送福利',
  spamUser: '福利号888',
  paidChat: ['冲冲冲', '支持主播', '已经下单两份'],
  paidAmounts: [30, 50, 100],
  gifts: [
    { name: '小心心', price: 1 },
    { name: '告白气球', price: 52 },
  ],
  currency: 'CNY',
};

const SCRIPTS: Readonly<Record<'en' | 'zh', LanguageScript>> = { en: EN_SCRIPT, zh: ZH_SCRIPT };

// ---------------------------------------------------------------------------------------------------------------
// Timeline planning (pure, given the line durations)

/** One synthesized utterance and how loud it is spoken. */
interface Utterance {
  readonly key: string;
  readonly text: string;
  readonly excited: boolean;
}

interface PlacedLine {
  readonly start: number;
  readonly end: number;
  readonly utterance: Utterance;
}

interface PlacedSound {
  readonly start: number;
  readonly seconds: number;
  readonly kind: 'cheer' | 'bang';
  readonly seed: number;
}

/** Paid messages and gifts carry `kind`, `amount` and `currency`; plain messages do not. */
type ChatLine = ChatJsonlLine;

interface ShowPlan {
  readonly duration: number;
  readonly lines: readonly PlacedLine[];
  readonly sounds: readonly PlacedSound[];
  readonly chat: readonly ChatLine[];
  readonly planted: readonly (PlantedMoment & { readonly product: string; readonly burstStart: number })[];
  readonly distractors: readonly Distractor[];
  readonly questions: readonly PlantedQuestion[];
  /** Extra scene cuts unrelated to highlights, so a scene change is not a perfect highlight predictor. */
  readonly wideShots: readonly { start: number; end: number }[];
}

/** Free-slot finder over [lo, hi): reserved windows never overlap. */
class Reservations {
  private readonly taken: { start: number; end: number }[] = [];
  constructor(
    private readonly lo: number,
    private readonly hi: number,
  ) {}

  add(start: number, end: number): void {
    this.taken.push({ start, end });
    this.taken.sort((a, b) => a.start - b.start);
  }

  /** A random start s with [s - margin, s + length + margin) free, or undefined when nothing fits. */
  find(rng: () => number, length: number, margin: number): number | undefined {
    const gaps: { start: number; end: number }[] = [];
    let cursor = this.lo;
    for (const w of this.taken) {
      if (w.start > cursor) gaps.push({ start: cursor, end: w.start });
      cursor = Math.max(cursor, w.end);
    }
    if (this.hi > cursor) gaps.push({ start: cursor, end: this.hi });
    const need = length + 2 * margin;
    const fitting = gaps.filter((g) => g.end - g.start >= need);
    const slack = fitting.map((g) => g.end - g.start - need);
    const total = slack.reduce((a, b) => a + b, 0);
    if (fitting.length === 0) return undefined;
    let r = rng() * total;
    for (let i = 0; i < fitting.length; i++) {
      const g = fitting[i]!;
      const s = slack[i]!;
      if (r <= s || i === fitting.length - 1) return round3(g.start + margin + Math.min(r, s));
      r -= s;
    }
    return undefined;
  }
}

/** Number of planted moments: about one per minute for short shows (>= 3 in 3 min), one per 1.5 min for long ones. */
export function plantedCount(durationSeconds: number): number {
  return durationSeconds <= 180 ? Math.max(1, Math.round(durationSeconds / 60)) : Math.round(durationSeconds / 90);
}

/** Seconds between the excited line and the chat burst, and how long the burst lasts. */
const BURST_DELAY = [2, 6] as const;
const BURST_SPAN = 15;
/** Length of the loud-but-empty distractor burst, in seconds. */
const BANG_SECONDS = 2.5;

function planShow(
  script: LanguageScript,
  duration: number,
  seed: number,
  durations: ReadonlyMap<string, number>,
): ShowPlan {
  const len = (u: Utterance): number => durations.get(u.key) ?? 0;
  const normal: Utterance[] = script.normalLines.map((text, i) => ({ key: `n${i}`, text, excited: false }));
  const excited: Utterance[] = script.excitedLines.map((text, i) => ({ key: `x${i}`, text, excited: true }));
  const answer: Utterance = { key: 'answer', text: script.answerLine, excited: false };

  const timeRng = stream(seed, 1);
  const chatRng = stream(seed, 2);
  const reservations = new Reservations(3, duration - 3);
  const lines: PlacedLine[] = [];
  const sounds: PlacedSound[] = [];
  const chat: ChatLine[] = [];
  const speechBlocked: { start: number; end: number }[] = [];
  const chatBlocked: { start: number; end: number }[] = [];
  const user = (): string => `${pick(chatRng, script.users)}${intBetween(chatRng, 1, 99)}`;

  // Planted moments: evenly spread slots with seeded jitter, e.g. ~23/49/75 % of a 3-minute show.
  const planted: (PlantedMoment & { product: string; burstStart: number })[] = [];
  const count = plantedCount(duration);
  // Slots start after a short warm-up (10 %, at most a minute) and leave room for the last burst before the end.
  const slotLo = Math.min(duration * 0.1, 60);
  const slotHi = duration - 22;
  const slotWidth = (slotHi - slotLo) / count;
  for (let i = 0; i < count; i++) {
    const productIndex = i % script.products.length;
    const product = script.products[productIndex]!;
    const line = excited[productIndex]!;
    const start = round3(slotLo + (i + 0.5) * slotWidth + uniform(timeRng, -0.15, 0.15) * slotWidth);
    const speechEnd = round3(start + len(line));
    const burstStart = round3(start + uniform(timeRng, BURST_DELAY[0], BURST_DELAY[1]));
    const end = round3(Math.max(speechEnd, burstStart + BURST_SPAN));
    lines.push({ start, end: speechEnd, utterance: line });
    speechBlocked.push({ start, end: speechEnd });
    sounds.push({ start: round3(start + 1), seconds: round3(uniform(timeRng, 5, 7)), kind: 'cheer', seed: seed + i });
    planted.push({ start, end, kind: 'planted', product: product.name, burstStart });
    // Keep decoys and questions a few seconds clear of each label, so every label is unambiguous.
    reservations.add(start - 4, end + 5);
  }

  // Distractors and questions: one of each per 10 minutes (at least one), where they fit.
  const perTenMinutes = Math.max(1, Math.floor(duration / 600));
  const distractors: Distractor[] = [];
  const questions: PlantedQuestion[] = [];
  for (let k = 0; k < perTenMinutes; k++) {
    const bang = reservations.find(timeRng, BANG_SECONDS, 4);
    if (bang !== undefined) {
      reservations.add(bang - 4, bang + BANG_SECONDS + 4);
      sounds.push({ start: bang, seconds: BANG_SECONDS, kind: 'bang', seed: seed + 1000 + k });
      speechBlocked.push({ start: bang - 2, end: bang + BANG_SECONDS + 2 });
      chatBlocked.push({ start: bang - 1, end: bang + BANG_SECONDS + 3 });
      distractors.push({ start: bang, end: round3(bang + BANG_SECONDS), kind: 'loud-empty' });
    }
    const spamSeconds = 7;
    const spam = reservations.find(timeRng, spamSeconds, 2);
    if (spam !== undefined) {
      reservations.add(spam - 2, spam + spamSeconds + 2);
      const n = intBetween(chatRng, 10, 16);
      for (let j = 0; j < n; j++) {
        chat.push({ t: round3(spam + (j / n) * spamSeconds), user: script.spamUser, text: script.spamText });
      }
      distractors.push({ start: spam, end: round3(spam + spamSeconds), kind: 'chat-spam' });
    }
    const answerDelay = uniform(timeRng, 6, 10);
    const asked = reservations.find(timeRng, answerDelay + len(answer), 3);
    if (asked !== undefined) {
      const answeredAt = round3(asked + answerDelay);
      reservations.add(asked - 3, answeredAt + len(answer) + 3);
      lines.push({ start: answeredAt, end: round3(answeredAt + len(answer)), utterance: answer });
      speechBlocked.push({ start: answeredAt, end: answeredAt + len(answer) });
      chat.push({ t: asked, user: user(), text: script.answeredQuestion });
      questions.push({ t: asked, text: script.answeredQuestion, answeredAt });
    }
    const unanswered = reservations.find(timeRng, 4, 3);
    if (unanswered !== undefined) {
      reservations.add(unanswered - 3, unanswered + 7);
      chat.push({ t: unanswered, user: user(), text: script.unansweredQuestion });
      questions.push({ t: unanswered, text: script.unansweredQuestion });
    }
  }

  // Ordinary talk fills the rest: natural gaps of 0.6-3 s, and now and then a 4-8 s silence.
  speechBlocked.sort((a, b) => a.start - b.start);
  let cursor = 1;
  let previous = -1;
  while (cursor < duration - 1) {
    let index = Math.floor(timeRng() * normal.length);
    if (index === previous) index = (index + 1) % normal.length;
    const utterance = normal[index]!;
    const end = cursor + len(utterance);
    if (end > duration - 0.5) break;
    const clash = speechBlocked.find((b) => cursor < b.end + 0.6 && end > b.start - 0.6);
    if (clash) {
      cursor = clash.end + uniform(timeRng, 0.8, 2);
      continue;
    }
    lines.push({ start: round3(cursor), end: round3(end), utterance });
    previous = index;
    cursor = end + (timeRng() < 0.15 ? uniform(timeRng, 4, 8) : uniform(timeRng, 0.6, 3));
  }
  lines.sort((a, b) => a.start - b.start);

  // Background chat: a Poisson stream of ~0.3 msgs/s, silenced around the loud-but-empty decoy.
  const backgroundRate = 0.3;
  const nextGap = (): number => -Math.log(1 - chatRng()) / backgroundRate;
  for (let t = nextGap(); t < duration - 0.5; t += nextGap()) {
    if (chatBlocked.some((b) => t >= b.start && t < b.end)) continue;
    chat.push({ t: round3(t), user: user(), text: pick(chatRng, script.backgroundChat) });
  }

  // Chat bursts: 30-60 messages front-loaded into ~15 s after each planted moment.
  for (const moment of planted) {
    const product = script.products.find((p) => p.name === moment.product)!;
    const n = intBetween(chatRng, 30, 60);
    for (let j = 0; j < n; j++) {
      const t = moment.burstStart + BURST_SPAN * Math.pow(chatRng(), 1.6);
      const text =
        chatRng() < 0.2
          ? pick(chatRng, script.burstQuestions).replace('{p}', product.chatAlias)
          : pick(chatRng, script.burstChat);
      chat.push({ t: round3(Math.min(t, moment.end - 0.01)), user: user(), text });
    }
  }
  // The audience spends during planted moments: 2-3 paid messages and 4-6 gifts from different viewers, drawn from
  // their own stream so the rest of the chat stays as it was.
  const spendRng = stream(seed, 4);
  const fan = (): string => `${pick(spendRng, script.users)}${intBetween(spendRng, 100, 999)}`;
  for (const moment of planted) {
    const at = (): number => round3(Math.min(moment.burstStart + 10 * spendRng(), moment.end - 0.01));
    for (let j = intBetween(spendRng, 2, 3); j > 0; j--) {
      chat.push({ t: at(), user: fan(), text: pick(spendRng, script.paidChat), kind: 'paid', amount: pick(spendRng, script.paidAmounts), currency: script.currency });
    }
    for (let j = intBetween(spendRng, 4, 6); j > 0; j--) {
      const gift = pick(spendRng, script.gifts);
      chat.push({ t: at(), user: fan(), text: `${gift.name} x1`, kind: 'gift', amount: gift.price, currency: script.currency });
    }
  }
  // Stable sort keeps insertion order for equal times, so the output is deterministic.
  chat.sort((a, b) => a.t - b.t);

  const wideShots: { start: number; end: number }[] = [];
  for (let k = 0; k < Math.floor(duration / 150); k++) {
    const at = reservations.find(timeRng, 10, 1);
    if (at === undefined) break;
    reservations.add(at - 1, at + 11);
    wideShots.push({ start: at, end: round3(at + 10) });
  }

  return {
    duration,
    lines,
    sounds,
    chat,
    planted,
    distractors: distractors.sort((a, b) => a.start - b.start),
    questions: questions.sort((a, b) => a.t - b.t),
    wideShots,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Side files (chat, metrics, products, captions, labels)

function chatJsonl(plan: ShowPlan): string {
  const rows = plan.chat.map((m) => JSON.stringify(m));
  // Two malformed lines exercise the parser's skip-and-count rule: one is not JSON, one lacks `t`.
  const broken = '{"t": 12.5, "user": "broken_client", "text": "unterminated';
  const missingT = JSON.stringify({ user: 'old_client', text: 'message without a timestamp' });
  rows.splice(Math.min(5, rows.length), 0, broken);
  rows.splice(Math.min(15, rows.length), 0, missingT);
  return rows.join('\n') + '\n';
}

function metricsCsv(plan: ShowPlan, script: LanguageScript, seed: number): string {
  const rng = stream(seed, 3);
  const rows = ['t,viewers,likes,orders,gmv'];
  let viewers = 250 + rng() * 100;
  let likes = 0;
  let orders = 0;
  let gmv = 0;
  // Per planted moment, an order jump of 20-60 spread over the 15 s after the host opens the link.
  const jumps = plan.planted.map((p) => ({
    start: p.start,
    total: intBetween(rng, 20, 60),
    price: script.products.find((x) => x.name === p.product)?.price ?? 0,
  }));
  const basePrice = (): number => pick(rng, script.products).price;
  for (let t = 0; t <= plan.duration; t += 5) {
    // Viewers ramp up over the first minutes, then wander; each planted moment draws a crowd for ~40 s.
    const target = 400 + 300 * Math.min(1, t / 300) + 60 * Math.sin(t / 200);
    viewers += (target - viewers) * 0.08 + (rng() - 0.5) * 16;
    const hype = plan.planted.some((p) => t >= p.start && t < p.start + 40) ? 1.12 : 1;
    const shown = Math.max(0, Math.round(viewers * hype));
    likes += Math.floor(shown * 0.01 * (0.5 + rng()) * (hype > 1 ? 4 : 1));
    let add = rng() < 0.8 ? 0 : rng() < 0.75 ? 1 : 2;
    gmv += add * basePrice();
    for (const jump of jumps) {
      // Rows at t in (start, start + 15] share the jump (3 rows on the 5-s grid).
      if (t > jump.start && t <= jump.start + 15) {
        const part = Math.ceil(jump.total / 3);
        const alreadyAdded = Math.min(jump.total, part * Math.floor((t - jump.start - 1e-9) / 5));
        const step = Math.min(part, jump.total - alreadyAdded);
        add += step;
        gmv += step * jump.price;
      }
    }
    orders += add;
    rows.push(`${t},${shown},${likes},${orders},${gmv.toFixed(2)}`);
  }
  return rows.join('\n') + '\n';
}

function srtTime(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  const pad = (n: number, w: number): string => String(n).padStart(w, '0');
  return `${pad(Math.floor(ms / 3600000), 2)}:${pad(Math.floor(ms / 60000) % 60, 2)}:${pad(Math.floor(ms / 1000) % 60, 2)},${pad(ms % 1000, 3)}`;
}

function captionsSrt(plan: ShowPlan): string {
  return plan.lines
    .map((l, i) => `${i + 1}\n${srtTime(l.start)} --> ${srtTime(l.end)}\n${l.utterance.text}\n`)
    .join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// Audio: espeak-ng lines + synthetic crowd sounds, mixed in Node and streamed into ffmpeg

/** espeak-ng writes 22.05 kHz mono s16; the mix stays at that rate and ffmpeg resamples to 48 kHz stereo. */
const MIX_RATE = 22050;
/** Target integrated loudness of ordinary speech, in LUFS. */
const SPEECH_TARGET_LUFS = -20;

async function run(cmd: string, args: readonly string[]): Promise<{ stdout: string; stderr: string }> {
  try {
    return await execFileAsync(cmd, [...args], { maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`${cmd} failed: ${stderr.trim().split('\n').slice(-3).join(' | ')}`, { cause: error });
  }
}

async function synthesize(script: LanguageScript, u: Utterance, path: string): Promise<void> {
  const args = u.excited
    ? ['-v', script.voice, '-s', String(script.excitedSpeed), '-p', '75', '-a', '200']
    : ['-v', script.voice, '-s', String(script.normalSpeed), '-p', '50', '-a', '90'];
  await run('espeak-ng', [...args, '-w', path, u.text]);
}

/** Reads a 16-bit PCM WAV into floats in [-1, 1]; only the format espeak-ng writes is supported. */
function decodeWav(bytes: Buffer, name: string): Float32Array {
  const rate = bytes.readUInt32LE(24);
  const channels = bytes.readUInt16LE(22);
  const bits = bytes.readUInt16LE(34);
  if (rate !== MIX_RATE || channels !== 1 || bits !== 16) {
    throw new Error(`${name}: expected ${MIX_RATE} Hz mono 16-bit WAV, got ${rate} Hz ${channels} ch ${bits}-bit`);
  }
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString('ascii', offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    if (id === 'data') {
      // espeak-ng may leave a placeholder size when writing to a pipe; trust the file length instead.
      const end = Math.min(bytes.length, offset + 8 + size);
      const count = Math.floor((end - offset - 8) / 2);
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = bytes.readInt16LE(offset + 8 + 2 * i) / 32768;
      return out;
    }
    offset += 8 + size + (size % 2);
  }
  throw new Error(`${name}: no data chunk`);
}

function encodeWav(samples: Float32Array): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + samples.length * 2, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(MIX_RATE, 24);
  header.writeUInt32LE(MIX_RATE * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(samples.length * 2, 40);
  return Buffer.concat([header, floatsToS16(samples)]);
}

/** Soft knee above 0.8 full scale so shouted lines plus cheering saturate gently instead of hard-clipping. */
function floatsToS16(samples: Float32Array): Buffer {
  const out = Buffer.alloc(samples.length * 2);
  for (let i = 0; i < samples.length; i++) {
    let x = samples[i] ?? 0;
    const a = Math.abs(x);
    if (a > 0.8) x = Math.sign(x) * (0.8 + 0.2 * Math.tanh((a - 0.8) / 0.2));
    out.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(x * 32767))), 2 * i);
  }
  return out;
}

/** Integrated loudness (LUFS) of a WAV file, via ffmpeg's ebur128 filter. */
async function integratedLufs(path: string): Promise<number> {
  const { stderr } = await run('ffmpeg', ['-hide_banner', '-nostats', '-i', path, '-af', 'ebur128', '-f', 'null', '-']);
  const match = /Integrated loudness:\s*I:\s*(-?[\d.]+) LUFS/.exec(stderr);
  if (!match?.[1]) throw new Error(`no loudness reading for ${path}`);
  return Number(match[1]);
}

/**
 * A crowd cheer with laughter: band-limited noise swelling in and fading out, amplitude-modulated at 3-7 Hz
 * ("ha-ha") with sparse claps on top. Seeded, so identical on every run.
 */
function crowdCheer(seconds: number, seed: number): Float32Array {
  const rng = mulberry32(seed);
  const n = Math.round(seconds * MIX_RATE);
  const out = new Float32Array(n);
  const voices = Array.from({ length: 6 }, () => ({ f: uniform(rng, 3, 7), phase: rng() * 2 * Math.PI }));
  let low = 0;
  let lower = 0;
  let clap = 0;
  for (let i = 0; i < n; i++) {
    const t = i / MIX_RATE;
    const white = rng() * 2 - 1;
    low += 0.35 * (white - low); // ~3 kHz low-pass
    lower += 0.05 * (white - lower); // ~350 Hz, subtracted to thin the rumble
    let mod = 0;
    for (const v of voices) mod += 0.6 + 0.4 * Math.sin(2 * Math.PI * v.f * t + v.phase);
    mod /= voices.length;
    if (rng() < 14 / MIX_RATE) clap = 1;
    clap *= 0.9985; // ~30 ms clap decay
    const envelope = Math.min(1, t / 0.4) * Math.min(1, (seconds - t) / 2);
    out[i] = envelope * (0.55 * (low - lower) * mod + 0.25 * clap * white);
  }
  return out;
}

/** The loud-but-empty decoy: a dropped-mic thump with a noisy tail, about as loud as a planted moment. */
function bang(seconds: number, seed: number): Float32Array {
  const rng = mulberry32(seed);
  const n = Math.round(seconds * MIX_RATE);
  const out = new Float32Array(n);
  let low = 0;
  for (let i = 0; i < n; i++) {
    const t = i / MIX_RATE;
    const white = rng() * 2 - 1;
    low += 0.5 * (white - low);
    const envelope = Math.min(1, t / 0.01) * Math.exp(-t / (seconds / 2.5));
    out[i] = envelope * (0.4 * Math.sin(2 * Math.PI * 60 * t) + 1.1 * low);
  }
  return out;
}

interface AudioEvent {
  readonly startSample: number;
  readonly samples: Float32Array;
  readonly gain: number;
}

/** Yields the mix as s16le chunks of ~10 s, so a 60-minute show never sits in memory. */
function* mixChunks(events: readonly AudioEvent[], totalSamples: number): Generator<Buffer> {
  const chunk = MIX_RATE * 10;
  const sorted = [...events].sort((a, b) => a.startSample - b.startSample);
  for (let from = 0; from < totalSamples; from += chunk) {
    const to = Math.min(totalSamples, from + chunk);
    const block = new Float32Array(to - from);
    for (const e of sorted) {
      if (e.startSample >= to) break;
      const eventEnd = e.startSample + e.samples.length;
      if (eventEnd <= from) continue;
      const lo = Math.max(from, e.startSample);
      const hi = Math.min(to, eventEnd);
      for (let s = lo; s < hi; s++) {
        block[s - from] = (block[s - from] ?? 0) + (e.samples[s - e.startSample] ?? 0) * e.gain;
      }
    }
    yield floatsToS16(block);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Video: a synthetic "talking head" drawn with lavfi sources

function videoFilter(plan: ShowPlan, width: number, height: number, fps: number): string {
  const between = (ws: readonly { start: number; end: number }[]): string =>
    ws.length === 0 ? '0' : ws.map((w) => `between(t,${w.start},${w.end})`).join('+');
  const closeUps = between(plan.planted.map((p) => ({ start: round3(p.start + 1), end: round3(p.start + 7) })));
  const wide = between(plan.wideShots);
  const W = width;
  const H = height;
  const D = plan.duration;
  const even = (x: number): number => Math.round(x / 2) * 2;
  const size = (x: number): number => Math.max(2, even(x));
  const box = (x: number, y: number, w: number, h: number, color: string, enable?: string): string =>
    `drawbox=x=${even(x)}:y=${even(y)}:w=${size(w)}:h=${size(h)}:color=${color}:t=fill` +
    (enable === undefined ? '' : `:enable='${enable}'`);
  const lamp = size(W * 0.12);
  // Sources live inside the graph (not as -f lavfi inputs) and stay yuv420p. drawbox is slow per pixel, so the static
  // studio (table, host body and head) is drawn once and looped; only the "lamp" moves (one overlay per frame) and
  // the scene-change boxes run only while enabled. A 60-minute 320x180 render takes ~1.5 min on 2 busy cores.
  return [
    `color=c=0x161a24:s=${W}x${H}:r=${fps}:d=1,format=yuv420p,` +
      [
        box(0, H * 0.74, W, H * 0.26, '0x2e2a33'), // table
        box(W * 0.3, H * 0.46, W * 0.24, H * 0.3, '0x4a4a6a'), // host body
        box(W * 0.36, H * 0.2, W * 0.12, H * 0.26, '0x9c8a78'), // host head
      ].join(',') +
      `,trim=end_frame=1,loop=loop=-1:size=1,setpts=N/${fps}/TB,trim=duration=${D}[bg]`,
    `color=c=0x3a6ea5:s=${lamp}x${lamp}:r=${fps}:d=${D},format=yuv420p[lamp]`,
    `[bg][lamp]overlay=x='${even(W * 0.66)}+${even(W * 0.12)}*sin(t*0.7)':y='${even(H * 0.14)}+${even(H * 0.06)}*cos(t*0.45)':eval=frame,` +
      // Scene changes: a product close-up at each planted moment and unrelated wide shots elsewhere.
      [
        box(0, 0, W, H, '0x4a2040', closeUps),
        box(W * 0.4, H * 0.25, W * 0.2, H * 0.5, '0xe0c070', closeUps),
        box(0, 0, W, H, '0x203a2a', wide),
        box(W * 0.1, H * 0.5, W * 0.08, H * 0.3, '0x8a7f72', wide),
        box(W * 0.8, H * 0.5, W * 0.08, H * 0.3, '0x8a7f72', wide),
      ].join(',') +
      '[v]',
  ].join(';');
}

async function renderRecording(
  plan: ShowPlan,
  events: readonly AudioEvent[],
  path: string,
  width: number,
  height: number,
  fps: number,
  videoBitrateKbps?: number,
): Promise<void> {
  const D = plan.duration;
  const rate = videoBitrateKbps === undefined
    ? ['-crf', '30']
    : ['-b:v', `${videoBitrateKbps}k`, '-maxrate', `${videoBitrateKbps}k`, '-bufsize', `${2 * videoBitrateKbps}k`, '-g', String(2 * fps), '-keyint_min', String(2 * fps)];
  const graph = videoFilter(plan, width, height, fps);
  const args = [
    '-hide_banner', '-nostats', '-loglevel', 'error', '-y',
    '-f', 's16le', '-ar', String(MIX_RATE), '-ac', '1', '-i', 'pipe:0',
    // Temporal grain (seeded by the frame, so deterministic) gives the flat studio a camera's entropy.
    '-filter_complex', videoBitrateKbps === undefined ? graph : graph.replace(/\[v\]$/, ',noise=alls=14:allf=t+u:all_seed=42[v]'),
    '-map', '[v]', '-map', '0:a',
    '-c:v', 'libx264', '-preset', 'ultrafast', ...rate, '-r', String(fps),
    // The fast AAC coder is ~2x quicker than the default two-loop search; quality is irrelevant for a synthetic show.
    '-c:a', 'aac', '-aac_coder', 'fast', '-b:a', '128k', '-ar', '48000', '-ac', '2',
    '-t', String(D),
    '-fflags', '+bitexact', '-flags:v', '+bitexact', '-flags:a', '+bitexact', '-map_metadata', '-1',
    '-movflags', '+faststart',
    path,
  ];
  const child = spawn('ffmpeg', args, { stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d: string) => {
    stderr = (stderr + d).slice(-4000);
  });
  const exited = new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? -1));
  });
  let writeError: unknown;
  child.stdin.on('error', (e) => {
    writeError = e; // EPIPE when ffmpeg dies early; its stderr carries the real reason
  });
  for (const buffer of mixChunks(events, Math.round(D * MIX_RATE))) {
    if (writeError !== undefined || child.stdin.destroyed) break;
    if (!child.stdin.write(buffer)) {
      await Promise.race([once(child.stdin, 'drain'), exited]);
    }
  }
  child.stdin.end();
  const code = await exited;
  if (code !== 0) throw new Error(`ffmpeg failed to render ${path} (exit ${code}): ${stderr.trim()}`);
}

// ---------------------------------------------------------------------------------------------------------------
// Entry points

const FILES = {
  recording: 'recording.mp4',
  chat: 'chat.jsonl',
  metrics: 'metrics.csv',
  products: 'products.json',
  labels: 'labels.json',
  captions: 'captions.srt',
} as const;

interface ResolvedParams {
  generator: number;
  minutes: number;
  language: 'en' | 'zh';
  seed: number;
  width: number;
  height: number;
  fps: number;
  videoBitrateKbps?: number;
}

function resolveParams(opts: SampleShowOptions): ResolvedParams {
  const params = {
    generator: SAMPLE_GENERATOR_VERSION,
    minutes: opts.minutes,
    language: opts.language,
    seed: opts.seed,
    width: opts.width ?? 640,
    height: opts.height ?? 360,
    fps: opts.fps ?? 25,
    ...(opts.videoBitrateKbps === undefined ? {} : { videoBitrateKbps: opts.videoBitrateKbps }),
  };
  if (!(params.minutes > 0) || params.minutes * 60 < 40) throw new Error('minutes must be at least 40 seconds (0.67)');
  if (!Number.isInteger(params.seed)) throw new Error('seed must be an integer');
  for (const [k, v] of Object.entries({ width: params.width, height: params.height, fps: params.fps })) {
    if (!Number.isInteger(v) || v < 16) throw new Error(`${k} must be an integer >= 16`);
  }
  return params;
}

function pathsIn(outDir: string): Record<keyof typeof FILES, string> {
  return {
    recording: join(outDir, FILES.recording),
    chat: join(outDir, FILES.chat),
    metrics: join(outDir, FILES.metrics),
    products: join(outDir, FILES.products),
    labels: join(outDir, FILES.labels),
    captions: join(outDir, FILES.captions),
  };
}

/**
 * The sample already in `opts.outDir` when it was generated with the same parameters (params.json) and all its files
 * exist; undefined otherwise.
 */
export async function readCachedSampleShow(opts: SampleShowOptions): Promise<SampleShow | undefined> {
  const paramsPath = join(opts.outDir, 'params.json');
  if (!existsSync(paramsPath)) return undefined;
  const wanted = resolveParams(opts);
  try {
    const stored = JSON.parse(await readFile(paramsPath, 'utf8')) as { params?: unknown; show?: SampleShow };
    if (JSON.stringify(stored.params) !== JSON.stringify(wanted) || stored.show === undefined) return undefined;
    const paths = pathsIn(opts.outDir);
    if (!Object.values(paths).every((p) => existsSync(p))) return undefined;
    return { ...stored.show, ...paths };
  } catch {
    return undefined; // a damaged params.json just means "regenerate"
  }
}

/** Generates a deterministic sample show into `opts.outDir` (created if needed) and returns its paths and ground truth. */
export async function generateSampleShow(opts: SampleShowOptions): Promise<SampleShow> {
  const params = resolveParams(opts);
  const script = SCRIPTS[params.language];
  const duration = Math.round(params.minutes * 60);
  await mkdir(opts.outDir, { recursive: true });
  // Removed first and written last: its presence marks a complete sample.
  await rm(join(opts.outDir, 'params.json'), { force: true });

  const work = await mkdtemp(join(tmpdir(), 'postshow-sample-'));
  try {
    // 1. Synthesize the small pool of lines once; long shows reuse them.
    const utterances: Utterance[] = [
      ...script.normalLines.map((text, i) => ({ key: `n${i}`, text, excited: false })),
      ...script.excitedLines.map((text, i) => ({ key: `x${i}`, text, excited: true })),
      { key: 'answer', text: script.answerLine, excited: false },
    ];
    const pcm = new Map<string, Float32Array>();
    const concurrency = 4;
    for (let i = 0; i < utterances.length; i += concurrency) {
      await Promise.all(
        utterances.slice(i, i + concurrency).map(async (u) => {
          const path = join(work, `${u.key}.wav`);
          await synthesize(script, u, path);
          pcm.set(u.key, decodeWav(await readFile(path), path));
        }),
      );
    }
    const durations = new Map([...pcm].map(([k, v]) => [k, round3(v.length / MIX_RATE)] as const));

    // 2. Calibrate: ordinary speech at about -20 LUFS; excited lines keep their extra espeak amplitude.
    const calm = utterances.filter((u) => !u.excited).map((u) => pcm.get(u.key)!);
    const calmJoined = new Float32Array(calm.reduce((n, a) => n + a.length, 0));
    calm.reduce((offset, a) => (calmJoined.set(a, offset), offset + a.length), 0);
    await writeFile(join(work, 'calm.wav'), encodeWav(calmJoined));
    const gainDb = Math.max(-12, Math.min(12, SPEECH_TARGET_LUFS - (await integratedLufs(join(work, 'calm.wav')))));
    const speechGain = Math.pow(10, gainDb / 20);

    // 3. Plan the timeline and write the side files.
    const plan = planShow(script, duration, params.seed, durations);
    const paths = pathsIn(opts.outDir);
    const planted = plan.planted.map(({ start, end, kind, product }) => ({ start, end, kind, product }));
    await writeFile(paths.chat, chatJsonl(plan));
    await writeFile(paths.metrics, metricsCsv(plan, script, params.seed));
    await writeFile(
      paths.products,
      JSON.stringify(script.products.map(({ name, aliases }) => ({ name, aliases })), null, 2) + '\n',
    );
    await writeFile(paths.labels, JSON.stringify(planted, null, 2) + '\n');
    await writeFile(paths.captions, captionsSrt(plan));

    // 4. Mix and render.
    const events: AudioEvent[] = [
      ...plan.lines.map((l) => ({
        startSample: Math.round(l.start * MIX_RATE),
        samples: pcm.get(l.utterance.key)!,
        gain: speechGain,
      })),
      ...plan.sounds.map((s) => ({
        startSample: Math.round(s.start * MIX_RATE),
        samples: s.kind === 'cheer' ? crowdCheer(s.seconds, s.seed) : bang(s.seconds, s.seed),
        gain: 1,
      })),
    ];
    await renderRecording(plan, events, paths.recording, params.width, params.height, params.fps, params.videoBitrateKbps);

    const show: SampleShow = {
      ...paths,
      durationSeconds: duration,
      planted,
      distractors: plan.distractors,
      questions: plan.questions,
    };
    await writeFile(join(opts.outDir, 'params.json'), JSON.stringify({ params, show }, null, 2) + '\n');
    return show;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
