/**
 * Burned-caption scoring on hand-made transcripts: only the words a clip would burn are scored, against
 * the whole reference, and the ungated tally is what every cue would have shown.
 */
import { describe, expect, it } from 'vitest';
import {
  burnedCaptionWords,
  clipWindows,
  poolCaptionAccuracy,
  recordingCaptionAccuracy,
  scoreCaptionWords,
} from '../../scripts/asrEval/captionAccuracy.js';
import { markReliability } from '../../shared/core/transcript/reliability.js';
import type { Segment } from '../../shared/core/types.js';

/** A segment of evenly timed words, each with the given pocketsphinx confidence. */
function heard(text: string, start: number, secondsPerWord: number, confidence: number): Segment {
  const words = text.split(' ').map((word, index) => ({
    text: word,
    start: start + index * secondsPerWord,
    end: start + (index + 1) * secondsPerWord - 0.05,
    confidence,
  }));
  return { start, end: words.at(-1)!.end, text, words, confidence };
}

const REFERENCE = 'Glow serum restocked tonight, at nine.';
// Right and confident (a reliable cue), then 1.5 s later two wrong words pocketsphinx was unsure of.
const SEGMENTS = markReliability([heard('glow serum restocked tonight', 1, 0.75, 0.97), heard('blue whale', 5.5, 0.3, 0.4)], 'pocketsphinx');
const recording = { id: 'hand-made', segments: SEGMENTS, engine: 'pocketsphinx' as const, language: 'en' as const, reference: REFERENCE, durationSeconds: 8 };

describe('recordingCaptionAccuracy', () => {
  it('scores only the burned cue; without the gate the wrong cue counts too', () => {
    expect(burnedCaptionWords(SEGMENTS, 'pocketsphinx', 'en', clipWindows(8)).words).toEqual(['glow', 'serum', 'restocked', 'tonight']);
    expect(recordingCaptionAccuracy(recording)).toEqual({
      id: 'hand-made',
      windows: 1,
      captionedWindows: 1,
      burned: { tokens: 4, right: 4, precision: 1 },
      ungated: { tokens: 6, right: 4, precision: 4 / 6 },
    });
  });

  it('burns nothing in a window whose speech is mostly unsure, but still counts the window', () => {
    const unsure = markReliability([heard('glow serum', 1, 0.5, 0.97), heard('blue whale shark fin', 2.5, 0.6, 0.3)], 'pocketsphinx');
    const result = recordingCaptionAccuracy({ ...recording, segments: unsure });
    expect(result).toMatchObject({ windows: 1, captionedWindows: 0, burned: { tokens: 0, right: 0, precision: undefined } });
    expect(result.ungated).toEqual({ tokens: 6, right: 2, precision: 2 / 6 });
  });

  it('cuts a long recording into windows and scores all of them against the one reference, in order', () => {
    const long = markReliability([heard('glow serum', 10, 0.6, 0.97), heard('restocked tonight', 40, 0.8, 0.97)], 'pocketsphinx');
    expect(clipWindows(65, 30)).toEqual([
      { start: 0, end: 30 },
      { start: 30, end: 60 },
      { start: 60, end: 65 },
    ]);
    expect(recordingCaptionAccuracy({ ...recording, segments: long, durationSeconds: 65 })).toMatchObject({
      windows: 3,
      captionedWindows: 2,
      burned: { tokens: 4, right: 4 },
    });
  });
});

describe('scoreCaptionWords and poolCaptionAccuracy', () => {
  it('normalises caption words like the WER scorer and pools by tokens', () => {
    // "tonight," keeps its comma on screen; a word heard twice is right once.
    expect(scoreCaptionWords(['Serum', 'tonight,', 'tonight,'], REFERENCE, 'en')).toEqual({ tokens: 3, right: 2, precision: 2 / 3 });
    const pooled = poolCaptionAccuracy([
      { windows: 1, captionedWindows: 1, burned: { tokens: 9, right: 9, precision: 1 }, ungated: { tokens: 10, right: 9, precision: 0.9 } },
      { windows: 2, captionedWindows: 0, burned: { tokens: 1, right: 0, precision: 0 }, ungated: { tokens: 10, right: 1, precision: 0.1 } },
    ]);
    expect(pooled).toEqual({ windows: 3, captionedWindows: 1, burned: { tokens: 10, right: 9, precision: 0.9 }, ungated: { tokens: 20, right: 10, precision: 0.5 } });
  });
});
