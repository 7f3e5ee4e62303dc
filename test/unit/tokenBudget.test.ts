import { describe, expect, it } from 'vitest';
import { isPermanent } from '../../shared/core/errors.js';
import { BudgetExceededError, TokenBudget } from '../../shared/adapters/providers/tokenBudget.js';

describe('TokenBudget', () => {
  it('allows calls until spent reaches the limit, then refuses with a typed permanent error', () => {
    const budget = new TokenBudget(100);
    budget.ensureAvailable('rerank');
    budget.record(60);
    expect(budget.remaining).toBe(40);
    budget.ensureAvailable('rerank');
    budget.record(40);
    expect(budget.exhausted).toBe(true);
    const error = (() => {
      try {
        budget.ensureAvailable('openai:gpt-4o-mini rerank');
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(BudgetExceededError);
    expect(isPermanent(error)).toBe(true);
    expect((error as BudgetExceededError).message).toBe('token budget exceeded for openai:gpt-4o-mini rerank: 100 of 100 tokens spent');
  });

  it('counts tokens already spent by earlier invocations and ignores nonsense charges', () => {
    const budget = new TokenBudget(50, 30);
    budget.record(-5);
    budget.record(Number.NaN);
    expect(budget.spent).toBe(30);
    budget.record(25);
    expect(budget.spent).toBe(55);
    expect(budget.remaining).toBe(0);
    expect(() => budget.ensureAvailable('x')).toThrow(BudgetExceededError);
  });

  it('a zero budget refuses the first call', () => {
    expect(() => new TokenBudget(0).ensureAvailable('x')).toThrow(/0 of 0/);
  });
});
