import { describe, expect, it } from 'vitest';
import { DEFAULT_HIGHLIGHT_CONFIG } from '../../../shared/core/highlights/config.js';
import { chatSentiment } from '../../../shared/core/highlights/signals/chatSentiment.js';
import { argmax, chatWith, measure, peakIn, quietShow } from '../../helpers/signalFixtures.js';
import { posted } from '../../helpers/streamClock.js';

const config = DEFAULT_HIGHLIGHT_CONFIG;

describe('chat sentiment signal', () => {
  it('fires on a burst of emotional lines and counts them as positive', () => {
    const { values, evidence } = measure(chatSentiment, { ...quietShow(), chat: posted(chatWith([{ at: 300, count: 40, score: 0.8 }])) });
    expect(peakIn(values, 290, 310)).toBeGreaterThanOrEqual(config.thresholds.chatSentiment);
    expect(peakIn(values, 0, 250)).toBeLessThan(config.thresholds.chatSentiment);
    const at = argmax(values);
    expect(evidence.positive[at]).toBeGreaterThan(20);
    expect(evidence.negative[at]).toBe(0);
    expect(chatSentiment.explain(evidence, at, 6.04, config)).toMatch(/^chat sentiment z=6\.0 \(\d+ positive, 0 negative msgs in 10 s\)$/);
  });

  it('does not count laughter or questions again, however positive', () => {
    const burst = (texts: readonly string[]) =>
      Array.from({ length: 16 }, (_, k) => ({ t: 200 + k * 0.5, user: `v${k}`, text: texts[k % texts.length] ?? '', kind: 'message' as const, sentiment: { score: 0.6, hits: 1 } }));
    const chat = posted([...chatWith([]), ...burst(['哈哈哈哈', '233333', 'LUL', 'lmao 😂', '多少钱?', 'link?'])].sort((a, b) => a.t - b.t));
    expect(peakIn(measure(chatSentiment, { ...quietShow(), chat }).values)).toBeLessThan(config.thresholds.chatSentiment);
  });
});
