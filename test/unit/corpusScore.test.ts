import { describe, expect, it } from 'vitest';
import { corpusErrorRate, countErrors, metricFor, scoringTokens } from '../../scripts/asrEval/corpusScore.js';

describe('countErrors', () => {
  it('counts English word edits after lowercasing and removing punctuation', () => {
    expect(countErrors('Ask not what your country can do for you.', 'ask not what your country can do for you', 'en')).toEqual({ edits: 0, referenceTokens: 9 });
    expect(countErrors('one two three', 'waterman two three', 'en')).toEqual({ edits: 1, referenceTokens: 3 });
    expect(countErrors('one two three', '', 'en')).toEqual({ edits: 3, referenceTokens: 3 });
  });

  it('counts Chinese character edits with digits read as numerals', () => {
    expect(countErrors('本节目由26年专注', '本节目由二十六年专注', 'zh')).toEqual({ edits: 0, referenceTokens: 10 });
    expect(countErrors('北京科技馆', '北京科学馆', 'zh')).toEqual({ edits: 1, referenceTokens: 5 });
  });
});

describe('corpusErrorRate', () => {
  it('is total edits over total reference tokens, not the mean of per-file rates', () => {
    const counts = [
      { edits: 1, referenceTokens: 2 }, // 0.5
      { edits: 0, referenceTokens: 98 }, // 0
    ];
    expect(corpusErrorRate(counts)).toBeCloseTo(0.01);
  });

  it('is undefined without reference tokens', () => {
    expect(corpusErrorRate([])).toBeUndefined();
    expect(corpusErrorRate([{ edits: 2, referenceTokens: 0 }])).toBeUndefined();
  });
});

describe('metricFor / scoringTokens', () => {
  it('uses WER for English and CER for Chinese', () => {
    expect(metricFor('en')).toBe('WER');
    expect(metricFor('zh')).toBe('CER');
    expect(scoringTokens("The neighbor's house.", 'en')).toEqual(['the', "neighbor's", 'house']);
    expect(scoringTokens('我很 好，谢 谢。', 'zh')).toEqual(['我', '很', '好', '谢', '谢']);
  });
});
