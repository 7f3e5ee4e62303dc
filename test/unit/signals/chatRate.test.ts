import { describe, expect, it } from 'vitest';
import { DEFAULT_CHAT_LAG_SECONDS } from '../../../shared/core/chat/chatLag.js';
import { DEFAULT_HIGHLIGHT_CONFIG, resolveHighlightConfig } from '../../../shared/core/highlights/config.js';
import { chatRate } from '../../../shared/core/highlights/signals/chatRate.js';
import { NEUTRAL, argmax, chatWith, measure, peakIn, quietShow } from '../../helpers/signalFixtures.js';
import { posted } from '../../helpers/streamClock.js';

const config = DEFAULT_HIGHLIGHT_CONFIG;

describe('chat rate signal', () => {
  it('turns a chat burst into a peak at the moment it reacts to, and a steady chat into none', () => {
    // Burst typed during [300, 308); with the default 4 s lag the moment it reacts to is around 296-304.
    const { values, evidence } = measure(chatRate, { ...quietShow(), chat: posted(chatWith([{ at: 300, count: 40 }])) });
    const peak = argmax(values);
    expect(peak).toBeGreaterThanOrEqual(300 - DEFAULT_CHAT_LAG_SECONDS - 5);
    expect(peak).toBeLessThanOrEqual(308 - DEFAULT_CHAT_LAG_SECONDS + 5);
    expect(values[peak]).toBeGreaterThanOrEqual(config.thresholds.chatRate);
    expect(peakIn(values, 0, 250)).toBeLessThan(config.thresholds.chatRate);
    expect(evidence.count[peak]).toBeGreaterThanOrEqual(40);
    expect(evidence.baseline[peak]).toBe(5);
    expect(chatRate.explain(evidence, peak, 9.1, config)).toMatch(/^chat rate z=9\.1 \(4\d msgs in 10 s, usually 5\)$/);
    expect(peakIn(measure(chatRate, { ...quietShow(), chat: posted(chatWith([])) }).values)).toBeLessThan(config.thresholds.chatRate);
  });

  it('follows the times it is given: a burst placed 14 s earlier peaks 14 s earlier', () => {
    const burst = chatWith([{ at: 300, count: 40 }]);
    const lagged = measure(chatRate, { ...quietShow(), chat: posted(burst, 14) }).values;
    const onTime = measure(chatRate, { ...quietShow(), chat: posted(burst, 0) }).values;
    expect(argmax(onTime) - argmax(lagged)).toBe(14);
  });

  it('does not let one viewer spamming a line make a chat burst', () => {
    const spam = Array.from({ length: 40 }, (_, k) => ({ t: 300 + k * 0.2, user: 'spammer', text: 'please buy this one', kind: 'message' as const, sentiment: NEUTRAL }));
    // Forty fans say it each their own way (forty saying one word would be an echo flood: echoLines.ts).
    const words = ['please buy this one', 'want it', 'so cute', 'need this', 'link?', 'omg'];
    const crowd = spam.map((m, k) => ({ ...m, user: `fan${k}`, text: words[k % words.length]! }));
    const withLines = (lines: typeof spam) => ({ ...quietShow(), chat: posted([...chatWith([]), ...lines].sort((a, b) => a.t - b.t)) });
    expect(peakIn(measure(chatRate, withLines(spam)).values)).toBeLessThan(config.thresholds.chatRate);
    expect(peakIn(measure(chatRate, withLines(crowd)).values)).toBeGreaterThanOrEqual(config.thresholds.chatRate);
    const lenient = measure(chatRate, withLines(spam), resolveHighlightConfig({ maxMessagesPerViewer: 100 })).values;
    expect(peakIn(lenient)).toBeGreaterThanOrEqual(config.thresholds.chatRate);
  });
});
