import { describe, expect, it } from 'vitest';
import { DEFAULT_HIGHLIGHT_CONFIG } from '../../../shared/core/highlights/config.js';
import { questions } from '../../../shared/core/highlights/signals/questions.js';
import { argmax, laughterThenQuestions, measure, peakIn, quietShow } from '../../helpers/signalFixtures.js';
import { posted } from '../../helpers/streamClock.js';

const config = DEFAULT_HIGHLIGHT_CONFIG;

describe('questions signal', () => {
  it('fires on audience questions, not on laughter', () => {
    const { values, evidence } = measure(questions, { ...quietShow(), chat: posted(laughterThenQuestions()) });
    expect(peakIn(values, 390, 415)).toBeGreaterThanOrEqual(config.thresholds.questions);
    expect(peakIn(values, 190, 215)).toBeLessThan(config.thresholds.questions);
    expect(questions.explain(evidence, argmax(values), 4.46, config)).toBe('questions z=4.5 (16 audience questions in 10 s)');
  });
});
