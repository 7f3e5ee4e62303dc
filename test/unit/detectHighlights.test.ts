import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../scripts/prng.js';
import { DEFAULT_HIGHLIGHT_CONFIG, detectHighlights, resolveHighlightConfig } from '../../shared/core/highlights/index.js';
import type { HighlightInputs } from '../../shared/core/highlights/index.js';
import { clipBudget } from '../../shared/core/highlights/clipBudget.js';
import type { ChatMessage, MetricsPoint, ProductMention, Segment, SentimentScore, TimeRange } from '../../shared/core/types.js';
import { DEFAULT_CHAT_LAG_SECONDS } from '../../shared/core/chat/chatLag.js';
import { missingTestData, SHARED_DATA } from '../helpers/sharedData.js';
import { posted, said } from '../helpers/streamClock.js';

const NEUTRAL: SentimentScore = { score: 0, hits: 0 };
const WORDS = ['today', 'we', 'look', 'at', 'texture', 'colour', 'skin', 'bottle', 'morning', 'routine', 'light', 'fresh'];

interface ShowOptions {
  readonly seed: number;
  readonly duration: number;
  readonly chatPerSecond: number;
  /** Plant the moments below (off for a calm show). */
  readonly plant: boolean;
  /** Further moments where the host and the audience react together, each of strength 0..1. */
  readonly moments?: readonly { readonly t: number; readonly strength: number }[];
}

/** Planted moments of the synthetic 20-minute show, seconds. */
const LOUD_ONLY = 300;
const MULTI = 600;
const ORDER_SPIKE = 900;
const MENTION = 1080;

/** A synthetic show: noisy loudness, chatter, sentences, sparse metrics, and (optionally) planted moments. */
function syntheticShow(options: ShowOptions): HighlightInputs {
  const random = mulberry32(options.seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const n = Math.ceil(options.duration);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

  const loudness = Array.from({ length: n }, () => -23 + 1.5 * gauss());
  const silences: TimeRange[] = [];
  for (let t = 45; t < n - 5; t += 80 + Math.floor(random() * 40)) {
    silences.push({ start: t, end: t + 1.5 });
    loudness[t] = -70;
  }

  const segments: (Segment & { sentiment: SentimentScore })[] = [];
  for (let t = 0.5; t < n - 1; ) {
    const length = 3 + random() * 4;
    const end = Math.min(n, t + length);
    // A steady pace (2 words per second), so speech rate stays at its baseline unless a test plants otherwise.
    const text = Array.from({ length: Math.max(1, Math.round(length * 2)) }, () => pick(WORDS)).join(' ');
    const sentiment = random() < 0.15 ? { score: random() < 0.5 ? 0.3 : -0.3, hits: 1 } : NEUTRAL;
    // Reliable, like captions: the material tests below quote it and read products from it.
    segments.push({ start: t, end, text, sentiment, reliable: true });
    t = end + 0.3;
  }

  const chat: (ChatMessage & { sentiment: SentimentScore })[] = [];
  for (let t = -random() * 10; t < n; t += -Math.log(1 - random()) / options.chatPerSecond) {
    if (t < 0) continue;
    const sentiment = random() < 0.2 ? { score: random() < 0.6 ? 0.5 : -0.5, hits: 1 } : NEUTRAL;
    chat.push({ t, user: `u${Math.floor(random() * 200)}`, text: `${pick(WORDS)} ${pick(WORDS)}`, kind: 'message', sentiment });
  }

  const metrics: MetricsPoint[] = [];
  let orders = 0;
  for (let t = 0; t < n; t += 10) {
    orders += Math.floor(random() * 3);
    if (options.plant && t > ORDER_SPIKE && t <= ORDER_SPIKE + 20) orders += 20;
    metrics.push({ t, viewers: Math.round(1000 + 20 * gauss()), orders });
  }

  const mentions: ProductMention[] = [];
  for (let t = 100; t < n; t += 150 + Math.floor(random() * 60)) {
    mentions.push({ t, product: 'Glow Serum', matched: 'serum', source: 'speech' });
  }
  const ctaMentions: { t: number; term: string }[] = [];

  if (options.plant) {
    for (let i = 0; i < 5; i++) loudness[LOUD_ONLY + i] = -14 + gauss() * 0.3;
    for (let i = 0; i < 4; i++) loudness[MULTI + i] = -18 + gauss() * 0.3;
    for (let k = 0; k < 50; k++) {
      chat.push({ t: MULTI + 2 + random() * 8, user: `fan${k}`, text: 'wow amazing', kind: 'message', sentiment: { score: 0.8, hits: 2 } });
    }
    const moment = segments.find((s) => s.start <= MULTI && s.end > MULTI);
    if (moment !== undefined) segments[segments.indexOf(moment)] = { ...moment, text: 'this is the best serum ever', sentiment: { score: 0.9, hits: 2 } };
    for (const dt of [0, 3, 6, 10]) mentions.push({ t: MENTION + dt, product: 'Glow Serum', matched: 'glow serum', source: 'speech' });
    for (const dt of [2, 5, 8]) ctaMentions.push({ t: MENTION + dt, term: dt === 5 ? 'price' : 'link' });
  }
  for (const { t, strength } of options.moments ?? []) {
    // The host gets louder for a few seconds and says something vivid; viewers pile in over the next ten.
    for (let i = 0; i < 5; i++) loudness[t + i] = -23 + 1 + 4 * strength + gauss() * 0.3;
    const said = segments.find((s) => s.start <= t && s.end > t);
    if (said !== undefined) segments[segments.indexOf(said)] = { ...said, text: 'oh wow look at that', sentiment: { score: 0.6, hits: 2 } };
    const burst = Math.round(4 + 16 * strength);
    for (let k = 0; k < burst; k++) {
      chat.push({ t: t + 1 + random() * 9, user: `fan${t}-${k}`, text: 'wow amazing', kind: 'message', sentiment: { score: 0.8, hits: 2 } });
    }
  }
  chat.sort((a, b) => a.t - b.t);
  mentions.sort((a, b) => a.t - b.t);
  return {
    showId: `show-${options.seed}`,
    duration: options.duration,
    audio: { duration: options.duration, loudness, silences, integratedLufs: -23 },
    segments,
    chat: posted(chat),
    supportEvents: [],
    metrics,
    mentions: said(mentions),
    ctaMentions,
    sceneChanges: [],
  };
}

const covering = (highlights: ReturnType<typeof detectHighlights>, t: number) =>
  highlights.find((h) => h.start <= t && t <= h.end);

describe('detectHighlights', () => {
  const show = syntheticShow({ seed: 7, duration: 1200, chatPerSecond: 0.4, plant: true });
  // Most planted moments here fire one signal each, to test each signal's path: ask for no corroboration.
  const singleSignal = resolveHighlightConfig({ minFiredSignals: 1 });
  const highlights = detectHighlights(show, singleSignal);

  it('by default keeps only corroborated moments: the multi-signal one, not the loud, order or mention-only ones', () => {
    const corroborated = detectHighlights(show);
    expect(covering(corroborated, MULTI)?.signals.length).toBeGreaterThanOrEqual(DEFAULT_HIGHLIGHT_CONFIG.minFiredSignals);
    for (const t of [LOUD_ONLY, ORDER_SPIKE, MENTION]) expect(covering(corroborated, t)?.signals.map((x) => x.name).join(), `moment at ${t}s`).toBeUndefined();
    for (const h of corroborated) expect(h.signals.length).toBeGreaterThanOrEqual(DEFAULT_HIGHLIGHT_CONFIG.minFiredSignals);
  });

  it('finds every planted moment inside a chosen window', () => {
    // Act done above. Assess: each planted second lies inside some highlight.
    for (const t of [LOUD_ONLY, MULTI, ORDER_SPIKE, MENTION]) {
      expect(covering(highlights, t), `moment at ${t}s`).toBeDefined();
    }
    expect(covering(highlights, MULTI)?.signals.map((s) => s.name)).toEqual(expect.arrayContaining(['chatRate', 'loudness']));
    expect(covering(highlights, ORDER_SPIKE)?.signals.map((s) => s.name)).toContain('orders');
    expect(covering(highlights, MENTION)?.signals.map((s) => s.name)).toContain('mentions');
    expect(covering(highlights, MENTION)?.products).toContain('Glow Serum');
  });

  it('ranks a moment where several signals fire above a loud-but-empty one', () => {
    const loud = covering(highlights, LOUD_ONLY);
    const multi = covering(highlights, MULTI);
    // Only host-side signals fire there (speech pace is noise in this synthetic transcript); no audience signal does.
    expect(loud?.signals[0]?.name).toBe('loudness');
    expect(loud?.signals.map((s) => s.name)).not.toEqual(expect.arrayContaining(['chatRate']));
    expect(multi?.score).toBeGreaterThan(loud?.score ?? Infinity);
    expect(multi?.rank).toBeLessThan(loud?.rank ?? 0);
  });

  it('ranks by score, respects the clip limits and keeps windows apart', () => {
    expect(highlights.length).toBeLessThanOrEqual(clipBudget(show.duration, DEFAULT_HIGHLIGHT_CONFIG));
    highlights.forEach((h, i) => {
      expect(h.rank).toBe(i + 1);
      if (i > 0) expect(h.score).toBeLessThanOrEqual(highlights[i - 1]?.score ?? Infinity);
      expect(h.end - h.start).toBeGreaterThanOrEqual(DEFAULT_HIGHLIGHT_CONFIG.minClipSeconds - 0.01);
      expect(h.end - h.start).toBeLessThanOrEqual(DEFAULT_HIGHLIGHT_CONFIG.maxClipSeconds);
      expect(h.peak).toBeGreaterThanOrEqual(h.start);
      expect(h.peak).toBeLessThanOrEqual(h.end);
    });
    const sorted = [...highlights].sort((a, b) => a.start - b.start);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]?.start).toBeGreaterThanOrEqual(sorted[i - 1]?.end ?? 0);
  });

  it('lists at least one fired signal with a readable detail, and bounded transcript and chat', () => {
    expect(highlights.length).toBeGreaterThan(0);
    for (const h of highlights) {
      expect(h.signals.length).toBeGreaterThan(0);
      for (const s of h.signals) {
        expect(s.value).toBeGreaterThanOrEqual(s.threshold);
        expect(s.at).toBeGreaterThanOrEqual(Math.floor(h.start));
        expect(s.at).toBeLessThanOrEqual(Math.ceil(h.end));
        expect(s.detail.length).toBeGreaterThan(5);
      }
      expect(h.transcript.length).toBeLessThanOrEqual(20);
      expect(h.chat.length).toBeLessThanOrEqual(15);
    }
    const multi = covering(highlights, MULTI);
    expect(multi?.signals.find((s) => s.name === 'chatRate')?.detail).toMatch(/^chat rate z=\d+\.\d \(\d+ msgs in 10 s/);
    expect(multi?.signals.find((s) => s.name === 'loudness')?.detail).toMatch(/^loudness \+\d+\.\d LU over baseline$/);
    expect(covering(highlights, ORDER_SPIKE)?.signals.find((s) => s.name === 'orders')?.detail).toMatch(/^orders \+\d+ in 30 s$/);
    expect(multi?.chat).toContain('wow amazing');
    expect(multi?.transcript).toContain('this is the best serum ever');
  });

  it('lists the chat lines posted while the clip runs and up to the chat lag after it', () => {
    // Prepare: a clip found without chat, and lines posted just before it, inside, up to the lag after its end, and later.
    const quiet = { ...show, chat: [] };
    const clip = covering(detectHighlights(quiet, singleSignal), ORDER_SPIKE);
    expect(clip).toBeDefined();
    const { start, end } = clip ?? { start: 0, end: 0 };
    const line = (t: number, text: string): ChatMessage & { sentiment: SentimentScore } => ({ t, user: text, text, kind: 'message', sentiment: NEUTRAL });
    const lines = [line(start - 0.5, 'too-early'), line(start, 'at-start'), line(end + DEFAULT_CHAT_LAG_SECONDS, 'lag-after-end'), line(end + DEFAULT_CHAT_LAG_SECONDS + 0.5, 'too-late')];
    // Act
    const again = covering(detectHighlights({ ...quiet, chat: posted(lines) }, singleSignal), ORDER_SPIKE);
    // Assess
    expect(again).toMatchObject({ start, end, chat: ['at-start', 'lag-after-end'] });
  });

  it("keeps the audience's reaction: a clip runs on until the chat calms down, and cuts between sentences", () => {
    // Prepare: viewers keep reacting to the multi-signal moment for 30 seconds (posted a chat lag later).
    const random = mulberry32(5);
    const reaction = Array.from({ length: 120 }, (_, k) => ({
      t: MULTI + DEFAULT_CHAT_LAG_SECONDS + 2 + random() * 28, user: `late${k}`, text: 'still laughing', kind: 'message' as const, sentiment: { score: 0.8, hits: 2 },
    }));
    const lively = { ...show, chat: [...show.chat, ...posted(reaction)].sort((a, b) => a.t - b.t) };
    // Act
    const before = covering(detectHighlights(show), MULTI);
    const clip = covering(detectHighlights(lively), MULTI);
    // Assess: the end follows the reaction (the 10-second chat window trails it by a few seconds), within the longest clip.
    expect(clip?.end).toBeGreaterThanOrEqual(MULTI + 28);
    expect(clip?.end ?? 0).toBeGreaterThan(before?.end ?? Infinity);
    expect((clip?.end ?? 0) - (clip?.start ?? 0)).toBeLessThanOrEqual(DEFAULT_HIGHLIGHT_CONFIG.maxClipSeconds);
    for (const edge of [clip?.start ?? 0, clip?.end ?? 0]) {
      expect(show.segments.filter((s) => s.start < edge && edge < s.end), `edge ${edge}`).toEqual([]);
    }
  });

  it('gives the same ids and highlights on every run', () => {
    const again = detectHighlights(syntheticShow({ seed: 7, duration: 1200, chatPerSecond: 0.4, plant: true }), singleSignal);
    expect(again).toEqual(highlights);
    for (const h of highlights) expect(h.id).toMatch(/^h[0-9a-f]{10}$/);
    expect(new Set(highlights.map((h) => h.id)).size).toBe(highlights.length);
  });

  it('returns nothing for a calm show', () => {
    const calm = syntheticShow({ seed: 11, duration: 1200, chatPerSecond: 0.4, plant: false });
    const flat: HighlightInputs = {
      ...calm,
      audio: { ...calm.audio, loudness: calm.audio.loudness.map(() => -23) },
      chat: [],
      supportEvents: [],
      metrics: [],
      mentions: [],
      segments: calm.segments.map((s) => ({ ...s, sentiment: NEUTRAL })),
    };
    expect(detectHighlights(flat)).toEqual([]);
    expect(detectHighlights({ ...flat, duration: 0 })).toEqual([]);
  });

  it('honours a stricter configuration', () => {
    const strict = resolveHighlightConfig({ maxClips: 2 });
    const top = detectHighlights(show, strict);
    expect(top.length).toBeLessThanOrEqual(2);
    expect(covering(top, MULTI)).toBeDefined();
  });

  it('returns no highlights for maxClips 0 (a run that analyses without cutting)', () => {
    expect(detectHighlights(show, resolveHighlightConfig({ maxClips: 0 }))).toEqual([]);
  });

  it('handles a 2-hour show with 20k chat messages', () => {
    const long = syntheticShow({ seed: 3, duration: 7200, chatPerSecond: 20_000 / 7200, plant: true });
    const began = performance.now();
    const result = detectHighlights(long);
    const coldMs = performance.now() - began;
    const warmBegan = performance.now();
    const again = detectHighlights(long);
    const warmMs = performance.now() - warmBegan;
    console.log(
      `detectHighlights: 7200 s, ${long.chat.length} chat messages -> ${result.length} highlights in ${coldMs.toFixed(0)} ms cold, ${warmMs.toFixed(0)} ms warm`,
    );
    expect(result.length).toBeGreaterThan(0);
    expect(again).toEqual(result);
  });
});

describe('detectHighlights: how many clips a show gets without --max-clips', () => {
  /** Twelve moments of strengths 0.3 to 1, 150 to 200 s apart, in `seconds` of show (spread evenly). */
  const planted = (seconds: number) =>
    Array.from({ length: 12 }, (_, k) => ({ t: Math.round(90 + (k * (seconds - 180)) / 11 + ((k * 37) % 20)), strength: 0.15 + ((k * 5) % 12) / 13 }));
  const within = (highlights: ReturnType<typeof detectHighlights>, t: number) => highlights.some((h) => h.start <= t + 2 && t <= h.end);

  it('clips at least eleven of twelve planted moments of a 40-minute show', () => {
    // Prepare: background talk, chat and metrics for 40 minutes, twelve moments of varying strength.
    const moments = planted(2400);
    const show = syntheticShow({ seed: 21, duration: 2400, chatPerSecond: 0.4, plant: false, moments });
    // Act
    const highlights = detectHighlights(show);
    // Assess
    const found = moments.filter((m) => within(highlights, m.t));
    expect(found.length, `clipped ${found.map((m) => m.t).join(', ')} of ${moments.map((m) => m.t).join(', ')}`).toBeGreaterThanOrEqual(11);
    expect(highlights.length).toBeLessThanOrEqual(12);
  });

  it('gives a quiet 40-minute show few clips', () => {
    const quiet = syntheticShow({ seed: 22, duration: 2400, chatPerSecond: 0.4, plant: false });
    expect(detectHighlights(quiet).length).toBeLessThanOrEqual(DEFAULT_HIGHLIGHT_CONFIG.keepBestClips);
  });

  it('does not give a 10-minute show twelve clips, even with twelve moments in it', () => {
    const moments = planted(600).map((m, k) => ({ t: 20 + k * 48, strength: m.strength }));
    const short = syntheticShow({ seed: 23, duration: 600, chatPerSecond: 0.4, plant: false, moments });
    const highlights = detectHighlights(short);
    expect(highlights.length).toBeGreaterThan(2);
    expect(highlights.length).toBeLessThanOrEqual(clipBudget(600, DEFAULT_HIGHLIGHT_CONFIG));
    expect(clipBudget(600, DEFAULT_HIGHLIGHT_CONFIG)).toBeLessThan(12);
  });

  it('with word timings, starts and ends every clip between words, merged and trimmed clips included', () => {
    // Prepare: the 40-minute show with its moments close together (merging and trimming happen), words timed.
    const moments = planted(2400).map((m, k) => ({ ...m, t: 200 + k * 40 + (k % 3) * 7 }));
    const plain = syntheticShow({ seed: 24, duration: 2400, chatPerSecond: 0.4, plant: false, moments });
    const segments = plain.segments.map((s) => {
      const texts = s.text.split(' ');
      const step = (s.end - s.start) / texts.length;
      return { ...s, words: texts.map((text, i) => ({ start: s.start + i * step, end: s.start + (i + 0.8) * step, text })) };
    });
    const words = segments.flatMap((s) => s.words);
    // Act
    const highlights = detectHighlights({ ...plain, segments });
    // Assess
    expect(highlights.length).toBeGreaterThan(5);
    for (const h of highlights) {
      for (const edge of [h.start, h.end]) expect(words.filter((w) => w.start < edge && edge < w.end), `edge ${edge}`).toEqual([]);
    }
  });

  it('still cuts at most --max-clips, and none for 0', () => {
    const show = syntheticShow({ seed: 21, duration: 2400, chatPerSecond: 0.4, plant: false, moments: planted(2400) });
    expect(detectHighlights(show, resolveHighlightConfig({ maxClips: 4 }))).toHaveLength(4);
    expect(detectHighlights(show, resolveHighlightConfig({ maxClips: 0 }))).toEqual([]);
  });
});

const LIVE_LOG = resolve(SHARED_DATA, 'chat/bilibili-ZJStatistics2-live/2020.12.11 全团首播.xml');

describe.skipIf(missingTestData(LIVE_LOG))('detectHighlights on a real live-stream danmaku log', () => {
  it('finds chat-driven highlights with readable reasons', () => {
    // Prepare: message times only (sentiment unknown); flat audio, so chat alone must carry the peaks.
    const xml = readFileSync(LIVE_LOG, 'utf8');
    const chat: (ChatMessage & { sentiment: SentimentScore })[] = [];
    for (const match of xml.matchAll(/<d p="([^"]*)">([^<]*)<\/d>/g)) {
      const t = Number((match[1] ?? '').split(',')[0]);
      if (Number.isFinite(t) && t >= 0) chat.push({ t, user: '', text: match[2] ?? '', kind: 'message', sentiment: NEUTRAL });
    }
    const duration = Math.ceil(Math.max(...chat.map((m) => m.t))) + 1;
    const inputs: HighlightInputs = {
      showId: 'asoul-2020-12-11',
      duration,
      audio: { duration, loudness: new Array<number>(duration).fill(-23), silences: [], integratedLufs: -23 },
      segments: [],
      chat: posted(chat),
      supportEvents: [],
      metrics: [],
      mentions: [],
      ctaMentions: [],
    sceneChanges: [],
    };
    // Act
    const highlights = detectHighlights(inputs);
    // Assess: bursts are found, spread over the show, every one explained by the chat, the best ones by its rate.
    expect(chat.length).toBeGreaterThan(10_000);
    expect(highlights.length).toBeGreaterThan(3);
    // About four hours: the automatic budget (3 per 10 minutes) is not what stops the count.
    expect(highlights.length).toBeLessThanOrEqual(Math.ceil((3 * duration) / 600));
    for (const h of highlights) {
      expect(h.signals.map((s) => s.name)).toEqual(expect.arrayContaining([expect.stringMatching(/^(chatRate|questions|reactions)$/)]));
      expect(h.chat.length).toBeGreaterThan(0);
    }
    for (const h of highlights.slice(0, 8)) expect(h.signals.map((s) => s.name)).toContain('chatRate');
    const tenths = new Set(highlights.map((h) => Math.floor((h.peak * 10) / duration)));
    expect(tenths.size).toBeGreaterThan(2);
  });
});
