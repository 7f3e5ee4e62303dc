import { describe, expect, it } from 'vitest';
import { DEFAULT_HIGHLIGHT_CONFIG } from '../../../shared/core/highlights/config.js';
import { speechRate } from '../../../shared/core/highlights/signals/speechRate.js';
import type { SentimentScore } from '../../../shared/core/types.js';
import { NEUTRAL, argmax, measure, peakIn, quietShow } from '../../helpers/signalFixtures.js';

const config = DEFAULT_HIGHLIGHT_CONFIG;

/** Steady speech: 2.5 words per second in 4-second sentences, with one fast stretch when asked. */
function talk(fastFrom?: number): { start: number; end: number; text: string; sentiment: SentimentScore }[] {
  const segments = [];
  for (let t = 1; t < 595; t += 5) {
    const fast = fastFrom !== undefined && t >= fastFrom && t < fastFrom + 15;
    const words = fast ? 18 : 10;
    segments.push({ start: t, end: t + 4, text: Array.from({ length: words }, (_, k) => `word${k}`).join(' '), sentiment: NEUTRAL });
  }
  return segments;
}

describe('speech rate signal', () => {
  it('fires where the host talks much faster than usual, in words or Chinese characters', () => {
    const values = measure(speechRate, { ...quietShow(), segments: talk(301) }).values;
    expect(argmax(values)).toBeGreaterThanOrEqual(300);
    expect(argmax(values)).toBeLessThanOrEqual(316);
    expect(peakIn(values, 295, 320)).toBeGreaterThanOrEqual(config.thresholds.speechRate);
    expect(peakIn(values, 0, 280)).toBeLessThan(config.thresholds.speechRate);
    // Ten characters are ten units: a Chinese stretch read twice as fast fires the same way.
    const zh = talk().map((s) => ({ ...s, text: s.start >= 301 && s.start < 316 ? '这个价格真的太划算了大家快点抢购吧我们马上上链接啊' : '今天给大家介绍这款产品' }));
    expect(peakIn(measure(speechRate, { ...quietShow(), segments: zh }).values, 295, 320)).toBeGreaterThanOrEqual(config.thresholds.speechRate);
  });

  it('stays quiet at a steady pace, and reports the pace in units per second', () => {
    const { values, evidence } = measure(speechRate, { ...quietShow(), segments: talk() });
    expect(peakIn(values)).toBeLessThan(config.thresholds.speechRate);
    expect(evidence.rate[302]).toBeCloseTo(2.5, 5);
    expect(evidence.baseline[302]).toBeCloseTo(2.5, 5);
    expect(speechRate.explain(evidence, 302, 2.7, config)).toBe('speech rate 2.5/s (usually 2.5/s), z=2.7');
  });
});
