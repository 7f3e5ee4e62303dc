import { describe, expect, it } from 'vitest';
import { normalisePhrase, parseKeyphraseHits } from '../../shared/adapters/transcription/spotKeyphrases.js';

describe('parseKeyphraseHits', () => {
  it('reads timed detections of one- and multi-word phrases, in time order, skipping hypothesis lines', () => {
    // Real `-kws -time yes` output on the JFK recording (two spaces after the phrase).
    const output = 'country  country  serum \ncountry  6.880 7.120 0.815035\nserum  6.450 6.650 0.801295\nask not \nask not  3.550 4.240 0.827024\n';
    expect(parseKeyphraseHits(output)).toEqual([
      { phrase: 'ask not', start: 3.55, end: 4.24, confidence: 0.827024 },
      { phrase: 'serum', start: 6.45, end: 6.65, confidence: 0.801295 },
      { phrase: 'country', start: 6.88, end: 7.12, confidence: 0.815035 },
    ]);
    expect(parseKeyphraseHits('')).toEqual([]);
  });

  it('normalises phrases the way the dictionary spells words', () => {
    expect(normalisePhrase('  Glow-Serum  NOW! ')).toBe('glow serum now');
    expect(normalisePhrase("Don't")).toBe("don't");
  });
});
