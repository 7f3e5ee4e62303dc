/** The date a plan is for: the operations plan works three days ahead of the day it is made. */

/** How many days ahead a plan is made. @default 3 */
export const PLAN_LEAD_DAYS = 3;

const DAY_MS = 86_400_000;

/** YYYY-MM-DD of `today` plus {@link PLAN_LEAD_DAYS}, or of the channel's last show plus that, whichever is later. */
export function planDate(today: Date, lastAiredAt?: string): string {
  const last = lastAiredAt === undefined ? Number.NaN : Date.parse(lastAiredAt);
  const from = Number.isFinite(last) ? Math.max(today.getTime(), last) : today.getTime();
  return new Date(from + PLAN_LEAD_DAYS * DAY_MS).toISOString().slice(0, 10);
}
