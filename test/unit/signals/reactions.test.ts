import { describe, expect, it } from 'vitest';
import { DEFAULT_HIGHLIGHT_CONFIG } from '../../../shared/core/highlights/config.js';
import { reactions } from '../../../shared/core/highlights/signals/reactions.js';
import { argmax, laughterThenQuestions, measure, peakIn, quietShow } from '../../helpers/signalFixtures.js';
import { posted } from '../../helpers/streamClock.js';

const config = DEFAULT_HIGHLIGHT_CONFIG;

describe('reactions signal', () => {
  it('fires on laughter and emotes, not on questions', () => {
    const { values, evidence } = measure(reactions, { ...quietShow(), chat: posted(laughterThenQuestions()) });
    expect(peakIn(values, 190, 215)).toBeGreaterThanOrEqual(config.thresholds.reactions);
    expect(peakIn(values, 390, 415)).toBeLessThan(config.thresholds.reactions);
    expect(reactions.explain(evidence, argmax(values), 4.46, config)).toBe('reactions z=4.5 (16 laughter/emote msgs in 10 s)');
  });
});
