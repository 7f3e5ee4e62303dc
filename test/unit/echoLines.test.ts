/**
 * Participation floods (one short token from many viewers: a giveaway's "1", a requested 扣1) are told from
 * spontaneous bursts, which are diverse, and leave the chat signals alone.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_HIGHLIGHT_CONFIG } from '../../shared/core/highlights/config.js';
import { classifyChatLines } from '../../shared/core/highlights/signals/chatLines.js';
import { echoToken } from '../../shared/core/highlights/signals/echoLines.js';
import type { HighlightInputs } from '../../shared/core/highlights/highlightInputs.js';

const neutral = { score: 0, comparative: 0, positive: [], negative: [] } as never;
const line = (t: number, user: string, text: string): HighlightInputs['chat'][number] =>
  ({ t, postedAt: t, user, text, kind: 'message', sentiment: neutral }) as HighlightInputs['chat'][number];

describe('echo floods', () => {
  it('normalises a token and refuses long lines', () => {
    expect(echoToken(' 扣１！')).toBe('扣1');
    expect(echoToken('1 1 1')).toBe('111');
    expect(echoToken('this is a whole sentence')).toBeUndefined();
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

  it('needs many lines: three viewers typing 1 are just three lines', () => {
    const chat = [line(10, 'a', '1'), line(11, 'b', '1'), line(12, 'c', '1')];
    const counts = classifyChatLines(chat, 30, DEFAULT_HIGHLIGHT_CONFIG);
    expect(counts.lines.reduce((a, b) => a + b, 0)).toBe(3);
  });
});
