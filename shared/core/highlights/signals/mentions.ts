import { movingSum, quantile, robustSpread } from '../robustStats.js';
import { formatSeconds, valueAt } from './evidenceText.js';
import { secondIndex, streamSecond } from './secondIndex.js';
import type { Signal } from './signal.js';

/** Smallest mention-density spread, mentions per window. */
const MIN_MENTIONS_SPREAD = 1;

export interface MentionsEvidence {
  /** Product mentions (speech and chat) in the mention window. */
  readonly products: readonly number[];
  /** Call-to-action hits in the mention window. */
  readonly cta: readonly number[];
}

/** Density of product mentions (speech and chat) plus call-to-action hits, against the show's quiet level. */
export const mentions: Signal<'mentions', MentionsEvidence> = {
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
    const density = products.map((p, i) => p + (cta[i] ?? 0));
    const center = quantile(density, config.baselineQuantile);
    const spread = robustSpread(density, MIN_MENTIONS_SPREAD, center);
    return { z: density.map((d) => (d - center) / spread), evidence: { products, cta } };
  },
  explain: ({ products, cta }, at, value, config) =>
    `mentions z=${value.toFixed(1)} (${Math.round(valueAt(products, at))} product, ${Math.round(valueAt(cta, at))} call-to-action in ${formatSeconds(config.mentionWindowSeconds)})`,
};
