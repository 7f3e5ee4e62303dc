/**
 * A per-show ceiling on paid model tokens. A runaway show (a ten-hour stream, a retry storm) stops
 * spending at the ceiling and the caller falls back to the offline implementation instead.
 */
import { PostshowError } from '../../core/errors.js';

/**
 * The show's token budget is spent. Permanent: the same show will hit the same ceiling again,
 * so the pipeline should fall back (or raise the budget), not retry.
 */
export class BudgetExceededError extends PostshowError {
  readonly spent: number;
  readonly limit: number;

  constructor(what: string, spent: number, limit: number) {
    super(`token budget exceeded for ${what}: ${spent} of ${limit} tokens spent`, { permanent: true });
    this.name = 'BudgetExceededError';
    this.spent = spent;
    this.limit = limit;
  }
}

/**
 * Tokens spent against a limit, checked before each call and charged after it.
 * Calls already in flight when the limit is reached still complete, so the final spend may exceed
 * the limit by up to (concurrency x the largest call).
 */
export class TokenBudget {
  readonly limit: number;
  private spentTokens: number;

  /** @param limit tokens allowed, e.g. 200000 per show; @param alreadySpent tokens charged by earlier invocations. */
  constructor(limit: number, alreadySpent = 0) {
    if (!Number.isFinite(limit) || limit < 0) throw new RangeError(`token budget must be a non-negative number, got ${limit}`);
    this.limit = limit;
    this.spentTokens = Math.max(0, alreadySpent);
  }

  get spent(): number {
    return this.spentTokens;
  }

  get remaining(): number {
    return Math.max(0, this.limit - this.spentTokens);
  }

  /** True when no further call may start. */
  get exhausted(): boolean {
    return this.spentTokens >= this.limit;
  }

  /** Throws BudgetExceededError once spent >= limit; `what` names the call in the message (e.g. 'openai:gpt-4o-mini rerank'). */
  ensureAvailable(what: string): void {
    if (this.exhausted) throw new BudgetExceededError(what, this.spentTokens, this.limit);
  }

  /** Charges tokens a finished call used (negative or non-finite values are ignored). */
  record(tokens: number): void {
    if (Number.isFinite(tokens) && tokens > 0) this.spentTokens += tokens;
  }
}
