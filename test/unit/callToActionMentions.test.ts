import { describe, expect, it } from 'vitest';
import { findCallToActionMentions } from '../../shared/core/mentions/callToActionMentions.js';

describe('findCallToActionMentions', () => {
  it('finds prices, links and countdowns in English and Chinese speech', () => {
    const mentions = findCallToActionMentions([
      { start: 10, end: 14, text: 'The glow serum is only 29 dollars, the link is live now' },
      { start: 20, end: 22, text: 'three, two, one, go!' },
      { start: 30, end: 34, text: '这款面霜到手价99元，链接已经上车了' },
      { start: 40, end: 44, text: 'thanks for joining, say hi in the chat' },
    ]);
    const terms = mentions.map((mention) => mention.term);
    expect(terms).toEqual(expect.arrayContaining(['price', 'link', 'countdown', '价格', '链接']));
    expect(mentions.every((mention) => mention.t < 40)).toBe(true);
    expect(mentions.every((mention, i) => i === 0 || mention.t >= (mentions[i - 1]?.t ?? 0))).toBe(true);
  });

  it('finds nothing in ordinary talk', () => {
    expect(findCallToActionMentions([{ start: 0, end: 5, text: 'I had a lovely weekend with my family' }])).toEqual([]);
  });
});
