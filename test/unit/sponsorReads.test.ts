import { describe, expect, it } from 'vitest';
import { isSponsorMarked, withoutSponsorReads } from '../../shared/core/topics/sponsorReads.js';

const seg = (start: number, end: number, text: string) => ({ start, end, text });

describe('sponsor reads', () => {
  it('recognises Chinese and English sponsor markers', () => {
    expect(isSponsorMarked('本节目由某某燕窝冠名播出')).toBe(true);
    expect(isSponsorMarked('This segment is brought to you by Acme')).toBe(true);
    expect(isSponsorMarked('Use code GLOW for 10% off')).toBe(true);
    expect(isSponsorMarked('这个面膜很好用')).toBe(false);
  });

  it('drops the marked segment and the adjacent lines continuing it, keeps the rest', () => {
    const segments = [
      seg(0, 4, '我们来看这款面膜'),
      seg(10, 13, '本节目由燕窝冠名播出'),
      seg(13.5, 16, '豆奶特约播出'),
      seg(30, 34, '面膜的补水效果很好'),
    ];
    expect(withoutSponsorReads(segments).map((s) => s.start)).toEqual([0, 30]);
  });
});
