/** The reactions and questions signals: each counts its own kind of viewer line, so each fires on its burst only. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_HIGHLIGHT_CONFIG } from '../../../shared/core/highlights/config.js';
import { questions } from '../../../shared/core/highlights/signals/questions.js';
import { reactions } from '../../../shared/core/highlights/signals/reactions.js';
import { argmax, laughterThenQuestions, measure, peakIn, quietShow } from '../../helpers/signalFixtures.js';
import { posted } from '../../helpers/streamClock.js';

const config = DEFAULT_HIGHLIGHT_CONFIG;
const inputs = { ...quietShow(), chat: posted(laughterThenQuestions()) };

describe.each([
  { signal: reactions, fires: [190, 215], quiet: [390, 415], words: 'reactions z=4.5 (16 laughter/emote msgs in 10 s)' },
  { signal: questions, fires: [390, 415], quiet: [190, 215], words: 'questions z=4.5 (16 audience questions in 10 s)' },
] as const)('$signal.name signal', ({ signal, fires, quiet, words }) => {
  it('fires on its own kind of line (laughter at 200 s, questions at 400 s), not on the other', () => {
    const { values, evidence } = measure(signal, inputs);
    expect(peakIn(values, ...fires)).toBeGreaterThanOrEqual(config.thresholds[signal.name]);
    expect(peakIn(values, ...quiet)).toBeLessThan(config.thresholds[signal.name]);
    expect(signal.explain(evidence, argmax(values), 4.46, config)).toBe(words);
  });
});
