import { movingSum } from '../robustStats.js';
import { densityZ } from './densityZ.js';
import { formatSeconds, valueAt } from './evidenceText.js';
import { secondIndex } from './secondIndex.js';
import { defineSignal } from './signal.js';

/** Smallest scene-cut density spread, cuts per window. */
const MIN_SCENE_SPREAD = 0.75;

/**
 * Scene cuts (from keyframes) per scene window against the show's low quantile: a cut to a close-up or a
 * new set is weak evidence on its own (directors also cut for routine reasons), so it weighs little.
 */
export const scenes = defineSignal({
  name: 'scenes',
  measure({ inputs, seconds: n, config }) {
    const perSecond = new Array<number>(n).fill(0);
    for (const t of inputs.sceneChanges) {
      const i = secondIndex(t, n);
      if (i !== undefined) perSecond[i] = (perSecond[i] ?? 0) + 1;
    }
    const cuts = movingSum(perSecond, config.sceneWindowSeconds);
    return {
      z: densityZ(cuts, MIN_SCENE_SPREAD, config),
      evidence: {
        /** Scene cuts in the scene window. */
        cuts,
      },
    };
  },
  explain: ({ cuts }, at, _value, config) => `${Math.round(valueAt(cuts, at))} scene cut(s) in ${formatSeconds(config.sceneWindowSeconds)}`,
});
