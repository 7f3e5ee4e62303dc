/**
 * Paid messages and gifts as detector signals: bursts of supporters fire, a single whale counts like a few,
 * one fan's gift combo and free gifts do not make a burst, and the explanation names counts and amounts.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_HIGHLIGHT_CONFIG } from '../../shared/core/highlights/config.js';
import { explainSignals } from '../../shared/core/highlights/explainSignals.js';
import type { HighlightInputs } from '../../shared/core/highlights/highlightInputs.js';
import { buildSignalSet } from '../../shared/core/highlights/signals.js';
import type { ChatMessage, SignalName } from '../../shared/core/types.js';
import { DEFAULT_CHAT_LAG_SECONDS } from '../../shared/core/chat/chatLag.js';
import { posted } from '../helpers/streamClock.js';

const config = DEFAULT_HIGHLIGHT_CONFIG;
const DURATION = 900;

function show(supportEvents: readonly ChatMessage[]): HighlightInputs {
  return {
    showId: 'support',
    duration: DURATION,
    audio: { duration: DURATION, loudness: new Array<number>(DURATION).fill(-23), silences: [], integratedLufs: -23 },
    segments: [],
    chat: [],
    supportEvents: posted(supportEvents),
    metrics: [],
    mentions: [],
    ctaMentions: [],
    sceneChanges: [],
  };
}

const paid = (t: number, user: string, amount: number, currency = 'CNY'): ChatMessage => ({ t, user, text: '冲', kind: 'paid', amount, currency });
const gift = (t: number, user: string, amount: number, currency = 'CNY'): ChatMessage => ({ t, user, text: '告白气球 x1', kind: 'gift', amount, currency });

/** A Super Chat of 30 CNY every 100 s: the show's usual spending. */
const background = Array.from({ length: DURATION / 100 }, (_, i) => paid(50 + i * 100, `regular${i}`, 30));

function peak(inputs: HighlightInputs, name: SignalName, from = 0, to = DURATION): number {
  const values = buildSignalSet(inputs, config).series.find((s) => s.name === name)?.values ?? [];
  return Math.max(...values.slice(from, to));
}

describe('paid-message and gift signals', () => {
  it('fire on a burst of supporters, at the moment they answer, and stay quiet elsewhere', () => {
    const burst = [paid(400, 'a', 30), paid(402, 'b', 50), paid(404, 'c', 30), paid(405, 'd', 30)];
    const inputs = show([...background, ...burst]);
    expect(peak(inputs, 'paidMessages', 385, 410)).toBeGreaterThanOrEqual(config.thresholds.paidMessages);
    expect(peak(inputs, 'paidMessages', 0, 350)).toBeLessThan(config.thresholds.paidMessages);
    const { series, evidence } = buildSignalSet(inputs, config);
    const values = series.find((s) => s.name === 'paidMessages')?.values ?? [];
    const at = values.indexOf(Math.max(...values));
    // The burst was typed at 400-405 s; with the 4 s lag the moment it answers is a few seconds earlier.
    expect(at).toBeLessThan(405 - DEFAULT_CHAT_LAG_SECONDS + 5);
    expect(evidence.paidCount[at]).toBe(4);
    expect(evidence.paidCurrency).toBe('CNY');
    const fired = explainSignals({ start: 380, end: 420 }, { series, evidence }, config).find((s) => s.name === 'paidMessages');
    expect(fired?.detail).toMatch(/^paid messages z=\d+\.\d \(4 in 10 s, 140 CNY\)$/);
  });

  it('counts one Super Chat far above the show\'s usual like several supporters', () => {
    expect(peak(show([...background, paid(600, 'whale', 1000)]), 'paidMessages', 585, 610)).toBeGreaterThanOrEqual(config.thresholds.paidMessages);
    // One usual-sized Super Chat is nothing special.
    expect(peak(show([...background, paid(600, 'fan', 30)]), 'paidMessages', 585, 610)).toBeLessThan(config.thresholds.paidMessages);
  });

  it('reads gifts and memberships together, damps one fan\'s combo and weighs free gifts half', () => {
    const crowd = ['a', 'b', 'c', 'd', 'e'].map((user, k) => gift(300 + k, user, 52));
    expect(peak(show(crowd), 'gifts')).toBeGreaterThanOrEqual(config.thresholds.gifts);
    const members: ChatMessage[] = ['a', 'b', 'c', 'd', 'e'].map((user, k) => ({ t: 300 + k, user, text: 'subscribed (Tier 1)', kind: 'member' }));
    expect(peak(show(members), 'gifts')).toBeGreaterThanOrEqual(config.thresholds.gifts);
    // Fifty 辣条 from one fan: a viewer counts at most twice per chat window.
    const combo = Array.from({ length: 50 }, (_, k) => gift(300 + k * 0.1, 'one-fan', 0.1));
    expect(peak(show(combo), 'gifts')).toBeLessThan(config.thresholds.gifts);
    // Free gifts (silver) from five viewers weigh as two or three bought ones: no burst.
    const free = ['a', 'b', 'c', 'd', 'e'].map((user, k) => gift(300 + k, user, 100, 'bilibili-silver'));

    expect(peak(show(free), 'gifts')).toBeLessThan(config.thresholds.gifts);
    // Gift prices are not weighed: one ship among 辣条 is one gifting viewer.
    expect(peak(show([...combo.slice(0, 3), gift(310, 'captain', 1245)]), 'gifts')).toBeLessThan(config.thresholds.gifts);
    // Paid messages and gifts are separate evidence.
    expect(peak(show(crowd), 'paidMessages')).toBe(0);
  });
});
