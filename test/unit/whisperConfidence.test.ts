import { describe, expect, it } from 'vitest';
import { chunkRelativeTranscript } from '../../shared/adapters/openai/openaiTranscriber.js';
import { whisperSegmentConfidence } from '../../shared/adapters/transcription/whisperConfidence.js';
import { segmentsFromResult, segmentsFromTokens } from '../../shared/adapters/transcription/whisperLocalTranscriber.js';

describe('whisperSegmentConfidence', () => {
  it('is exp(avg_logprob) reduced by no_speech_prob', () => {
    expect(whisperSegmentConfidence({ avgLogprob: -0.2 })).toBe(0.819);
    expect(whisperSegmentConfidence({ avgLogprob: -0.2, noSpeechProb: 0.5 })).toBe(0.409);
    expect(whisperSegmentConfidence({ avgLogprob: 0.1 })).toBe(1);
  });

  it('caps repetitive text (compression ratio over 2.4) and gives nothing without a log probability', () => {
    expect(whisperSegmentConfidence({ avgLogprob: -0.05, compressionRatio: 3.1 })).toBe(0.1);
    expect(whisperSegmentConfidence({ avgLogprob: -0.05, compressionRatio: 1.6 })).toBe(0.951);
    expect(whisperSegmentConfidence({ noSpeechProb: 0.1 })).toBeUndefined();
    expect(whisperSegmentConfidence({ avgLogprob: null })).toBeUndefined();
  });
});

describe('OpenAI verbose_json segments', () => {
  it('carry a confidence from their scores; words without probabilities carry none', () => {
    const chunk = chunkRelativeTranscript(
      {
        segments: [
          { start: 0, end: 2, text: ' clean speech ', avg_logprob: -0.25, no_speech_prob: 0.01, compression_ratio: 1.4 },
          { start: 2, end: 4, text: 'la la la la la la', avg_logprob: -0.1, no_speech_prob: 0.02, compression_ratio: 3.0 },
          { start: 4, end: 5, text: 'unscored' },
        ],
        words: [
          { word: 'clean', start: 0.1, end: 0.6 },
          { word: 'speech', start: 0.7, end: 1.5 },
        ],
      },
      5,
      'en',
    );
    expect(chunk.segments.map((segment) => segment.confidence)).toEqual([0.771, 0.1, undefined]);
    expect(chunk.segments[0]?.words?.every((word) => word.confidence === undefined)).toBe(true);
  });
});

describe('local Whisper native results', () => {
  const clock = { offset: 10, duration: 5 };

  it('give no confidence when the binding reports no probabilities (@fugood/whisper.node 1.1.1)', () => {
    const [segment] = segmentsFromResult([{ text: ' hello there', t0: 0, t1: 1000 }], clock);
    expect(segment?.confidence).toBeUndefined();
  });

  it('use token probabilities where given: a word is as sure as its weakest token, a segment is the mean of its words', () => {
    const segments = segmentsFromTokens(
      [
        { text: ' serum', t0: 0, t1: 300, p: 0.9 },
        { text: ' is', t0: 300, t1: 400, p: 0.8 },
        { text: ' on', t0: 400, t1: 500, p: 0.95 },
        { text: 'line', t0: 500, t1: 700, p: 0.4 },
      ],
      clock,
    );
    expect(segments[0]?.words?.map((word) => [word.text, word.confidence])).toEqual([
      ['serum', 0.9],
      ['is', 0.8],
      ['online', 0.4],
    ]);
    expect(segments[0]?.confidence).toBe(0.7);
    const [whole] = segmentsFromResult([{ text: 'quiet', t0: 0, t1: 1000, p: 0.8, noSpeechProb: 0.5 }], clock);
    expect(whole?.confidence).toBe(0.4);
  });
});
