/**
 * Every real chat log in ../shared/data/chat parses through the product's entry point (format detected
 * by content), with the counts SOURCES.md states, under the drop rules of docs/inputs.md: messages before
 * the recording start, blank danmaku and records that are not chat are counted as skipped, never fatal.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseChatLog } from '../../shared/core/inputs/index.js';
import { InputError } from '../../shared/core/errors.js';
import { missingTestData, SHARED_DATA } from '../helpers/sharedData.js';

const CHAT_DIR = path.join(SHARED_DATA, 'chat');

interface Expected {
  readonly file: string;
  readonly format: string;
  readonly accepted: number;
  readonly kinds: Record<string, number>;
  readonly skippedReasons: Record<string, number>;
}

// SOURCES.md's counts, and what the drop rules make of them.
const EXPECTED: readonly Expected[] = [
  // 11,023 danmaku: 20 pre-stream (negative t) and 3 blank ones dropped.
  { file: 'bilibili-ZJStatistics2-live/2020.12.11 全团首播.xml', format: 'bilibili-xml', accepted: 11_000, kinds: { message: 11_000 }, skippedReasons: { 'before recording start': 20, 'empty text': 3 } },
  // 48,598 danmaku on one line: 86 pre-stream and 8 blank dropped (48,512 at t >= 0 includes the 8 blank).
  { file: 'bilibili-ZJStatistics2-live/2020.12.12 嘉然 首播.xml', format: 'bilibili-xml', accepted: 48_504, kinds: { message: 48_504 }, skippedReasons: { 'before recording start': 86, 'empty text': 8 } },
  // 14,950 danmaku with degraded p (NULL uid, empty fields): all kept, senders unknown.
  { file: 'bilibili-ZJStatistics2-live/2020.12.15 嘉然 今天和嘉然一起画画吧~.xml', format: 'bilibili-xml', accepted: 14_950, kinds: { message: 14_950 }, skippedReasons: {} },
  // 1,239 video danmaku, 279 of them mode 7 (JSON text).
  { file: 'bilibili-DanmakuFlameMaster/comments.xml', format: 'bilibili-xml', accepted: 1_239, kinds: { message: 1_239 }, skippedReasons: {} },
  // 1,200 danmaku, 9-field p, one line.
  { file: 'bilibili-DanmakuFactory/danmaku01.xml', format: 'bilibili-xml', accepted: 1_200, kinds: { message: 1_200 }, skippedReasons: {} },
  // 3,090 messages, 21 of them sub/resub notices.
  { file: 'twitch-chat-replay/1087079172.json', format: 'twitch-downloader-json', accepted: 3_090, kinds: { message: 3_069, member: 21 }, skippedReasons: {} },
  // 28,844 PRIVMSG lines; IRC welcome/JOIN/NAMES lines and the logger noise at the end are not chat.
  { file: 'twitch_chat_analysis/chat_admiralbulldog_4_30.log', format: 'twitch-irc', accepted: 28_844, kinds: { message: 28_844 }, skippedReasons: { 'not a chat line': 127 } },
  // 48 chat items: 47 text and 1 Super Chat; one placeholder item is not chat.
  { file: 'youtube-pytchat/chatreplay.json', format: 'youtube-replay-json', accepted: 48, kinds: { message: 47, paid: 1 }, skippedReasons: { 'placeholder item': 1 } },
];

describe.skipIf(missingTestData(CHAT_DIR))('real chat logs in ../shared/data/chat', () => {
  for (const expected of EXPECTED) {
    it(`${expected.file}: ${expected.format}, ${expected.accepted} accepted`, async () => {
      const text = await readFile(path.join(CHAT_DIR, expected.file), 'utf8');
      const { messages, report } = parseChatLog(text, path.basename(expected.file));
      expect(report.format).toBe(expected.format);
      expect(report.accepted).toBe(expected.accepted);
      expect(messages).toHaveLength(expected.accepted);
      expect(report.kinds).toEqual(expected.kinds);
      expect(report.skippedReasons).toEqual(expected.skippedReasons);
      // Sorted, on the recording's clock.
      expect(messages.every((message, index) => message.t >= 0 && (index === 0 || message.t >= (messages[index - 1]?.t ?? 0)))).toBe(true);
    });
  }

  it('drops and counts messages after the recording end, never failing', async () => {
    const text = await readFile(path.join(CHAT_DIR, 'twitch_chat_analysis/chat_admiralbulldog_4_30.log'), 'utf8');
    const { messages, report } = parseChatLog(text, 'irc.log', { durationSeconds: 3600 });
    expect(messages.every((message) => message.t <= 3600)).toBe(true);
    expect(report.accepted + (report.skippedReasons['after recording end'] ?? 0)).toBe(28_844);
    expect(report.skippedReasons['after recording end']).toBeGreaterThan(10_000);
  });

  it('times an IRC log from a given recording start instead of its first line', async () => {
    const text = await readFile(path.join(CHAT_DIR, 'twitch_chat_analysis/chat_admiralbulldog_4_30.log'), 'utf8');
    const fromFirstLine = parseChatLog(text, 'irc.log').messages;
    // The stream started a minute after the recorder: every message moves a minute earlier.
    const shifted = parseChatLog(text, 'irc.log', { recordingStartMs: Date.parse('2019-04-30T08:57:59Z') }).messages;
    expect(shifted[shifted.length - 1]?.t).toBeCloseTo((fromFirstLine[fromFirstLine.length - 1]?.t ?? 0) - 60, 3);
  });
});

describe('unknown or corrupt chat files: one readable error line, never a crash', () => {
  const cases: [string, string][] = [
    ['binary', String.fromCharCode(0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70) + 'isom\u0000\u0001\u0002'],
    ['empty', ''],
    ['truncated XML', '<?xml version="1.0"?><i><d p="1.5,1,25,1,0,0,a,1">第一'],
    ['JSON of another shape', JSON.stringify({ users: [{ name: 'ann' }] })],
    ['truncated TwitchDownloader JSON', '{"comments":[{"content_offset_seconds":1.5,"message":{"body":"hi"'],
    ['plain text', 'just some notes\nabout the show\n'],
  ];
  for (const [name, text] of cases) {
    it(name, () => {
      let error: unknown;
      try {
        parseChatLog(text, `${name}.txt`);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(InputError);
      const message = (error as Error).message;
      expect(message).toMatch(new RegExp(`chat log ${name}\\.txt`));
      expect(message).not.toContain('\n');
    });
  }
});
