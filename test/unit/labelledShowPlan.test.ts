import { describe, expect, it } from 'vitest';
import { isQuestion } from '../../shared/core/chat/isQuestion.js';
import { isReaction } from '../../shared/core/chat/isReaction.js';
import { findCallToActionMentions } from '../../shared/core/mentions/callToActionMentions.js';
import { scoreSentiment } from '../../shared/core/sentiment/index.js';
import {
  DISTRACTOR_CLEARANCE_SECONDS,
  LABELLED_SIGNALS,
  MOMENT_ANCHORS,
  MOMENT_EDGE_SECONDS,
  MOMENT_KINDS,
  MOMENT_SECONDS,
  MOMENT_SIGNATURES,
  MOMENT_SPACING_SECONDS,
  METRICS_STEP_SECONDS,
  momentCount,
  planSetShows,
  planShow,
  type ShowOptions,
  type ShowPlan,
} from '../../scripts/labelledShows/planShow.js';
import { renderSignals, SILENCE_LUFS } from '../../scripts/labelledShows/renderSignals.js';
import { LANGUAGE_POOLS, speechLength } from '../../scripts/labelledShows/scripts.js';

const baseOptions: ShowOptions = {
  id: 'unit-show',
  language: 'en',
  durationSeconds: 20 * 60,
  chatRate: 0.8,
  baseLufs: -20,
  audience: 3000,
};

const cta = (text: string) => findCallToActionMentions([{ start: 0, end: 1, text }]);

describe('planShow', () => {
  const plan = planShow(baseOptions, 42);

  it('is deterministic: same options and seed give the same plan, another seed a different one', () => {
    expect(planShow(baseOptions, 42)).toEqual(plan);
    expect(planShow(baseOptions, 43).moments).not.toEqual(plan.moments);
  });

  it('plans max(5, minutes / 4) moments of 20-45 s, 30 s from the edges and 60 s apart, sorted', () => {
    expect(plan.moments).toHaveLength(momentCount(baseOptions.durationSeconds));
    plan.moments.forEach((m, i) => {
      expect(m.end - m.start).toBeGreaterThanOrEqual(MOMENT_SECONDS.min - 1e-6);
      expect(m.end - m.start).toBeLessThanOrEqual(MOMENT_SECONDS.max + 1e-6);
      expect(m.start).toBeGreaterThanOrEqual(MOMENT_EDGE_SECONDS - 1e-6);
      expect(m.end).toBeLessThanOrEqual(plan.duration - MOMENT_EDGE_SECONDS + 1e-6);
      const previous = plan.moments[i - 1];
      if (previous) expect(m.start - previous.start).toBeGreaterThanOrEqual(MOMENT_SPACING_SECONDS - 1e-6);
    });
  });

  it('keeps every distractor 30 s clear of every moment and fires its one strong signal first', () => {
    expect(plan.distractors.length).toBeGreaterThan(0);
    for (const d of plan.distractors) {
      for (const m of plan.moments) {
        const clearance = Math.max(m.start - d.end, d.start - m.end);
        expect(clearance).toBeGreaterThanOrEqual(DISTRACTOR_CLEARANCE_SECONDS - 1e-6);
      }
      expect(d.signals.length).toBeGreaterThanOrEqual(1);
      expect(d.signals.length).toBeLessThanOrEqual(2);
    }
  });

  it('fires 3 or 4 signals of the kind signature per moment, always including the kind anchor', () => {
    for (const m of plan.moments) {
      expect(m.signals.length).toBeGreaterThanOrEqual(3);
      expect(m.signals.length).toBeLessThanOrEqual(4);
      for (const s of m.signals) expect(MOMENT_SIGNATURES[m.kind]).toContain(s);
      const anchor = MOMENT_ANCHORS[m.kind];
      if (anchor) expect(m.signals).toContain(anchor);
    }
  });

  it('writes non-overlapping host cues and time-ordered chat inside the show', () => {
    for (let i = 0; i < plan.cues.length; i++) {
      const cue = plan.cues[i]!;
      expect(cue.end).toBeGreaterThan(cue.start);
      expect(cue.end).toBeLessThanOrEqual(plan.duration);
      const next = plan.cues[i + 1];
      if (next) expect(next.start).toBeGreaterThanOrEqual(cue.end);
    }
    const times = plan.chat.map((c) => c.t);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times.every((t) => t >= 0 && t < plan.duration)).toBe(true);
  });

  it('talks at the calm rate in routine cues and faster where speechRate fires', () => {
    const rate = (from: number, to: number, style?: string) => {
      const cues = plan.cues.filter((c) => c.start >= from && c.end <= to && (style === undefined || c.style === style));
      const words = cues.reduce((s, c) => s + speechLength(c.text, plan.language), 0);
      return words / cues.reduce((s, c) => s + (c.end - c.start), 0);
    };
    const routine = rate(0, plan.duration, 'routine');
    expect(routine).toBeGreaterThan(plan.speechRate * 0.85);
    expect(routine).toBeLessThan(plan.speechRate * 1.15);
    const fast = plan.moments.filter((m) => m.signals.includes('speechRate'));
    for (const m of fast) expect(rate(m.start, m.end, 'moment')).toBeGreaterThan(routine * 1.3);
  });

  it('keeps background chat near its density and bursts chat only where chatRate fires', () => {
    // Gifts are events, not chat text: the chat rate counts only what viewers wrote.
    const written = plan.chat.filter((c) => c.category !== 'gift');
    const count = (from: number, to: number) => written.filter((c) => c.t >= from && c.t < to).length;
    const overall = written.length / plan.duration;
    expect(overall).toBeGreaterThan(baseOptions.chatRate * 0.7);
    expect(overall).toBeLessThan(baseOptions.chatRate * 1.6);
    const expectedPer10s = baseOptions.chatRate * 10;
    for (const m of plan.moments) {
      let peak = 0;
      for (let t = m.start; t + 10 <= m.end; t += 1) peak = Math.max(peak, count(t, t + 10));
      // Bursts are 2.5-6x the background; a reaction without chatRate stays within background noise.
      if (m.signals.includes('chatRate')) expect(peak).toBeGreaterThan(expectedPer10s * 1.8);
      else expect(peak, JSON.stringify(m.signals)+JSON.stringify(m.effects)).toBeLessThan(expectedPer10s * 2 + 4);
    }
  });

  it('writes metrics every 10 s with cumulative orders and gmv, and jumps orders where orders fires', () => {
    plan.metrics.forEach((row, i) => {
      expect(row.t).toBe(i * METRICS_STEP_SECONDS);
      const previous = plan.metrics[i - 1];
      if (previous) {
        expect(row.orders).toBeGreaterThanOrEqual(previous.orders);
        expect(row.gmv).toBeGreaterThanOrEqual(previous.gmv);
      }
    });
    const ordersIn = (from: number, to: number) => {
      const at = (t: number) => [...plan.metrics].reverse().find((r) => r.t <= t)?.orders ?? 0;
      return at(to) - at(from);
    };
    for (const m of plan.moments.filter((x) => x.signals.includes('orders'))) {
      expect(ordersIn(m.start, m.end)).toBeGreaterThanOrEqual(4);
    }
  });

  it('rejects a show too short for five moments', () => {
    expect(() => planShow({ ...baseOptions, durationSeconds: 120 }, 1)).toThrow(/durationSeconds/);
  });
});

describe('planSetShows', () => {
  const shows = planSetShows({ count: 20, seed: 1, minMinutes: 5, maxMinutes: 120, languages: ['en', 'zh'] });

  it('spreads lengths log-evenly from min to max and alternates languages', () => {
    expect(shows[0]?.options.durationSeconds).toBe(300);
    expect(shows[19]?.options.durationSeconds).toBe(7200);
    const ratios = shows.slice(1).map((s, i) => s.options.durationSeconds / (shows[i]?.options.durationSeconds ?? 1));
    for (const r of ratios) expect(r).toBeCloseTo(Math.pow(24, 1 / 19), 1);
    expect(shows.map((s) => s.options.language).slice(0, 4)).toEqual(['en', 'zh', 'en', 'zh']);
    for (const s of shows) {
      expect(s.options.chatRate).toBeGreaterThanOrEqual(0.05);
      expect(s.options.chatRate).toBeLessThanOrEqual(3);
      expect(s.options.baseLufs).toBeGreaterThanOrEqual(-28);
      expect(s.options.baseLufs).toBeLessThanOrEqual(-14);
    }
  });

  it('fires every signal in at least 15 % of the moments of a 20-show set, with kinds dealt evenly', () => {
    const moments = shows.flatMap((s) => planShow(s.options, s.seed).moments);
    for (const signal of LABELLED_SIGNALS) {
      const share = moments.filter((m) => m.signals.includes(signal)).length / moments.length;
      expect(share, signal).toBeGreaterThanOrEqual(0.15);
    }
    for (const kind of MOMENT_KINDS) {
      const n = moments.filter((m) => m.kind === kind).length;
      expect(Math.abs(n - moments.length / MOMENT_KINDS.length)).toBeLessThanOrEqual(1);
    }
  });
});

describe('renderSignals', () => {
  const plan: ShowPlan = planShow({ ...baseOptions, durationSeconds: 10 * 60 + 0.4 }, 9);
  const signals = renderSignals(plan);

  it('gives one loudness value per started second, the base level as integrated loudness', () => {
    expect(signals.loudness).toHaveLength(Math.ceil(plan.duration));
    expect(signals.integratedLufs).toBe(baseOptions.baseLufs);
    const speechSeconds = plan.cues.flatMap((c) => (c.end - c.start >= 3 ? [Math.ceil(c.start) + 1] : []));
    const speechLevels = speechSeconds.map((i) => signals.loudness[i] ?? SILENCE_LUFS);
    const mean = speechLevels.reduce((a, b) => a + b, 0) / speechLevels.length;
    expect(mean).toBeGreaterThan(baseOptions.baseLufs - 3);
    expect(mean).toBeLessThan(baseOptions.baseLufs + 3);
  });

  it('lists pauses of 2 s or more as silences and reads them at -70 LUFS', () => {
    expect(signals.silences.length).toBeGreaterThan(0);
    for (const s of signals.silences) {
      expect(s.end - s.start).toBeGreaterThanOrEqual(2 - 1e-6);
      for (let i = Math.ceil(s.start); i + 1 <= Math.floor(s.end); i++) expect(signals.loudness[i]).toBe(SILENCE_LUFS);
      // 0.1 s tolerance: the model works on 0.1 s slices.
      expect(plan.cues.some((c) => c.start < s.end - 0.1 && c.end > s.start + 0.1)).toBe(false);
    }
  });

  it('raises loudness by the planned gain during loud events', () => {
    for (const event of plan.loudEvents.filter((e) => e.end - e.start >= 3)) {
      const i = Math.ceil(event.start) + 1;
      expect(signals.loudness[i]).toBeGreaterThan(baseOptions.baseLufs + event.gainLu - 4);
    }
  });
});

describe('text pools', () => {
  for (const language of ['en', 'zh'] as const) {
    const pools = LANGUAGE_POOLS[language];
    const product = pools.products[0]!;
    const fill = (line: string) =>
      line.replaceAll('{p}', product.name).replaceAll('{price}', String(product.price)).replaceAll('{left}', '20').replaceAll('{raider}', 'X');
    const { host, chat } = pools;
    const neutralHost = [...host.routine, ...host.specs, ...Object.values(host.setup).flat(), ...Object.values(host.body).flat()];

    it(`${language}: neutral host lines carry no sentiment and no call to action`, () => {
      for (const line of neutralHost.map(fill)) {
        expect(scoreSentiment(line).hits, line).toBe(0);
        expect(cta(line), line).toEqual([]);
      }
    });

    it(`${language}: call-to-action lines match the detector's terms and stay sentiment-neutral`, () => {
      for (const line of [...host.callToAction, ...host.routineCallToAction, ...host.shortCallToAction, ...host.answers].map(fill)) {
        expect(cta(line).length, line).toBeGreaterThan(0);
        expect(scoreSentiment(line).hits, line).toBe(0);
      }
    });

    it(`${language}: excited and polite host lines score clearly positive without a call to action`, () => {
      for (const line of [...host.excited, ...host.polite]) {
        expect(scoreSentiment(line).score, line).toBeGreaterThanOrEqual(0.6);
        expect(cta(line), line).toEqual([]);
      }
    });

    it(`${language}: chat pools read as what they are meant to be`, () => {
      for (const line of [...chat.background, ...chat.hype, ...chat.spam, ...chat.raid.map(fill)]) {
        expect(scoreSentiment(line).hits, line).toBe(0);
        expect(isQuestion(line), line).toBe(false);
        expect(isReaction(line), line).toBe(false);
      }
      for (const line of chat.laughter) expect(isReaction(line), line).toBe(true);
      for (const line of [...chat.questions, ...chat.offTopicQuestions]) {
        expect(isQuestion(line), line).toBe(true);
        expect(scoreSentiment(line).hits, line).toBe(0);
      }
      for (const line of chat.positive) {
        expect(scoreSentiment(line).score, line).toBeGreaterThan(0.3);
        expect(isReaction(line), line).toBe(false);
      }
      for (const line of chat.negative) expect(scoreSentiment(line).score, line).toBeLessThan(-0.2);
    });

    it(`${language}: lines without {p} name no product, so product mentions come only from planned lines`, () => {
      const names = pools.products.flatMap((p) => [p.name, ...p.aliases]).map((n) => n.toLowerCase());
      const lines = [...neutralHost, ...host.excited, ...host.polite, ...Object.values(chat).flat()].filter((l): l is string => typeof l === 'string' && !l.includes('{p}'));
      for (const line of lines) for (const name of names) expect(line.toLowerCase().includes(name), `${line} / ${name}`).toBe(false);
    });
  }

  it('counts words in English and characters (Latin runs as one) in Chinese', () => {
    expect(speechLength('Only 26 left, go go go!', 'en')).toBe(6);
    expect(speechLength('只要199元，USB接口', 'zh')).toBe(7);
  });
});
