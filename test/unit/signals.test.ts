import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../scripts/prng.js';
import { DEFAULT_HIGHLIGHT_CONFIG, SIGNAL_NAMES, resolveHighlightConfig } from '../../shared/core/highlights/config.js';
import type { HighlightInputs } from '../../shared/core/highlights/highlightInputs.js';
import { buildSignalSet, buildSignals, secondsIn, softClamp } from '../../shared/core/highlights/signals.js';
import type { SentimentScore, SignalName } from '../../shared/core/types.js';

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
    metrics: [],
    mentions: [],
    ctaMentions: [],
  };
}

/** Steady background chat (one message every 2 s) plus optional bursts. */
function chatWith(bursts: readonly { at: number; count: number; score?: number }[], duration = 600) {
  const chat = [];
  for (let t = 0.5; t < duration; t += 2) chat.push({ t, user: 'bg', text: 'ok', kind: 'message' as const, sentiment: NEUTRAL });
  for (const burst of bursts) {
    for (let k = 0; k < burst.count; k++) {
      const sentiment = burst.score === undefined ? NEUTRAL : { score: burst.score, hits: 2 };
      chat.push({ t: burst.at + (k * 8) / burst.count, user: `f${k}`, text: 'wow', kind: 'message' as const, sentiment });
    }
  }
  return chat.sort((a, b) => a.t - b.t);
}

const seriesOf = (inputs: HighlightInputs, name: SignalName, cfg = config) =>
  buildSignals(inputs, cfg).find((s) => s.name === name)?.values ?? [];
const argmax = (values: readonly number[]) => values.reduce((best, v, i) => (v > (values[best] ?? -Infinity) ? i : best), 0);

describe('buildSignals', () => {
  it('returns one series per signal, each one value per second, within [0, ceiling)', () => {
    const inputs = { ...quietShow(1, 600.4), chat: chatWith([{ at: 300, count: 40, score: 0.8 }]) };
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

  it('turns a chat burst into a chat-rate peak, shifted back by the chat lag', () => {
    // Burst typed during [300, 308); with a 4 s lag the moment it reacts to is around 296-304.
    const inputs = { ...quietShow(), chat: chatWith([{ at: 300, count: 40, score: 0.8 }]) };
    const rate = seriesOf(inputs, 'chatRate');
    const peak = argmax(rate);
    expect(peak).toBeGreaterThanOrEqual(300 - config.chatLagSeconds - 5);
    expect(peak).toBeLessThanOrEqual(308 - config.chatLagSeconds + 5);
    expect(rate[peak]).toBeGreaterThanOrEqual(config.thresholds.chatRate);
    expect(Math.max(...rate.slice(0, 250))).toBeLessThan(config.thresholds.chatRate);
    expect(Math.max(...seriesOf(inputs, 'chatSentiment').slice(290, 310))).toBeGreaterThanOrEqual(config.thresholds.chatSentiment);

    const lagged = seriesOf(inputs, 'chatRate', resolveHighlightConfig({ chatLagSeconds: 14 }));
    const noLag = seriesOf(inputs, 'chatRate', resolveHighlightConfig({ chatLagSeconds: 0 }));
    expect(argmax(noLag) - argmax(lagged)).toBe(14);
  });

  it('explains the chat peak with message counts', () => {
    const inputs = { ...quietShow(), chat: chatWith([{ at: 300, count: 40 }]) };
    const { series, evidence } = buildSignalSet(inputs, config);
    const peak = argmax(series[1]?.values ?? []);
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
      ...[100, 350, 500].map((t) => ({ t, product: 'Glow Serum', matched: 'serum', source: 'speech' as const })),
      ...[400, 402, 405].map((t) => ({ t, product: 'Glow Serum', matched: 'glow serum', source: 'speech' as const })),
      { t: -30, product: 'Glow Serum', matched: 'serum', source: 'chat' as const },
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
