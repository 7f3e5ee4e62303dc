import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../scripts/prng.js';
import { DEFAULT_HIGHLIGHT_CONFIG, resolveHighlightConfig } from '../../shared/core/highlights/config.js';
import type { SnapInputs } from '../../shared/core/highlights/snapBoundaries.js';
import { cutPointsOf, snapBoundaries } from '../../shared/core/highlights/snapBoundaries.js';
import type { TimeRange, Word } from '../../shared/core/types.js';

const NEUTRAL = { score: 0, hits: 0 };

/** Sentences of `every` seconds separated by 0.4 s pauses, starting at `from`. */
function sentences(from: number, to: number, every: number) {
  const segments = [];
  for (let t = from; t + every <= to; t += every + 0.4) segments.push({ start: t, end: t + every, text: 'words', sentiment: NEUTRAL });
  return segments;
}

/**
 * Talk with word timings: sentences of 4 to 12 words (0.15-0.5 s each, 0.02-0.2 s apart), 0.25-0.9 s between
 * sentences, a full stop on each sentence's last word; `perSegment` sentences per segment (a recogniser's utterance).
 */
function wordedTalk(seed: number, duration: number, perSegment: number): SnapInputs['segments'] {
  const random = mulberry32(seed);
  const segments: SnapInputs['segments'][number][] = [];
  let t = 0.7;
  while (t < duration - 20) {
    const words: Word[] = [];
    for (let s = 0; s < perSegment; s++) {
      const count = 4 + Math.floor(random() * 9);
      for (let w = 0; w < count; w++) {
        const length = 0.15 + random() * 0.35;
        words.push({ start: round(t), end: round(t + length), text: w === count - 1 ? 'done.' : 'word' });
        t += length + 0.02 + random() * 0.18;
      }
      t += 0.25 + random() * 0.65;
    }
    segments.push({ start: words[0]?.start ?? t, end: words.at(-1)?.end ?? t, text: words.map((w) => w.text).join(' '), words, sentiment: NEUTRAL });
  }
  return segments;
}

const round = (t: number) => Math.round(t * 1000) / 1000;

function show(duration: number, segments: SnapInputs['segments'], silences: TimeRange[] = []): SnapInputs {
  return { duration, segments, audio: { silences } };
}

/** Every word of the show whose open interval (start, end) holds `t`. */
const wordsAround = (inputs: SnapInputs, t: number) => inputs.segments.flatMap((s) => s.words ?? []).filter((w) => w.start < t && t < w.end);

const config = DEFAULT_HIGHLIGHT_CONFIG; // preRoll 10, postRoll 20, tolerance 4, lead-in 2.5, lead-out 0.5, clip 15..45

describe('snapBoundaries', () => {
  it('starts a lead-in before a sentence start and ends a lead-out after a sentence end', () => {
    const inputs = show(600, sentences(0.5, 600, 6.2));
    const range = snapBoundaries(300, inputs, config);
    // The pauses are 0.4 s: the lead-out stops at the next sentence, the lead-in halfway back to the previous one.
    const starts = inputs.segments.map((s, i) => {
      const previousEnd = inputs.segments[i - 1]?.end;
      return Math.max(s.start - config.leadInSeconds, previousEnd === undefined ? 0 : (previousEnd + s.start) / 2).toFixed(2);
    });
    const ends = inputs.segments.map((s, i) => Math.min(s.end + config.leadOutSeconds, inputs.segments[i + 1]?.start ?? 600).toFixed(2));
    expect(starts).toContain(range.start.toFixed(2));
    expect(ends).toContain(range.end.toFixed(2));
    expect(Math.abs(range.start - 290)).toBeLessThanOrEqual(config.snapToleranceSeconds);
    expect(Math.abs(range.end - 320)).toBeLessThanOrEqual(config.snapToleranceSeconds);
  });

  it('prefers widening the clip: start back, end forward, even past a nearer mark the other way', () => {
    const segments = [
      { start: 288, end: 290.5, text: 'a', sentiment: NEUTRAL },
      { start: 290.5, end: 318.5, text: 'b', sentiment: NEUTRAL },
      { start: 320.2, end: 322, text: 'c', sentiment: NEUTRAL },
    ];
    // Start: 285.5 (the lead-in, 2.5 s before 288) beats 290.5, nearer but inward. End: 319 (after 318.5) is inward, 322.5 wins.
    expect(snapBoundaries(300, show(600, segments), config)).toEqual({ start: 285.5, end: 322.5 });
  });

  it('uses silences when there is no transcript, keeping the lead-in and lead-out inside them', () => {
    const range = snapBoundaries(300, show(600, [], [{ start: 285, end: 287.5 }, { start: 322, end: 323 }]), config);
    // Start: the silence's end less the lead-in, but not into the first 0.5 s of the silence (the last word's decay).
    expect(range).toEqual({ start: 285.5, end: 322.5 });
  });

  it('snaps the other way only when nothing lies within tolerance the preferred way', () => {
    const segments = [{ start: 295, end: 318.5, text: 'one long sentence', sentiment: NEUTRAL }];
    expect(snapBoundaries(300, show(600, segments), config)).toEqual({ start: 292.5, end: 319 });
  });

  it("starts on the moment's set-up: a sentence after a pause beats a nearer one in the middle of a run of speech", () => {
    // Routine talk to 284, a 2-second beat, then the set-up at 286 and the pay-off lines running on, 0.3 s apart.
    const segments = [
      { start: 276, end: 284, text: 'routine talk.', sentiment: NEUTRAL },
      { start: 286, end: 289.7, text: 'let me open the box. here it is.', sentiment: NEUTRAL },
      { start: 290, end: 295, text: 'look at the colour.', sentiment: NEUTRAL },
      { start: 295.3, end: 318.5, text: 'and the rest.', sentiment: NEUTRAL },
    ];
    // The wanted start (290) is a run-on sentence; the set-up 4 s back opens the clip, with the beat as lead-in.
    expect(snapBoundaries(300, show(600, segments), config).start).toBe(284.5);
    // Without the beat (0.3 s as elsewhere) the set-up is run-on too, and the nearest sentence wins.
    const runOn = segments.map((s, i) => (i === 0 ? { ...s, end: 285.7 } : s));
    expect(snapBoundaries(300, show(600, runOn), config).start).toBe(289.85);
  });

  it('keeps the window where it is when nothing is near', () => {
    expect(snapBoundaries(300, show(600, []), config)).toEqual({ start: 290, end: 320 });
  });

  it('clamps to the show and still respects the minimum length', () => {
    const atStart = snapBoundaries(2, show(600, []), config);
    expect(atStart.start).toBe(0);
    expect(atStart.end - atStart.start).toBeGreaterThanOrEqual(config.minClipSeconds);
    const atEnd = snapBoundaries(598, show(600, []), config);
    expect(atEnd.end).toBe(600);
    expect(atEnd.end - atEnd.start).toBeGreaterThanOrEqual(config.minClipSeconds);
    expect(atEnd.start).toBeLessThanOrEqual(598);
  });

  it('stretches a short window to the minimum length around the peak', () => {
    const cfg = resolveHighlightConfig({ preRollSeconds: 2, postRollSeconds: 3, snapToleranceSeconds: 0 });
    const range = snapBoundaries(100, show(600, []), cfg);
    expect(range.end - range.start).toBeCloseTo(cfg.minClipSeconds, 6);
    expect(range.start).toBeLessThan(100);
    expect(range.end).toBeGreaterThan(100);
  });

  it('cuts a long window to the maximum length, keeping the peak inside', () => {
    const cfg = resolveHighlightConfig({ preRollSeconds: 50, postRollSeconds: 50, maxClipSeconds: 60 });
    const range = snapBoundaries(300, show(600, sentences(0.5, 600, 6.2)), cfg);
    expect(range.end - range.start).toBeLessThanOrEqual(60);
    expect(range.end - range.start).toBeGreaterThan(50);
    expect(range.start).toBeLessThan(300);
    expect(range.end).toBeGreaterThan(300);
  });

  it('returns the whole show when it is shorter than the minimum clip', () => {
    expect(snapBoundaries(5, show(9.5, []), config)).toEqual({ start: 0, end: 9.5 });
  });
});

describe('snapBoundaries with word timings', () => {
  // Two sentences per segment: half the sentence starts lie inside segments, found by the full stop before them.
  const inputs = show(1800, wordedTalk(4, 1800, 2));
  const cuts = cutPointsOf(inputs, config);
  const words = inputs.segments.flatMap((s) => s.words ?? []);
  const peaks = Array.from({ length: 55 }, (_, k) => 40 + k * 29.3);

  it('never starts or ends inside a word', () => {
    for (const peak of peaks) {
      for (const reaction of [undefined, peak + 35, peak + 90]) {
        const { start, end } = snapBoundaries(peak, cuts, config, reaction);
        expect(wordsAround(inputs, start), `start of the clip at ${peak}`).toEqual([]);
        expect(wordsAround(inputs, end), `end of the clip at ${peak}`).toEqual([]);
        expect(end - start).toBeGreaterThanOrEqual(config.minClipSeconds - 1e-9);
        expect(end - start).toBeLessThanOrEqual(config.maxClipSeconds + 1e-9);
        expect(start <= peak && peak <= end).toBe(true);
      }
    }
  });

  it('starts just before a sentence start: after the previous sentence, at most the lead-in before its first word', () => {
    for (const peak of peaks) {
      const { start } = snapBoundaries(peak, cuts, config);
      const next = words.find((w) => w.start >= start);
      const previous = words.filter((w) => w.end <= start).at(-1);
      expect(next, `clip at ${peak}`).toBeDefined();
      expect(next?.text === 'done.').toBe(false);
      // The first word opens a sentence: the word before it ended one.
      expect(previous === undefined || previous.text === 'done.', `clip at ${peak} starts mid-sentence`).toBe(true);
      expect((next?.start ?? 0) - start).toBeLessThanOrEqual(config.leadInSeconds + 0.01);
      expect(Math.abs(start - (peak - config.preRollSeconds))).toBeLessThanOrEqual(config.snapToleranceSeconds + 1);
    }
  });

  it('ends just after a sentence end', () => {
    for (const peak of peaks) {
      const { end } = snapBoundaries(peak, cuts, config);
      const last = words.filter((w) => w.end <= end).at(-1);
      expect(last?.text, `clip at ${peak} ends mid-sentence`).toBe('done.');
      expect(end - (last?.end ?? 0), `clip at ${peak} ends at ${end}`).toBeLessThanOrEqual(config.leadOutSeconds + 0.01);
    }
  });

  it("keeps the audience's reaction: the end reaches past where the reaction dies down, within the longest clip", () => {
    const peak = 600;
    const plain = snapBoundaries(peak, cuts, config);
    const reacted = snapBoundaries(peak, cuts, config, peak + 30);
    expect(reacted.end).toBeGreaterThanOrEqual(peak + 30);
    expect(reacted.end).toBeGreaterThan(plain.end);
    expect(reacted.end - reacted.start).toBeLessThanOrEqual(config.maxClipSeconds);
    // A reaction longer than the longest clip: the clip gives up set-up before it gives up reaction.
    const long = snapBoundaries(peak, cuts, config, peak + 75);
    expect(long.end - long.start).toBeLessThanOrEqual(config.maxClipSeconds);
    expect(long.end).toBeGreaterThan(peak + 35);
    expect(long.start).toBeLessThanOrEqual(peak);
  });

  it('falls back to a pause between words when a sentence runs longer than a clip', () => {
    // One 90-second sentence with words every 0.5 s: no sentence edge near the peak, only pauses between words.
    const sentenceWords: Word[] = Array.from({ length: 180 }, (_, i) => ({ start: 100 + i * 0.5, end: 100 + i * 0.5 + 0.4, text: i === 179 ? 'end.' : 'and' }));
    const talk = show(600, [{ start: 100, end: 190, text: 'and ...', words: sentenceWords, sentiment: NEUTRAL }]);
    const { start, end } = snapBoundaries(150, talk, config);
    expect(wordsAround(talk, start)).toEqual([]);
    expect(wordsAround(talk, end)).toEqual([]);
    expect(Math.abs(start - 140)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(end - 170)).toBeLessThanOrEqual(0.5);
  });

  it('is deterministic', () => {
    expect(peaks.map((p) => snapBoundaries(p, inputs, config))).toEqual(peaks.map((p) => snapBoundaries(p, cuts, config)));
  });
});
