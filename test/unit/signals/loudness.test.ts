import { describe, expect, it } from 'vitest';
import { DEFAULT_HIGHLIGHT_CONFIG } from '../../../shared/core/highlights/config.js';
import { loudness } from '../../../shared/core/highlights/signals/loudness.js';
import { argmax, measure, peakIn, quietShow } from '../../helpers/signalFixtures.js';

const config = DEFAULT_HIGHLIGHT_CONFIG;

describe('loudness signal', () => {
  it('fires on a loud burst and scores it against the show itself: a quiet and a loud show give the same excitement', () => {
    const base = quietShow(3);
    const levels = base.audio.loudness.map((v, i) => (i >= 200 && i < 206 ? v + 8 : v));
    const loudShow = { ...base, audio: { ...base.audio, loudness: levels } };
    const quieter = { ...base, audio: { ...base.audio, loudness: levels.map((v) => v - 15), integratedLufs: -38 } };
    const a = measure(loudness, loudShow).values;
    const b = measure(loudness, quieter).values;
    a.forEach((v, i) => expect(b[i]).toBeCloseTo(v, 9));
    expect(argmax(a)).toBeGreaterThanOrEqual(199);
    expect(argmax(a)).toBeLessThanOrEqual(206);
    expect(peakIn(a)).toBeGreaterThanOrEqual(config.thresholds.loudness);
    expect(peakIn(a, 0, 150)).toBeLessThan(config.thresholds.loudness);
  });

  it('stays quiet on a steady level, and does not mistake speech after a long silence for excitement', () => {
    expect(peakIn(measure(loudness, quietShow(4)).values)).toBeLessThan(config.thresholds.loudness);
    const base = quietShow(4);
    const levels = base.audio.loudness.map((v, i) => (i >= 200 && i < 330 ? -70 : v));
    const values = measure(loudness, { ...base, audio: { ...base.audio, loudness: levels, silences: [{ start: 200, end: 330 }] } }).values;
    expect(peakIn(values)).toBeLessThan(config.thresholds.loudness);
  });

  it('with a transcript, counts loudness only near speech: music over a break with no one talking is no excitement', () => {
    const base = quietShow(3);
    const neutral = { score: 0, hits: 0 };
    // Talk every 10 s except during a 60-second break (200-260), which is 7 LU louder: music, nobody speaking.
    const segments = Array.from({ length: 60 }, (_, k) => ({ start: k * 10, end: k * 10 + 6, text: 'talk', sentiment: neutral })).filter(
      (s) => s.end < 198 || s.start > 262,
    );
    const levels = base.audio.loudness.map((v, i) => (i >= 200 && i < 260 ? v + 7 : i >= 400 && i < 406 ? v + 8 : v));
    const show = { ...base, segments, audio: { ...base.audio, loudness: levels } };
    const values = measure(loudness, show).values;
    expect(peakIn(values, 200, 260)).toBeLessThan(config.thresholds.loudness);
    // A shout while the host talks still counts, and without a transcript the music break does too.
    expect(peakIn(values, 398, 410)).toBeGreaterThanOrEqual(config.thresholds.loudness);
    expect(peakIn(measure(loudness, { ...show, segments: [] }).values, 200, 260)).toBeGreaterThanOrEqual(config.thresholds.loudness);
  });

  it('explains a fired second in LU over the baseline', () => {
    const base = quietShow(3);
    const levels = base.audio.loudness.map((v, i) => (i >= 200 && i < 206 ? v + 8 : v));
    const { values, evidence } = measure(loudness, { ...base, audio: { ...base.audio, loudness: levels } });
    const at = argmax(values);
    expect(evidence.excessLu[at]).toBeGreaterThan(3);
    expect(loudness.explain(evidence, at, values[at] ?? 0, config)).toMatch(/^loudness \+\d\.\d LU over baseline$/);
  });
});
