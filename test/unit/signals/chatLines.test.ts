import { describe, expect, it } from 'vitest';
import { DEFAULT_HIGHLIGHT_CONFIG } from '../../../shared/core/highlights/config.js';
import { classifyChatLines } from '../../../shared/core/highlights/signals/chatLines.js';
import type { SentimentScore } from '../../../shared/core/types.js';
import { NEUTRAL } from '../../helpers/signalFixtures.js';
import { posted } from '../../helpers/streamClock.js';

const config = DEFAULT_HIGHLIGHT_CONFIG;
const line = (t: number, user: string, text: string, sentiment: SentimentScore = NEUTRAL) => ({ t, user, text, kind: 'message' as const, sentiment });
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

describe('classifyChatLines', () => {
  it('feeds each line into at most one of questions, reactions and sentiment', () => {
    const happy = { score: 0.8, hits: 2 };
    const chat = posted([line(20, 'a', '多少钱?', happy), line(21, 'b', '哈哈哈哈', happy), line(22, 'c', 'love it', happy), line(23, 'd', 'awful', { score: -0.6, hits: 1 }), line(24, 'e', 'ok')]);
    const counts = classifyChatLines(chat, 60, config);
    expect(sum(counts.lines)).toBe(5);
    expect(sum(counts.questions)).toBe(1);
    expect(sum(counts.reactions)).toBe(1);
    expect([sum(counts.positive), sum(counts.negative)]).toEqual([1, 1]);
    // Positive intensity is emphasised 1.5×: 0.8 · 1.5 + 0.6.
    expect(sum(counts.intensity)).toBeCloseTo(1.8, 9);
  });

  it('counts lines at the second they react to, clamps the first seconds to second 0 and leaves pre-stream lines out', () => {
    const counts = classifyChatLines(posted([line(-3, 'early', 'hi'), line(1, 'a', 'hi'), line(3.9, 'b', 'hi'), line(10.5, 'c', 'hi')]), 60, config);
    expect(counts.lines[0]).toBe(2);
    expect(counts.lines[6]).toBe(1);
    expect(sum(counts.lines)).toBe(3);
  });

  it('counts a viewer at most maxMessagesPerViewer times per chat window, their pre-stream lines included', () => {
    const spam = posted(Array.from({ length: 5 }, (_, k) => line(-2 + k, 'spammer', 'buy')));
    expect(sum(classifyChatLines(spam, 60, config).lines)).toBe(0);
    const later = posted(Array.from({ length: 5 }, (_, k) => line(20 + k, 'spammer', 'buy')));
    expect(sum(classifyChatLines(later, 60, config).lines)).toBe(config.maxMessagesPerViewer);
  });
});
