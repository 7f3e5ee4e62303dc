import { describe, expect, it } from 'vitest';
import { DEFAULT_HIGHLIGHT_CONFIG } from '../../../shared/core/highlights/config.js';
import { scenes } from '../../../shared/core/highlights/signals/scenes.js';
import { argmax, measure, peakIn, quietShow } from '../../helpers/signalFixtures.js';

const config = DEFAULT_HIGHLIGHT_CONFIG;

describe('scenes signal', () => {
  it('turns clustered scene cuts into a peak, a lone cut into none, and a show without video into zeros', () => {
    const { values, evidence } = measure(scenes, { ...quietShow(), sceneChanges: [120, 400, 404, 409] });
    const peak = argmax(values);
    expect(peak).toBeGreaterThanOrEqual(395);
    expect(peak).toBeLessThanOrEqual(415);
    expect(peakIn(values, 395, 415)).toBeGreaterThanOrEqual(config.thresholds.scenes);
    expect(peakIn(values, 100, 140)).toBeLessThan(config.thresholds.scenes);
    expect(scenes.explain(evidence, peak, values[peak] ?? 0, config)).toBe('3 scene cut(s) in 20 s');
    expect(measure(scenes, quietShow()).values.every((v) => v === 0)).toBe(true);
  });
});
