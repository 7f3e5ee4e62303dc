/**
 * The chat-lag estimator on labelled generator shows whose chat trails the stream by a known delay.
 *
 * Shows come from the labelled-show generator (scripts/labelledShows): its timeline of moments and distractors, its
 * loudness model (speech jitter, pauses, silences, cheers, loud-but-empty distractors), its host cues, and its
 * background and distractor chat (Poisson background with a slow swell, spam, raids, off-topic laughter, repeated
 * questions, rants). Its own moment reactions are NOT used: the generator starts each one 2-6 s (uniform, per moment)
 * after a trigger it does not expose, the loud event 0-1.5 s after that trigger, and moments without a loud event
 * have only host cues several seconds from it, so its chat has no consistent delay to measure against. Instead every
 * planted moment gets a reaction burst built here from its stream-side time (the loud event's start, else the first
 * pay-off cue after the set-up line): 8 messages or 2.5-6x the background rate over ~10 s, each at
 * anchor + D·(1 + 10 % per-viewer jitter) + a log-normal typing time (median 2 s, σ 0.5); the generator's chat is
 * shifted by D as well. The truth is therefore D + 2 s (player latency plus median typing time).
 *
 * Notable speech is what the generator itself plants as such: the pay-off cues of moments that carry product
 * mentions or excitement, routine calls to action and polite host lines (the last two draw no reaction).
 */
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { gaussian, seededStream, uniform } from '../../scripts/prng.js';
import { planShow, type ShowPlan } from '../../scripts/labelledShows/planShow.js';
import { renderSignals } from '../../scripts/labelledShows/renderSignals.js';
import { InputError } from '../../shared/core/errors.js';
import { isApplicableLag } from '../../shared/core/highlights/calibrateChatLag.js';
import {
  DEFAULT_CHAT_LAG_SECONDS,
  estimateChatLag,
  type ChatLagEstimate,
  type ChatLagInput,
} from '../../shared/core/chat/index.js';

/** Median typing time of the built reactions, seconds; the truth is the added delay plus this. */
const TYPING_MEDIAN_SECONDS = 2;
/** Log-normal σ of the typing time: most messages 1-4 s after the viewer sees the moment. */
const TYPING_SIGMA = 0.5;
/** Per-viewer spread of the player latency, as a share of it (players buffer differently). */
const LATENCY_JITTER_SHARE = 0.1;
const DELAYS = [0, 2, 5, 8, 12, 16, 20] as const;
const TOLERANCE_SECONDS = 1.5;
/** Confidence every 2-hour case must exceed. */
const LONG_SHOW_CONFIDENCE = 0.8;


interface ShowCase {
  readonly language: 'en' | 'zh';
  readonly minutes: number;
  readonly seed: number;
  readonly chatRate: number;
  readonly baseLufs: number;
}

interface GeneratedShow {
  readonly plan: ShowPlan;
  readonly loudness: readonly number[];
  readonly speechOnsets: readonly number[];
  /** Stream-side time each moment's chat reacts to. */
  readonly anchors: readonly number[];
}

function generate(c: ShowCase): GeneratedShow {
  const plan = planShow(
    { id: `lag-${c.language}-${c.minutes}m-${c.seed}`, language: c.language, durationSeconds: c.minutes * 60, chatRate: c.chatRate, baseLufs: c.baseLufs, audience: 2000 },
    c.seed,
  );
  const { loudness } = renderSignals(plan);
  const speechOnsets: number[] = [];
  const anchors: number[] = [];
  for (const moment of plan.moments) {
    const inWindow = (t: number) => t >= moment.start && t < moment.end;
    const cues = plan.cues.filter((cue) => cue.style === 'moment' && inWindow(cue.start)).sort((a, b) => a.start - b.start);
    // The set-up line (first cue) is not notable speech; the pay-off lines carry the mentions and the excitement.
    const payOff = cues.slice(1);
    if (moment.signals.includes('mentions') || moment.signals.includes('speechSentiment')) speechOnsets.push(...payOff.map((cue) => cue.start));
    const loud = moment.signals.includes('loudness') ? plan.loudEvents.find((e) => inWindow(e.start)) : undefined;
    anchors.push(loud?.start ?? payOff[0]?.start ?? cues[0]?.start ?? moment.start);
  }
  // Routine calls to action and polite host lines are notable speech too, with no chat reaction.
  for (const cue of plan.cues) if (cue.style === 'routine-cta' || cue.style === 'polite') speechOnsets.push(cue.start);
  return { plan, loudness, speechOnsets: speechOnsets.sort((a, b) => a - b), anchors };
}

/** Chat of the show delayed by `delay` s: the generator's background and distractor chat plus built moment reactions. */
function delayedChat(show: GeneratedShow, delay: number, seed: number): number[] {
  const { plan } = show;
  const inMoment = (t: number) => plan.moments.some((m) => t >= m.start && t < m.end);
  // Gifts are no chat text: the pipeline measures the lag on messages only.
  const times = plan.chat
    .filter((line) => line.category !== 'gift' && (line.category === 'background' || !inMoment(line.t)))
    .map((line) => line.t + delay);
  const rng = seededStream(seed, 4242 + delay);
  for (const anchor of show.anchors) {
    // A burst of 2.5-6x the background rate over ~10 s, and at least 8 messages even in a near-silent chat.
    const count = Math.max(8, Math.round(uniform(rng, 2.5, 6) * plan.chatRate * 10));
    for (let k = 0; k < count; k++) {
      const latency = delay * (1 + LATENCY_JITTER_SHARE * gaussian(rng));
      const typing = TYPING_MEDIAN_SECONDS * Math.exp(TYPING_SIGMA * gaussian(rng));
      times.push(anchor + Math.max(0, latency) + typing);
    }
  }
  return times.filter((t) => t < plan.duration).sort((a, b) => a - b);
}

const CASES: ShowCase[] = [1, 2, 3].flatMap((seed, k) =>
  (['en', 'zh'] as const).flatMap((language) =>
    [10, 120].map((minutes) => ({ language, minutes, seed: seed * 7919 + minutes, chatRate: [0.15, 0.6, 2][k] ?? 1, baseLufs: [-24, -18, -14][k] ?? -20 })),
  ),
);

function inputFor(show: GeneratedShow, chatTimes: readonly number[]): ChatLagInput {
  return { duration: show.plan.duration, chatTimes, loudness: show.loudness, speechOnsets: show.speechOnsets };
}

function measured(estimate: ChatLagEstimate) {
  if (estimate.method !== 'cross-correlation') throw new Error(`expected a measured lag, got the default: ${estimate.reason}`);
  return estimate;
}

describe('estimateChatLag on generated shows with a known delay', () => {
  const shows = CASES.map((c) => ({ c, show: generate(c) }));

  it(`finds the lag within ${TOLERANCE_SECONDS} s for every delay, seed, language and length; confidently on 2-hour shows`, () => {
    const rows: { label: string; errors: number[]; confidences: number[] }[] = [];
    const failures: string[] = [];
    for (const { c, show } of shows) {
      const label = `${c.language} ${String(c.minutes).padStart(3)} min, ${c.chatRate} msg/s`;
      const row = { label, errors: [] as number[], confidences: [] as number[] };
      for (const delay of DELAYS) {
        const truth = delay + TYPING_MEDIAN_SECONDS;
        const estimate = estimateChatLag(inputFor(show, delayedChat(show, delay, c.seed)));
        if (estimate.method !== 'cross-correlation') {
          failures.push(`${label} D=${delay}: default (${estimate.reason})`);
          row.errors.push(Number.NaN);
          row.confidences.push(0);
          continue;
        }
        const error = estimate.lagSeconds - truth;
        row.errors.push(error);
        row.confidences.push(estimate.confidence);
        if (Math.abs(error) > TOLERANCE_SECONDS) failures.push(`${label} D=${delay}: ${estimate.lagSeconds.toFixed(2)} s vs ${truth} s`);
        // A 2-hour show has ~30 moments to agree on; a 10-minute one has 5, of which only those with a
        // loud event or notable speech (often 3) are visible on the stream side, so its confidence is moderate.
        const wanted = c.minutes >= 120 ? LONG_SHOW_CONFIDENCE : 0;
        if (!(estimate.confidence > wanted)) failures.push(`${label} D=${delay}: confidence ${estimate.confidence.toFixed(2)}`);
        // Long shows gather enough separate moments for the detector to apply the measurement.
        if (c.minutes >= 120 && !isApplicableLag(estimate)) failures.push(`${label} D=${delay}: not applicable`);
      }
      rows.push(row);
    }
    const header = `${'show'.padEnd(28)}${DELAYS.map((d) => `D=${d}`.padStart(8)).join('')}   confidence`;
    const lines = rows.map(
      (r) =>
        `${r.label.padEnd(28)}${r.errors.map((e) => (Number.isNaN(e) ? 'default' : e.toFixed(2)).padStart(8)).join('')}   ` +
        `${Math.min(...r.confidences).toFixed(2)}-${Math.max(...r.confidences).toFixed(2)}`,
    );
    const byDelay = DELAYS.map((_, k) => Math.max(...rows.map((r) => Math.abs(r.errors[k] ?? Number.NaN))));
    console.log(
      [`estimate − truth (s); truth = D + ${TYPING_MEDIAN_SECONDS} s`, header, ...lines, `${'max |error|'.padEnd(28)}${byDelay.map((e) => e.toFixed(2).padStart(8)).join('')}`].join('\n'),
    );
    expect(failures).toEqual([]);
  });

  it('reports which stream-side series it used', () => {
    const { c, show } = shows[0] as (typeof shows)[number];
    const estimate = measured(estimateChatLag(inputFor(show, delayedChat(show, 5, c.seed))));
    expect(estimate.evidence).toEqual(['loudness', 'speech']);
    expect(estimate.supportingEvents).toBeGreaterThanOrEqual(3);
    expect(estimate.supportingEvents).toBeGreaterThan(estimate.chanceSupport);
    expect(estimate.correlation).toBeGreaterThan(0);
    expect(estimate.prominence).toBeGreaterThan(4);
  });
});

describe('estimateChatLag falls back to the default', () => {
  const show = generate({ language: 'en', minutes: 20, seed: 11, chatRate: 0.8, baseLufs: -20 });
  const chat = delayedChat(show, 6, 11);

  it('with no chat, or too little of it', () => {
    for (const chatTimes of [[], chat.slice(0, 10)]) {
      const estimate = estimateChatLag({ ...inputFor(show, chatTimes) });
      expect(estimate).toMatchObject({ method: 'default', confidence: 0, lagSeconds: DEFAULT_CHAT_LAG_SECONDS });
      expect(estimate.method === 'default' && estimate.reason).toMatch(/too little chat/);
    }
  });

  it('with a flat stream and no other stream-side evidence', () => {
    const flat = show.loudness.map(() => -20);
    const estimate = estimateChatLag({ duration: show.plan.duration, chatTimes: chat, loudness: flat });
    expect(estimate).toMatchObject({ method: 'default', confidence: 0, lagSeconds: DEFAULT_CHAT_LAG_SECONDS });
    expect(estimateChatLag({ duration: show.plan.duration, chatTimes: chat })).toMatchObject({ method: 'default', confidence: 0 });
  });

  it('with a stream whose loudness only jitters', () => {
    const rng = seededStream(3, 5);
    const jitter = show.loudness.map(() => -20 + 1.2 * gaussian(rng));
    expect(estimateChatLag({ duration: show.plan.duration, chatTimes: chat, loudness: jitter })).toMatchObject({ method: 'default', confidence: 0 });
  });

  it('when chat is unrelated to the stream, on every generated show', () => {
    // Poisson chat at the show's rate, and the show's own delayed chat shifted minutes away (its bursts intact).
    const outcomes: { confidence: number; applicable: boolean; show: string }[] = [];
    for (const { c, show: generated } of CASES.map((c) => ({ c, show: generate(c) }))) {
      const { duration } = generated.plan;
      for (let trial = 0; trial < 3; trial++) {
        const rng = seededStream(c.seed + trial, 99);
        const own = delayedChat(generated, 5, c.seed + trial);
        const rate = own.length / duration;
        const poisson: number[] = [];
        for (let t = -Math.log(1 - rng()) / rate; t < duration; t += -Math.log(1 - rng()) / rate) poisson.push(t);
        const offset = 200 + rng() * (duration - 400);
        const shifted = own.map((t) => (t + offset) % duration).sort((a, b) => a - b);
        for (const chatTimes of [poisson, shifted]) {
          const estimate = estimateChatLag(inputFor(generated, chatTimes));
          outcomes.push({ confidence: estimate.confidence, applicable: isApplicableLag(estimate), show: `${c.language} ${c.minutes} min` });
        }
      }
    }
    const claimed = outcomes.filter((o) => o.confidence > 0);
    console.log(
      `unrelated chat: ${claimed.length} of ${outcomes.length} claimed a lag, highest confidence ` +
        `${Math.max(0, ...outcomes.map((o) => o.confidence)).toFixed(2)}`,
    );
    console.log(JSON.stringify(outcomes.filter((o) => o.confidence > 0)));
    // A short show can line unrelated chat up with a few loud onsets by chance; no such claim is ever applied.
    expect(outcomes.filter((o) => o.applicable)).toEqual([]);
    expect(claimed.length).toBeLessThanOrEqual(0.1 * outcomes.length);
  });

  it('on a show too short for the lag range', () => {
    expect(estimateChatLag({ duration: 90, chatTimes: chat.filter((t) => t < 90), loudness: show.loudness.slice(0, 90) })).toMatchObject({
      method: 'default',
      confidence: 0,
    });
  });
});

describe('estimateChatLag lag range', () => {
  const show = generate({ language: 'zh', minutes: 30, seed: 23, chatRate: 0.6, baseLufs: -18 });

  it('never leaves [minLag, maxLag]', () => {
    const chat = delayedChat(show, 12, 23); // truth 14 s
    const capped = estimateChatLag({ ...inputFor(show, chat), maxLag: 8 });
    expect(capped.lagSeconds).toBeLessThanOrEqual(8);
    const floored = estimateChatLag({ ...inputFor(show, delayedChat(show, 0, 23)), minLag: 6 });
    expect(floored.lagSeconds).toBeGreaterThanOrEqual(6);
    // The default is clamped into the range too.
    expect(estimateChatLag({ ...inputFor(show, []), minLag: 10, maxLag: 20 })).toMatchObject({ method: 'default', lagSeconds: 10 });
    expect(estimateChatLag({ ...inputFor(show, []), minLag: 0, maxLag: 2 })).toMatchObject({ method: 'default', lagSeconds: 2 });
  });

  it('measures inside a narrower range that holds the truth', () => {
    const estimate = measured(estimateChatLag({ ...inputFor(show, delayedChat(show, 8, 23)), minLag: 5, maxLag: 15 }));
    expect(Math.abs(estimate.lagSeconds - 10)).toBeLessThanOrEqual(TOLERANCE_SECONDS);
  });

  it('rejects an impossible range', () => {
    expect(() => estimateChatLag({ ...inputFor(show, []), minLag: 10, maxLag: 5 })).toThrow(InputError);
    expect(() => estimateChatLag({ ...inputFor(show, []), minLag: -1 })).toThrow(InputError);
    expect(() => estimateChatLag({ ...inputFor(show, []), maxLag: Number.NaN })).toThrow(InputError);
  });
});

describe('estimateChatLag with metrics jumps only', () => {
  it('places chat after orders/viewers jumps reported on a 10-second grid', () => {
    // As in the generator, a moment's orders / viewers jump first shows in the 10-second metrics row after it,
    // so metrics time a moment only to within the polling interval: a looser bound than the other tests.
    const show = generate({ language: 'en', minutes: 120, seed: 31, chatRate: 0.6, baseLufs: -20 });
    const jumps = show.anchors.map((t) => Math.floor(t / 10) * 10 + 10);
    const estimate = measured(estimateChatLag({ duration: show.plan.duration, chatTimes: delayedChat(show, 8, 31), metricsJumps: jumps }));
    console.log(`metrics only: ${estimate.lagSeconds.toFixed(2)} s (truth 10 s), confidence ${estimate.confidence.toFixed(2)}`);
    expect(estimate.evidence).toEqual(['metrics']);
    expect(Math.abs(estimate.lagSeconds - 10)).toBeLessThanOrEqual(3);
  });
});

describe('estimateChatLag runtime', () => {
  it('handles a 6-hour show in milliseconds (printed, not asserted)', () => {
    const show = generate({ language: 'en', minutes: 360, seed: 41, chatRate: 1.5, baseLufs: -18 });
    const input: ChatLagInput = {
      ...inputFor(show, delayedChat(show, 10, 41)),
      metricsJumps: show.anchors.map((t) => Math.floor(t / 10) * 10 + 10),
    };
    estimateChatLag(input); // warm-up
    const runs = 5;
    const started = performance.now();
    let estimate: ChatLagEstimate | undefined;
    for (let k = 0; k < runs; k++) estimate = estimateChatLag(input);
    const ms = (performance.now() - started) / runs;
    console.log(
      `6 h show (${show.plan.duration} s, ${input.chatTimes.length} messages, lags 0-30 s): ${ms.toFixed(1)} ms per estimate; ` +
        `lag ${estimate?.lagSeconds.toFixed(2)} s (truth 12 s), confidence ${estimate?.confidence.toFixed(2)}`,
    );
    expect(estimate?.method).toBe('cross-correlation');
  });
});
