import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../shared/core/text/index.js';

describe('detectLanguage', () => {
  it('returns en for empty input, empty strings and text without letters', () => {
    expect(detectLanguage([])).toBe('en');
    expect(detectLanguage(['', '   '])).toBe('en');
    expect(detectLanguage(['666', '!!!', '😂😂'])).toBe('en');
  });

  it('recognises plain English and plain Chinese', () => {
    expect(detectLanguage(['Welcome back to the stream, today we have a new serum'])).toBe('en');
    expect(detectLanguage(['欢迎来到直播间', '今天给大家带来一款面霜'])).toBe('zh');
  });

  it('keeps Chinese lines with English brand names Chinese', () => {
    // 4 ideographs vs 6 Latin letters: ideographs carry more text each, so Chinese still dominates.
    expect(detectLanguage(['我用iPhone拍的'])).toBe('zh');
    expect(detectLanguage(['这个 iPhone 壳 yyds，真的好看'])).toBe('zh');
  });

  it('keeps English lines with a stray Chinese word English', () => {
    expect(detectLanguage(['this cream is amazing, my favourite product this year, 面霜'])).toBe('en');
  });

  it('decides over all texts together, so a mostly-Chinese chat with some English lines is zh', () => {
    const chat = ['哈哈哈哈', '主播好美', 'lol', '这个多少钱', '已下单', 'nice', '太贵了吧'];
    expect(detectLanguage(chat)).toBe('zh');
    const englishChat = ['lol', 'nice one', 'how much is it', '666', 'W stream', '好'];
    expect(detectLanguage(englishChat)).toBe('en');
  });
});
