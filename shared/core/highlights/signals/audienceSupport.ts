import type { ChatMessage } from '../../types.js';
import type { HighlightInputs } from '../highlightInputs.js';
import { median, movingSum } from '../robustStats.js';
import { countBurst } from './countBurst.js';
import { countedMessages } from './countedMessages.js';
import { streamSecond } from './secondIndex.js';
import type { SignalContext } from './signal.js';

/** Most one event weighs for its amount (see supportWeight). */
const MAX_SUPPORT_WEIGHT = 3;
/** Weight of a free gift (bought with points earned by watching): a gesture, not spending. */
const FREE_GIFT_WEIGHT = 0.5;
/** Platform units of free gifts. */
const FREE_CURRENCIES: ReadonlySet<string> = new Set(['bilibili-silver']);

/** How one kind of audience spending is counted. */
export interface SupportModel {
  /** Whether an amount far above the show's usual counts extra (see supportWeight). */
  readonly weighByAmount: boolean;
  /** Smallest spread of the windowed count, supporters per window. */
  readonly minSpread: number;
}

/**
 * Audience spending (paid messages, or gifts and memberships): supporters per chat window, on the stream's clock
 * like chat (a Super Chat is typed too), against the show's rolling quiet level. Each event weighs 1; where the
 * model says so, more when its amount is far above the show's usual in that currency (1 + log2(amount / median),
 * at most MAX_SUPPORT_WEIGHT: one ¥1,000 Super Chat among ¥30 ones counts like three supporters); free gifts weigh
 * FREE_GIFT_WEIGHT; and a viewer counts at most `maxMessagesPerViewer` times per window, so a combo of fifty 辣条
 * from one fan is one fan, not fifty.
 */
export function measureSupport(events: HighlightInputs['supportEvents'], { seconds: n, config }: SignalContext, model: SupportModel) {
  const weightPerSecond = new Array<number>(n).fill(0);
  const countPerSecond = new Array<number>(n).fill(0);
  const amountPerSecond = new Array<number>(n).fill(0);
  const currency = mostUsedCurrency(events);
  const medians = model.weighByAmount ? medianAmountByCurrency(events) : new Map<string, number>();
  const counted = countedMessages(events, config);
  events.forEach((event, index) => {
    const i = streamSecond(event, n);
    if (counted[index] !== 1 || i === undefined) return;
    weightPerSecond[i] = (weightPerSecond[i] ?? 0) + supportWeight(event, medians);
    countPerSecond[i] = (countPerSecond[i] ?? 0) + 1;
    if (event.currency === currency && event.amount !== undefined) amountPerSecond[i] = (amountPerSecond[i] ?? 0) + event.amount;
  });
  const window = config.chatWindowSeconds;
  return {
    z: countBurst(movingSum(weightPerSecond, window), config, model.minSpread).z,
    count: movingSum(countPerSecond, window),
    amount: movingSum(amountPerSecond, window),
    currency: currency ?? '',
  };
}

function supportWeight(event: ChatMessage, medians: ReadonlyMap<string, number>): number {
  if (event.currency !== undefined && FREE_CURRENCIES.has(event.currency)) return FREE_GIFT_WEIGHT;
  const usual = event.currency === undefined ? undefined : medians.get(event.currency);
  if (event.amount === undefined || usual === undefined || !(usual > 0) || event.amount <= usual) return 1;
  return Math.min(MAX_SUPPORT_WEIGHT, 1 + Math.log2(event.amount / usual));
}

function medianAmountByCurrency(events: readonly ChatMessage[]): Map<string, number> {
  const amounts = new Map<string, number[]>();
  for (const event of events) {
    if (event.currency === undefined || event.amount === undefined || !(event.amount > 0)) continue;
    const list = amounts.get(event.currency) ?? [];
    list.push(event.amount);
    amounts.set(event.currency, list);
  }
  return new Map([...amounts].map(([currency, list]) => [currency, median(list)]));
}

/** The currency most events with an amount are in (ties: first seen); undefined when none has one. */
function mostUsedCurrency(events: readonly ChatMessage[]): string | undefined {
  const counts = new Map<string, number>();
  for (const event of events) {
    if (event.currency !== undefined && event.amount !== undefined && !FREE_CURRENCIES.has(event.currency)) {
      counts.set(event.currency, (counts.get(event.currency) ?? 0) + 1);
    }
  }
  let best: string | undefined;
  for (const [currency, count] of counts) if (best === undefined || count > (counts.get(best) ?? 0)) best = currency;
  return best;
}
