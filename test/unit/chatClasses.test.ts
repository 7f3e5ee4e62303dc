import { describe, expect, it } from 'vitest';
import { isQuestion, isReaction } from '../../shared/core/chat/index.js';

describe('isReaction', () => {
  it('recognises laughter, hype and emotes in Chinese and English chat', () => {
    for (const text of ['哈哈哈哈', '2333333', '笑死我了', 'xswl', '666666', '草', '前方高能', 'LUL', 'KEKW', 'lmaooo', 'hahaha', 'lol', '😂😂', '🔥🔥🔥', 'PogChamp']) {
      expect(isReaction(text), text).toBe(true);
    }
  });

  it('leaves ordinary lines, single characters inside words and questions alone', () => {
    for (const text of ['今天的口红颜色很好看', '草莓味有吗', 'the battery is dead', 'how much is it', '哈密瓜', '66块包邮吗', 'I like the blue one']) {
      expect(isReaction(text), text).toBe(false);
    }
  });
});

describe('isQuestion (shared with topic mining)', () => {
  it('is the same function topic mining uses', async () => {
    const topics = await import('../../shared/core/topics/unansweredQuestions.js');
    expect(topics.isQuestion).toBe(isQuestion);
    expect(isQuestion('多少钱')).toBe(true);
    expect(isQuestion('what a deal')).toBe(false);
  });
});
