import { describe, expect, it } from 'vitest';
import { keywords, tokenize } from '../../shared/core/text/index.js';

describe('tokenize', () => {
  it('segments Chinese with jieba into multi-character words', () => {
    const tokens = tokenize('这款面霜真的很好用', 'zh');
    expect(tokens).toContain('面霜');
    expect(tokens).toContain('真的');
    expect(tokens.join('')).toBe('这款面霜真的很好用');
  });

  it('keeps English words inside Chinese text as lowercase words and drops punctuation/whitespace', () => {
    const tokens = tokenize('这个 iPhone 壳，YYDS！！', 'zh');
    expect(tokens).toContain('iphone');
    expect(tokens).toContain('yyds');
    expect(tokens.every((token) => /[\p{L}\p{N}]/u.test(token))).toBe(true);
    expect(tokens).not.toContain('，');
    expect(tokens).not.toContain(' ');
  });

  it('lowercases English, keeps apostrophes and numbers, drops punctuation', () => {
    expect(tokenize("I DON'T like it — 3.5 stars, 20 times!!!", 'en')).toEqual([
      'i', "don't", 'like', 'it', '3.5', 'stars', '20', 'times',
    ]);
  });

  it('treats the typographic apostrophe like a plain one and folds full-width characters', () => {
    expect(tokenize('don’t', 'en')).toEqual(["don't"]);
    expect(tokenize('ＯＫ １２３', 'en')).toEqual(['ok', '123']);
  });

  it('returns no tokens for empty or punctuation-only text', () => {
    expect(tokenize('', 'en')).toEqual([]);
    expect(tokenize('。。。！？ ...', 'zh')).toEqual([]);
  });

  it('is deterministic', () => {
    const text = '主播好漂亮，然后这个价格也太贵了吧 lol';
    expect(tokenize(text, 'zh')).toEqual(tokenize(text, 'zh'));
  });
});

describe('keywords', () => {
  it('removes Chinese filler and stopwords (啊 呢 吧 嗯 那个 这个 就是 然后)', () => {
    const words = keywords('嗯 那个 就是 然后呢 这个面霜啊 真的很好用吧', 'zh');
    expect(words).toContain('面霜');
    for (const filler of ['啊', '呢', '吧', '嗯', '那个', '这个', '就是', '然后', '真的']) expect(words).not.toContain(filler);
  });

  it('drops single-character Chinese tokens except meaningful ones like 贵', () => {
    const words = keywords('这个太贵了', 'zh');
    const single = keywords('贵', 'zh');
    expect(single).toEqual(['贵']);
    expect(words.every((word) => word.length > 1 || word === '贵')).toBe(true);
    expect(keywords('的 了 在 是 我', 'zh')).toEqual([]);
  });

  it('removes English stopwords and chat filler but keeps content words', () => {
    const words = keywords('Um, so I really like the new vitamin C serum, you know, lol', 'en');
    expect(words).toEqual(['new', 'vitamin', 'serum', 'know']);
  });

  it('drops one-digit numbers but keeps longer numbers', () => {
    expect(keywords('3 sizes for 99 dollars 666', 'en')).toEqual(['sizes', '99', '666']);
  });
});
