import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../shared/core/errors.js';
import { scoreSentiment, sentimentTimeline } from '../../shared/core/sentiment/index.js';
import type { SentimentScore } from '../../shared/core/types.js';
import { missingTestData, SHARED_DATA } from '../helpers/sharedData.js';

const POSITIVE_EN = [
  'I love this product',
  'very good',
  'not bad',
  'I like it',
  'this is fire 🔥',
  'W',
  'lol',
  'lmaooo',
  'pog',
  'super cute!!!',
  'wow amazing',
  'xD',
  'best purchase ever',
  ':)',
  '<3',
];
const NEGATIVE_EN = [
  'This is terrible',
  'not good',
  "I don't like it",
  'L',
  'trash stream',
  'too expensive',
  'does not work',
  'so disappointed',
  'scam',
  ':(',
  'never again, total waste of money',
];
const POSITIVE_ZH = [
  '这款面霜真的很好用',
  '不错',
  '好漂亮',
  '哈哈哈哈',
  '666',
  '2333',
  'yyds',
  '爱了爱了',
  '绝了',
  '主播好美',
  '牛逼',
  '太棒了!!!',
  '还行吧',
  '真香',
  '冲冲冲',
  '好好用',
  '没有不好',
  '性价比很高，推荐',
];
const NEGATIVE_ZH = [
  '不好用',
  '太贵了',
  '好贵',
  '垃圾产品，退货',
  '不推荐',
  '并不便宜',
  '没有想象中好',
  '一点都不划算',
  '质量太差了',
  '无语',
  '差评',
  '假货，骗子',
  '不是很喜欢',
  '别买',
  '呜呜呜',
  '有点贵',
];
const EMOJI_POSITIVE = ['😂😂😂', '👍', '❤️❤️', '😍🔥'];
const EMOJI_NEGATIVE = ['😭', '👎', '💩', '😡😡'];
const NEUTRAL = ['最近怎么样', 'It is like a box', '好多人', '不好意思', '我用iPhone拍的', '', '   ', '...'];

describe('scoreSentiment', () => {
  it.each([...POSITIVE_EN, ...POSITIVE_ZH, ...EMOJI_POSITIVE])('scores %j positive', (text) => {
    const result = scoreSentiment(text);
    expect(result.score).toBeGreaterThan(0.05);
    expect(result.hits).toBeGreaterThan(0);
  });

  it.each([...NEGATIVE_EN, ...NEGATIVE_ZH, ...EMOJI_NEGATIVE])('scores %j negative', (text) => {
    const result = scoreSentiment(text);
    expect(result.score).toBeLessThan(-0.05);
    expect(result.hits).toBeGreaterThan(0);
  });

  it.each(NEUTRAL)('scores %j neutral with no hits', (text) => {
    expect(scoreSentiment(text)).toEqual({ score: 0, hits: 0 });
  });

  it('reads W / L as chat votes in English lines but as clothing sizes in Chinese lines', () => {
    expect(scoreSentiment('huge W').score).toBeGreaterThan(0);
    expect(scoreSentiment('L码还有吗')).toEqual({ score: 0, hits: 0 });
  });

  it('reads 不错 as a positive idiom, not as 不 negating 错', () => {
    expect(scoreSentiment('不错').score).toBeGreaterThan(0);
    expect(scoreSentiment('真的不错').score).toBeGreaterThan(scoreSentiment('不错').score);
  });

  it('flips and dampens negated words', () => {
    const good = scoreSentiment('good').score;
    const notGood = scoreSentiment('not good').score;
    expect(notGood).toBeLessThan(0);
    expect(Math.abs(notGood)).toBeLessThan(good);
    expect(scoreSentiment('好用').score).toBeGreaterThan(0);
    expect(scoreSentiment('不好用').score).toBeLessThan(0);
    expect(scoreSentiment('不喜欢').score).toBeLessThan(0);
  });

  it('does not let negation reach past a clause break', () => {
    expect(scoreSentiment('not here, good stuff').score).toBeGreaterThan(0);
    expect(scoreSentiment('没有货了，好看').score).toBeGreaterThan(0);
  });

  it('multiplies with intensifiers', () => {
    expect(scoreSentiment('很好用').score).toBeGreaterThan(scoreSentiment('好用').score);
    expect(scoreSentiment('extremely good').score).toBeGreaterThan(scoreSentiment('good').score);
    expect(scoreSentiment('有点贵').score).toBeGreaterThan(scoreSentiment('贵').score); // 有点 softens
  });

  it('adds emphasis for exclamation marks, including full-width ones', () => {
    expect(scoreSentiment('太棒了！！！').score).toBeGreaterThan(scoreSentiment('太棒了').score);
    expect(scoreSentiment('terrible!!!').score).toBeLessThan(scoreSentiment('terrible').score);
  });

  it('keeps emoji out of negation scope', () => {
    expect(scoreSentiment('不好用😭').score).toBeLessThan(scoreSentiment('不好用').score);
  });

  it('weights the clause after but / 但是 more', () => {
    expect(scoreSentiment('好看但是太贵了').score).toBeLessThan(0);
    expect(scoreSentiment('a bit expensive but really good').score).toBeGreaterThan(0);
  });

  it('scores both halves of a mixed-script line and ignores the language hint', () => {
    const mixed = scoreSentiment('这个面霜 amazing 好用');
    expect(mixed.hits).toBe(2);
    expect(mixed.score).toBeGreaterThan(scoreSentiment('好用').score);
    expect(scoreSentiment('这个面霜 amazing 好用', 'en')).toEqual(mixed);
  });

  it('stays within [-1, 1] however much evidence piles up', () => {
    const long = scoreSentiment('😍'.repeat(200) + ' amazing awesome love '.repeat(50) + '!!!!!!!!');
    expect(long.score).toBeLessThanOrEqual(1);
    expect(long.score).toBeGreaterThan(0.99);
    expect(scoreSentiment('垃圾'.repeat(300)).score).toBeGreaterThanOrEqual(-1);
  });

  it('is deterministic', () => {
    expect(scoreSentiment('主播好漂亮但是太贵了 lol 😂')).toEqual(scoreSentiment('主播好漂亮但是太贵了 lol 😂'));
  });
});

const score = (value: number, hits = 1): SentimentScore => ({ score: value, hits });

describe('sentimentTimeline', () => {
  it('covers [0, duration) with fixed windows, the last one cut at duration', () => {
    const windows = sentimentTimeline([], 25, 10);
    expect(windows.map((w) => [w.start, w.end])).toEqual([
      [0, 10],
      [10, 20],
      [20, 25],
    ]);
    expect(windows.every((w) => w.count === 0 && w.mean === 0 && w.positive === 0 && w.negative === 0)).toBe(true);
  });

  it('averages only scored items, counts all items and the positive/negative ones', () => {
    const windows = sentimentTimeline(
      [
        { t: 1, score: score(0.6) },
        { t: 2, score: score(-0.2) },
        { t: 3, score: score(0, 0) }, // no lexicon hit: counted, not averaged
        { t: 4, score: score(0.03) }, // within the neutral band
        { t: 12, score: score(-0.5) },
      ],
      20,
      10,
    );
    expect(windows[0]).toMatchObject({ start: 0, end: 10, count: 4, positive: 1, negative: 1 });
    expect(windows[0]?.mean).toBeCloseTo((0.6 - 0.2 + 0.03) / 3, 10);
    expect(windows[1]).toMatchObject({ start: 10, end: 20, count: 1, positive: 0, negative: 1, mean: -0.5 });
  });

  it('ignores items outside [0, duration) and puts boundary items in the later window', () => {
    const windows = sentimentTimeline(
      [
        { t: -3, score: score(0.9) },
        { t: 10, score: score(0.4) },
        { t: 20, score: score(-0.9) },
        { t: Number.NaN, score: score(0.9) },
      ],
      20,
      10,
    );
    expect(windows.map((w) => w.count)).toEqual([0, 1]);
    expect(windows[1]?.mean).toBe(0.4);
  });

  it('returns no windows for a zero duration and rejects a non-positive window', () => {
    expect(sentimentTimeline([{ t: 0, score: score(1) }], 0, 10)).toEqual([]);
    expect(() => sentimentTimeline([], 10, 0)).toThrow(InputError);
  });
});

const DANMAKU = path.join(SHARED_DATA, 'chat/bilibili-DanmakuFlameMaster/comments.xml');

describe.skipIf(missingTestData(DANMAKU))('scoreSentiment on real bilibili danmaku', () => {
  it('scores every message without throwing and finds sentiment in a non-trivial share', () => {
    const xml = readFileSync(DANMAKU, 'utf8');
    const texts = [...xml.matchAll(/<d [^>]*>([^<]*)<\/d>/g)].map((match) => match[1] ?? '');
    expect(texts.length).toBeGreaterThan(1000);

    const scores = texts.map((text) => scoreSentiment(text));
    const nonZero = scores.filter((s) => s.score !== 0).length;
    const share = nonZero / texts.length;
    const positive = scores.filter((s) => s.score > 0.05).length;
    const negative = scores.filter((s) => s.score < -0.05).length;
    console.log(
      `danmaku sentiment: ${texts.length} messages, non-zero share ${(share * 100).toFixed(1)}%, positive ${positive}, negative ${negative}`,
    );

    expect(scores.every((s) => s.score >= -1 && s.score <= 1 && Number.isFinite(s.score))).toBe(true);
    expect(share).toBeGreaterThan(0.2);
    // A celebratory video's danmaku (合影, 2333, 高能) should lean positive.
    expect(positive).toBeGreaterThan(negative);
  });
});
