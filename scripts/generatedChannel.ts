/**
 * A channel of live-commerce shows with known sales, for measuring the show review (复盘) against the truth.
 *
 * Each show follows the five-phase script: a warm-up, then per product an introduction, a demonstration and a
 * push ("the link is up"), one stretch of dead air, and a close. The host names the product on air; viewers ask
 * about it, type "link?" during the push, and one question (shipping abroad) is asked in every show and never
 * answered. Orders of a product arrive while it is demonstrated and pushed, a few seconds late, at its unit
 * price; one listed product is never presented. The truth (GMV, orders, peak viewers, per-product sales and
 * time on air, phases, dead air) is recorded beside the files, so a test can hold the review to it.
 *
 * Pure planning (`planChannel`) plus writers: the side inputs as the CLI reads them, and (optionally) a
 * cheap recording whose audio is a tone wherever a caption is spoken and silence elsewhere.
 */
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { formatSrt } from '../shared/core/inputs/captions.js';
import type { ShowPhase } from '../shared/core/schemas/review.js';
import type { Segment } from '../shared/core/types.js';
import { intBetween, pick, round3, seededStream, uniform } from './prng.js';

const execFileAsync = promisify(execFile);

export interface ChannelOptions {
  readonly language: 'en' | 'zh';
  readonly shows: number;
  readonly seed: number;
  /** Length of each show, minutes. @default 12 */
  readonly minutes?: number;
  /** First show's date (YYYY-MM-DD); later shows follow every 2-3 days. @default 2026-11-02 */
  readonly firstDate?: string;
}

interface CatalogueProduct {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly price: number;
}

interface ScriptWords {
  readonly products: readonly CatalogueProduct[];
  readonly warmUp: readonly string[];
  readonly intro: (p: CatalogueProduct) => readonly string[];
  readonly demo: (p: CatalogueProduct) => readonly string[];
  readonly push: (p: CatalogueProduct) => readonly string[];
  readonly close: readonly string[];
  readonly chatter: readonly string[];
  readonly productChat: (p: CatalogueProduct) => readonly string[];
  readonly linkAsk: readonly string[];
  readonly unanswered: string;
}

const WORDS: Readonly<Record<'en' | 'zh', ScriptWords>> = {
  en: {
    products: [
      { name: 'Glow Serum', aliases: ['serum'], price: 29.9 },
      { name: 'Hydra Cream', aliases: ['cream'], price: 39 },
      { name: 'Silk Lip Tint', aliases: ['lip tint'], price: 15.5 },
      { name: 'Clay Mask', aliases: ['mask'], price: 22 },
      { name: 'Sun Shield', aliases: ['sunscreen'], price: 18 },
    ],
    warmUp: ['hello everyone, welcome back to the channel', 'so happy to see you all tonight', 'grab a seat, we have a lot to share', 'say hi in the chat and tell me where you are watching from'],
    intro: (p) => [`next up is the ${p.name}`, `this ${p.name} is one of our favourites`, 'it is made for every skin type', `the ${p.aliases[0]} comes in a travel size too`],
    demo: (p) => [`let me show you the ${p.aliases[0]} on my hand`, 'look at the texture, it is so light', 'see how it sinks in right away', `watch how the ${p.name} looks under the light`],
    push: (p) => [`the link is up for the ${p.name}, only ${p.price} tonight`, 'only fifty left in stock, add to cart now', 'three, two, one, go grab it', `the ${p.aliases[0]} deal ends when the stock runs out`],
    close: ['thank you for watching tonight', 'see you next time, same place', 'good night everyone'],
    chatter: ['hi from Texas', 'love this show', 'so pretty', 'hello', 'wow', 'nice', 'haha', 'great vibes tonight', 'first time here', 'love it'],
    productChat: (p) => [`how much is the ${p.aliases[0]}?`, `the ${p.aliases[0]} looks amazing`, `is the ${p.aliases[0]} good for dry skin?`, `I want the ${p.aliases[0]}`],
    linkAsk: ['link?', 'where is the link', 'got it!', 'just ordered'],
    unanswered: 'does it ship to Canada?',
  },
  zh: {
    products: [
      { name: '精华液', aliases: ['精华'], price: 199 },
      { name: '面霜', aliases: ['霜'], price: 159 },
      { name: '口红', aliases: ['唇膏'], price: 89 },
      { name: '面膜', aliases: ['补水面膜'], price: 69 },
      { name: '防晒霜', aliases: ['防晒'], price: 99 },
    ],
    warmUp: ['家人们晚上好，欢迎来到直播间', '今天给大家准备了很多好东西', '新来的朋友点个关注', '大家在评论区打个招呼吧'],
    intro: (p) => [`接下来给大家介绍这款${p.name}`, `这款${p.name}是我们家的爆款`, '各种肤质都可以用', `${p.aliases[0]}还有旅行装`],
    demo: (p) => [`我给大家试一下这个${p.aliases[0]}`, '大家看一下这个质地，非常轻薄', '上脸马上就吸收了', `在灯下面看${p.name}的效果`],
    push: (p) => [`${p.name}链接已经上了，今天只要${p.price}`, '库存只有五十单，赶紧下单', '三，二，一，上车', `${p.aliases[0]}卖完就没有了`],
    close: ['感谢大家今天的陪伴', '我们明天见', '下播啦，晚安'],
    chatter: ['主播好', '来了来了', '好漂亮', '哈哈哈', '支持主播', '第一次来', '晚上好', '好喜欢', '太好看了', '打卡'],
    productChat: (p) => [`${p.aliases[0]}多少钱`, `${p.aliases[0]}好用吗`, `干皮能用${p.aliases[0]}吗`, `想要${p.aliases[0]}`],
    linkAsk: ['链接呢', '链接在哪', '已拍', '抢到了'],
    unanswered: '能寄到加拿大吗？',
  },
};

/** One product's stretch on air, and its true sales. */
export interface TrueProduct {
  readonly name: string;
  readonly price: number;
  readonly presented: boolean;
  /** Introduction start to push end (0 when never presented). */
  readonly presentedSeconds: number;
  readonly orders: number;
  readonly gmv: number;
}

export interface ShowTruth {
  readonly showId: string;
  readonly airedAt: string;
  readonly durationSeconds: number;
  readonly gmv: number;
  readonly orders: number;
  readonly peakViewers: number;
  readonly products: readonly TrueProduct[];
  readonly phases: readonly { readonly phase: ShowPhase; readonly start: number; readonly end: number; readonly product?: string }[];
  readonly deadAir: { readonly start: number; readonly end: number };
  readonly unansweredQuestion: string;
}

export interface PlannedShow {
  readonly truth: ShowTruth;
  readonly captions: readonly Segment[];
  readonly chat: readonly { t: number; user: string; text: string }[];
  readonly metricsCsv: string;
  readonly products: readonly { name: string; aliases: readonly string[] }[];
}

const DAY_MS = 86_400_000;

/** The channel's shows, oldest first. */
export function planChannel(options: ChannelOptions): PlannedShow[] {
  const first = Date.parse(`${options.firstDate ?? '2026-11-02'}T12:00:00Z`);
  const dates = seededStream(options.seed, 99);
  let at = first;
  return Array.from({ length: options.shows }, (_, index) => {
    if (index > 0) at += intBetween(dates, 2, 3) * DAY_MS;
    return planShow(options, index, new Date(at).toISOString().slice(0, 10));
  });
}

function planShow(options: ChannelOptions, index: number, date: string): PlannedShow {
  const words = WORDS[options.language];
  const seed = options.seed * 101 + index;
  const timing = seededStream(seed, 1);
  const duration = Math.round((options.minutes ?? 12) * 60);
  const showId = `${options.language}-show-${index + 1}`;

  // Four products on the list, three presented in a show-specific order; the fourth never comes on air.
  const listed = words.products.slice(0, 4);
  const order = rotate(listed.slice(0, 3), index);
  const neverPresented = listed[3]!;

  // The run sheet: warm-up, then per product introduction / demonstration / push, dead air after one push, close.
  const warmUp = intBetween(timing, 60, 150);
  const close = intBetween(timing, 40, 70);
  const deadAirSeconds = intBetween(timing, 30, 50);
  const deadAfter = index % 3;
  const perProduct = (duration - warmUp - close - deadAirSeconds) / order.length;
  const phases: { phase: ShowPhase; start: number; end: number; product?: string }[] = [{ phase: 'warm-up', start: 0, end: warmUp }];
  let cursor = warmUp;
  let deadAir = { start: 0, end: 0 };
  order.forEach((product, k) => {
    // Shares vary per show, so one show's presentations run long and another's short.
    const introShare = uniform(timing, 0.2, 0.3);
    const demoShare = uniform(timing, 0.3, 0.45);
    const length = Math.round(perProduct * uniform(timing, 0.85, 1.15));
    const introEnd = cursor + Math.round(length * introShare);
    const demoEnd = introEnd + Math.round(length * demoShare);
    const end = Math.min(cursor + length, duration - close - (k < deadAfter ? deadAirSeconds : 0));
    phases.push({ phase: 'introduction', start: cursor, end: introEnd, product: product.name });
    phases.push({ phase: 'demonstration', start: introEnd, end: demoEnd, product: product.name });
    phases.push({ phase: 'push', start: demoEnd, end, product: product.name });
    cursor = end;
    if (k === deadAfter) {
      deadAir = { start: cursor, end: cursor + deadAirSeconds };
      cursor += deadAirSeconds;
    }
  });
  phases.push({ phase: 'close', start: cursor, end: duration });

  const captions = speak(phases, deadAir, words, seededStream(seed, 2));
  const chat = audience(phases, deadAir, duration, words, order, neverPresented, seededStream(seed, 3), index);
  const sales = orders(phases, order, seededStream(seed, 4), index);
  const { csv, peakViewers } = metrics(duration, sales, deadAir, seededStream(seed, 5), index);

  const presentedSeconds = (name: string) =>
    phases.filter((p) => p.product === name).reduce((sum, p) => sum + p.end - p.start, 0);
  const products: TrueProduct[] = listed.map((p) => {
    const own = sales.filter((s) => s.product === p.name);
    return {
      name: p.name,
      price: p.price,
      presented: p !== neverPresented,
      presentedSeconds: presentedSeconds(p.name),
      orders: own.length,
      gmv: round2(own.length * p.price),
    };
  });
  return {
    truth: {
      showId,
      airedAt: date,
      durationSeconds: duration,
      gmv: round2(sales.reduce((sum, s) => sum + s.price, 0)),
      orders: sales.length,
      peakViewers,
      products,
      phases,
      deadAir,
      unansweredQuestion: words.unanswered,
    },
    captions,
    chat,
    metricsCsv: csv,
    products: listed.map((p) => ({ name: p.name, aliases: p.aliases })),
  };
}

/** Caption cues every few seconds, none during dead air; the product named at the start of each of its phases. */
function speak(phases: readonly { phase: ShowPhase; start: number; end: number; product?: string }[], deadAir: { start: number; end: number }, words: ScriptWords, rng: () => number): Segment[] {
  const cues: Segment[] = [];
  for (const span of phases) {
    const product = span.product === undefined ? undefined : words.products.find((p) => p.name === span.product)!;
    const lines =
      span.phase === 'warm-up' ? words.warmUp : span.phase === 'close' ? words.close
      : span.phase === 'introduction' ? words.intro(product!) : span.phase === 'demonstration' ? words.demo(product!) : words.push(product!);
    let t = span.start + 0.5;
    let i = 0;
    while (t < span.end - 2) {
      if (t >= deadAir.start && t < deadAir.end) break;
      const length = Math.min(uniform(rng, 3, 4.5), span.end - t - 0.5);
      // The first line of each phase is the one that names the product or the call to action.
      const text = i === 0 ? lines[0]! : pick(rng, lines);
      cues.push({ start: round3(t), end: round3(t + length), text, reliable: true });
      t += length + uniform(rng, 1, 3);
      i++;
    }
  }
  return cues;
}

function audience(
  phases: readonly { phase: ShowPhase; start: number; end: number; product?: string }[],
  deadAir: { start: number; end: number },
  duration: number,
  words: ScriptWords,
  order: readonly CatalogueProduct[],
  neverPresented: CatalogueProduct,
  rng: () => number,
  showIndex: number,
): { t: number; user: string; text: string }[] {
  const chat: { t: number; user: string; text: string }[] = [];
  const user = () => `viewer${intBetween(rng, 1, 400)}`;
  for (let t = 0; t < duration; t += uniform(rng, 1.5, 4)) {
    if (t >= deadAir.start && t < deadAir.end && rng() < 0.9) continue;
    const span = phases.find((p) => p.start <= t && t < p.end);
    const product = order.find((p) => p.name === span?.product);
    // Viewers react a few seconds behind the stream.
    const posted = round3(t + uniform(rng, 2, 6));
    if (posted >= duration) break;
    const text =
      product !== undefined && span?.phase === 'push' && rng() < 0.3 ? pick(rng, words.linkAsk)
      : product !== undefined && rng() < 0.25 ? pick(rng, words.productChat(product))
      : pick(rng, words.chatter);
    chat.push({ t: posted, user: user(), text });
  }
  // The question nobody answers: asked by three viewers in every show.
  for (let k = 0; k < 3; k++) chat.push({ t: round3(120 + 40 * k + showIndex), user: `asker${k}`, text: words.unanswered });
  // Now and then someone asks for the product that never comes on air.
  chat.push({ t: round3(duration / 2 + 7), user: 'fan1', text: words.productChat(neverPresented)[0]! });
  return chat.sort((a, b) => a.t - b.t);
}

interface Sale {
  readonly t: number;
  readonly product: string;
  readonly price: number;
}

/** Orders while a product is demonstrated (a few) and pushed (most), each a few seconds after the moment. */
function orders(phases: readonly { phase: ShowPhase; start: number; end: number; product?: string }[], order: readonly CatalogueProduct[], rng: () => number, showIndex: number): Sale[] {
  const sales: Sale[] = [];
  order.forEach((product, k) => {
    // The first product of the list sells best, and later shows sell more: a best show and a trend.
    const appetite = (k === 0 ? 1.8 : 1) * (1 + 0.15 * showIndex);
    const demo = phases.find((p) => p.phase === 'demonstration' && p.product === product.name)!;
    const push = phases.find((p) => p.phase === 'push' && p.product === product.name)!;
    const inDemo = Math.round(intBetween(rng, 2, 5) * appetite);
    const inPush = Math.round(intBetween(rng, 12, 24) * appetite);
    for (let i = 0; i < inDemo; i++) sales.push({ t: uniform(rng, demo.start + 10, demo.end), product: product.name, price: product.price });
    // Checkout takes a moment: push orders land up to 10 s after the host moves on.
    for (let i = 0; i < inPush; i++) sales.push({ t: uniform(rng, push.start + 5, push.end + 10), product: product.name, price: product.price });
  });
  return sales.sort((a, b) => a.t - b.t);
}

const METRICS_STEP_SECONDS = 5;

function metrics(duration: number, sales: readonly Sale[], deadAir: { start: number; end: number }, rng: () => number, showIndex: number): { csv: string; peakViewers: number } {
  // Every other show's export has the traffic columns (uv, views, product clicks).
  const traffic = showIndex % 2 === 1;
  const header = traffic ? 't,viewers,likes,orders,gmv,uv,views,product_clicks' : 't,viewers,likes,orders,gmv';
  const rows = [header];
  let viewers = 80 + 20 * showIndex;
  let likes = 0;
  let uv = viewers;
  let views = viewers;
  let clicks = 0;
  let peak = 0;
  for (let t = 0; t <= duration; t += METRICS_STEP_SECONDS) {
    if (t > 0) {
      const quiet = t > deadAir.start && t <= deadAir.end + 10;
      // The room fills through the first minutes, wobbles, and empties in dead air.
      const drift = quiet ? -0.06 : t < 300 ? 0.04 : uniform(rng, -0.015, 0.02);
      const next = Math.max(10, Math.round(viewers * (1 + drift)));
      const arrivals = Math.max(0, next - viewers) + intBetween(rng, 1, 4);
      uv += arrivals;
      views += arrivals + intBetween(rng, 0, 2);
      viewers = next;
      likes += intBetween(rng, 0, 12);
      clicks += intBetween(rng, 0, 3);
    }
    peak = Math.max(peak, viewers);
    const sold = sales.filter((s) => s.t <= t);
    const gmv = round2(sold.reduce((sum, s) => sum + s.price, 0));
    const cells = [t, viewers, likes, sold.length, gmv.toFixed(2)];
    if (traffic) cells.push(uv, views, clicks);
    rows.push(cells.join(','));
  }
  // Orders after the last reading belong to no row: the last row is at the show's end, so none are lost.
  return { csv: `${rows.join('\n')}\n`, peakViewers: peak };
}

function rotate<T>(items: readonly T[], by: number): T[] {
  const n = items.length;
  return items.map((_, i) => items[(i + by) % n]!);
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** Paths of one written show. */
export interface WrittenShow {
  readonly dir: string;
  readonly captions: string;
  readonly chat: string;
  readonly metrics: string;
  readonly products: string;
  readonly recording?: string;
  readonly truth: ShowTruth;
}

/**
 * Writes each show's side inputs (and, with `recording`, a small video whose audio is a tone under every caption
 * and silence elsewhere) to `<outDir>/<showId>/`.
 */
export async function writeChannel(outDir: string, shows: readonly PlannedShow[], options: { readonly recording?: boolean } = {}): Promise<WrittenShow[]> {
  const written: WrittenShow[] = [];
  for (const show of shows) {
    const dir = join(outDir, show.truth.showId);
    await mkdir(dir, { recursive: true });
    const paths = { captions: join(dir, 'captions.srt'), chat: join(dir, 'chat.jsonl'), metrics: join(dir, 'metrics.csv'), products: join(dir, 'products.json') };
    await writeFile(paths.captions, formatSrt(show.captions));
    await writeFile(paths.chat, show.chat.map((line) => JSON.stringify(line)).join('\n') + '\n');
    await writeFile(paths.metrics, show.metricsCsv);
    await writeFile(paths.products, `${JSON.stringify(show.products, null, 2)}\n`);
    await writeFile(join(dir, 'truth.json'), `${JSON.stringify(show.truth, null, 2)}\n`);
    const recording = options.recording ? await renderRecording(dir, show) : undefined;
    written.push({ dir, ...paths, ...(recording ? { recording } : {}), truth: show.truth });
  }
  return written;
}

const SAMPLE_RATE = 16_000;

/** 160×90 grey video with a 16 kHz tone under each caption: the audio stage hears speech exactly where the captions are. */
async function renderRecording(dir: string, show: PlannedShow): Promise<string> {
  const samples = new Int16Array(Math.ceil(show.truth.durationSeconds * SAMPLE_RATE));
  for (const cue of show.captions) {
    const from = Math.floor(cue.start * SAMPLE_RATE);
    const to = Math.min(samples.length, Math.floor(cue.end * SAMPLE_RATE));
    for (let i = from; i < to; i++) samples[i] = Math.round(6000 * Math.sin((2 * Math.PI * 220 * i) / SAMPLE_RATE) * (0.6 + 0.4 * Math.sin((2 * Math.PI * 3 * i) / SAMPLE_RATE)));
  }
  const pcm = join(dir, 'audio.s16le');
  await writeFile(pcm, Buffer.from(samples.buffer));
  const out = join(dir, 'recording.mp4');
  await execFileAsync('ffmpeg', [
    '-hide_banner', '-loglevel', 'error', '-y',
    '-f', 'lavfi', '-i', `color=c=gray:s=160x90:r=10:d=${show.truth.durationSeconds}`,
    '-f', 's16le', '-ar', String(SAMPLE_RATE), '-ac', '1', '-i', pcm,
    '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '50', '-c:a', 'aac', '-b:a', '48k', '-shortest',
    '-map_metadata', '-1', '-fflags', '+bitexact', out,
  ]);
  return out;
}
