import { measureSupport, type SupportModel } from './audienceSupport.js';
import { formatAmount, formatSeconds, valueAt } from './evidenceText.js';
import { defineSignal } from './signal.js';

/**
 * Paid messages: priced in a narrow band (a bilibili Super Chat costs 30-2,000 CNY), so one far above the show's
 * usual is telling, and money is rare enough that three supporters in a quiet window reach z = 3.
 */
const PAID_MESSAGES: SupportModel = { weighByAmount: true, minSpread: 1 };

/** Paying supporters (Super Chats, bilibili SC, Twitch bits) per chat window; a far larger amount than usual counts up to 3×. */
export const paidMessages = defineSignal({
  name: 'paidMessages',
  measure(context) {
    const events = context.inputs.supportEvents.filter((event) => event.kind === 'paid');
    const { z, count, amount, currency } = measureSupport(events, context, PAID_MESSAGES);
    return {
      z,
      evidence: {
        /** Paid messages in the chat window (raw counts, spam-damped). */
        count,
        /** Sum of their amounts in the chat window, in `currency`. */
        amount,
        /** The show's most used currency ('' when no paid message has an amount). */
        currency,
      },
    };
  },
  explain: ({ count, amount, currency }, at, value, config) => {
    const spentAmount = valueAt(amount, at);
    const spent = spentAmount > 0 && currency !== '' ? `, ${formatAmount(spentAmount)} ${currency}` : '';
    return `paid messages z=${value.toFixed(1)} (${Math.round(valueAt(count, at))} in ${formatSeconds(config.chatWindowSeconds)}${spent})`;
  },
});
