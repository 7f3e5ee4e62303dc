/**
 * Which chat lag the detector applies: the show's own measurement when many moments agree on it, the
 * caller's override when given, the default otherwise (test/unit/assembleInputs.test.ts checks it is applied).
 */
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../scripts/prng.js';
import { DEFAULT_CHAT_LAG_SECONDS } from '../../shared/core/chat/chatLag.js';
import { MIN_APPLIED_LAG_SUPPORT, calibrateChatLag } from '../../shared/core/highlights/calibrateChatLag.js';

/** A show of `minutes` with a loud cheer every ~2.5 min, chat bursting `lag` s after each, over Poisson background chat. */
function show(minutes: number, lag: number, seed = 7): { duration: number; loudness: number[]; chatTimes: number[] } {
  const random = mulberry32(seed);
  const duration = minutes * 60;
  const loudness = Array.from({ length: duration }, () => -23 + (random() - 0.5) * 2);
  const chat: { t: number; user: string }[] = [];
  for (let t = 40; t < duration - 60; t += 120 + random() * 60) {
    for (let s = 0; s < 5; s++) loudness[Math.floor(t) + s] = -12;
    for (let k = 0; k < 15; k++) chat.push({ t: t + lag + random() * 4, user: `fan${k}` });
  }
  for (let t = random() * 3; t < duration; t += -Math.log(1 - random()) * 3) chat.push({ t, user: `bg${Math.floor(random() * 50)}` });
  return { duration, loudness, chatTimes: chat.map((line) => line.t).sort((a, b) => a - b) };
}

describe('calibrateChatLag', () => {
  it('applies the measured lag when many separate moments agree on it', () => {
    const calibration = calibrateChatLag(show(60, 11));
    expect(calibration.appliedFrom).toBe('measured');
    expect(calibration.appliedSeconds).toBeGreaterThan(11 - 1.5);
    expect(calibration.appliedSeconds).toBeLessThan(13 + 1.5);
    expect(calibration.estimate.method === 'cross-correlation' && calibration.estimate.supportingEvents).toBeGreaterThanOrEqual(MIN_APPLIED_LAG_SUPPORT);
  });

  it('keeps the default on a show with too few moments to agree, whatever the confidence', () => {
    const calibration = calibrateChatLag(show(8, 11));
    expect(calibration).toMatchObject({ appliedFrom: 'default', appliedSeconds: DEFAULT_CHAT_LAG_SECONDS });
  });

  it('keeps the default without chat', () => {
    const calibration = calibrateChatLag({ ...show(60, 11), chatTimes: [] });
    expect(calibration).toMatchObject({ appliedFrom: 'default', appliedSeconds: DEFAULT_CHAT_LAG_SECONDS, estimate: { method: 'default' } });
  });

  it('applies the caller\'s override as given, and still reports the measurement', () => {
    const calibration = calibrateChatLag(show(60, 11), 1.5);
    expect(calibration).toMatchObject({ appliedFrom: 'override', appliedSeconds: 1.5, estimate: { method: 'cross-correlation' } });
  });
});
