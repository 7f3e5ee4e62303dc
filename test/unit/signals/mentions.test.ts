import { describe, expect, it } from 'vitest';
import { DEFAULT_HIGHLIGHT_CONFIG } from '../../../shared/core/highlights/config.js';
import { mentions } from '../../../shared/core/highlights/signals/mentions.js';
import { argmax, measure, quietShow } from '../../helpers/signalFixtures.js';
import { posted, said } from '../../helpers/streamClock.js';

const config = DEFAULT_HIGHLIGHT_CONFIG;
const serum = (t: number, source: 'speech' | 'chat' = 'speech') => ({ t, product: 'Glow Serum', matched: 'serum', source });

describe('mentions signal', () => {
  it('counts product and call-to-action mentions together, ignoring pre-stream chat', () => {
    const inputs = {
      ...quietShow(),
      mentions: [...said([100, 350, 500, 400, 402, 405].map((t) => serum(t))), ...posted([serum(-30, 'chat')])],
      ctaMentions: [401, 404, 407].map((t) => ({ t, term: 'link' })),
    };
    const { values, evidence } = measure(mentions, inputs);
    const peak = argmax(values);
    expect(peak).toBeGreaterThanOrEqual(395);
    expect(peak).toBeLessThanOrEqual(410);
    expect(values[peak]).toBeGreaterThanOrEqual(config.thresholds.mentions);
    expect(evidence.products[peak]).toBe(3);
    expect(evidence.cta[peak]).toBe(3);
    expect(values[0]).toBe(0);
    expect(mentions.explain(evidence, peak, 3.2, config)).toBe('mentions z=3.2 (3 product, 3 call-to-action in 20 s)');
  });

  it('counts a chat mention posted in the first seconds, about a moment before the stream began, at second 0', () => {
    const { evidence } = measure(mentions, { ...quietShow(), mentions: posted([serum(1.5, 'chat')]) });
    // The mention window (20 s) is centred on each second, so second 0 sees it and second 10 no longer does.
    expect(evidence.products[0]).toBe(1);
    expect(evidence.products[10]).toBe(0);
  });
});
