import { describe, expect, it } from 'vitest';
import { suggestTopics } from '../../shared/core/topics/suggestTopics.js';
import type { AudienceQuestion, MinedTopic, ShowTopicEvidence } from '../../shared/core/topics/topicTypes.js';

function topic(key: string, score: number, overrides: Partial<MinedTopic> = {}, showId = 'show'): MinedTopic {
  const label = key.replace(/^\w+:/, '');
  return {
    key,
    label,
    kind: key.startsWith('product:') ? 'product' : 'keyphrase',
    spans: [{ start: 0, end: 30 }],
    mentions: 2,
    response: { chatRate: 1, sentiment: 0, orders: 0 },
    score,
    evidence: [{ showId, t: 10, quote: `about ${label}`, source: 'speech' }],
    ...overrides,
  };
}

function question(text: string, keywords: string[], overrides: Partial<AudienceQuestion> = {}): AudienceQuestion {
  return { t: 100, user: 'viewer', text, keywords, count: 1, askers: 1, answered: false, ...overrides };
}

const show = (showId: string, topics: MinedTopic[], questions: AudienceQuestion[] = []): ShowTopicEvidence => ({
  showId,
  language: 'en',
  topics,
  questions,
});

describe('suggestTopics', () => {
  it('ranks a topic that recurs across shows above a one-off with the same per-show response', () => {
    const shows = [
      show('s1', [topic('kw:battery life', 2, {}, 's1'), topic('kw:camera', 2, {}, 's1')]),
      show('s2', [topic('kw:battery life', 2, {}, 's2')]),
    ];
    const suggestions = suggestTopics(shows);
    expect(suggestions.map((s) => s.topic)).toEqual(['battery life', 'camera']);
    expect(suggestions[0]!.score).toBe(4);
    expect(suggestions[0]!.why).toContain('4 times in 2 shows');
    // Evidence alternates between shows so both are represented.
    expect(suggestions[0]!.evidence.map((e) => e.showId)).toEqual(['s1', 's2']);
  });

  it('ranks products by orders and chat', () => {
    const shows = [
      show('s1', [
        topic('product:serum', 1, { response: { chatRate: 1, sentiment: 0, orders: 40 } }),
        topic('product:mask', 9, { response: { chatRate: 1.5, sentiment: 0, orders: 0 } }),
      ]),
    ];
    const [first, second] = suggestTopics(shows);
    expect(first).toMatchObject({ topic: 'serum', kind: 'product' });
    // chatRate × (1 + sentiment) + 2 × ln(1 + orders)
    expect(first!.score).toBeCloseTo(1 + 2 * Math.log1p(40), 3);
    expect(first!.why).toContain('40 orders');
    expect(second).toMatchObject({ topic: 'mask', score: 1.5 });
  });

  it('turns unanswered questions into "Answer:" suggestions counting every viewer who asked, across shows', () => {
    const shows = [
      show('s1', [], [
        question('does it ship to Canada?', ['canada', 'ship'], { count: 3, askers: 3, clipId: 'c1' }),
        question('what is the price?', ['price'], { answered: true, answeredAt: 120, count: 9, askers: 9 }),
      ]),
      show('s2', [], [question('ship to canada??', ['canada', 'ship'], { t: 50, count: 2, askers: 2 })]),
    ];
    const suggestions = suggestTopics(shows);
    expect(suggestions).toHaveLength(1);
    const [answer] = suggestions;
    expect(answer).toMatchObject({ kind: 'question', topic: 'Answer: does it ship to Canada?', score: 5 });
    expect(answer!.why).toBe('5 viewers asked about canada in 2 shows (2 wordings) and the host did not answer within 3 minutes.');
    expect(answer!.evidence).toEqual([
      { showId: 's1', t: 100, quote: 'does it ship to Canada?', source: 'chat', clipId: 'c1' },
      { showId: 's2', t: 50, quote: 'ship to canada??', source: 'chat' },
    ]);
  });

  it('groups questions into themes by their most-asked keyword, worded in the show language', () => {
    const zh = (id: string, questions: ReturnType<typeof question>[]) => ({ ...show(id, [], questions), language: 'zh' as const });
    const suggestions = suggestTopics([
      zh('s1', [
        question('为什么不是嘉然站c位？', ['嘉然'], { count: 5, askers: 5 }),
        question('队长不是嘉然？', ['嘉然', '队长'], { t: 300, count: 2, askers: 2 }),
        question('会读弹幕吗？', ['弹幕'], { t: 400, count: 3, askers: 3 }),
      ]),
    ]);
    expect(suggestions.map((s) => s.topic)).toEqual(['回答：为什么不是嘉然站c位？', '回答：会读弹幕吗？']);
    expect(suggestions[0]!.score).toBe(7);
    expect(suggestions[0]!.why).toBe('7 位观众在 1 场直播里问到「嘉然」（2 种问法），主播 3 分钟内没有回答。');
    expect(suggestions[0]!.evidence.map((e) => e.quote)).toEqual(['为什么不是嘉然站c位？', '队长不是嘉然？']);
  });

  it('orders ties by topic, limits to 15 by default and honours a given limit', () => {
    const topics = Array.from({ length: 20 }, (_, i) => topic(`kw:t${String.fromCharCode(116 - i)}`, 1));
    const suggestions = suggestTopics([show('s1', topics)]);
    expect(suggestions).toHaveLength(15);
    const names = suggestions.map((s) => s.topic);
    expect(names).toEqual([...names].sort());
    expect(suggestTopics([show('s1', topics)], { limit: 3 })).toHaveLength(3);
    expect(suggestTopics([])).toEqual([]);
  });

  it('names a recurring topic after its strongest appearance and keeps at most five evidence items', () => {
    const evidence = (showId: string) =>
      Array.from({ length: 4 }, (_, i) => ({ showId, t: i, quote: `q${i}`, source: 'chat' as const }));
    const shows = [
      show('s1', [topic('kw:glow', 1, { label: 'glow', evidence: evidence('s1') })]),
      show('s2', [topic('kw:glow', 5, { label: 'Glow', evidence: evidence('s2') })]),
    ];
    const [suggestion] = suggestTopics(shows);
    expect(suggestion!.topic).toBe('Glow');
    expect(suggestion!.evidence).toHaveLength(5);
    expect(suggestion!.evidence[0]!.showId).toBe('s2');
  });
});
