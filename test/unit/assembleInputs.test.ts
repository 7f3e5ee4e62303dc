/**
 * assembleHighlightInputs measures the show's chat lag on the times chat was posted and puts every chat-derived
 * input on the stream's clock with it, so the signals need no lag of their own.
 */
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../scripts/prng.js';
import { DEFAULT_CHAT_LAG_SECONDS } from '../../shared/core/chat/chatLag.js';
import { assembleHighlightInputs, type ShowEvidence } from '../../shared/core/highlights/assembleInputs.js';
import { buildSignals } from '../../shared/core/highlights/buildSignalSet.js';
import { DEFAULT_HIGHLIGHT_CONFIG } from '../../shared/core/highlights/config.js';
import type { ChatMessage } from '../../shared/core/types.js';

/** An hour with a loud cheer every ~2.5 min and chat bursting `lag` s after each, plus a few paid messages and product mentions. */
function cheeringShow(lag: number, seed = 7): ShowEvidence {
  const random = mulberry32(seed);
  const duration = 3600;
  const loudness = Array.from({ length: duration }, () => -23 + (random() - 0.5) * 2);
  const chat: ChatMessage[] = [];
  for (let t = 40; t < duration - 60; t += 120 + random() * 60) {
    for (let s = 0; s < 5; s++) loudness[Math.floor(t) + s] = -12;
    for (let k = 0; k < 15; k++) chat.push({ t: t + lag + random() * 4, user: `fan${k}`, text: k === 0 ? 'the widget!' : 'wow', kind: 'message' });
    chat.push({ t: t + lag + 1, user: 'patron', text: 'take my money', kind: 'paid', amount: 5, currency: 'USD' });
  }
  for (let t = random() * 3 - 10; t < duration + 30; t += -Math.log(1 - random()) * 3) {
    chat.push({ t, user: `bg${Math.floor(random() * 50)}`, text: 'ok', kind: 'message' });
  }
  chat.sort((a, b) => a.t - b.t);
  return {
    showId: 'cheers',
    language: 'en',
    duration,
    audio: { duration, loudness, silences: [], integratedLufs: -23 },
    sceneChanges: [],
    segments: [{ start: 100, end: 104, text: 'this widget is new' }],
    chat,
    metrics: [],
    products: [{ name: 'widget', aliases: [] }],
  };
}

describe('assembleHighlightInputs', () => {
  it('measures the lag on the posted times and moves chat, paid messages and chat mentions back by it', () => {
    // Prepare
    const evidence = cheeringShow(11);
    // Act
    const { inputs, chatLag } = assembleHighlightInputs(evidence);
    // Assess
    expect(chatLag.appliedFrom).toBe('measured');
    const lag = chatLag.appliedSeconds;
    expect(lag).toBeGreaterThan(9.5);
    expect(lag).toBeLessThan(14.5);
    const viewerLines = evidence.chat.filter((line) => line.t < evidence.duration);
    expect(inputs.chat.map((line) => line.postedAt)).toEqual(viewerLines.map((line) => line.t));
    for (const line of inputs.chat) expect(line.t).toBe(line.postedAt - lag);
    expect(inputs.supportEvents.length).toBeGreaterThan(10);
    for (const event of inputs.supportEvents) expect(event.t).toBe(event.postedAt - lag);
    const chatMentions = inputs.mentions.filter((mention) => mention.source === 'chat');
    expect(chatMentions.length).toBeGreaterThan(10);
    for (const mention of chatMentions) expect(mention.t).toBe(mention.postedAt - lag);
    expect(inputs.mentions.filter((mention) => mention.source === 'speech')).toEqual([
      { t: 100, postedAt: 100, product: 'widget', matched: 'widget', source: 'speech' },
    ]);
  });

  it('applies the caller\'s lag as given, and still reports the measurement', () => {
    const { inputs, chatLag } = assembleHighlightInputs(cheeringShow(11), { chatLagSeconds: 1.5 });
    expect(chatLag).toMatchObject({ appliedFrom: 'override', appliedSeconds: 1.5, estimate: { method: 'cross-correlation' } });
    for (const line of inputs.chat) expect(line.t).toBe(line.postedAt - 1.5);
  });

  it('falls back to the default lag when the show cannot be measured', () => {
    const { inputs, chatLag } = assembleHighlightInputs({ ...cheeringShow(11), chat: cheeringShow(11).chat.slice(0, 20) });
    expect(chatLag).toMatchObject({ appliedFrom: 'default', appliedSeconds: DEFAULT_CHAT_LAG_SECONDS });
    for (const line of inputs.chat) expect(line.t).toBe(line.postedAt - DEFAULT_CHAT_LAG_SECONDS);
  });

  it('moves the chat-derived signals by the applied lag', () => {
    const evidence = cheeringShow(11);
    const peakOf = (chatLagSeconds: number) => {
      const { inputs } = assembleHighlightInputs(evidence, { chatLagSeconds });
      const rate = buildSignals(inputs, DEFAULT_HIGHLIGHT_CONFIG).find((series) => series.name === 'chatRate')?.values ?? [];
      return rate.indexOf(Math.max(...rate));
    };
    expect(peakOf(0) - peakOf(14)).toBe(14);
  });
});
