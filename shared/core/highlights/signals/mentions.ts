import { movingSum } from '../robustStats.js';
import { densityZ } from './densityZ.js';
import { formatSeconds, valueAt } from './evidenceText.js';
import { secondIndex, streamSecond } from './secondIndex.js';
import { defineSignal } from './signal.js';

/** Smallest mention-density spread, mentions per window. */
const MIN_MENTIONS_SPREAD = 1;

/** Density of product mentions (speech and chat) plus call-to-action hits, against the show's quiet level. */
export const mentions = defineSignal({
  name: 'mentions',
  measure({ inputs, seconds: n, config }) {
    const productsPerSecond = new Array<number>(n).fill(0);
    const ctaPerSecond = new Array<number>(n).fill(0);
    for (const mention of inputs.mentions) {
      const i = streamSecond(mention, n);
      if (i !== undefined) productsPerSecond[i] = (productsPerSecond[i] ?? 0) + 1;
    }
    for (const hit of inputs.ctaMentions) {
      const i = secondIndex(hit.t, n);
      if (i !== undefined) ctaPerSecond[i] = (ctaPerSecond[i] ?? 0) + 1;
    }
    const products = movingSum(productsPerSecond, config.mentionWindowSeconds);
    const cta = movingSum(ctaPerSecond, config.mentionWindowSeconds);
    return {
      z: densityZ(products.map((p, i) => p + (cta[i] ?? 0)), MIN_MENTIONS_SPREAD, config),
      evidence: {
        /** Product mentions (speech and chat) in the mention window. */
        products,
        /** Call-to-action hits in the mention window. */
        cta,
      },
    };
  },
  explain: ({ products, cta }, at, value, config) =>
    `mentions z=${value.toFixed(1)} (${Math.round(valueAt(products, at))} product, ${Math.round(valueAt(cta, at))} call-to-action in ${formatSeconds(config.mentionWindowSeconds)})`,
});
