/**
 * Topic suggestions on real data: the Mandarin references of ../shared/data/speech/zh as reliable host lines (one
 * of them is a sponsor read: 燕之屋燕窝 and 豆本豆豆奶 "冠名播出") and the first hour of a real bilibili live
 * danmaku log as chat. Before this test: "播出 · 燕窝 · 节目 · 豆奶 · 秋风" and "1 viewer asked about 妹是, 樱花".
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseChatLog } from '../../shared/core/inputs/index.js';
import { scoreSentiment } from '../../shared/core/sentiment/index.js';
import { keywords } from '../../shared/core/text/index.js';
import { mineShowTopics, suggestTopics } from '../../shared/core/topics/index.js';
import { missingTestData, SHARED_DATA } from '../helpers/sharedData.js';

const SPEECH = path.join(SHARED_DATA, 'speech', 'zh');
const DANMAKU = path.join(SHARED_DATA, 'chat', 'bilibili-ZJStatistics2-live', '2020.12.12 嘉然 首播.xml');

describe.skipIf(missingTestData(SPEECH) || missingTestData(DANMAKU))('topics from real Mandarin speech and danmaku', () => {
  const references = readdirSync(SPEECH).filter((file) => file.endsWith('.txt')).sort();
  const segments = references.map((file, i) => {
    const text = readFileSync(path.join(SPEECH, file), 'utf8').trim();
    return { start: i * 10, end: i * 10 + 8, text, reliable: true, sentiment: scoreSentiment(text, 'zh') };
  });
  const chat = parseChatLog(readFileSync(DANMAKU, 'utf8'), 'danmaku.xml')
    .messages.filter((line) => line.kind === 'message' && line.t < 3600)
    .map((line) => ({ ...line, sentiment: scoreSentiment(line.text) }));
  const evidence = mineShowTopics({ showId: 'real', language: 'zh', duration: 3600, segments, chat, metrics: [], mentions: [], clips: [] }, keywords);
  const suggestions = suggestTopics([evidence], { limit: 30 });

  it('keeps the sponsor read and broadcast boilerplate out of the topics', () => {
    expect(segments.some((s) => s.text.includes('冠名播出'))).toBe(true);
    const labels = evidence.topics.map((topic) => topic.label).join(' ');
    for (const word of ['播出', '燕窝', '节目', '豆奶', '冠名']) expect(labels).not.toContain(word);
  });

  it('segments viewers\u2019 questions into real words and groups them into themes', () => {
    const questions = suggestions.filter((s) => s.kind === 'question');
    expect(questions.length).toBeGreaterThan(3);
    const keywordsAsked = evidence.questions.flatMap((q) => q.keywords);
    // Fragments glued by guessing (妹是, 能寄到) and grammatical words are never keywords.
    for (const keyword of keywordsAsked) expect(keyword, keyword).not.toMatch(/^(.+是|能寄到|不能|能不能)$/u);
    // One theme per subject: the most-asked one gathers every wording of it.
    const themes = questions.map((q) => /「(.+?)」/u.exec(q.why)?.[1]);
    expect(new Set(themes).size).toBe(themes.length);
    expect(questions[0]!.why).toMatch(/^\d+ 位观众在 1 场直播里问到「.+」（\d+ 种问法），主播 3 分钟内没有回答。$/u);
    expect(questions[0]!.evidence.length).toBeGreaterThan(1);
    console.log(`[real topics] ${questions.slice(0, 6).map((q) => `${q.topic} (${/「(.+?)」/u.exec(q.why)?.[1]})`).join(' | ')}`);
  });
});
