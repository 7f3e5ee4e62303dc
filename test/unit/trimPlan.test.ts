import { describe, expect, it } from 'vitest';
import { timelineDuration, toClipTime } from '../../shared/core/clips/clipTimeline.js';
import { isFiller } from '../../shared/core/clips/fillerWords.js';
import { planTrim, type TimedWord } from '../../shared/core/clips/trimPlan.js';

const word = (text: string, start: number, end: number): TimedWord => ({ text, start, end });

describe('isFiller', () => {
  it('knows each language its own hesitations, after punctuation and case', () => {
    expect(isFiller('Um,', 'en')).toBe(true);
    expect(isFiller('uh...', 'en')).toBe(true);
    expect(isFiller('嗯，', 'zh')).toBe(true);
    expect(isFiller('呃', 'zh')).toBe(true);
    expect(isFiller('like', 'en')).toBe(false);
    expect(isFiller('金额', 'zh')).toBe(false);
  });

  it('never takes a filler of one language for a word of another', () => {
    // "um" is no hesitation in Chinese text (nor is 嗯 English).
    expect(isFiller('um', 'zh')).toBe(false);
    expect(isFiller('嗯', 'en')).toBe(false);
  });
});

describe('planTrim', () => {
  const window = { start: 10, end: 20 };

  it('keeps the whole window when nothing may be trimmed', () => {
    // Prepare
    const input = { window, kinds: [], silences: [{ start: 12, end: 15 }], words: [], language: 'en' as const };
    // Act
    const timeline = planTrim(input);
    // Assess
    expect(timeline).toEqual([{ start: 10, end: 20 }]);
  });

  it('shortens a long silence to a short pause and leaves short ones alone', () => {
    const timeline = planTrim({
      window,
      kinds: ['silence'],
      silences: [
        { start: 12, end: 15 }, // 3 s: cut to 0.25 s
        { start: 16, end: 16.5 }, // 0.5 s: a natural pause, kept
      ],
      words: [],
      language: 'en',
    });
    expect(timeline).toEqual([
      { start: 10, end: 12.125 },
      { start: 14.875, end: 20 },
    ]);
    expect(timelineDuration(timeline)).toBeCloseTo(10 - 3 + 0.25, 6);
  });

  it('clips silences to the window and keeps no pause at its edges', () => {
    const timeline = planTrim({
      window,
      kinds: ['silence'],
      silences: [
        { start: 5, end: 11 },
        { start: 19, end: 25 },
      ],
      words: [],
      language: 'en',
    });
    expect(timeline).toEqual([{ start: 10.875, end: 19.125 }]);
  });

  it('cuts fillers with a little padding, but never into the neighbouring words', () => {
    const words = [word('so', 11, 11.3), word('um', 11.32, 11.7), word('this', 11.72, 12), word('serum', 12.1, 12.6)];
    const timeline = planTrim({ window, kinds: ['fillers'], silences: [], words, language: 'en' });
    expect(timeline).toEqual([
      { start: 10, end: 11.3 },
      { start: 11.72, end: 20 },
    ]);
    // Every kept word is whole in the clip.
    for (const kept of words.filter((w) => w.text !== 'um')) {
      expect(toClipTime(timeline, kept.end) - toClipTime(timeline, kept.start)).toBeCloseTo(kept.end - kept.start, 6);
    }
  });

  it('cuts 嗯 in Chinese and leaves "um" alone there', () => {
    const words = [word('这个', 11, 11.5), word('嗯', 11.6, 12), word('um', 13, 13.4), word('好', 14, 14.3)];
    const timeline = planTrim({ window, kinds: ['fillers'], silences: [], words, language: 'zh' });
    expect(timeline).toEqual([
      { start: 10, end: 11.56 },
      { start: 12.04, end: 20 },
    ]);
  });

  it('never cuts inside a spoken word, even where silencedetect heard silence', () => {
    // A quiet word inside a detected silence: the silence is cut around it, not through it.
    const timeline = planTrim({
      window,
      kinds: ['silence'],
      silences: [{ start: 12, end: 16 }],
      words: [word('quietly', 13.5, 14.2)],
      language: 'en',
    });
    expect(timeline).toEqual([
      { start: 10, end: 12.125 },
      { start: 13.5, end: 14.2 },
      { start: 15.875, end: 20 },
    ]);
  });

  it('drops kept slivers shorter than a few frames, and cuts too short to notice', () => {
    const timeline = planTrim({
      window,
      kinds: ['silence', 'fillers'],
      // A silence's pause and the filler's padding would leave a 0.015 s sliver between the two cuts.
      silences: [{ start: 12, end: 13 }],
      // A filler of 0.01 s: a cut that short (0.06 s with padding) is not worth a jump.
      words: [word('um', 12.93, 13.3), word('uh', 17, 17.01), word('right', 17.02, 17.4)],
      language: 'en',
    });
    expect(timeline.every((span) => span.end - span.start >= 0.12)).toBe(true);
    expect(timeline).toEqual([
      { start: 10, end: 12.125 },
      { start: 13.34, end: 20 },
    ]);
  });

  it('refuses an empty window', () => {
    expect(() => planTrim({ window: { start: 5, end: 5 }, kinds: ['silence'], silences: [], words: [], language: 'en' })).toThrow(/empty/);
  });
});
