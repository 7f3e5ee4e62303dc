import { describe, expect, it } from 'vitest';
import { characterErrorRate, editDistance, wordErrorRate } from '../../shared/core/transcript/errorRate.js';

describe('errorRate', () => {
  it('counts substitutions, deletions and insertions', () => {
    expect(editDistance(['a', 'b', 'c'], ['a', 'x', 'c', 'd'])).toBe(2);
    expect(editDistance([], ['a'])).toBe(1);
  });

  it('scores words after normalising case and punctuation', () => {
    expect(wordErrorRate('Hello, World!', 'hello world')).toBe(0);
    expect(wordErrorRate('the cat sat on the mat', 'the cat sat on mat')).toBeCloseTo(1 / 6);
    expect(wordErrorRate('', '')).toBe(0);
  });

  it('scores Chinese by characters', () => {
    expect(characterErrorRate('这款面霜很好用', '这款面霜很好')).toBeCloseTo(1 / 7);
    expect(characterErrorRate('你好，世界', '你好世界')).toBe(0);
  });
});
