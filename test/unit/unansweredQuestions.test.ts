import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findAudienceQuestions, isQuestion } from '../../shared/core/topics/unansweredQuestions.js';
import type { ChatMessage, Segment } from '../../shared/core/types.js';
import { testKeywords } from '../helpers/topicTestKeywords.js';
import { missingTestData, SHARED_DATA } from '../helpers/sharedData.js';

const msg = (t: number, text: string, user = `u${t}`): ChatMessage => ({ t, user, text, kind: 'message' });
const seg = (start: number, end: number, text: string): Segment => ({ start, end, text });

describe('isQuestion', () => {
  it('recognises question marks, English openers and requests, and Chinese markers', () => {
    for (const text of [
      'is it waterproof?',
      '包邮吗？',
      'how long does the battery last',
      'what size is she wearing',
      'price pls',
      'link',
      '这个多少钱',
      '能不能便宜点',
      '求链接',
      '有没有黑色',
      '几号发货',
    ]) {
      expect(isQuestion(text), text).toBe(true);
    }
  });

  it('leaves statements alone', () => {
    for (const text of ['love this colour', 'great show today', '主播好漂亮', '几乎卖完了', 'somehow it works', 'what a throw']) {
      expect(isQuestion(text), text).toBe(false);
    }
  });
});

describe('findAudienceQuestions', () => {
  it('ignores statements and questions without keywords', () => {
    const questions = findAudienceQuestions([msg(1, 'great show'), msg(2, '??'), msg(3, 'why?')], [], 'en', testKeywords);
    expect(questions).toEqual([]);
  });

  it('merges repeats with the same keyword set and counts messages and distinct askers', () => {
    const chat = [
      msg(10, 'Is it waterproof?', 'ann'),
      msg(12, 'waterproof??', 'bob'),
      msg(15, 'WATERPROOF?', 'ann'),
      msg(20, 'what colours are there?', 'cid'),
    ];
    const questions = findAudienceQuestions(chat, [], 'en', testKeywords);
    expect(questions.map((q) => q.keywords)).toEqual([['waterproof'], ['colours']]);
    const [waterproof] = questions;
    expect(waterproof).toMatchObject({ t: 10, user: 'ann', text: 'Is it waterproof?', count: 3, askers: 2, answered: false });
  });

  it('counts a question answered when the next 180 s of transcript cover half its keywords', () => {
    const chat = [msg(100, 'how long does the battery life last?')]; // keywords: battery, last, life, long
    const twoOfFour = [seg(150, 160, 'the battery life is great')];
    const oneOfFour = [seg(150, 160, 'the battery is great')];
    const tooLate = [seg(281, 290, 'battery life is about ten hours')];

    const answered = findAudienceQuestions(chat, twoOfFour, 'en', testKeywords)[0];
    expect(answered?.answered).toBe(true);
    expect(answered?.answeredAt).toBe(150);
    expect(findAudienceQuestions(chat, oneOfFour, 'en', testKeywords)[0]?.answered).toBe(false);
    expect(findAudienceQuestions(chat, tooLate, 'en', testKeywords)[0]?.answered).toBe(false);
  });

  it('uses a segment already running when the question was asked, but not one that ended before', () => {
    const chat = [msg(100, 'price?')];
    expect(findAudienceQuestions(chat, [seg(90, 110, 'the price is ten')], 'en', testKeywords)[0]).toMatchObject({
      answered: true,
      answeredAt: 100,
    });
    expect(findAudienceQuestions(chat, [seg(80, 99, 'the price is ten')], 'en', testKeywords)[0]?.answered).toBe(false);
  });

  it('marks a repeated question answered when the host answers a later ask', () => {
    const chat = [msg(0, 'price?', 'a'), msg(400, 'price??', 'b')];
    const [question] = findAudienceQuestions(chat, [seg(450, 455, 'price is 20 dollars')], 'en', testKeywords);
    expect(question).toMatchObject({ t: 0, count: 2, answered: true, answeredAt: 450 });
  });

  it('finds and answers Chinese questions', () => {
    const chat = [msg(30, '这个精华多少钱？', 'a'), msg(31, '精华多少钱', 'b'), msg(40, '主播好美', 'c')];
    const transcript = [seg(60, 70, '精华今天只要三百块')];
    const questions = findAudienceQuestions(chat, transcript, 'zh', testKeywords);
    expect(questions).toHaveLength(1);
    expect(questions[0]).toMatchObject({ keywords: ['精华'], count: 2, answered: true, answeredAt: 60 });
  });

  it('returns questions in time order whatever the chat order', () => {
    const chat = [msg(50, 'shipping to canada?'), msg(5, 'what size is she?')];
    expect(findAudienceQuestions(chat, [], 'en', testKeywords).map((q) => q.t)).toEqual([5, 50]);
  });
});

const TWITCH = path.join(SHARED_DATA, 'chat/twitch-chat-replay/1087079172.json');
const BILIBILI = path.join(SHARED_DATA, 'chat/bilibili-ZJStatistics2-live/2020.12.11 全团首播.xml');

describe.skipIf(missingTestData(TWITCH))('findAudienceQuestions on a real Twitch VOD chat', () => {
  it('finds distinct, keyworded questions and answers none without a transcript', () => {
    const raw = JSON.parse(readFileSync(TWITCH, 'utf8')) as {
      comments: { content_offset_seconds: number; commenter: { name: string }; message: { body: string } }[];
    };
    const chat = raw.comments.map((c) => msg(c.content_offset_seconds, c.message.body, c.commenter.name));
    const questions = findAudienceQuestions(chat, [], 'en', testKeywords);

    expect(questions.length).toBeGreaterThan(20);
    expect(questions.length).toBeLessThan(chat.length / 2);
    const keys = questions.map((q) => q.keywords.join(' '));
    expect(new Set(keys).size).toBe(keys.length);
    for (const q of questions) {
      expect(isQuestion(q.text)).toBe(true);
      expect(q.keywords.length).toBeGreaterThan(0);
      expect(q.askers).toBeLessThanOrEqual(q.count);
      expect(q.answered).toBe(false);
    }
    expect(questions.reduce((sum, q) => sum + q.count, 0)).toBeLessThanOrEqual(chat.length);
  });
});

describe.skipIf(missingTestData(BILIBILI))('findAudienceQuestions on a real bilibili live danmaku log', () => {
  it('finds Chinese questions and merges repeats', () => {
    const xml = readFileSync(BILIBILI, 'utf8');
    const chat = [...xml.matchAll(/<d p="([^"]*)">([^<]*)<\/d>/g)].map((m) => {
      const fields = (m[1] ?? '').split(',');
      return msg(Number(fields[0]), m[2] ?? '', fields[6] ?? '');
    });
    expect(chat.length).toBeGreaterThan(10_000);

    const questions = findAudienceQuestions(chat, [], 'zh', testKeywords);
    expect(questions.length).toBeGreaterThan(50);
    // Danmaku repeat a lot: the most-asked question of a 4-hour debut stream is asked by several viewers.
    expect(Math.max(...questions.map((q) => q.askers))).toBeGreaterThan(5);
    for (const q of questions) {
      expect(isQuestion(q.text)).toBe(true);
      expect(q.askers).toBeLessThanOrEqual(q.count);
    }
    for (let i = 1; i < questions.length; i++) expect(questions[i]!.t).toBeGreaterThanOrEqual(questions[i - 1]!.t);
  });
});
