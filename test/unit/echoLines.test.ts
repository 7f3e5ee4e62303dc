/**
 * Participation floods (one short token from many viewers: a giveaway's "1", a requested 扣1) are told from
 * spontaneous bursts, which are diverse, and leave the chat signals alone.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_HIGHLIGHT_CONFIG, resolveHighlightConfig } from '../../shared/core/highlights/config.js';
import { detectHighlights } from '../../shared/core/highlights/detectHighlights.js';
import { quietShow } from '../helpers/signalFixtures.js';
import { classifyChatLines } from '../../shared/core/highlights/signals/chatLines.js';
import { chatPrompts } from '../../shared/core/highlights/signals/chatPrompts.js';
import { echoToken } from '../../shared/core/highlights/signals/echoLines.js';
import type { HighlightInputs } from '../../shared/core/highlights/highlightInputs.js';

const neutral = { score: 0, comparative: 0, positive: [], negative: [] } as never;
const line = (t: number, user: string, text: string): HighlightInputs['chat'][number] =>
  ({ t, postedAt: t, user, text, kind: 'message', sentiment: neutral }) as HighlightInputs['chat'][number];

describe('echo floods', () => {
  it('normalises a token and refuses long lines', () => {
    expect(echoToken(' 扣１！')).toBe('1');
    expect(echoToken('1 1 1')).toBe('1');
    expect(echoToken('this is a whole sentence')).toBeUndefined();
    // A draw's entries: 1s of any length are one token, a keyword typed over and over is its one copy.
    expect(echoToken('1111111')).toBe('1');
    expect(echoToken('11111111111')).toBe('1');
    expect(echoToken('然然超可爱然然超可爱然然超可爱')).toBe('然然超可爱');
    expect(echoToken('扣1扣1')).toBe('1');
    // Laughter and applause of varying length stay apart: each viewer's own reaction.
    expect(echoToken('哈哈哈哈')).toBe('哈哈哈哈');
    expect(echoToken('8888')).toBe('8888');
    expect(echoToken('233')).toBe('233');
  });

  it('counts a prompted flood of one token as participation, not as chat lines', () => {
    const chat = Array.from({ length: 60 }, (_, i) => line(100 + i * 0.1, `viewer${i}`, i % 3 === 0 ? '1' : i % 3 === 1 ? '1!' : ' 1'));
    const counts = classifyChatLines(chat, 200, DEFAULT_HIGHLIGHT_CONFIG);
    expect(counts.participation.reduce((a, b) => a + b, 0)).toBe(60);
    expect(counts.lines.reduce((a, b) => a + b, 0)).toBe(0);
    expect(counts.reactions.reduce((a, b) => a + b, 0)).toBe(0);
  });

  it('keeps a spontaneous, diverse burst as reaction even when a few viewers type the same thing', () => {
    const words = ['哈哈哈', '笑死', '哈哈哈哈哈', '绝了', '666', '太好笑了', 'hhh', '哈哈哈哈'];
    const chat = Array.from({ length: 64 }, (_, i) => line(100 + i * 0.1, `viewer${i}`, words[i % words.length]!));
    const counts = classifyChatLines(chat, 200, DEFAULT_HIGHLIGHT_CONFIG);
    expect(counts.participation.reduce((a, b) => a + b, 0)).toBe(0);
    expect(counts.lines.reduce((a, b) => a + b, 0)).toBe(64);
  });

  it("counts a request's answers even when they are a third of the chat: after the host's prompt, not before", () => {
    // 30 viewers type 扣1 / 1 among 60 questions and comments over 10 s: a third of the window, under the 50 % share.
    const others = ['怎么买', '多少钱', '有链接吗', '好看', '什么颜色', '几号发货'];
    const chat = Array.from({ length: 90 }, (_, i) => line(100 + i * 0.11, `viewer${i}`, i % 3 === 0 ? (i % 2 === 0 ? '扣1' : '1') : others[i % others.length]!));
    const participation = (prompts: Parameters<typeof classifyChatLines>[3]) =>
      classifyChatLines(chat, 200, DEFAULT_HIGHLIGHT_CONFIG, prompts).participation.reduce((a, b) => a + b, 0);
    expect(participation([])).toBe(0);
    expect(participation(chatPrompts([{ start: 97, text: '福利来了，评论区扣1参与抽奖！' }]))).toBe(30); // 1 and 扣1 alike
    // The same words an hour before, or a request for another token, change nothing.
    expect(participation(chatPrompts([{ start: 97 - 3600, text: '评论区扣1参与抽奖！' }]))).toBe(0);
    expect(participation(chatPrompts([{ start: 97, text: '想要的扣想要！' }]))).toBe(0);
  });

  it('needs many lines: three viewers typing 1 are just three lines', () => {
    const chat = [line(10, 'a', '1'), line(11, 'b', '1'), line(12, 'c', '1')];
    const counts = classifyChatLines(chat, 30, DEFAULT_HIGHLIGHT_CONFIG);
    expect(counts.lines.reduce((a, b) => a + b, 0)).toBe(3);
  });
});

describe('a giveaway beside a real moment', () => {
  // 10 minutes: a draw at 200 s (shouted prompt, 240 viewers typing "1", viewers rising by a third) and a real
  // moment at 420 s (the host excited, a diverse burst of reactions, orders).
  const base = quietShow(3, 600);
  const loudness = base.audio.loudness.map((value, t) => (t >= 196 && t < 204 ? value + 8 : t >= 418 && t < 428 ? value + 6 : value));
  const words = ['wow', 'no way', 'so pretty', 'want it', 'omg', 'love it', 'need this', 'lol'];
  const chat = [
    ...Array.from({ length: 300 }, (_, i) => line(1 + i * 2, `bg${i % 60}`, ['hi', 'hello there', 'nice', 'where from?'][i % 4]!)),
    ...Array.from({ length: 240 }, (_, i) => line(202 + i * 0.12, `fan${i}`, ['1', '1', '11', '1!'][i % 4]!)),
    ...Array.from({ length: 48 }, (_, i) => line(420 + i * 0.2, `viewer${i}`, words[i % words.length]!)),
  ].sort((a, b) => a.t - b.t);
  const metrics = Array.from({ length: 60 }, (_, k) => {
    const t = k * 10;
    return { t, viewers: t < 200 ? 500 : t < 240 ? 500 + (t - 200) * 4 : 660, orders: t < 425 ? 10 : 40 };
  });
  const show = { ...base, audio: { ...base.audio, loudness }, chat, metrics };

  it('ranks the real moment first and damps the draw to a fraction of it; without the echo rule the draw rivals it', () => {
    const covering = (highlights: ReturnType<typeof detectHighlights>, t: number) => highlights.find((h) => h.start <= t && t <= h.end);
    const withoutRule = detectHighlights(show, resolveHighlightConfig({ echoMinLines: 10_000 }));
    const realWithout = covering(withoutRule, 422)!;
    expect(covering(withoutRule, 210)!.score).toBeGreaterThan(realWithout.score / 2);
    const highlights = detectHighlights(show);
    const real = covering(highlights, 422)!;
    expect(real.rank).toBe(1);
    expect(real.score).toBeCloseTo(realWithout.score, 6);
    const draw = covering(highlights, 210);
    expect(draw === undefined || draw.score < real.score / 4, `draw ranked ${draw?.rank} with ${draw?.score}`).toBe(true);
  });
});
