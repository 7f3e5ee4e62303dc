import { describe, expect, it } from 'vitest';
import { chunkRelativeTranscript, languageFromOpenAi } from '../../shared/adapters/openai/openaiTranscriber.js';

describe('languageFromOpenAi', () => {
  it('maps names and codes to the languages the core knows', () => {
    expect(['english', 'EN', 'en-US', 'chinese', 'zh', 'zh-CN', 'mandarin', 'cantonese', 'yue'].map(languageFromOpenAi)).toEqual([
      'en',
      'en',
      'en',
      'zh',
      'zh',
      'zh',
      'zh',
      'zh',
      'zh',
    ]);
    expect(languageFromOpenAi('japanese')).toBeUndefined();
    expect(languageFromOpenAi(undefined)).toBeUndefined();
  });
});

describe('chunkRelativeTranscript', () => {
  it('groups words into their segments by midpoint and clamps times to the chunk', () => {
    const chunk = chunkRelativeTranscript(
      {
        language: 'english',
        segments: [
          { start: 0, end: 1.5, text: ' one two ' },
          { start: 1.5, end: 9, text: 'three' },
        ],
        words: [
          { word: ' one', start: 0, end: 0.5 },
          { word: 'two', start: 0.6, end: 1.6 },
          { word: 'three', start: 1.7, end: 8.5 },
        ],
      },
      8,
      'en',
    );
    expect(chunk.language).toBe('en');
    expect(chunk.segments).toEqual([
      { start: 0, end: 1.5, text: 'one two', words: [{ start: 0, end: 0.5, text: 'one' }, { start: 0.6, end: 1.6, text: 'two' }] },
      { start: 1.5, end: 8, text: 'three', words: [{ start: 1.7, end: 8, text: 'three' }] },
    ]);
  });

  it("drops Whisper's likely hallucinations (no speech and low confidence) with their words", () => {
    const chunk = chunkRelativeTranscript(
      {
        segments: [
          { start: 0, end: 2, text: 'real speech', no_speech_prob: 0.1, avg_logprob: -0.3 },
          { start: 2, end: 4, text: 'Thanks for watching!', no_speech_prob: 0.95, avg_logprob: -1.6 },
          { start: 4, end: 5, text: 'quiet but confident', no_speech_prob: 0.9, avg_logprob: -0.2 },
        ],
        words: [{ word: 'Thanks', start: 2.1, end: 2.5 }],
      },
      5,
      'en',
    );
    expect(chunk.segments.map((s) => s.text)).toEqual(['real speech', 'quiet but confident']);
    expect(chunk.segments.every((s) => s.words === undefined)).toBe(true);
  });

  it('builds one segment from words or from text when the server gives no segments', () => {
    expect(chunkRelativeTranscript({ words: [{ word: '你好', start: 0.2, end: 0.6 }, { word: '大家', start: 0.7, end: 1.1 }] }, 3, 'zh').segments).toEqual([
      { start: 0.2, end: 1.1, text: '你好 大家', words: [{ start: 0.2, end: 0.6, text: '你好' }, { start: 0.7, end: 1.1, text: '大家' }] },
    ]);
    expect(chunkRelativeTranscript({ text: ' hi ' }, 3, 'en')).toEqual({ segments: [{ start: 0, end: 3, text: 'hi' }], language: 'en' });
    expect(chunkRelativeTranscript({ text: '' }, 3, 'en').segments).toEqual([]);
  });
});
