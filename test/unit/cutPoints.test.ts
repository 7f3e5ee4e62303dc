import { describe, expect, it } from 'vitest';
import { CutPoints } from '../../shared/core/highlights/cutPoints.js';
import type { TimeRange, Word } from '../../shared/core/types.js';

const padding = { leadInSeconds: 0.5, leadOutSeconds: 0.5 };
const cutsOf = (segments: ConstructorParameters<typeof CutPoints>[0]['segments'], silences: TimeRange[] = [], duration = 100) =>
  new CutPoints({ duration, segments, audio: { silences } }, padding);
const word = (start: number, end: number, text = 'w'): Word => ({ start, end, text });

describe('CutPoints', () => {
  it('cuts a lead-in before and a lead-out after each sentence, stopping at the neighbouring word and its decay', () => {
    // Two sentences in one segment (a recogniser's utterance), 0.3 s apart; Chinese full stop on the first.
    const words = [word(10, 10.4, '我们'), word(10.5, 10.9, '开始。'), word(11.2, 11.6, '今天'), word(11.7, 12, '上新')];
    const cuts = cutsOf([{ start: 10, end: 12, words }]);
    // A start in a short pause takes its second half: the first half is the previous word's decay.
    expect(cuts.starts).toEqual(
      expect.arrayContaining([
        { at: 9.5, kind: 'sentence', pauseBefore: Infinity },
        { at: 11.05, kind: 'sentence', pauseBefore: expect.closeTo(0.3, 6) },
        { at: 10.45, kind: 'word', pauseBefore: expect.closeTo(0.1, 6) },
      ]),
    );
    expect(cuts.ends).toEqual(expect.arrayContaining([{ at: 11.2, kind: 'sentence' }, { at: 12.5, kind: 'sentence' }, { at: 10.5, kind: 'word' }]));
    for (const point of [...cuts.starts, ...cuts.ends]) expect(words.some((w) => w.start < point.at && point.at < w.end)).toBe(false);
  });

  it('keeps every word boundary when float error puts a word edge a hair past a hundredth', () => {
    const words: Word[] = [];
    for (let i = 0, t = 0.5; i < 200; i++, t += 0.4) words.push(word(t, t + 0.3));
    const cuts = cutsOf([{ start: words[0]?.start ?? 0, end: words.at(-1)?.end ?? 0, words }]);
    expect(cuts.starts).toHaveLength(words.length); // the first word's lead-in reaches the show's start
    expect(cuts.ends).toHaveLength(words.length + 1); // and the show's end
    expect(cuts.starts.every((p) => !cuts.inSpeech(p.at, true))).toBe(true);
  });

  it('trusts a silence inside a caption cue, not one inside a word', () => {
    const cue = cutsOf([{ start: 20, end: 30 }], [{ start: 24, end: 26 }]);
    expect(cue.starts).toContainEqual({ at: 25.5, kind: 'silence', pauseBefore: 2 });
    expect(cue.ends).toContainEqual({ at: 24.5, kind: 'silence' });
    // A "silence" the detector heard inside a long word (a held vowel under music) is no place to cut.
    const worded = cutsOf([{ start: 20, end: 30, words: [word(20, 25.5), word(26, 30)] }], [{ start: 22, end: 24 }]);
    expect([...worded.starts, ...worded.ends].filter((p) => p.kind === 'silence')).toEqual([]);
  });

  it('treats a segment without word timings as one word', () => {
    const cuts = cutsOf([{ start: 20, end: 30 }, { start: 30.2, end: 35 }]);
    expect(cuts.starts.map((p) => p.at)).toEqual([0, 19.5, 30.1]);
    expect(cuts.ends.map((p) => p.at)).toEqual([30.2, 35.5, 100]);
    expect(cuts.inSpeech(25, false)).toBe(true);
    expect(cuts.inSpeech(25, true)).toBe(false);
    expect(cuts.inSpeech(30, false)).toBe(false);
  });

  it('takes the pause before a sentence as its lead-in, up to leadInSeconds, leaving the previous word\'s decay out', () => {
    const lead = { leadInSeconds: 2.5, leadOutSeconds: 0.5 };
    const cutsWith = (gap: number) =>
      new CutPoints({ duration: 100, segments: [{ start: 10, end: 12, words: [word(10, 12, 'done.')] }, { start: 12 + gap, end: 20, words: [word(12 + gap, 20, 'next')] }], audio: { silences: [] } }, lead);
    const secondStart = (gap: number) => cutsWith(gap).starts.find((p) => p.at > 12 && p.at <= 12 + gap);
    expect(secondStart(1.8)).toEqual({ at: 12.5, kind: 'sentence', pauseBefore: expect.closeTo(1.8, 6) }); // the whole pause but the decay
    expect(secondStart(6)).toEqual({ at: 15.5, kind: 'sentence', pauseBefore: 6 }); // at most 2.5 s
    expect(secondStart(0.4)?.at).toBe(12.2); // half a short pause
  });
});
