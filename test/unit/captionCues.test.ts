import { describe, expect, it } from 'vitest';
import { captionCues, splitText } from '../../shared/core/clips/captionCues.js';

describe('captionCues', () => {
  it('shifts segments into clip time and drops those outside the window', () => {
    const cues = captionCues(
      [
        { start: 0, end: 5, text: 'before the clip' },
        { start: 100, end: 103, text: 'hello everyone' },
        { start: 104, end: 107, text: 'the serum is back' },
        { start: 200, end: 205, text: 'after the clip' },
      ],
      { start: 98, end: 120 },
      'en',
    );
    expect(cues.map((cue) => cue.text)).toEqual(['hello everyone', 'the serum is back']);
    expect(cues[0]).toMatchObject({ start: 2, end: 5 });
    expect(cues[1]).toMatchObject({ start: 6, end: 9 });
  });

  it('splits a long utterance into several short cues that share its time', () => {
    const text = 'this is a very long utterance from the speech recogniser that would never fit on one line of a phone screen';
    const cues = captionCues([{ start: 10, end: 20, text }], { start: 10, end: 40 }, 'en');
    expect(cues.length).toBeGreaterThan(2);
    expect(cues.every((cue) => cue.text.length <= 32)).toBe(true);
    expect(cues[0]?.start).toBe(0);
    expect(cues.at(-1)?.end).toBeCloseTo(10, 0);
    expect(cues.map((cue) => cue.text).join(' ')).toBe(text);
  });

  it('splits Chinese on punctuation and length, not on spaces', () => {
    const lines = splitText('这款面霜真的非常好用，今天直播间特价只要九十九元，大家赶紧上车抢购吧', 14, 'zh');
    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(lines.every((line) => line.length <= 14)).toBe(true);
    expect(lines.join('')).toBe('这款面霜真的非常好用，今天直播间特价只要九十九元，大家赶紧上车抢购吧');
  });
});
