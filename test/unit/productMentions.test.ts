import { describe, expect, it } from 'vitest';
import { findProductMentions } from '../../shared/core/inputs/index.js';
import type { MentionSource } from '../../shared/core/inputs/index.js';
import type { Product } from '../../shared/core/types.js';

const PRODUCTS: readonly Product[] = [
  { name: 'Glow Serum', aliases: ['serum', '精华'] },
  { name: 'Pen', aliases: [] },
  { name: '口红', aliases: ['lipstick', 'Ruby Lipstick Pro'] },
];

function chat(t: number, text: string): MentionSource {
  return { t, text, source: 'chat' };
}

describe('findProductMentions', () => {
  it('matches Latin names case-insensitively on word boundaries', () => {
    // Act
    const mentions = findProductMentions([{ t: 4, text: 'and the GLOW serum is back', source: 'speech' }], PRODUCTS);

    // Assess
    expect(mentions).toEqual([{ t: 4, product: 'Glow Serum', matched: 'Glow Serum', source: 'speech' }]);
  });

  it('does not match inside longer words ("pen" in "open", "serum" in "serums")', () => {
    expect(findProductMentions([chat(1, 'open the box'), chat(2, 'pens and serums'), chat(3, 'penpal')], PRODUCTS)).toEqual([]);
  });

  it('matches at punctuation, string edges and next to CJK characters', () => {
    const mentions = findProductMentions([chat(1, 'pen!'), chat(2, "serum's price?"), chat(3, '这个serum很好用')], PRODUCTS);
    expect(mentions.map((m) => [m.t, m.product, m.matched])).toEqual([
      [1, 'Pen', 'Pen'],
      [2, 'Glow Serum', 'serum'],
      [3, 'Glow Serum', 'serum'],
    ]);
  });

  it('matches CJK names and aliases as substrings', () => {
    const mentions = findProductMentions([chat(5, '主播这个口红什么色号'), chat(6, '精华液多少钱')], PRODUCTS);
    expect(mentions).toEqual([
      { t: 5, product: '口红', matched: '口红', source: 'chat' },
      { t: 6, product: 'Glow Serum', matched: '精华', source: 'chat' },
    ]);
  });

  it('lets the longest alias win when matches overlap', () => {
    const mentions = findProductMentions([chat(1, 'the ruby lipstick pro is here')], [
      { name: 'Ruby', aliases: [] },
      ...PRODUCTS,
    ]);
    expect(mentions).toEqual([{ t: 1, product: '口红', matched: 'Ruby Lipstick Pro', source: 'chat' }]);
  });

  it('reports each product once per item, in text order, and several products per item', () => {
    const mentions = findProductMentions([chat(2, 'pen, serum, pen again, glow serum')], PRODUCTS);
    expect(mentions.map((m) => [m.product, m.matched])).toEqual([
      ['Pen', 'Pen'],
      ['Glow Serum', 'serum'],
    ]);
  });

  it('is width- and whitespace-insensitive (full-width Latin, double spaces)', () => {
    const mentions = findProductMentions([chat(1, 'ＧＬＯＷ  Ｓｅｒｕｍ 上架了')], PRODUCTS);
    expect(mentions.map((m) => m.matched)).toEqual(['Glow Serum']);
  });

  it('sorts by t, keeping input order for equal times', () => {
    const items: MentionSource[] = [chat(9, 'pen'), { t: 3, text: '口红', source: 'speech' }, chat(3, 'serum')];
    const mentions = findProductMentions(items, PRODUCTS);
    expect(mentions.map((m) => [m.t, m.product, m.source])).toEqual([
      [3, '口红', 'speech'],
      [3, 'Glow Serum', 'chat'],
      [9, 'Pen', 'chat'],
    ]);
  });

  it('returns nothing without products or items', () => {
    expect(findProductMentions([chat(1, 'pen')], [])).toEqual([]);
    expect(findProductMentions([], PRODUCTS)).toEqual([]);
  });
});
