/** buildSignalSet runs every registered signal over a show: one clamped series per signal, in SIGNAL_NAMES order, with its evidence. */
import { describe, expect, it } from 'vitest';
import { buildSignalSet, buildSignals } from '../../shared/core/highlights/buildSignalSet.js';
import { DEFAULT_HIGHLIGHT_CONFIG, SIGNAL_NAMES } from '../../shared/core/highlights/config.js';
import { explainSignals } from '../../shared/core/highlights/explainSignals.js';
import { SIGNALS } from '../../shared/core/highlights/signals/registry.js';
import { secondsIn } from '../../shared/core/highlights/signals/secondIndex.js';
import { argmax, chatWith, quietShow } from '../helpers/signalFixtures.js';
import { posted } from '../helpers/streamClock.js';

const config = DEFAULT_HIGHLIGHT_CONFIG;

describe('buildSignalSet', () => {
  it('registers one signal per name, in SIGNAL_NAMES order', () => {
    expect(SIGNALS.map((signal) => signal.name)).toEqual(SIGNAL_NAMES);
  });

  it('returns one series per signal, each one value per second, within [0, ceiling)', () => {
    const inputs = { ...quietShow(1, 600.4), chat: posted(chatWith([{ at: 300, count: 40, score: 0.8 }])) };
    const series = buildSignals(inputs, config);
    expect(series.map((s) => s.name)).toEqual(SIGNAL_NAMES);
    for (const s of series) {
      expect(s.values).toHaveLength(601);
      for (const v of s.values) {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThan(config.signalCeiling);
      }
    }
    expect(secondsIn(0)).toBe(0);
    expect(secondsIn(Number.NaN)).toBe(0);
    expect(buildSignals({ ...inputs, duration: 0 }, config).every((s) => s.values.length === 0)).toBe(true);
  });

  it('keeps each signal\'s evidence under its name, and explains a fired signal from it', () => {
    const inputs = { ...quietShow(), chat: posted(chatWith([{ at: 300, count: 40 }])) };
    const { series, evidence } = buildSignalSet(inputs, config);
    const peak = argmax(series.find((s) => s.name === 'chatRate')?.values ?? []);
    expect(evidence.chatRate.count[peak]).toBeGreaterThanOrEqual(40);
    expect(evidence.chatRate.baseline[peak]).toBe(5);
    const fired = explainSignals({ start: peak - 5, end: peak + 5 }, { series, evidence }, config).find((s) => s.name === 'chatRate');
    expect(fired?.detail).toMatch(/^chat rate z=\d+\.\d \(4\d msgs in 10 s, usually 5\)$/);
  });
});
