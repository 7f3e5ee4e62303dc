import { describe, expect, it } from 'vitest';
import { DEFAULT_HIGHLIGHT_CONFIG } from '../../../shared/core/highlights/config.js';
import { speechSentiment } from '../../../shared/core/highlights/signals/speechSentiment.js';
import { measure, peakIn, quietShow } from '../../helpers/signalFixtures.js';

const config = DEFAULT_HIGHLIGHT_CONFIG;

describe('speech sentiment signal', () => {
  it('fires on a clearly emotional sentence but not on a mild one, and names its score', () => {
    const segments = [
      { start: 100, end: 104, text: 'nice', sentiment: { score: 0.3, hits: 1 } },
      { start: 300, end: 305, text: 'I absolutely love this', sentiment: { score: 0.9, hits: 2 } },
    ];
    const { values, evidence } = measure(speechSentiment, { ...quietShow(), segments });
    expect(peakIn(values, 295, 310)).toBeGreaterThanOrEqual(config.thresholds.speechSentiment);
    expect(peakIn(values, 95, 110)).toBeLessThan(config.thresholds.speechSentiment);
    expect(evidence.score[302]).toBe(0.9);
    expect(speechSentiment.explain(evidence, 302, 4.04, config)).toBe('speech sentiment z=4.0 (positive, score +0.90)');
  });
});
