import { describe, expect, it } from 'vitest';
import { loadWordTagger } from '../../shared/adapters/text/wordTagger.js';
import { MAX_TOPICS, mineShowTopics } from '../../shared/core/topics/mineShowTopics.js';
import type { ShowTopicInputs } from '../../shared/core/topics/topicTypes.js';
import type { ChatMessage, SentimentScore } from '../../shared/core/types.js';
import { testKeywords } from '../helpers/topicTestKeywords.js';

const neutral: SentimentScore = { score: 0, hits: 0 };
const happy: SentimentScore = { score: 0.8, hits: 2 };
const seg = (start: number, end: number, text: string, sentiment = neutral) => ({ start, end, text, sentiment, reliable: true });
const chatAt = (t: number, text: string, sentiment = neutral) => ({
  t,
  user: `viewer${t}`,
  text,
  kind: 'message' as ChatMessage['kind'],
  sentiment,
});

/**
 * A 600 s English show: "battery life" is discussed at 60-120 s (two lines, one span) and again at 400 s while chat
 * bursts and 10 orders arrive during the first span; "camera" is discussed twice at 250 s to a quiet chat;
 * the "Glow Serum" product is mentioned by the host at 300 s.
 */
function englishShow(): ShowTopicInputs {
  const burst = Array.from({ length: 30 }, (_, i) => chatAt(70 + i, i === 3 ? 'battery life is amazing!' : 'wow love it', happy));
  const background = Array.from({ length: 12 }, (_, i) => chatAt(5 + i * 50, 'hello'));
  return {
    showId: 'show-en',
    language: 'en',
    duration: 600,
    segments: [
      seg(60, 70, 'The battery life on this phone is incredible', happy),
      seg(100, 110, 'Battery life lasts two full days'),
      seg(250, 255, 'The camera is sharp'),
      seg(258, 262, 'Camera works at night too'),
      seg(300, 305, 'Now the Glow Serum, our best serum'),
      seg(310, 315, 'Glow Serum goes on smooth'),
      seg(400, 405, 'Remember the battery life numbers'),
    ],
    chat: [...burst, ...background],
    metrics: [
      { t: 0, orders: 0 },
      { t: 60, orders: 0 },
      { t: 120, orders: 10 },
      { t: 600, orders: 10 },
    ],
    mentions: [
      { t: 301, product: 'Glow Serum', matched: 'Glow Serum', source: 'speech' },
      { t: 311, product: 'Glow Serum', matched: 'Glow Serum', source: 'speech' },
      { t: 320, product: 'Glow Serum', matched: 'serum', source: 'chat' },
    ],
    clips: [
      { id: 'clip-a', start: 55, end: 95 },
      { id: 'clip-b', start: 240, end: 270 },
    ],
  };
}

describe('mineShowTopics', () => {
  it('mines bigram keyphrases, merges nearby mentions into spans and drops unigrams the bigram covers', () => {
    const { topics } = mineShowTopics(englishShow(), testKeywords);
    const battery = topics.find((t) => t.key === 'kw:battery life');
    expect(battery).toBeDefined();
    expect(battery?.kind).toBe('keyphrase');
    expect(battery?.mentions).toBe(3);
    // 60-70 and 100-110 are 30 s apart: one span; 400 s is far away: a second span.
    expect(battery?.spans).toEqual([
      { start: 60, end: 110 },
      { start: 400, end: 405 },
    ]);
    expect(topics.some((t) => t.key === 'kw:battery')).toBe(false);
    expect(topics.some((t) => t.key === 'kw:life')).toBe(false);
  });

  it('measures the audience response during a topic: chat rate vs the show mean, sentiment and orders', () => {
    const { topics } = mineShowTopics(englishShow(), testKeywords);
    const battery = topics.find((t) => t.key === 'kw:battery life')!;
    const camera = topics.find((t) => t.key === 'kw:camera')!;

    expect(battery.response.chatRate).toBeGreaterThan(3);
    expect(battery.response.sentiment).toBeCloseTo(0.8);
    // All 10 orders arrived between the 60 s and 120 s samples; the response window 60-130 covers that interval.
    expect(battery.response.orders).toBeCloseTo(10);
    expect(camera.response.orders).toBe(0);
    expect(camera.response.chatRate).toBeLessThan(1);
    expect(battery.score).toBeGreaterThan(camera.score);
    expect(topics.indexOf(battery)).toBeLessThan(topics.indexOf(camera));
  });

  it('turns product mentions into product topics and does not repeat the product as a keyphrase', () => {
    const { topics } = mineShowTopics(englishShow(), testKeywords);
    const serum = topics.find((t) => t.key === 'product:glow serum');
    expect(serum).toMatchObject({ kind: 'product', label: 'Glow Serum', mentions: 2 });
    expect(serum?.spans).toEqual([{ start: 301, end: 326 }]);
    expect(topics.filter((t) => t.kind === 'keyphrase').map((t) => t.label)).not.toContain('serum');
    expect(topics.filter((t) => t.kind === 'keyphrase').map((t) => t.label)).not.toContain('glow serum');
  });

  it('gives at most five pieces of evidence: the speech line, the order jump, chat reactions, with overlapping clips', () => {
    const { topics } = mineShowTopics(englishShow(), testKeywords);
    const battery = topics.find((t) => t.key === 'kw:battery life')!;
    expect(battery.evidence.length).toBeLessThanOrEqual(5);
    expect(battery.evidence[0]).toEqual({
      showId: 'show-en',
      t: 60,
      quote: 'The battery life on this phone is incredible',
      source: 'speech',
      clipId: 'clip-a',
    });
    expect(battery.evidence[1]).toMatchObject({ source: 'metrics', t: 120, quote: '+10 orders (0 → 10)' });
    const chat = battery.evidence.filter((e) => e.source === 'chat');
    // The reaction that names the topic outranks equally happy ones; duplicates ("wow love it") appear once.
    expect(chat[0]?.quote).toBe('battery life is amazing!');
    expect(new Set(chat.map((e) => e.quote)).size).toBe(chat.length);
    expect(chat[0]?.clipId).toBe('clip-a');
  });

  it('finds audience questions and points them at a clip', () => {
    const show = englishShow();
    const { questions } = mineShowTopics(
      { ...show, chat: [...show.chat, chatAt(245, 'does the camera have zoom?')] },
      testKeywords,
    );
    expect(questions).toHaveLength(1);
    expect(questions[0]).toMatchObject({ t: 245, keywords: ['camera', 'zoom'], answered: true, clipId: 'clip-b' });
  });

  it('still ranks topics by how much they were discussed when there is no chat or metrics', () => {
    const { topics } = mineShowTopics(
      {
        ...englishShow(),
        chat: [],
        metrics: [],
        mentions: [],
        segments: [
          seg(0, 5, 'The pricing is simple, our pricing is fair, your pricing is clear.'),
          seg(10, 15, 'shipping details'),
          seg(20, 25, 'shipping again'),
        ],
      },
      testKeywords,
    );
    expect(topics.map((t) => t.label)).toEqual(['pricing', 'shipping']);
    expect(topics[0]!.score).toBeGreaterThan(topics[1]!.score);
    expect(topics[1]!.score).toBeGreaterThan(0);
    expect(topics[0]!.response).toEqual({ chatRate: 0, sentiment: 0, orders: 0 });
  });

  it('keeps at most 30 topics, best first, and is deterministic', () => {
    const words = Array.from({ length: 50 }, (_, i) => `topic${String(i).padStart(2, '0')}`);
    const inputs: ShowTopicInputs = {
      ...englishShow(),
      segments: words.flatMap((word, i) => [seg(i * 10, i * 10 + 4, word), seg(i * 10 + 5, i * 10 + 9, word)]),
      chat: words.map((_, i) => chatAt(i * 10 + 2, 'nice', { score: (i % 7) / 10, hits: 1 })),
      mentions: [],
    };
    const first = mineShowTopics(inputs, testKeywords);
    expect(first.topics).toHaveLength(MAX_TOPICS);
    for (let i = 1; i < first.topics.length; i++) {
      expect(first.topics[i]!.score).toBeLessThanOrEqual(first.topics[i - 1]!.score);
    }
    expect(mineShowTopics(inputs, testKeywords)).toEqual(first);
  });

  it('keeps topics that name things: no verbs, pronouns, numbers or words that are not side by side', async () => {
    const tagWords = await loadWordTagger();
    const talk = (language: 'en' | 'zh', lines: string[]): ShowTopicInputs => ({
      ...englishShow(),
      language,
      chat: [],
      metrics: [],
      mentions: [],
      segments: lines.map((text, i) => seg(i * 20, i * 20 + 5, text)),
    });
    const english = mineShowTopics(
      talk('en', [
        'Let me move it so you can see the light texture.',
        'I will move it closer to the camera, a light texture again.',
        'If you just joined us, it comes in a box for $24.',
        'Thanks for joining us, it comes in a gift box, only $24.',
      ]),
      testKeywords,
      tagWords,
    ).topics.map((t) => t.label);
    expect(english).toContain('light texture');
    expect(english).toContain('box');
    for (const talkWord of ['move', 'comes', 'us', 'joined', 'closer camera', '24']) expect(english).not.toContain(talkWord);
    const chinese = mineShowTopics(
      talk('zh', ['这个盒子很好看，我们继续看。', '我把它放在这里，大家看颜色。', '继续继续，盒子放在桌上。', '颜色有三个，你们喜欢哪个。']),
      testKeywords,
      tagWords,
    ).topics.map((t) => t.label);
    expect(chinese).toEqual(expect.arrayContaining(['颜色', '盒子']));
    for (const talkWord of ['继续', '放在']) expect(chinese).not.toContain(talkWord);
  });

  it('mines Chinese transcripts', () => {
    const { topics } = mineShowTopics(
      {
        showId: 'show-zh',
        language: 'zh',
        duration: 300,
        segments: [
          seg(10, 15, '这款面膜补水效果特别好'),
          seg(40, 45, '面膜每天晚上敷一片'),
          seg(200, 205, '今天直播间有优惠'),
        ],
        chat: [chatAt(12, '面膜多少钱'), chatAt(20, '好想要', happy), chatAt(250, '来了')],
        metrics: [],
        mentions: [],
        clips: [],
      },
      testKeywords,
    );
    const mask = topics.find((t) => t.label === '面膜');
    expect(mask?.spans).toEqual([{ start: 10, end: 45 }]);
    expect(mask?.response.chatRate).toBeGreaterThan(1);
    expect(mask?.evidence.map((e) => e.source)).toContain('chat');
  });
});

describe('mineShowTopics keeps ordinary speech out of the topics', () => {
  it('never makes a topic of background words or spelled-out numbers, however often said', () => {
    const lines = ['家人们 五十 单 保温杯', '家人们 五十 保温杯 真空', '家人们 五十 欢迎', '家人们 五十 保温杯'];
    const evidence = mineShowTopics(
      {
        showId: 'show-zh',
        language: 'zh',
        duration: 200,
        segments: lines.map((text, i) => seg(i * 40, i * 40 + 5, text)),
        chat: [],
        metrics: [],
        mentions: [],
        clips: [],
      },
      (text) => text.split(' '),
    );
    const labels = evidence.topics.map((topic) => topic.label);
    expect(labels).toContain('保温杯');
    expect(labels.join(' ')).not.toMatch(/家人们|五十|欢迎/);
  });
});
