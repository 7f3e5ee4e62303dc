import { describe, expect, it } from 'vitest';
import { parsePocketsphinxTimes, segmentsFromUtterances } from '../../shared/adapters/transcription/pocketsphinxOutput.js';

// Real `pocketsphinx_continuous -time yes` output (LibriVox 0880 after 3 s of silence), with a filler and a variant added.
const OUTPUT = `he was not until this blows young man
<s> 9.990 10.090 0.999200
<sil> 10.100 10.320 0.577086
he 10.330 10.440 0.998401
was(2) 10.450 10.660 0.999500
[NOISE] 10.670 10.700 0.400000
not 10.710 11.090 0.997104
++UH++ 11.100 11.230 0.649437
until 11.240 11.580 0.189609
young 12.180 12.440 1.000300
</s> 12.850 13.080 1.000000
and then
<s> 20.000 20.100 0.999000
and(2) 20.150 20.360 0.260057
then 20.370 20.600 0.5
</s> 20.610 20.700 1.000000
`;

describe('parsePocketsphinxTimes', () => {
  it('keeps words with times and posteriors, one list per utterance', () => {
    const utterances = parsePocketsphinxTimes(OUTPUT);
    expect(utterances).toHaveLength(2);
    expect(utterances[0]?.map((word) => word.text)).toEqual(['he', 'was', 'not', 'until', 'young']);
    expect(utterances[0]?.[0]).toEqual({ text: 'he', start: 10.33, end: 10.45, confidence: 0.998401 });
    expect(utterances[1]?.map((word) => word.text)).toEqual(['and', 'then']);
  });

  it('drops markers, silences and fillers, strips pronunciation variants, clamps posteriors to 0..1', () => {
    const words = parsePocketsphinxTimes(OUTPUT).flat();
    expect(words.some((word) => /[<[+(]/.test(word.text))).toBe(false);
    expect(words.find((word) => word.text === 'young')?.confidence).toBe(1);
  });

  it('gives nothing for empty output, silence-only utterances and stray log text', () => {
    expect(parsePocketsphinxTimes('')).toEqual([]);
    expect(parsePocketsphinxTimes('\n<s> 0.000 0.500 0.99\n<sil> 0.51 2.0 0.9\n</s> 2.01 2.10 1.0\n')).toEqual([]);
    expect(parsePocketsphinxTimes('INFO: something happened\nhello world\n')).toEqual([]);
  });

  it('keeps words of an output cut before its closing marker', () => {
    expect(parsePocketsphinxTimes('<s> 0 0.1 1\nhello 0.2 0.5 0.9').flat().map((word) => word.text)).toEqual(['hello']);
  });
});

describe('segmentsFromUtterances', () => {
  it('places words on the recording clock, with word confidences and the mean as segment confidence', () => {
    const segments = segmentsFromUtterances(parsePocketsphinxTimes(OUTPUT), { offset: 100, duration: 30 });
    expect(segments.map((segment) => segment.text)).toEqual(['he was not until young', 'and then']);
    const first = segments[0]!;
    expect(first.start).toBe(110.33);
    expect(first.words?.[0]).toEqual({ start: 110.33, end: 110.45, text: 'he', confidence: 0.998401 });
    expect(first.confidence).toBeCloseTo((0.998401 + 0.9995 + 0.997104 + 0.189609 + 1) / 5, 3);
    expect(segments[1]?.end).toBe(120.61);
  });

  it('splits an utterance at a long pause and clamps to the chunk', () => {
    const utterance = [
      { text: 'one', start: 0, end: 0.5, confidence: 0.9 },
      { text: 'two', start: 2, end: 2.5, confidence: 0.9 },
      { text: 'three', start: 2.6, end: 4, confidence: 0.9 },
    ];
    const segments = segmentsFromUtterances([utterance], { offset: 10, duration: 3 });
    expect(segments.map((segment) => [segment.text, segment.start, segment.end])).toEqual([
      ['one', 10, 10.5],
      ['two three', 12, 13],
    ]);
  });
});
