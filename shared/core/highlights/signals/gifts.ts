import { measureSupport, type SupportModel } from './audienceSupport.js';
import { MIN_CHAT_SPREAD_MSGS } from './countBurst.js';
import { formatSeconds, valueAt } from './evidenceText.js';
import { defineSignal } from './signal.js';

/**
 * Gifts and memberships: prices span four orders of magnitude by design (a 0.1 CNY 辣条 to a 1,245 CNY ship), so
 * the median says nothing about "usual" and only supporters are counted; gifts also trickle in all show long,
 * so the spread floor is chat's (five gifting viewers in a quiet window reach z = 3).
 */
const GIFTS: SupportModel = { weighByAmount: false, minSpread: MIN_CHAT_SPREAD_MSGS };

/** Gifting or subscribing viewers per chat window; a fan's combo counts at most twice, free gifts half. */
export const gifts = defineSignal({
  name: 'gifts',
  measure(context) {
    const events = context.inputs.supportEvents.filter((event) => event.kind === 'gift' || event.kind === 'member');
    const { z, count } = measureSupport(events, context, GIFTS);
    return {
      z,
      evidence: {
        /** Gifts and memberships in the chat window (raw counts, spam-damped). */
        count,
      },
    };
  },
  explain: ({ count }, at, value, config) =>
    `gifts z=${value.toFixed(1)} (${Math.round(valueAt(count, at))} gifts or memberships in ${formatSeconds(config.chatWindowSeconds)})`,
});
