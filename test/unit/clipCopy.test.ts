import { describe, expect, it } from 'vitest';
import { clipCopy, toHashtag } from '../../shared/core/clips/clipCopy.js';
import { keywords } from '../../shared/core/text/index.js';
import type { Highlight, Language } from '../../shared/core/types.js';

const STOPWORDS = new Set(['the', 'a', 'is', 'it', 'this', 'and', 'to', 'of', 'on', 'you', 'i', 'so', 'in', 'for', 'with', 'my', 'just', '的', '了', '很', '是', '这款', '真的']);

/** The simplest keyword extractor: whitespace words, lower-cased, punctuation stripped, stopwords out. */
const whitespaceKeywords = (text: string, _language: Language): string[] =>
  text
    .toLowerCase()
    .split(/\s+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((w) => w.length > 0 && !STOPWORDS.has(w));

function highlight(overrides: Partial<Highlight>): Highlight {
  return {
    id: 'h0123456789',
    rank: 1,
    start: 600,
    end: 630,
    score: 12,
    peak: 610,
    signals: [{ name: 'chatRate', value: 6, threshold: 3, at: 610, detail: 'chat rate z=6.0 (40 msgs in 10 s)' }],
    transcript: [],
    chat: [],
    products: [],
    ...overrides,
  };
}

const english = highlight({
  transcript: [
    'Okay everyone, welcome back.',
    'The serum soaks in fast and the glow lasts all day.',
    'Look at the glow on my cheek, the serum really works!',
    'We have a countdown running now.',
  ],
  chat: ['666', 'need that serum glow', 'lol', 'price?'],
  products: ['Glow Serum'],
});

describe('clipCopy', () => {
  it('titles the clip with the most representative sentence, prefixed by the product', () => {
    const copy = clipCopy(english, 'en', whitespaceKeywords);
    expect(copy.title.startsWith('Glow Serum: ')).toBe(true);
    expect(copy.title.toLowerCase()).toMatch(/serum.*glow|glow.*serum/);
    expect(Array.from(copy.title).length).toBeLessThanOrEqual(60);
  });

  it('describes with transcript sentences and the most on-topic chat line', () => {
    const copy = clipCopy(english, 'en', whitespaceKeywords);
    const [speech, audience] = copy.description.split('\n');
    expect(speech).toContain('The serum soaks in fast');
    expect(speech).toContain('Look at the glow on my cheek');
    expect(speech).not.toContain('welcome back');
    expect(audience).toBe('Audience: need that serum glow');
  });

  it('makes CamelCase hashtags from products and top keywords, deduplicated and capped', () => {
    const copy = clipCopy(english, 'en', whitespaceKeywords);
    expect(copy.hashtags[0]).toBe('#GlowSerum');
    expect(copy.hashtags).toEqual(expect.arrayContaining(['#Serum', '#Glow']));
    expect(copy.hashtags.length).toBeLessThanOrEqual(6);
    for (const tag of copy.hashtags) expect(tag).toMatch(/^#[\p{L}\p{N}]+$/u);
    expect(new Set(copy.hashtags.map((t) => t.toLowerCase())).size).toBe(copy.hashtags.length);

    const many = clipCopy(highlight({ ...english, products: ['Glow Serum', 'glow serum', 'Night Cream', 'Lip Oil', 'Sun Stick', 'Eye Gel', 'Hand Balm'] }), 'en', whitespaceKeywords);
    expect(many.hashtags).toEqual(['#GlowSerum', '#NightCream', '#LipOil', '#SunStick', '#EyeGel', '#HandBalm']);
  });

  it('trims long titles at a word boundary with an ellipsis', () => {
    const long = highlight({
      transcript: ['This incredible moisturising serum keeps your skin hydrated through long flights and dry winter days'],
    });
    const { title } = clipCopy(long, 'en', whitespaceKeywords);
    expect(Array.from(title).length).toBeLessThanOrEqual(60);
    expect(title.endsWith('…')).toBe(true);
    expect(title).toBe('This incredible moisturising serum keeps your skin hydrated…');
    const cutMidWord = clipCopy(highlight({ transcript: ['This incredible moisturising serum keeps your skin so hydrated on flights'] }), 'en', whitespaceKeywords);
    expect(cutMidWord.title).toBe('This incredible moisturising serum keeps your skin so…');
  });

  it('writes Chinese copy with Chinese hashtags and a 30-character title', () => {
    const zh = highlight({
      transcript: ['这款 面霜 真的 很 滋润 ， 面霜 质地 轻薄 吸收 快 而且 一整天 都 不会 干 这个 价格 真的 太 划算 了 大家 快 上车', '链接 已经 上架 了'],
      chat: ['面霜 滋润 吗', '哈哈哈'],
      products: ['面霜'],
    });
    const copy = clipCopy(zh, 'zh', whitespaceKeywords);
    expect(Array.from(copy.title).length).toBeLessThanOrEqual(30);
    expect(copy.title.endsWith('…')).toBe(true);
    expect(copy.hashtags[0]).toBe('#面霜');
    expect(copy.hashtags).toContain('#滋润');
    expect(copy.description).toContain('观众：面霜 滋润 吗');
  });

  it('works with the real keyword extractor on Chinese text', () => {
    const zh = highlight({
      transcript: ['这款面霜特别滋润，冬天用刚刚好。', '面霜的价格今天只要九十九元！'],
      chat: ['面霜已下单', '主播好可爱'],
      products: ['面霜'],
    });
    const copy = clipCopy(zh, 'zh', keywords);
    expect(copy.hashtags[0]).toBe('#面霜');
    expect(copy.title).toContain('面霜');
    expect(Array.from(copy.title).length).toBeLessThanOrEqual(30);
  });

  it('falls back to chat, then the product or the time, when there is no transcript', () => {
    expect(clipCopy(highlight({ chat: ['what a save', 'lol'] }), 'en', whitespaceKeywords).title).toBe('what a save');
    expect(clipCopy(highlight({ products: ['Glow Serum'] }), 'en', whitespaceKeywords).title).toBe('Glow Serum');
    const bare = clipCopy(highlight({ start: 3725 }), 'en', whitespaceKeywords);
    expect(bare).toEqual({ title: 'Highlight at 1:02:05', description: '', hashtags: [] });
    expect(clipCopy(highlight({ start: 65 }), 'zh', whitespaceKeywords).title).toBe('高光时刻 1:05');
  });

  it('is deterministic', () => {
    expect(clipCopy(english, 'en', whitespaceKeywords)).toEqual(clipCopy(english, 'en', whitespaceKeywords));
  });
});

describe('toHashtag', () => {
  it('joins words in CamelCase and keeps Chinese and existing capitals', () => {
    expect(toHashtag('glow serum')).toBe('#GlowSerum');
    expect(toHashtag('iPhone 15 case')).toBe('#iPhone15Case');
    expect(toHashtag('面霜')).toBe('#面霜');
    expect(toHashtag('  !! ')).toBe('');
  });
});
