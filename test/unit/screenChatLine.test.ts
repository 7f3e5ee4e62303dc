import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isShowableChat, quotableChatLines, screenChatLine } from '../../shared/core/chat/index.js';
import { findComplianceFlags } from '../../shared/core/compliance/index.js';
import { parseChatLog } from '../../shared/core/inputs/chatLog.js';
import { missingTestData, SHARED_DATA } from '../helpers/sharedData.js';

describe('screenChatLine', () => {
  it.each([
    ['this glow serum is amazing!!'],
    ['need that serum glow'],
    ['so pretty omg'],
    ['主播跳得太好看了'],
    ['燕窝抢到了！'],
    ['笑死我了哈哈'],
  ])('quotes a glad or excited reaction: %s', (line) => {
    const screen = screenChatLine(line);
    expect(screen.quotable).toBe(true);
    expect(screen.appeal).toBeGreaterThan(0);
  });

  it.each([
    ['is the serum link working?', 'question'],
    ['price?', 'question'],
    ['这个多少钱', 'question'],
    ['link not working', 'question'], // a link request reads as a question first
    ['the tint is not working on me', 'complaint'],
    ['this is a scam, refund me', 'complaint'],
    ['链接挂了', 'complaint'],
    ['太贵了不值', 'complaint'],
    ['1111', 'flood'],
    ['666', 'flood'],
    ['哈哈哈哈哈哈', 'flood'],
    ['call me 13812345678 now', 'personal-data'],
    ['加我微信 abc12345 领券', 'personal-data'],
    ['mail me at ann@example.com', 'personal-data'],
    ['北京市朝阳区建国路 88 号', 'personal-data'],
    ['check www.cheap-serum.com', 'link-or-mention'],
    ['@ann you missed it', 'link-or-mention'],
    ['嘉队长的舞确实最好', 'compliance'],
    ['this serum is the best ever', 'compliance'],
    ['Hey! Use your Twitch Prime on me, I would love it!', 'spam'],
    ['关注我抽奖哦！', 'spam'],
    ['on god this is fucking great', 'profanity'],
    ['傻逼主播太好笑了', 'profanity'],
    ['Hello', 'not-enthusiastic'],
    ['Kreygasm', 'not-enthusiastic'],
    ['ok', 'flood'],
  ])('never quotes %s (%s)', (line, reason) => {
    expect(screenChatLine(line)).toEqual({ quotable: false, reason, appeal: 0 });
  });

  it('ranks glad lines first and drops repeats', () => {
    expect(quotableChatLines(['love it', 'is it on sale?', 'this glow serum is amazing!!', 'love it', '666'])).toEqual([
      'this glow serum is amazing!!',
      'love it',
    ]);
  });

  it('shows questions and complaints as evidence, but never personal data or links', () => {
    expect(isShowableChat('is the serum link working?')).toBe(true);
    expect(isShowableChat('太贵了不值')).toBe(true);
    expect(isShowableChat('vx: seller_8888 私聊')).toBe(false);
    expect(isShowableChat('https://spam.example')).toBe(false);
  });
});

const TWITCH = path.join(SHARED_DATA, 'chat/twitch-chat-replay/1087079172.json');

describe.skipIf(missingTestData(TWITCH))('screenChatLine on a real Twitch VOD chat', () => {
  it('quotes a small share of the chat, and nothing quoted is a question, a flood or a flagged claim', () => {
    const log = parseChatLog(readFileSync(TWITCH, 'utf8'), path.basename(TWITCH));
    const lines = log.messages.filter((m) => m.kind === 'message').map((m) => m.text);
    const quotable = quotableChatLines(lines);

    expect(lines.length).toBeGreaterThan(2_000);
    expect(quotable.length).toBeGreaterThan(20);
    expect(quotable.length).toBeLessThan(lines.length / 4);
    for (const line of quotable) {
      expect(line).not.toMatch(/[?？]|https?:|@\S/);
      expect(new Set(line.toLowerCase().replace(/[^\p{L}]/gu, '')).size).toBeGreaterThanOrEqual(3);
      expect(findComplianceFlags([{ start: 0, end: 0, text: line, source: 'chat' }])).toEqual([]);
    }
  });
});
