import { describe, expect, it } from 'vitest';
import { DEFAULT_HIGHLIGHT_CONFIG } from '../../shared/core/highlights/config.js';
import { REACTION_GAP_SECONDS, reactionEnd } from '../../shared/core/highlights/reactionEnd.js';
import type { SignalName, SignalSeries } from '../../shared/core/types.js';

/** A series of `n` seconds at 0 with `value` over each [from, to). */
function series(name: SignalName, n: number, ...spans: [number, number, number][]): SignalSeries {
  const values = new Array<number>(n).fill(0);
  for (const [from, to, value] of spans) for (let i = from; i < to; i++) values[i] = value;
  return { name, values };
}

const config = DEFAULT_HIGHLIGHT_CONFIG;

describe('reactionEnd', () => {
  it('follows the chat burst after the peak to where it dies down', () => {
    // Loud at the peak (100-104), chat reacting from 103 to 131 with a 2-second lull at 115.
    const signals = [series('loudness', 600, [100, 104, 5]), series('chatRate', 600, [103, 115, 6], [117, 131, 4])];
    expect(reactionEnd(100, signals, config, 60)).toBe(131);
  });

  it(`ends at a lull longer than ${REACTION_GAP_SECONDS} s, and looks no further than the horizon`, () => {
    const signals = [series('chatRate', 600, [100, 110, 6], [115, 140, 6])];
    expect(reactionEnd(100, signals, config, 60)).toBe(110);
    expect(reactionEnd(100, [series('reactions', 600, [100, 300, 6])], config, 45)).toBe(146);
  });

  it('ignores signals below their thresholds, signals that are not reactions, and a reaction that never comes', () => {
    const weak = [series('chatRate', 600, [100, 130, config.thresholds.chatRate - 0.1])];
    expect(reactionEnd(100, weak, config, 60)).toBeUndefined();
    expect(reactionEnd(100, [series('orders', 600, [100, 150, 9])], config, 60)).toBeUndefined();
    expect(reactionEnd(100, [series('chatRate', 600, [100 + config.postRollSeconds + 2, 200, 6])], config, 60)).toBeUndefined();
  });
});
