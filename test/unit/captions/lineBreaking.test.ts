import { describe, expect, it } from 'vitest';
import { balancedLines, breakLines, displayWidth, joinWords, splitWords } from '../../../shared/core/captions/index.js';

const lineTexts = (words: string[], width: number): string[] => breakLines(words, width).map((line) => joinWords(line.map((i) => words[i] ?? '')));

describe('displayWidth', () => {
  it('counts a CJK character (and full-width punctuation) as two columns and Latin as one', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('中文ab')).toBe(6);
    expect(displayWidth('好，')).toBe(4);
  });
});

describe('splitWords', () => {
  it('splits Chinese into jieba words, keeps Latin words whole and punctuation on the word before it', () => {
    expect(splitWords('大家好，这个iPhone 15真的好！')).toEqual(['大家', '好，', '这个', 'iPhone', '15', '真的', '好！']);
    expect(splitWords('はい、そうです')).toEqual(['は', 'い、', 'そ', 'う', 'で', 'す']);
    expect(splitWords("  don't\nstop,  now ")).toEqual(["don't", 'stop,', 'now']);
  });
});

describe('joinWords', () => {
  it('spaces Latin words but not Chinese ones', () => {
    expect(joinWords(['大', '家', '好，', 'iPhone', '15', '真'])).toBe('大家好，iPhone 15真');
  });
});

describe('breakLines', () => {
  it('breaks CJK lines by display width, so a Chinese line holds half as many characters, between words', () => {
    // Prepare: 20 characters without punctuation
    const words = splitWords('今天直播间的精华液买一送一限时优惠大家快来');
    // Act
    const lines = lineTexts(words, 16);
    // Assess: at most 8 characters a line, and 精华液 / 优惠 stay whole
    expect(lines).toEqual(['今天直播间的', '精华液买一送一', '限时优惠大家快来']);
    expect(lines.every((line) => displayWidth(line) <= 16)).toBe(true);
  });

  it('breaks after punctuation in the second half of a full line', () => {
    const words = splitWords('这款精华很好用，今天买一送一');
    expect(lineTexts(words, 20)).toEqual(['这款精华很好用，', '今天买一送一']);
    expect(lineTexts('the serum is back, and it ships today'.split(' '), 24)).toEqual(['the serum is back,', 'and it ships today']);
  });

  it('never splits a Latin word, even one wider than a line', () => {
    const words = splitWords('这个Supercalifragilistic面霜');
    const lines = lineTexts(words, 8);
    expect(lines).toContain('Supercalifragilistic');
    expect(lines.join('')).toBe('这个Supercalifragilistic面霜');
  });
});

describe('balancedLines', () => {
  it('evens the lines out instead of leaving a short last line', () => {
    const words = 'the new glow serum is finally back in stock today so grab it'.split(' ');
    const text = (lines: number[][]): string[] => lines.map((line) => joinWords(line.map((i) => words[i] ?? '')));
    expect(text(breakLines(words, 28))).toEqual(['the new glow serum is', 'finally back in stock today', 'so grab it']);
    expect(text(balancedLines(words, 28))).toEqual(['the new glow serum is', 'finally back in stock', 'today so grab it']);
    expect(balancedLines(['one', 'line'], 28)).toEqual([[0, 1]]);
  });
});
