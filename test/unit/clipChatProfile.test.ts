import { describe, expect, it } from 'vitest';
import { biggestEchoFloods, lotteryWordOf, overlappingRank, profileLines, type ProfiledLine } from '../../scripts/realChatCheck/clipChatProfile.js';

const line = (t: number, text: string, echoed = false): ProfiledLine => ({ t, text, echoed });

describe('lotteryWordOf', () => {
  it('finds draw words and lines of ones, not other digit runs', () => {
    expect(lotteryWordOf('天选时刻冲冲冲')).toBe('天选');
    expect(lotteryWordOf('我苹果手机看不到抽奖')).toBe('抽奖');
    expect(lotteryWordOf(' １１１ ')).toBe('1');
    expect(lotteryWordOf('11111111111111111111')).toBe('1');
    // 666 praise, 8888 applause, 5555 crying: reactions.
    expect(lotteryWordOf('66666')).toBeUndefined();
    expect(lotteryWordOf('8888888888')).toBeUndefined();
    expect(lotteryWordOf('哈哈哈')).toBeUndefined();
  });
});

describe('profileLines', () => {
  it('measures diversity, the top line by the core echo token, and the echo and lottery shares', () => {
    const profile = profileLines([line(0, '扣1!', true), line(1, '扣1', true), line(2, '哈哈哈'), line(3, '草')]);
    expect(profile).toMatchObject({ lines: 4, distinctRatio: 0.75, topLine: '1', topShare: 0.5, echoShare: 0.5, lotteryShare: 0.5, lotteryWords: ['扣1'] });
    expect(profile.samples).toEqual(['扣1!', '扣1', '哈哈哈', '草']);
  });

  it('is empty without lines', () => {
    expect(profileLines([])).toMatchObject({ lines: 0, distinctRatio: 0, topShare: 0, echoShare: 0 });
  });
});

describe('biggestEchoFloods', () => {
  it('takes the windows with the most echo lines, none overlapping, and ranks them against clips', () => {
    const lines = [
      ...Array.from({ length: 20 }, (_, i) => line(100 + i / 2, '1', true)),
      ...Array.from({ length: 5 }, (_, i) => line(300 + i, '666', true)),
      line(302, '好耶'),
    ];
    const floods = biggestEchoFloods(lines, 400, 30, 5);
    expect(floods.map((f) => [f.echoLines, f.token])).toEqual([[20, '1'], [5, '666']]);
    expect(floods[0]?.start).toBeLessThanOrEqual(100);
    expect(floods[1]?.lines).toBe(6);
    const clips = [{ rank: 1, start: 290, end: 320 }, { rank: 2, start: 95, end: 125 }];
    expect(floods.map((f) => overlappingRank(f, clips))).toEqual([2, 1]);
    expect(overlappingRank({ start: 0, end: 10 }, clips)).toBeUndefined();
  });
});
