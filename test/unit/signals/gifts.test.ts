/** Gifts and memberships as a detector signal: a crowd of gifting viewers fires, one fan's combo and free gifts do not. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_HIGHLIGHT_CONFIG } from '../../../shared/core/highlights/config.js';
import { gifts } from '../../../shared/core/highlights/signals/gifts.js';
import { paidMessages } from '../../../shared/core/highlights/signals/paidMessages.js';
import type { ChatMessage } from '../../../shared/core/types.js';
import { argmax, measure, peakIn } from '../../helpers/signalFixtures.js';
import { gift, supportShow } from '../../helpers/supportEvents.js';

const config = DEFAULT_HIGHLIGHT_CONFIG;
const peakOf = (events: readonly ChatMessage[]) => peakIn(measure(gifts, supportShow(events)).values);
const crowd = ['a', 'b', 'c', 'd', 'e'].map((user, k) => gift(300 + k, user, 52));

describe('gifts signal', () => {
  it('reads gifts and memberships together, and explains the count', () => {
    expect(peakOf(crowd)).toBeGreaterThanOrEqual(config.thresholds.gifts);
    const members: ChatMessage[] = ['a', 'b', 'c', 'd', 'e'].map((user, k) => ({ t: 300 + k, user, text: 'subscribed (Tier 1)', kind: 'member' }));
    expect(peakOf(members)).toBeGreaterThanOrEqual(config.thresholds.gifts);
    const { values, evidence } = measure(gifts, supportShow(crowd));
    expect(gifts.explain(evidence, argmax(values), 3.33, config)).toBe('gifts z=3.3 (5 gifts or memberships in 10 s)');
  });

  it('damps one fan\'s combo, weighs free gifts half and does not weigh gift prices', () => {
    // Fifty 辣条 from one fan: a viewer counts at most twice per chat window.
    const combo = Array.from({ length: 50 }, (_, k) => gift(300 + k * 0.1, 'one-fan', 0.1));
    expect(peakOf(combo)).toBeLessThan(config.thresholds.gifts);
    // Free gifts (silver) from five viewers weigh as two or three bought ones: no burst.
    expect(peakOf(['a', 'b', 'c', 'd', 'e'].map((user, k) => gift(300 + k, user, 100, 'bilibili-silver')))).toBeLessThan(config.thresholds.gifts);
    // Gift prices are not weighed: one ship among 辣条 is one gifting viewer.
    expect(peakOf([...combo.slice(0, 3), gift(310, 'captain', 1245)])).toBeLessThan(config.thresholds.gifts);
  });

  it('is separate evidence from paid messages', () => {
    expect(peakIn(measure(paidMessages, supportShow(crowd)).values)).toBe(0);
  });
});
