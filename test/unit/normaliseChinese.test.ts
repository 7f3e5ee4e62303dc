import { describe, expect, it } from 'vitest';
import {
  chineseCardinal,
  chineseScoringTokens,
  digitsOneByOne,
  digitsToChineseNumerals,
  normaliseChineseForScoring,
} from '../../scripts/asrEval/normaliseChinese.js';

describe('chineseCardinal', () => {
  it('reads integers the way they are spoken', () => {
    expect(chineseCardinal('0')).toBe('零');
    expect(chineseCardinal('7')).toBe('七');
    expect(chineseCardinal('10')).toBe('十');
    expect(chineseCardinal('15')).toBe('十五');
    expect(chineseCardinal('26')).toBe('二十六');
    expect(chineseCardinal('110')).toBe('一百一十');
    expect(chineseCardinal('1005')).toBe('一千零五');
    expect(chineseCardinal('1020')).toBe('一千零二十');
    expect(chineseCardinal('10000')).toBe('一万');
    expect(chineseCardinal('10050')).toBe('一万零五十');
    expect(chineseCardinal('100010')).toBe('十万零一十');
    expect(chineseCardinal('12345')).toBe('一万二千三百四十五');
    expect(chineseCardinal('100001000')).toBe('一亿零一千');
  });

  it('reads leading zeros digit by digit and rejects non-digits', () => {
    expect(chineseCardinal('007')).toBe('零零七');
    expect(() => chineseCardinal('1a')).toThrow(/not a digit string/);
  });
});

describe('digitsToChineseNumerals', () => {
  it('maps the SPEECH_SOURCES example 26年 to the spoken numeral', () => {
    expect(digitsToChineseNumerals('本节目由26年专注高品质燕窝')).toBe('本节目由二十六年专注高品质燕窝');
  });

  it('reads four-digit years digit by digit, decimals with 点 and percentages with 百分之', () => {
    expect(digitsToChineseNumerals('2024年')).toBe('二零二四年');
    expect(digitsToChineseNumerals('3.14')).toBe('三点一四');
    expect(digitsToChineseNumerals('100%有效')).toBe('百分之一百有效');
    expect(digitsOneByOne('13800')).toBe('一三八零零');
  });
});

describe('normaliseChineseForScoring', () => {
  it('removes Chinese and ASCII punctuation and full-width forms', () => {
    expect(normaliseChineseForScoring('那等我们到海洋馆之后，给妈妈买个礼物，好不好呀？')).toBe('那等我们到海洋馆之后 给妈妈买个礼物 好不好呀');
    expect(normaliseChineseForScoring('“你好！”——２６岁')).toBe('你好 二十六岁');
  });

  it('lowercases Latin words and keeps apostrophes only inside them', () => {
    expect(normaliseChineseForScoring("Hello, 你好！Don't 'quote'")).toBe("hello 你好 don't quote");
  });

  it('makes numerals and digits score the same', () => {
    expect(normaliseChineseForScoring('二〇二四年')).toBe(normaliseChineseForScoring('2024年'));
  });
});

describe('chineseScoringTokens', () => {
  it('splits Han characters one by one and keeps Latin words whole', () => {
    expect(chineseScoringTokens('这是test中文和English被mix')).toEqual(['这', '是', 'test', '中', '文', '和', 'english', '被', 'mix']);
    expect(chineseScoringTokens('甚至  出现  交易')).toEqual(['甚', '至', '出', '现', '交', '易']);
    expect(chineseScoringTokens('，。！')).toEqual([]);
  });
});
