import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../scripts/prng.js';
import { DEFAULT_HIGHLIGHT_CONFIG, SIGNAL_NAMES, resolveHighlightConfig } from '../../shared/core/highlights/config.js';
import type { HighlightInputs } from '../../shared/core/highlights/highlightInputs.js';
import { buildSignalSet, buildSignals, secondsIn, softClamp } from '../../shared/core/highlights/signals.js';
import type { SentimentScore, SignalName } from '../../shared/core/types.js';
import { DEFAULT_CHAT_LAG_SECONDS } from '../../shared/core/chat/chatLag.js';
import { posted, said } from '../helpers/streamClock.js';

const NEUTRAL: SentimentScore = { score: 0, hits: 0 };
const config = DEFAULT_HIGHLIGHT_CONFIG;

/** A 10-minute show with noisy speech loudness and nothing else; tests add what they need. */
function quietShow(seed = 1, duration = 600): HighlightInputs {
  const random = mulberry32(seed);
  const n = Math.ceil(duration);
  return {
    showId: 'signals',
    duration,
    audio: {
      duration,
      loudness: Array.from({ length: n }, () => -23 + (random() - 0.5) * 4),
      silences: [],
      integratedLufs: -23,
    },
    segments: [],
    chat: [],
    supportEvents: [],
    metrics: [],
    mentions: [],
    ctaMentions: [],
    sceneChanges: [],
  };
}

/** Steady background chat (one message every 2 s) plus optional bursts, as posted. */
function chatWith(bursts: readonly { at: number; count: number; score?: number }[], duration = 600) {
  const chat = [];
  for (let t = 0.5; t < duration; t += 2) chat.push({ t, user: `bg${Math.round(t) % 97}`, text: 'ok', kind: 'message' as const, sentiment: NEUTRAL });
  for (const burst of bursts) {
    for (let k = 0; k < burst.count; k++) {
      const sentiment = burst.score === undefined ? NEUTRAL : { score: burst.score, hits: 2 };
      chat.push({ t: burst.at + (k * 8) / burst.count, user: `f${k}`, text: 'amazing', kind: 'message' as const, sentiment });
    }
  }
  return chat.sort((a, b) => a.t - b.t);
}

const seriesOf = (inputs: HighlightInputs, name: SignalName, cfg = config) =>
  buildSignals(inputs, cfg).find((s) => s.name === name)?.values ?? [];
const argmax = (values: readonly number[]) => values.reduce((best, v, i) => (v > (values[best] ?? -Infinity) ? i : best), 0);

describe('buildSignals', () => {
  it('returns one series per signal, each one value per second, within [0, ceiling)', () => {
    const inputs = { ...quietShow(1, 600.4), chat: posted(chatWith([{ at: 300, count: 40, score: 0.8 }])) };
    const series = buildSignals(inputs, config);
    expect(series.map((s) => s.name)).toEqual(SIGNAL_NAMES);
    for (const s of series) {
      expect(s.values).toHaveLength(601);
      for (const v of s.values) {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThan(config.signalCeiling);
      }
    }
    expect(secondsIn(0)).toBe(0);
    expect(secondsIn(Number.NaN)).toBe(0);
    expect(buildSignals({ ...inputs, duration: 0 }, config).every((s) => s.values.length === 0)).toBe(true);
  });

  it('turns a chat burst into a chat-rate peak at the moment it reacts to', () => {
    // Burst typed during [300, 308); with a 4 s lag the moment it reacts to is around 296-304.
    const inputs = { ...quietShow(), chat: posted(chatWith([{ at: 300, count: 40, score: 0.8 }])) };
    const rate = seriesOf(inputs, 'chatRate');
    const peak = argmax(rate);
    expect(peak).toBeGreaterThanOrEqual(300 - DEFAULT_CHAT_LAG_SECONDS - 5);
    expect(peak).toBeLessThanOrEqual(308 - DEFAULT_CHAT_LAG_SECONDS + 5);
    expect(rate[peak]).toBeGreaterThanOrEqual(config.thresholds.chatRate);
    expect(Math.max(...rate.slice(0, 250))).toBeLessThan(config.thresholds.chatRate);
    expect(Math.max(...seriesOf(inputs, 'chatSentiment').slice(290, 310))).toBeGreaterThanOrEqual(config.thresholds.chatSentiment);

    const lagged = seriesOf({ ...inputs, chat: posted(chatWith([{ at: 300, count: 40 }]), 14) }, 'chatRate');
    const noLag = seriesOf({ ...inputs, chat: posted(chatWith([{ at: 300, count: 40 }]), 0) }, 'chatRate');
    expect(argmax(noLag) - argmax(lagged)).toBe(14);
  });

  it('explains the chat peak with message counts', () => {
    const inputs = { ...quietShow(), chat: posted(chatWith([{ at: 300, count: 40 }])) };
    const { series, evidence } = buildSignalSet(inputs, config);
    const peak = argmax(series.find((s) => s.name === 'chatRate')?.values ?? []);
    expect(evidence.chatCount[peak]).toBeGreaterThanOrEqual(40);
    expect(evidence.chatBaseline[peak]).toBe(5);
  });

  it('scores loudness against the show itself: a quiet and a loud show give the same excitement', () => {
    const base = quietShow(3);
    const loudness = base.audio.loudness.map((v, i) => (i >= 200 && i < 206 ? v + 8 : v));
    const loudShow = { ...base, audio: { ...base.audio, loudness } };
    const quieter = { ...base, audio: { ...base.audio, loudness: loudness.map((v) => v - 15), integratedLufs: -38 } };
    const a = seriesOf(loudShow, 'loudness');
    const b = seriesOf(quieter, 'loudness');
    a.forEach((v, i) => expect(b[i]).toBeCloseTo(v, 9));
    expect(argmax(a)).toBeGreaterThanOrEqual(199);
    expect(argmax(a)).toBeLessThanOrEqual(206);
    expect(Math.max(...a)).toBeGreaterThanOrEqual(config.thresholds.loudness);
    expect(Math.max(...a.slice(0, 150))).toBeLessThan(config.thresholds.loudness);
  });

  it('does not mistake speech after a long silence for excitement', () => {
    const base = quietShow(4);
    const loudness = base.audio.loudness.map((v, i) => (i >= 200 && i < 330 ? -70 : v));
    const values = seriesOf({ ...base, audio: { ...base.audio, loudness, silences: [{ start: 200, end: 330 }] } }, 'loudness');
    expect(Math.max(...values)).toBeLessThan(config.thresholds.loudness);
  });

  it('reads jumps in orders and viewers, and gives zeros when metrics are missing', () => {
    const base = quietShow();
    expect(seriesOf(base, 'orders').every((v) => v === 0)).toBe(true);
    expect(seriesOf(base, 'viewers').every((v) => v === 0)).toBe(true);

    const random = mulberry32(5);
    let orders = 0;
    const metrics = [];
    for (let t = 0; t < 600; t += 10) {
      orders += Math.floor(random() * 3) + (t === 300 ? 30 : 0);
      metrics.push({ t, viewers: 1000 + Math.round((random() - 0.5) * 20), orders });
    }
    const inputs = { ...base, metrics };
    const { series, evidence } = buildSignalSet(inputs, config);
    const ordersZ = series.find((s) => s.name === 'orders')?.values ?? [];
    const peak = argmax(ordersZ);
    expect(Math.abs(peak - 300)).toBeLessThanOrEqual(config.metricsHorizonSeconds / 2);
    expect(ordersZ[peak]).toBeGreaterThanOrEqual(config.thresholds.orders);
    expect(evidence.ordersDelta[peak]).toBeGreaterThanOrEqual(30);
    expect(Math.max(...(series.find((s) => s.name === 'viewers')?.values ?? []))).toBeLessThan(config.thresholds.viewers);
  });

  it('counts product and call-to-action mentions, ignoring pre-stream chat', () => {
    const base = quietShow();
    const mentions = [
      ...said([100, 350, 500].map((t) => ({ t, product: 'Glow Serum', matched: 'serum', source: 'speech' as const }))),
      ...said([400, 402, 405].map((t) => ({ t, product: 'Glow Serum', matched: 'glow serum', source: 'speech' as const }))),
      ...posted([{ t: -30, product: 'Glow Serum', matched: 'serum', source: 'chat' as const }]),
    ];
    const ctaMentions = [401, 404, 407].map((t) => ({ t, term: 'link' }));
    const { series, evidence } = buildSignalSet({ ...base, mentions, ctaMentions }, config);
    const values = series.find((s) => s.name === 'mentions')?.values ?? [];
    const peak = argmax(values);
    expect(peak).toBeGreaterThanOrEqual(395);
    expect(peak).toBeLessThanOrEqual(410);
    expect(values[peak]).toBeGreaterThanOrEqual(config.thresholds.mentions);
    expect(evidence.productMentions[peak]).toBe(3);
    expect(evidence.ctaMentions[peak]).toBe(3);
    expect(values[0]).toBe(0);
  });

  it('fires speech sentiment on a clearly emotional sentence but not on a mild one', () => {
    const base = quietShow();
    const segments = [
      { start: 100, end: 104, text: 'nice', sentiment: { score: 0.3, hits: 1 } },
      { start: 300, end: 305, text: 'I absolutely love this', sentiment: { score: 0.9, hits: 2 } },
    ];
    const values = seriesOf({ ...base, segments }, 'speechSentiment');
    expect(Math.max(...values.slice(295, 310))).toBeGreaterThanOrEqual(config.thresholds.speechSentiment);
    expect(Math.max(...values.slice(95, 110))).toBeLessThan(config.thresholds.speechSentiment);
  });
});

describe('signals added for quality (speech rate, reactions, questions, scenes, spam damping)', () => {
  /** Steady speech: 2.5 words per second in 4-second sentences, with one fast stretch when asked. */
  function talk(fastFrom?: number): { start: number; end: number; text: string; sentiment: SentimentScore }[] {
    const segments = [];
    for (let t = 1; t < 595; t += 5) {
      const fast = fastFrom !== undefined && t >= fastFrom && t < fastFrom + 15;
      const words = fast ? 18 : 10;
      segments.push({ start: t, end: t + 4, text: Array.from({ length: words }, (_, k) => `word${k}`).join(' '), sentiment: NEUTRAL });
    }
    return segments;
  }

  it('fires speech rate where the host talks much faster than usual, in words or Chinese characters', () => {
    const values = seriesOf({ ...quietShow(), segments: talk(301) }, 'speechRate');
    expect(argmax(values)).toBeGreaterThanOrEqual(300);
    expect(argmax(values)).toBeLessThanOrEqual(316);
    expect(Math.max(...values.slice(295, 320))).toBeGreaterThanOrEqual(config.thresholds.speechRate);
    expect(Math.max(...values.slice(0, 280))).toBeLessThan(config.thresholds.speechRate);
    // Ten characters are ten units: a Chinese stretch read twice as fast fires the same way.
    const zh = talk().map((s) => ({ ...s, text: s.start >= 301 && s.start < 316 ? '这个价格真的太划算了大家快点抢购吧我们马上上链接啊' : '今天给大家介绍这款产品' }));
    expect(Math.max(...seriesOf({ ...quietShow(), segments: zh }, 'speechRate').slice(295, 320))).toBeGreaterThanOrEqual(config.thresholds.speechRate);
  });

  it('counts laughter and emotes as reactions and questions as questions, each apart from chat sentiment', () => {
    const base = quietShow();
    const burst = (at: number, texts: readonly string[]) =>
      Array.from({ length: 16 }, (_, k) => ({ t: at + k * 0.5, user: `v${k}`, text: texts[k % texts.length] ?? '', kind: 'message' as const, sentiment: { score: 0.6, hits: 1 } }));
    const chat = posted([...chatWith([]), ...burst(200, ['哈哈哈哈', '233333', 'LUL', 'lmao 😂']), ...burst(400, ['多少钱?', 'link?', '有链接吗'])].sort((a, b) => a.t - b.t));
    const inputs = { ...base, chat };
    const reactions = seriesOf(inputs, 'reactions');
    const questions = seriesOf(inputs, 'questions');
    expect(Math.max(...reactions.slice(190, 215))).toBeGreaterThanOrEqual(config.thresholds.reactions);
    expect(Math.max(...reactions.slice(390, 415))).toBeLessThan(config.thresholds.reactions);
    expect(Math.max(...questions.slice(390, 415))).toBeGreaterThanOrEqual(config.thresholds.questions);
    expect(Math.max(...questions.slice(190, 215))).toBeLessThan(config.thresholds.questions);
    // Their (positive) sentiment is not counted again as chat sentiment.
    expect(Math.max(...seriesOf(inputs, 'chatSentiment'))).toBeLessThan(config.thresholds.chatSentiment);
  });

  it('does not let one viewer spamming a line make a chat burst', () => {
    const base = quietShow();
    const spam = Array.from({ length: 40 }, (_, k) => ({ t: 300 + k * 0.2, user: 'spammer', text: 'buy buy buy', kind: 'message' as const, sentiment: NEUTRAL }));
    const crowd = spam.map((m, k) => ({ ...m, user: `fan${k}` }));
    const spammed = seriesOf({ ...base, chat: posted([...chatWith([]), ...spam].sort((a, b) => a.t - b.t)) }, 'chatRate');
    const crowded = seriesOf({ ...base, chat: posted([...chatWith([]), ...crowd].sort((a, b) => a.t - b.t)) }, 'chatRate');
    expect(Math.max(...spammed)).toBeLessThan(config.thresholds.chatRate);
    expect(Math.max(...crowded)).toBeGreaterThanOrEqual(config.thresholds.chatRate);
    const lenient = seriesOf({ ...base, chat: posted([...chatWith([]), ...spam].sort((a, b) => a.t - b.t)) }, 'chatRate', resolveHighlightConfig({ maxMessagesPerViewer: 100 }));
    expect(Math.max(...lenient)).toBeGreaterThanOrEqual(config.thresholds.chatRate);
  });

  it('turns clustered scene cuts into a scene signal, and a show without video into zeros', () => {
    const base = quietShow();
    const values = seriesOf({ ...base, sceneChanges: [120, 400, 404, 409] }, 'scenes');
    expect(argmax(values)).toBeGreaterThanOrEqual(395);
    expect(argmax(values)).toBeLessThanOrEqual(415);
    expect(Math.max(...values.slice(395, 415))).toBeGreaterThanOrEqual(config.thresholds.scenes);
    expect(seriesOf(base, 'scenes').every((v) => v === 0)).toBe(true);
  });
});

describe('softClamp', () => {
  it('is the identity up to half the ceiling, then rises slowly and stays below the ceiling', () => {
    expect(softClamp(-3, 10)).toBe(0);
    expect(softClamp(Number.NaN, 10)).toBe(0);
    expect(softClamp(4.2, 10)).toBe(4.2);
    const big = [6, 10, 30, 100, 1000].map((v) => softClamp(v, 10));
    for (let i = 1; i < big.length; i++) expect(big[i]).toBeGreaterThan(big[i - 1] ?? Infinity);
    expect(Math.max(...big)).toBeLessThan(10);
    expect(softClamp(Infinity, 10)).toBe(10);
  });
});
