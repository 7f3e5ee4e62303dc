/**
 * Paid messages as a detector signal: a burst of supporters fires, a single whale counts like a few, and the
 * explanation names counts and amounts.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CHAT_LAG_SECONDS } from '../../../shared/core/chat/chatLag.js';
import { DEFAULT_HIGHLIGHT_CONFIG } from '../../../shared/core/highlights/config.js';
import { paidMessages } from '../../../shared/core/highlights/signals/paidMessages.js';
import { argmax, measure, peakIn, quietShow } from '../../helpers/signalFixtures.js';
import { paid, supportShow } from '../../helpers/supportEvents.js';

const config = DEFAULT_HIGHLIGHT_CONFIG;

/** A Super Chat of 30 CNY every 100 s: the show's usual spending. */
const background = Array.from({ length: 9 }, (_, i) => paid(50 + i * 100, `regular${i}`, 30));

describe('paid messages signal', () => {
  it('fires on a burst of supporters, at the moment they answer, and stays quiet elsewhere', () => {
    const { values, evidence } = measure(paidMessages, supportShow([...background, paid(400, 'a', 30), paid(402, 'b', 50), paid(404, 'c', 30), paid(405, 'd', 30)]));
    expect(peakIn(values, 385, 410)).toBeGreaterThanOrEqual(config.thresholds.paidMessages);
    expect(peakIn(values, 0, 350)).toBeLessThan(config.thresholds.paidMessages);
    const at = argmax(values);
    // The burst was typed at 400-405 s; with the 4 s lag the moment it answers is a few seconds earlier.
    expect(at).toBeLessThan(405 - DEFAULT_CHAT_LAG_SECONDS + 5);
    expect(evidence.count[at]).toBe(4);
    expect(evidence.currency).toBe('CNY');
    expect(paidMessages.explain(evidence, at, values[at] ?? 0, config)).toMatch(/^paid messages z=\d+\.\d \(4 in 10 s, 140 CNY\)$/);
  });

  it('counts one Super Chat far above the show\'s usual like several supporters', () => {
    expect(peakIn(measure(paidMessages, supportShow([...background, paid(600, 'whale', 1000)])).values, 585, 610)).toBeGreaterThanOrEqual(config.thresholds.paidMessages);
    // One usual-sized Super Chat is nothing special.
    expect(peakIn(measure(paidMessages, supportShow([...background, paid(600, 'fan', 30)])).values, 585, 610)).toBeLessThan(config.thresholds.paidMessages);
  });

  it('reads no gifts, and without paid messages is all zeros', () => {
    expect(measure(paidMessages, quietShow()).values.every((v) => v === 0)).toBe(true);
  });
});
