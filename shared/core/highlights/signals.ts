/**
 * Scoring half of the highlight detector: turns a show's raw inputs into one per-second series per
 * signal, each normalised against the show itself (so a quiet podcast and a shouting sale both work)
 * and soft-clamped to [0, signalCeiling). Deciding what is a highlight happens elsewhere (fuse, pickPeaks).
 */
import type {
  AudioAnalysis,
  ChatMessage,
  MetricsPoint,
  ProductMention,
  Segment,
  SentimentScore,
  SignalName,
  SignalSeries,
} from '../types.js';
import { isQuestion } from '../chat/isQuestion.js';
import { isReaction } from '../chat/isReaction.js';
import type { HighlightConfig } from './config.js';
import type { HighlightInputs } from './highlightInputs.js';
import type { OnStreamClock } from './streamClock.js';
import { SIGNAL_NAMES } from './config.js';
import { median, movingAverage, movingSum, quantile, robustSpread, rollingMedian, rollingQuantile } from './robustStats.js';

/**
 * Raw, human-scale numbers behind each normalised series, index-aligned with it (chat-derived arrays on the
 * stream's clock, like their inputs). Used to explain why a signal fired.
 */
export interface SignalEvidence {
  /** Smoothed loudness minus its rolling median baseline, LU. */
  readonly loudnessExcessLu: readonly number[];
  /** Chat messages in the chat window centred on the second. */
  readonly chatCount: readonly number[];
  /** Rolling median of `chatCount` (messages per chat window). */
  readonly chatBaseline: readonly number[];
  /** Positive / negative chat messages in the chat window. */
  readonly chatPositive: readonly number[];
  readonly chatNegative: readonly number[];
  /** Speech units (words; Chinese characters) per second, smoothed, and the show's rolling median of it. */
  readonly speechRate: readonly number[];
  readonly speechRateBaseline: readonly number[];
  /** Emote/laughter reactions and audience questions in the chat window (spam-damped). */
  readonly reactionCount: readonly number[];
  readonly questionCount: readonly number[];
  /** Paid messages / gifts and memberships in the chat window (raw counts, spam-damped). */
  readonly paidCount: readonly number[];
  readonly giftCount: readonly number[];
  /** Sum of paid-message amounts in the chat window, in `paidCurrency` (the show's most used currency; '' when none). */
  readonly paidAmount: readonly number[];
  readonly paidCurrency: string;
  /** Scene cuts in the scene window. */
  readonly sceneCuts: readonly number[];
  /** Signed sentiment score of the most intense speech segment covering the second (0 if none). */
  readonly speechScore: readonly number[];
  /** Rise of the step-interpolated viewers / orders series across the metrics horizon. */
  readonly viewersDelta: readonly number[];
  readonly ordersDelta: readonly number[];
  /** Product mentions / call-to-action hits in the mention window. */
  readonly productMentions: readonly number[];
  readonly ctaMentions: readonly number[];
}

/** The normalised series (one per SignalName, in SIGNAL_NAMES order) and the evidence behind them. */
export interface SignalSet {
  readonly series: readonly SignalSeries[];
  readonly evidence: SignalEvidence;
}

/** LUFS value the audio stage uses for silence. */
const SILENCE_LUFS = -70;
/**
 * Loudness below integrated − 20 LU is treated as "quiet" and raised to that gate, so long silences
 * cannot drag the rolling baseline down and make ordinary speech after a break look like a peak.
 */
const LOUDNESS_GATE_BELOW_INTEGRATED_LU = 20;
/** Smallest loudness spread, LU: below ~1 LU nobody hears a difference. */
const MIN_LOUDNESS_SPREAD_LU = 1;
/**
 * Smallest speech-rate spread, as a share of the show's median rate: captions and ASR segments give a
 * rate per sentence, and a show read at a steady pace would otherwise make a 5 % faster line an outlier.
 */
const MIN_SPEECH_RATE_SPREAD_SHARE = 0.08;
/** A second counts as spoken when a transcript segment covers at least this share of it. */
const SPOKEN_SHARE = 0.5;
/** Smallest scene-cut density spread, cuts per window. */
const MIN_SCENE_SPREAD = 0.75;
/** Smallest chat-count spread, messages per window, so a silent chat cannot make 2 messages a burst. */
const MIN_CHAT_SPREAD_MSGS = 1.5;
/** Chat count spread over the Poisson √baseline: real chat is burstier than Poisson. */
const CHAT_OVERDISPERSION = 1.5;
/** Most one event weighs for its amount (see supportSignal). */
const MAX_SUPPORT_WEIGHT = 3;
/** Weight of a free gift (bought with points earned by watching): a gesture, not spending. */
const FREE_GIFT_WEIGHT = 0.5;
/** Platform units of free gifts. */
const FREE_CURRENCIES: ReadonlySet<string> = new Set(['bilibili-silver']);
/** Positive reactions weigh more than negative ones: clips are picked for delight, not for rows. */
const POSITIVE_EMPHASIS = 1.5;
/** Smallest chat-sentiment spread, intensity units (≈ one clearly emotional message per window). */
const MIN_CHAT_SENTIMENT_SPREAD = 1;
/**
 * Smallest speech-sentiment spread, intensity units (scores are in [-1, 1]): with sparse lexicon hits
 * the measured spread is tiny, and one mildly positive sentence (0.3) must not read as a 4-sigma event;
 * with this floor a sentence needs a score of about +0.5 (or −0.75) to reach z = 3.
 */
const MIN_SPEECH_SENTIMENT_SPREAD = 0.25;
/** Smallest viewers-jump spread, as a share of the median audience (1 % of viewers). */
const MIN_VIEWERS_SPREAD_SHARE = 0.01;
/** Smallest orders-jump spread, orders. */
const MIN_ORDERS_SPREAD = 1;
/** Smallest mention-density spread, mentions per window. */
const MIN_MENTIONS_SPREAD = 1;

/** One normalised per-second series per SignalName, in SIGNAL_NAMES order, each of length ceil(duration). */
export function buildSignals(inputs: HighlightInputs, config: HighlightConfig): SignalSeries[] {
  return [...buildSignalSet(inputs, config).series];
}

/** Like `buildSignals`, plus the raw evidence used to explain fired signals. */
export function buildSignalSet(inputs: HighlightInputs, config: HighlightConfig): SignalSet {
  const n = secondsIn(inputs.duration);
  const clamp = (values: readonly number[]) => values.map((v) => softClamp(v, config.signalCeiling));

  const loudness = loudnessSignal(inputs.audio, n, config);
  const speechRate = speechRateSignal(inputs.segments, n, config);
  const speech = speechSentimentSignal(inputs.segments, n, config);
  const mentions = mentionSignal(inputs.mentions, inputs.ctaMentions, n, config);
  const chat = chatSignals(inputs.chat, n, config);
  const paid = supportSignal(
    inputs.supportEvents.filter((event) => event.kind === 'paid'),
    n,
    config,
    PAID_MESSAGES,
  );
  const gifts = supportSignal(
    inputs.supportEvents.filter((event) => event.kind === 'gift' || event.kind === 'member'),
    n,
    config,
    GIFTS,
  );
  const viewers = metricJumpSignal(inputs.metrics, 'viewers', n, config);
  const orders = metricJumpSignal(inputs.metrics, 'orders', n, config);
  const scenes = sceneSignal(inputs.sceneChanges, n, config);

  const byName: Record<SignalName, readonly number[]> = {
    loudness: loudness.z,
    speechRate: speechRate.z,
    speechSentiment: speech.z,
    mentions: mentions.z,
    chatRate: chat.rateZ,
    chatSentiment: chat.sentimentZ,
    reactions: chat.reactionsZ,
    questions: chat.questionsZ,
    paidMessages: paid.z,
    gifts: gifts.z,
    viewers: viewers.z,
    orders: orders.z,
    scenes: scenes.z,
  };
  return {
    series: SIGNAL_NAMES.map((name) => ({ name, values: clamp(byName[name]) })),
    evidence: {
      loudnessExcessLu: loudness.excess,
      speechRate: speechRate.rate,
      speechRateBaseline: speechRate.baseline,
      chatCount: chat.count,
      chatBaseline: chat.baseline,
      chatPositive: chat.positive,
      chatNegative: chat.negative,
      reactionCount: chat.reactions,
      questionCount: chat.questions,
      paidCount: paid.count,
      giftCount: gifts.count,
      paidAmount: paid.amount,
      paidCurrency: paid.currency,
      sceneCuts: scenes.cuts,
      speechScore: speech.score,
      viewersDelta: viewers.delta,
      ordersDelta: orders.delta,
      productMentions: mentions.products,
      ctaMentions: mentions.cta,
    },
  };
}

/** Number of whole-second slots covering `duration` seconds. */
export function secondsIn(duration: number): number {
  return Number.isFinite(duration) && duration > 0 ? Math.ceil(duration) : 0;
}

/** Loudness excitement: short-term loudness above a rolling median baseline, in robust spreads. */
function loudnessSignal(audio: AudioAnalysis, n: number, config: HighlightConfig) {
  const raw = Array.from({ length: n }, (_, i) => {
    const v = audio.loudness[i];
    return v !== undefined && Number.isFinite(v) ? v : SILENCE_LUFS;
  });
  const gate = loudnessGate(audio, raw);
  const smoothed = movingAverage(
    raw.map((v) => Math.max(v, gate)),
    config.smoothingSeconds,
  );
  // Quiet seconds are no measurement of the show's level: leave them out of the baseline, so speech
  // right after a long break is compared with speech, not with the silence before it.
  const audible = smoothed.map((v, i) => ((raw[i] ?? SILENCE_LUFS) > gate ? v : Number.NaN));
  const baseline = rollingMedian(audible, config.baselineWindowSeconds);
  const excess = smoothed.map((v, i) => {
    const b = baseline[i] ?? Number.NaN;
    return Number.isFinite(b) && (raw[i] ?? SILENCE_LUFS) > gate ? v - b : 0;
  });
  const spread = robustSpread(excess, MIN_LOUDNESS_SPREAD_LU, 0);
  return { excess, z: excess.map((e) => e / spread) };
}

function loudnessGate(audio: AudioAnalysis, raw: readonly number[]): number {
  if (Number.isFinite(audio.integratedLufs) && audio.integratedLufs > SILENCE_LUFS) {
    return audio.integratedLufs - LOUDNESS_GATE_BELOW_INTEGRATED_LU;
  }
  const audible = raw.filter((v) => v > SILENCE_LUFS + 10);
  return audible.length > 0 ? median(audible) - LOUDNESS_GATE_BELOW_INTEGRATED_LU : SILENCE_LUFS;
}

/**
 * Chat rate, chat sentiment, reactions and questions, on the stream's clock like their inputs; a viewer's
 * messages beyond `maxMessagesPerViewer` per chat window are spam and count for nothing.
 */
function chatSignals(
  chat: HighlightInputs['chat'],
  n: number,
  config: HighlightConfig,
) {
  const perSecond = new Array<number>(n).fill(0);
  const intensityPerSecond = new Array<number>(n).fill(0);
  const positivePerSecond = new Array<number>(n).fill(0);
  const negativePerSecond = new Array<number>(n).fill(0);
  const reactionsPerSecond = new Array<number>(n).fill(0);
  const questionsPerSecond = new Array<number>(n).fill(0);
  const counted = countedMessages(chat, config);
  chat.forEach((message, index) => {
    const i = streamSecond(message, n);
    if (counted[index] !== 1 || i === undefined) return;
    perSecond[i] = (perSecond[i] ?? 0) + 1;
    // Each line feeds one of reactions, questions or sentiment, so those signals are separate evidence:
    // laughter is positive by nature, and counting it again as sentiment would let one burst corroborate itself.
    if (isQuestion(message.text)) {
      questionsPerSecond[i] = (questionsPerSecond[i] ?? 0) + 1;
      return;
    }
    if (isReaction(message.text)) {
      reactionsPerSecond[i] = (reactionsPerSecond[i] ?? 0) + 1;
      return;
    }
    const intensity = sentimentIntensity(message.sentiment);
    if (intensity > 0) {
      intensityPerSecond[i] = (intensityPerSecond[i] ?? 0) + intensity;
      if (message.sentiment.score > 0) positivePerSecond[i] = (positivePerSecond[i] ?? 0) + 1;
      else negativePerSecond[i] = (negativePerSecond[i] ?? 0) + 1;
    }
  });
  const window = config.chatWindowSeconds;
  const count = movingSum(perSecond, window);
  const rate = countBurst(count, config);
  const reactions = movingSum(reactionsPerSecond, window);
  const questions = movingSum(questionsPerSecond, window);

  const intensity = movingSum(intensityPerSecond, window);
  const intensityBaseline = rollingMedian(intensity, config.baselineWindowSeconds);
  const intensityExcess = intensity.map((v, i) => v - (intensityBaseline[i] ?? 0));
  const intensitySpread = robustSpread(intensityExcess, MIN_CHAT_SENTIMENT_SPREAD, 0);
  return {
    count,
    baseline: rate.baseline,
    rateZ: rate.z,
    positive: movingSum(positivePerSecond, window),
    negative: movingSum(negativePerSecond, window),
    sentimentZ: intensityExcess.map((v) => v / intensitySpread),
    reactions,
    reactionsZ: countBurst(reactions, config).z,
    questions,
    questionsZ: countBurst(questions, config).z,
  };
}

/**
 * Robust z of a windowed event count against its rolling low quantile. Counts are roughly Poisson with
 * some overdispersion, so the spread is modelled as CHAT_OVERDISPERSION·√baseline rather than measured:
 * a window's MAD is inflated by the very bursts we look for whenever they are frequent.
 */
function countBurst(count: readonly number[], config: HighlightConfig, minSpread = MIN_CHAT_SPREAD_MSGS) {
  const baseline = rollingQuantile(count, config.baselineWindowSeconds, config.baselineQuantile);
  const z = count.map((c, i) => {
    const b = baseline[i] ?? 0;
    const spread = Math.max(CHAT_OVERDISPERSION * Math.sqrt(b), minSpread);
    return (c - b) / spread;
  });
  return { baseline, z };
}

/** How one kind of audience spending is counted. */
interface SupportModel {
  /** Whether an amount far above the show's usual counts extra (see supportWeight). */
  readonly weighByAmount: boolean;
  /** Smallest spread of the windowed count, supporters per window. */
  readonly minSpread: number;
}

/**
 * Paid messages: priced in a narrow band (a bilibili Super Chat costs 30-2,000 CNY), so one far above the show's
 * usual is telling, and money is rare enough that three supporters in a quiet window reach z = 3.
 */
const PAID_MESSAGES: SupportModel = { weighByAmount: true, minSpread: 1 };
/**
 * Gifts and memberships: prices span four orders of magnitude by design (a 0.1 CNY 辣条 to a 1,245 CNY ship), so
 * the median says nothing about "usual" and only supporters are counted; gifts also trickle in all show long,
 * so the spread floor is chat's (five gifting viewers in a quiet window reach z = 3).
 */
const GIFTS: SupportModel = { weighByAmount: false, minSpread: MIN_CHAT_SPREAD_MSGS };

/**
 * Audience spending (paid messages, or gifts and memberships): supporters per chat window, on the stream's clock
 * like chat (a Super Chat is typed too), against the show's rolling quiet level. Each event weighs 1;
 * where the model says so, more when its amount is far above the show's usual in that currency
 * (1 + log2(amount / median), at most MAX_SUPPORT_WEIGHT: one ¥1,000 Super Chat among ¥30 ones counts like three
 * supporters); free gifts weigh FREE_GIFT_WEIGHT; and a viewer counts at most `maxMessagesPerViewer` times per
 * window, so a combo of fifty 辣条 from one fan is one fan, not fifty.
 */
function supportSignal(events: HighlightInputs['supportEvents'], n: number, config: HighlightConfig, model: SupportModel) {
  const weightPerSecond = new Array<number>(n).fill(0);
  const countPerSecond = new Array<number>(n).fill(0);
  const amountPerSecond = new Array<number>(n).fill(0);
  const currency = mostUsedCurrency(events);
  const medians = model.weighByAmount ? medianAmountByCurrency(events) : new Map<string, number>();
  const counted = countedMessages(events, config);
  events.forEach((event, index) => {
    const i = streamSecond(event, n);
    if (counted[index] !== 1 || i === undefined) return;
    weightPerSecond[i] = (weightPerSecond[i] ?? 0) + supportWeight(event, medians);
    countPerSecond[i] = (countPerSecond[i] ?? 0) + 1;
    if (event.currency === currency && event.amount !== undefined) amountPerSecond[i] = (amountPerSecond[i] ?? 0) + event.amount;
  });
  const window = config.chatWindowSeconds;
  return {
    count: movingSum(countPerSecond, window),
    amount: movingSum(amountPerSecond, window),
    currency: currency ?? '',
    z: countBurst(movingSum(weightPerSecond, window), config, model.minSpread).z,
  };
}

function supportWeight(event: ChatMessage, medians: ReadonlyMap<string, number>): number {
  if (event.currency !== undefined && FREE_CURRENCIES.has(event.currency)) return FREE_GIFT_WEIGHT;
  const usual = event.currency === undefined ? undefined : medians.get(event.currency);
  if (event.amount === undefined || usual === undefined || !(usual > 0) || event.amount <= usual) return 1;
  return Math.min(MAX_SUPPORT_WEIGHT, 1 + Math.log2(event.amount / usual));
}

function medianAmountByCurrency(events: readonly ChatMessage[]): Map<string, number> {
  const amounts = new Map<string, number[]>();
  for (const event of events) {
    if (event.currency === undefined || event.amount === undefined || !(event.amount > 0)) continue;
    const list = amounts.get(event.currency) ?? [];
    list.push(event.amount);
    amounts.set(event.currency, list);
  }
  return new Map([...amounts].map(([currency, list]) => [currency, median(list)]));
}

/** The currency most events with an amount are in (ties: first seen); undefined when none has one. */
function mostUsedCurrency(events: readonly ChatMessage[]): string | undefined {
  const counts = new Map<string, number>();
  for (const event of events) {
    if (event.currency !== undefined && event.amount !== undefined && !FREE_CURRENCIES.has(event.currency)) {
      counts.set(event.currency, (counts.get(event.currency) ?? 0) + 1);
    }
  }
  let best: string | undefined;
  for (const [currency, count] of counts) if (best === undefined || count > (counts.get(best) ?? 0)) best = currency;
  return best;
}

/**
 * 1 for each message that counts, 0 for spam: within any chat window a viewer counts at most
 * `maxMessagesPerViewer` times, judged by when they posted. Messages without a user name always count
 * (nothing to group them by).
 */
function countedMessages(chat: readonly OnStreamClock<ChatMessage>[], config: HighlightConfig): Uint8Array {
  const counted = new Uint8Array(chat.length);
  const order = chat.map((_, i) => i).sort((a, b) => (chat[a]?.postedAt ?? 0) - (chat[b]?.postedAt ?? 0) || a - b);
  const recent = new Map<string, number[]>();
  for (const index of order) {
    const message = chat[index];
    if (message === undefined) continue;
    const user = message.user.trim();
    if (user.length === 0) {
      counted[index] = 1;
      continue;
    }
    const times = recent.get(user) ?? [];
    while (times.length > 0 && message.postedAt - (times[0] ?? 0) >= config.chatWindowSeconds) times.shift();
    if (times.length < config.maxMessagesPerViewer) {
      times.push(message.postedAt);
      counted[index] = 1;
    }
    recent.set(user, times);
  }
  return counted;
}

/** Emotional intensity of one text: |score|, positive emphasised, 0 when no lexicon evidence. */
function sentimentIntensity(sentiment: SentimentScore): number {
  if (sentiment.hits <= 0 || !Number.isFinite(sentiment.score)) return 0;
  const magnitude = Math.min(1, Math.abs(sentiment.score));
  return sentiment.score > 0 ? magnitude * POSITIVE_EMPHASIS : magnitude;
}

/** Speech sentiment intensity per second (most intense segment covering it), smoothed and normalised per show. */
function speechSentimentSignal(
  segments: readonly (Segment & { readonly sentiment: SentimentScore })[],
  n: number,
  config: HighlightConfig,
) {
  const intensity = new Array<number>(n).fill(0);
  const score = new Array<number>(n).fill(0);
  for (const segment of segments) {
    const value = sentimentIntensity(segment.sentiment);
    if (value <= 0) continue;
    const from = Math.max(0, Math.floor(segment.start));
    const to = Math.min(n, Math.max(from + 1, Math.ceil(segment.end)));
    for (let i = from; i < to; i++) {
      if (value > (intensity[i] ?? 0)) {
        intensity[i] = value;
        score[i] = segment.sentiment.score;
      }
    }
  }
  const smoothed = movingAverage(intensity, config.smoothingSeconds);
  const center = median(smoothed);
  const spread = robustSpread(smoothed, MIN_SPEECH_SENTIMENT_SPREAD, center);
  return { score, z: smoothed.map((v) => (v - center) / spread) };
}

/**
 * Speech rate: words (English) or characters (Chinese) per second of speech, from each transcript segment's
 * text over its duration, smoothed over the spoken seconds and compared with the show's rolling median
 * pace. Only faster-than-usual talk counts: hosts speed up when they get excited or count down a sale.
 */
function speechRateSignal(segments: readonly Segment[], n: number, config: HighlightConfig) {
  const units = new Float64Array(n);
  const covered = new Float64Array(n);
  for (const segment of segments) {
    const length = segment.end - segment.start;
    const count = speechUnits(segment.text);
    if (!(length > 0) || count === 0) continue;
    const pace = count / length;
    const from = Math.max(0, Math.floor(segment.start));
    const to = Math.min(n, Math.ceil(segment.end));
    for (let i = from; i < to; i++) {
      const overlap = Math.min(i + 1, segment.end) - Math.max(i, segment.start);
      if (overlap <= 0) continue;
      units[i] = (units[i] ?? 0) + pace * overlap;
      covered[i] = (covered[i] ?? 0) + overlap;
    }
  }
  const spokenSum = new Array<number>(n);
  const spokenCount = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const spoken = (covered[i] ?? 0) >= SPOKEN_SHARE;
    spokenSum[i] = spoken ? (units[i] ?? 0) / (covered[i] ?? 1) : 0;
    spokenCount[i] = spoken ? 1 : 0;
  }
  const sums = movingSum(spokenSum, config.smoothingSeconds);
  const counts = movingSum(spokenCount, config.smoothingSeconds);
  const rate = sums.map((sum, i) => (spokenCount[i] === 1 && (counts[i] ?? 0) > 0 ? sum / (counts[i] ?? 1) : Number.NaN));
  const baseline = rollingMedian(rate, config.baselineWindowSeconds);
  const excess = rate.map((r, i) => (Number.isFinite(r) && Number.isFinite(baseline[i]) ? r - (baseline[i] ?? 0) : 0));
  const spoken = rate.filter(Number.isFinite);
  const spread = robustSpread(
    excess.filter((_, i) => Number.isFinite(rate[i])),
    Math.max(1e-6, MIN_SPEECH_RATE_SPREAD_SHARE * median(spoken)),
    0,
  );
  return {
    rate: rate.map((r) => (Number.isFinite(r) ? r : 0)),
    baseline: baseline.map((b) => (Number.isFinite(b) ? b : 0)),
    z: excess.map((e) => e / spread),
  };
}

/** Latin words plus Han characters: one unit is roughly one syllable-ish chunk of speech in either language. */
function speechUnits(text: string): number {
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  const words = text.replace(/\p{Script=Han}/gu, ' ').match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu)?.length ?? 0;
  return han + words;
}

/**
 * Scene cuts (from keyframes) per scene window against the show's low quantile: a cut to a close-up or a
 * new set is weak evidence on its own (directors also cut for routine reasons), so it weighs little.
 */
function sceneSignal(sceneChanges: readonly number[], n: number, config: HighlightConfig) {
  const perSecond = new Array<number>(n).fill(0);
  for (const t of sceneChanges) {
    const i = secondIndex(t, n);
    if (i !== undefined) perSecond[i] = (perSecond[i] ?? 0) + 1;
  }
  const cuts = movingSum(perSecond, config.sceneWindowSeconds);
  const center = quantile(cuts, config.baselineQuantile);
  const spread = robustSpread(cuts, MIN_SCENE_SPREAD, center);
  return { cuts, z: cuts.map((c) => (c - center) / spread) };
}

/**
 * Jumps of a metric: the rise of its step-interpolated series across the metrics horizon, centred on
 * the second, robust-z normalised against the whole show. Missing metric -> all zeros.
 */
function metricJumpSignal(metrics: readonly MetricsPoint[], metric: 'viewers' | 'orders', n: number, config: HighlightConfig) {
  const zeros = () => new Array<number>(n).fill(0);
  const level = stepInterpolate(metrics, metric, n);
  if (level === undefined) return { delta: zeros(), z: zeros() };
  const horizon = Math.max(1, Math.round(config.metricsHorizonSeconds));
  const back = Math.floor(horizon / 2);
  const ahead = horizon - back;
  const rise = level.map((_, i) => (level[Math.min(n - 1, i + ahead)] ?? 0) - (level[Math.max(0, i - back)] ?? 0));
  const delta = rise.map((r) => Math.max(0, r));
  let center: number;
  let spread: number;
  if (metric === 'viewers') {
    // Viewer counts wander both ways; the signed rise's own median and MAD describe that noise.
    center = median(rise);
    spread = robustSpread(rise, Math.max(1, MIN_VIEWERS_SPREAD_SHARE * Math.abs(median(level))), center);
  } else {
    // Orders are counts that only grow. Their quiet level is a low quantile (with a product push
    // every few minutes most of a short show can be "rising"), and their noise is Poisson.
    center = quantile(rise, config.baselineQuantile);
    spread = Math.max(MIN_ORDERS_SPREAD, Math.sqrt(Math.max(center, 0) + 1));
  }
  return { delta, z: rise.map((r) => (r - center) / spread) };
}

/** Per-second level of a metric: the last reported value at or before each second; undefined when never reported. */
function stepInterpolate(metrics: readonly MetricsPoint[], metric: 'viewers' | 'orders', n: number): number[] | undefined {
  const points = metrics
    .filter((p) => Number.isFinite(p.t) && p[metric] !== undefined && Number.isFinite(p[metric]))
    .map((p) => ({ t: p.t, value: p[metric] ?? 0 }))
    .sort((a, b) => a.t - b.t);
  const first = points[0];
  if (first === undefined) return undefined;
  const level = new Array<number>(n);
  let next = 0;
  // Before the first report the first value holds, so the series does not "jump" from zero.
  let current = first.value;
  for (let i = 0; i < n; i++) {
    while (next < points.length && (points[next]?.t ?? Infinity) < i + 1) {
      current = points[next]?.value ?? current;
      next++;
    }
    level[i] = current;
  }
  return level;
}

/** Density of product mentions (speech and chat) plus call-to-action hits, normalised per show. */
function mentionSignal(
  mentions: HighlightInputs['mentions'],
  ctaMentions: readonly { readonly t: number }[],
  n: number,
  config: HighlightConfig,
) {
  const productsPerSecond = new Array<number>(n).fill(0);
  const ctaPerSecond = new Array<number>(n).fill(0);
  for (const mention of mentions) {
    const i = streamSecond(mention, n);
    if (i !== undefined) productsPerSecond[i] = (productsPerSecond[i] ?? 0) + 1;
  }
  for (const hit of ctaMentions) {
    const i = secondIndex(hit.t, n);
    if (i !== undefined) ctaPerSecond[i] = (ctaPerSecond[i] ?? 0) + 1;
  }
  const products = movingSum(productsPerSecond, config.mentionWindowSeconds);
  const cta = movingSum(ctaPerSecond, config.mentionWindowSeconds);
  const density = products.map((p, i) => p + (cta[i] ?? 0));
  const center = quantile(density, config.baselineQuantile);
  const spread = robustSpread(density, MIN_MENTIONS_SPREAD, center);
  return { products, cta, z: density.map((d) => (d - center) / spread) };
}

/** Second index of time t, or undefined outside the show. */
function secondIndex(t: number, n: number): number | undefined {
  if (!Number.isFinite(t)) return undefined;
  const i = Math.floor(t);
  return i >= 0 && i < n ? i : undefined;
}

/**
 * Second a chat-derived item counts for: undefined when it was posted before the stream started or after its
 * end; an item reacting to a moment before the first second (posted in the first seconds) counts for second 0.
 */
function streamSecond(item: { readonly t: number; readonly postedAt: number }, n: number): number | undefined {
  if (!Number.isFinite(item.postedAt) || item.postedAt < 0 || item.postedAt >= n) return undefined;
  return Math.max(0, Math.floor(item.t));
}

/**
 * Clamps a normalised value into [0, ceiling): linear up to half the ceiling (where every threshold
 * lives), then bent towards the ceiling by x / (1 + x), which has slope 1 at the knee and saturates
 * slowly. Unlike a hard clamp this keeps the order of big outliers (a 150-message burst still outranks
 * a 50-message one) while no single signal can drown the others.
 */
export function softClamp(value: number, ceiling: number): number {
  if (Number.isNaN(value) || value <= 0) return 0;
  const knee = ceiling / 2;
  if (value <= knee) return value;
  if (value === Infinity) return ceiling;
  const x = (value - knee) / (ceiling - knee);
  return knee + (ceiling - knee) * (x / (1 + x));
}
