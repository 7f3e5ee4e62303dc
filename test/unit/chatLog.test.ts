import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../shared/core/errors.js';
import { DANMAKU_SKIP, JSONL_SKIP, MAX_CHAT_TEXT_CHARS, parseChatLog } from '../../shared/core/inputs/index.js';
import { endChatAt } from '../../shared/core/inputs/chatLog.js';
import { missingTestData, SHARED_DATA } from '../helpers/sharedData.js';

const CHAT_DATA = join(SHARED_DATA, 'chat');

function jsonl(...records: unknown[]): string {
  return records.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n');
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('parseChatLog — JSON Lines', () => {
  it('parses messages, ignores extra fields and blank lines, sorts by t', () => {
    // Prepare
    const text = jsonl({ t: 12.5, user: 'ann', text: 'second', badge: 'vip' }, '', '   ', { t: '3', user: 'bob', text: 'first' });

    // Act
    const { messages, report } = parseChatLog(text, 'chat.jsonl');

    // Assess
    expect(messages).toEqual([
      { t: 3, user: 'bob', text: 'first', kind: 'message' },
      { t: 12.5, user: 'ann', text: 'second', kind: 'message' },
    ]);
    expect(report).toEqual({ format: 'jsonl', accepted: 2, skipped: 0, skippedReasons: {}, kinds: { message: 2 } });
  });

  it('reads paid messages, gifts and memberships with their amount and currency', () => {
    const text = jsonl(
      { t: 1, user: 'ann', text: 'hi' },
      { t: 2, user: 'bob', text: 'for the stream', kind: 'paid', amount: 5, currency: 'usd' },
      { t: 3, user: 'cy', kind: 'gift', amount: '52', currency: 'CNY' },
      { t: 4, user: 'di', kind: 'Member' },
      { t: 5, user: 'ed', text: 'odd', kind: 'shout', amount: 'lots' },
      { t: 6, user: 'fi', kind: 'paid', amount: '$2.50' },
      { t: 7, user: 'gu', kind: 'paid', amount: 3, currency: 'not a currency!' },
    );
    const { messages, report } = parseChatLog(text, 'chat.jsonl');
    expect(messages).toEqual([
      { t: 1, user: 'ann', text: 'hi', kind: 'message' },
      { t: 2, user: 'bob', text: 'for the stream', kind: 'paid', amount: 5, currency: 'USD' },
      // Without words a gift or member line reads as its amount or its kind.
      { t: 3, user: 'cy', text: '52 CNY', kind: 'gift', amount: 52, currency: 'CNY' },
      { t: 4, user: 'di', text: 'member', kind: 'member' },
      // An unknown kind is noted and read as a plain message (whose amount means nothing).
      { t: 5, user: 'ed', text: 'odd', kind: 'message' },
      { t: 6, user: 'fi', text: '2.5 USD', kind: 'paid', amount: 2.5, currency: 'USD' },
      { t: 7, user: 'gu', text: '3', kind: 'paid', amount: 3 },
    ]);
    expect(report.kinds).toEqual({ message: 2, paid: 3, gift: 1, member: 1 });
    expect(report.skippedReasons).toEqual({ [JSONL_SKIP.invalidKind]: 1, [JSONL_SKIP.invalidCurrency]: 1 });
  });

  it('skips and counts each malformed line under its reason, never failing the file', () => {
    const text = jsonl(
      { t: 1, user: 'ok', text: 'kept' },
      '{not json',
      '{"t": 2, "text": "trailing comma",}',
      '[1, 2]',
      '"just a string"',
      { user: 'x', text: 'no time' },
      { t: null, text: 'null time' },
      { t: -4, text: 'before the show' },
      { t: 'soon', text: 'word time' },
      { t: '', text: 'empty-string time' },
      '{"t": 1e999, "text": "infinite"}',
      { t: 5 },
      { t: 6, text: 42 },
      { t: 7, text: '   ' },
      { t: 8, user: 'ok2', text: 'also kept' },
    );

    const { messages, report } = parseChatLog(text, 'chat.jsonl');

    expect(messages.map((m) => m.text)).toEqual(['kept', 'also kept']);
    expect(report.accepted).toBe(2);
    expect(report.skipped).toBe(13);
    expect(report.skippedReasons).toEqual({
      [JSONL_SKIP.invalidJson]: 2,
      [JSONL_SKIP.notObject]: 2,
      [JSONL_SKIP.missingT]: 2,
      [JSONL_SKIP.beforeStart]: 1,
      [JSONL_SKIP.invalidT]: 3,
      [JSONL_SKIP.missingText]: 1,
      [JSONL_SKIP.textNotString]: 1,
      [JSONL_SKIP.emptyText]: 1,
    });
  });

  it('defaults a missing user to the empty string and keeps numeric user ids', () => {
    const { messages } = parseChatLog(jsonl({ t: 1, text: 'anon' }, { t: 2, user: 12345, text: 'id' }, { t: 3, user: ['x'], text: 'odd' }), 'c');
    expect(messages.map((m) => m.user)).toEqual(['', '12345', '']);
  });

  it('trims, collapses whitespace and bounds text to 500 characters without splitting a character', () => {
    const long = '好'.repeat(MAX_CHAT_TEXT_CHARS + 20);
    const emoji = '😀'.repeat(MAX_CHAT_TEXT_CHARS + 1);
    const { messages } = parseChatLog(jsonl({ t: 1, text: '  hello \n  world\t ' }, { t: 2, text: long }, { t: 3, text: emoji }), 'c');
    expect(messages[0]?.text).toBe('hello world');
    expect(messages[1]?.text).toBe('好'.repeat(MAX_CHAT_TEXT_CHARS));
    expect(Array.from(messages[2]?.text ?? '')).toHaveLength(MAX_CHAT_TEXT_CHARS);
    expect(messages[2]?.text.endsWith('😀')).toBe(true);
  });

  it('keeps file order among equal times (stable sort)', () => {
    const { messages } = parseChatLog(jsonl({ t: 5, text: 'a' }, { t: 1, text: 'b' }, { t: 5, text: 'c' }, { t: 5, text: 'd' }), 'c');
    expect(messages.map((m) => m.text)).toEqual(['b', 'a', 'c', 'd']);
  });

  it('accepts CRLF line endings and a byte-order mark', () => {
    const { messages } = parseChatLog(`\ufeff${jsonl({ t: 1, text: 'a' })}\r\n${jsonl({ t: 2, text: 'b' })}\r\n`, 'c');
    expect(messages.map((m) => m.text)).toEqual(['a', 'b']);
  });
});

describe('parseChatLog — rejected files', () => {
  it('rejects an empty or blank file as empty', () => {
    for (const text of ['', '  \n\n \t']) {
      const error = thrown(() => parseChatLog(text, 'show.jsonl'));
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).message).toBe('chat log show.jsonl is empty');
      expect((error as InputError).permanent).toBe(true);
    }
  });

  it('rejects JSON of another shape, naming the file and the accepted formats on one line', () => {
    const pretty = JSON.stringify({ comments: [{ offset: 1, body: 'hi' }] }, null, 2);
    const oneLine = JSON.stringify({ comments: [{ offset: 1, body: 'hi' }] });
    for (const text of [pretty, oneLine, '[{"t": 1, "text": "array, not lines"}]']) {
      const error = thrown(() => parseChatLog(text, 'vod.json'));
      expect(error).toBeInstanceOf(InputError);
      const message = (error as InputError).message;
      expect(message).toContain('chat log vod.json is not a recognised chat format');
      expect(message).toContain('JSON Lines');
      expect(message).toContain('bilibili danmaku XML');
      expect(message).not.toContain('\n');
    }
  });

  it('rejects binary garbage', () => {
    const garbage = String.fromCharCode(0x00, 0x00, 0x00, 0x18, 0x66, 0x74, 0x79, 0x70) + 'isom\u0000\u0001';
    const error = thrown(() => parseChatLog(garbage, 'recording.mp4'));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toContain('chat log recording.mp4 looks like binary data');
  });

  it('rejects mostly-undecodable text (binary read as UTF-8)', () => {
    expect(() => parseChatLog('\ufffd\ufffd\ufffd\ufffdabc\ufffd', 'x.bin')).toThrow(InputError);
  });

  it('rejects plain text lines and XML that is not danmaku', () => {
    expect(() => parseChatLog('hello\nworld\n', 'notes.txt')).toThrow(/chat log notes.txt is not a recognised chat format; accepted: /);
    expect(() => parseChatLog('<html><body><p>hi</p></body></html>', 'page.html')).toThrow(/read as bilibili-xml, no usable message \(1 × XML without <d> danmaku elements\)/);
  });

  it('rejects danmaku XML whose elements are all unusable', () => {
    expect(() => parseChatLog('<i><d p="-3,1">early</d><d>no p</d></i>', 'bad.xml')).toThrow(/read as bilibili-xml, no usable message/);
  });
});

describe('parseChatLog — bilibili danmaku XML', () => {
  it('reads time from the first p field, user from the 7th, sorted, with entities decoded', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<i>
  <chatserver>chat.bilibili.com</chatserver><chatid>1</chatid>
  <d p="20.5,1,25,16777215,1607630590,0,8924933,2">later &amp; louder</d>
  <d p="3.25,1,25,16777215,1607630590,0,5bd04b14,1">&lt;3 &#x1F600; &#20320;好</d>
</i>`;
    const { messages, report } = parseChatLog(xml, 'danmaku.xml');
    expect(messages).toEqual([
      { t: 3.25, user: '5bd04b14', text: '<3 😀 你好', kind: 'message' },
      { t: 20.5, user: '8924933', text: 'later & louder', kind: 'message' },
    ]);
    expect(report).toEqual({ format: 'bilibili-xml', accepted: 2, skipped: 0, skippedReasons: {}, kinds: { message: 2 } });
  });

  it('works when the whole document is on one line, and accepts the 9-field p attribute', () => {
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?><i><chatid>367013145</chatid><d p="0.479,4,25,15138834,1626077354,0,5bd04b14,51870527213010951,10">one</d><d p="0.1,1,25,16777215,1625832232,0,330c5c86,51742013056876549,10">two</d></i>';
    const { messages } = parseChatLog(xml, 'one-line.xml');
    expect(messages.map((m) => [m.t, m.user, m.text])).toEqual([
      [0.1, '330c5c86', 'two'],
      [0.479, '5bd04b14', 'one'],
    ]);
  });

  it('skips and counts negative time, NaN time, empty text, missing p and unterminated elements', () => {
    const xml = [
      '<i>',
      '<d p="-56820.474,1,25,16777215,1607630590,0,8924933,0">pre-show</d>',
      '<d p="abc,1,25,16777215,1607630590,0,8924933,0">nan time</d>',
      '<d p=",1,25">empty time field</d>',
      '<d p="5,1,25,16777215,,0,NULL,"></d>',
      '<d p="6,1,25,16777215,,0,NULL,">   </d>',
      '<d>no p at all</d>',
      '<d p="7,8,25,16777215,,0,u1,">function(){}</d>',
      '<d p="1,1,25,16777215,,0,NULL,">kept</d>',
      '<d p="9,1,25,16777215,,0,u2,">cut off by truncat',
    ].join('\n');
    const { messages, report } = parseChatLog(xml, 'broken.xml');
    expect(messages).toEqual([{ t: 1, user: '', text: 'kept', kind: 'message' }]);
    expect(report.skippedReasons).toEqual({
      [DANMAKU_SKIP.beforeStart]: 1,
      [DANMAKU_SKIP.invalidTime]: 2,
      [DANMAKU_SKIP.emptyText]: 2,
      [DANMAKU_SKIP.missingP]: 1,
      [DANMAKU_SKIP.codeDanmaku]: 1,
      [DANMAKU_SKIP.unterminated]: 1,
    });
    expect(report.skipped).toBe(8);
  });

  it('maps the NULL user of degraded exports to the empty string', () => {
    const { messages } = parseChatLog('<i><d p="71.57,1,25,16777215,,0,NULL,">我急了</d></i>', 'degraded.xml');
    expect(messages[0]).toEqual({ t: 71.57, user: '', text: '我急了', kind: 'message' });
  });

  it('shows the visible text of mode-7 positioned danmaku, not its JSON', () => {
    const xml =
      '<i><d p="45.75,7,15,16711680,1484376780,0,b8054584,1">[1,500,"0.98-0.1",4.5,"好想跟你表白❤",1,100,600,200,500,0,true,"黑体",1]</d>' +
      '<d p="46,7,15,16711680,1484376780,0,b8054584,2">plain text in mode 7</d>' +
      // bilibili truncates stored text at 300 characters: cut inside a motion path, and inside the text itself.
      '<d p="47,7,80,16711680,1469000603,1,82a989f2,3">[0,0,"0.9-0",1.5,"3",0,0,0,0,1500,0,true,"微软雅黑",1,"M29,410L29,409L30</d>' +
      '<d p="48,7,80,16711680,1469000603,1,82a989f2,4">[294,506,"1-1",4.5," ***/n *****/n *******</d></i>';
    const { messages } = parseChatLog(xml, 'm7.xml');
    expect(messages.map((m) => m.text)).toEqual(['好想跟你表白❤', 'plain text in mode 7', '3', '*** ***** *******']);
  });

  it('degrades on broken markup: unknown nested tags, upper case, unclosed d, CDATA', () => {
    const xml = '<I><D P="2,1,25,0,0,0,AB,1">x<b>bold</b>y<D P="1,1,25,0,0,0,CD,2"><![CDATA[a < b]]></D></I>';
    const { messages } = parseChatLog(xml, 'messy.xml');
    expect(messages).toEqual([
      { t: 1, user: 'CD', text: 'a < b', kind: 'message' },
      { t: 2, user: 'AB', text: 'xboldy', kind: 'message' },
    ]);
  });

  it('accepts a danmaku file with no comments at all as zero messages', () => {
    const { messages, report } = parseChatLog('<?xml version="1.0"?><i><chatid>1</chatid><maxlimit>1000</maxlimit></i>', 'none.xml');
    expect(messages).toEqual([]);
    expect(report).toEqual({ format: 'bilibili-xml', accepted: 0, skipped: 0, skippedReasons: {}, kinds: {} });
  });

  it('detects by content, not by name: XML named .jsonl and JSON Lines named .xml', () => {
    expect(parseChatLog('<i><d p="1,1">hi</d></i>', 'chat.jsonl').report.format).toBe('bilibili-xml');
    expect(parseChatLog(jsonl({ t: 1, text: 'hi' }), 'chat.xml').report.format).toBe('jsonl');
  });
});

/** Independent counts straight from the raw XML, to check the parser against. */
function rawDanmakuCounts(xml: string): { elements: number; negative: number; blankAtOrAfterZero: number } {
  const elements = [...xml.matchAll(/<d p="([^"]*)">([^<]*)<\/d>/g)];
  const time = (p: string | undefined): number => Number((p ?? '').split(',')[0]);
  return {
    elements: elements.length,
    negative: elements.filter((m) => time(m[1]) < 0).length,
    blankAtOrAfterZero: elements.filter((m) => time(m[1]) >= 0 && (m[2] ?? '').trim() === '').length,
  };
}

interface RealFile {
  readonly path: string;
  /** Danmaku count stated in SOURCES.md. */
  readonly stated: number;
  /** Pre-stream (negative t) danmaku stated in SOURCES.md. */
  readonly statedNegative: number;
}

const REAL_FILES: readonly RealFile[] = [
  { path: 'bilibili-DanmakuFactory/danmaku01.xml', stated: 1200, statedNegative: 0 },
  { path: 'bilibili-DanmakuFlameMaster/comments.xml', stated: 1239, statedNegative: 0 },
  { path: 'bilibili-ZJStatistics2-live/2020.12.11 全团首播.xml', stated: 11023, statedNegative: 20 },
  { path: 'bilibili-ZJStatistics2-live/2020.12.12 嘉然 首播.xml', stated: 48598, statedNegative: 86 },
  { path: 'bilibili-ZJStatistics2-live/2020.12.15 嘉然 今天和嘉然一起画画吧~.xml', stated: 14950, statedNegative: 0 },
];

/** Real files are large (up to 3.7 MiB): each is read and parsed once for all the tests that look at it. */
const realCache = new Map<string, { xml: string; parsed: ReturnType<typeof parseChatLog> }>();
function parseReal(path: string): { xml: string; parsed: ReturnType<typeof parseChatLog> } {
  let entry = realCache.get(path);
  if (entry === undefined) {
    const xml = readFileSync(join(CHAT_DATA, path), 'utf8');
    entry = { xml, parsed: parseChatLog(xml, path) };
    realCache.set(path, entry);
  }
  return entry;
}

describe.skipIf(missingTestData(CHAT_DATA))('parseChatLog — real bilibili files (../shared/data/chat)', () => {
  for (const file of REAL_FILES) {
    it(`${file.path}: every danmaku accounted for, only pre-stream and blank ones skipped`, () => {
      const { xml, parsed } = parseReal(file.path);
      const raw = rawDanmakuCounts(xml);
      const { messages, report } = parsed;

      expect(report.format).toBe('bilibili-xml');
      expect(raw.elements).toBe(file.stated);
      expect(report.accepted + report.skipped).toBe(file.stated);
      expect(report.skippedReasons[DANMAKU_SKIP.beforeStart] ?? 0).toBe(file.statedNegative);
      expect(report.skippedReasons[DANMAKU_SKIP.emptyText] ?? 0).toBe(raw.blankAtOrAfterZero);
      expect(report.accepted).toBe(file.stated - file.statedNegative - raw.blankAtOrAfterZero);
      expect(messages).toHaveLength(report.accepted);
      for (let i = 1; i < messages.length; i++) expect(messages[i]!.t).toBeGreaterThanOrEqual(messages[i - 1]!.t);
      expect(messages.every((m) => m.t >= 0 && m.text !== '' && m.text === m.text.trim() && m.kind === 'message')).toBe(true);
    });
  }

  it('live recordings end where SOURCES.md says (≈14,834 s and ≈13,166 s)', () => {
    const end = (path: string): number => parseReal(path).parsed.messages.at(-1)?.t ?? 0;
    expect(Math.round(end('bilibili-ZJStatistics2-live/2020.12.11 全团首播.xml'))).toBe(14834);
    expect(Math.round(end('bilibili-ZJStatistics2-live/2020.12.12 嘉然 首播.xml'))).toBe(13166);
  });

  it('degraded export: NULL users become empty, first message at 71.57 s', () => {
    const path = 'bilibili-ZJStatistics2-live/2020.12.15 嘉然 今天和嘉然一起画画吧~.xml';
    const { messages } = parseReal(path).parsed;
    expect(messages.every((m) => m.user === '')).toBe(true);
    expect(messages[0]?.t).toBe(71.57);
  });

  it('DanmakuFlameMaster: entities decoded and mode-7 JSON replaced by its visible text', () => {
    const path = 'bilibili-DanmakuFlameMaster/comments.xml';
    const { xml, parsed } = parseReal(path);
    const modeSeven = [...xml.matchAll(/<d p="[^",]*,7,/g)].length;
    const { messages } = parsed;
    expect(modeSeven).toBe(279);
    expect(messages.some((m) => /&(amp|lt|gt|quot);/.test(m.text))).toBe(false);
    expect(messages.some((m) => m.text === '(*・_・)ノ<(＃＃)>彡来个烤红薯冷静一下')).toBe(true);
    expect(messages.filter((m) => m.text === '好想跟你表白❤❤❤❤❤').length).toBeGreaterThan(0);
    expect(messages.some((m) => /^\[\d+,\d+,"/.test(m.text))).toBe(false);
  });
});

describe('endChatAt', () => {
  it('cuts a parsed log at the recording end exactly as parsing with the duration does (ingest parses while it probes)', () => {
    const text = jsonl(
      { t: 1, user: 'a', text: 'hi' },
      { t: 50, user: 'b', text: 'mid', kind: 'paid', amount: 30 },
      { t: 99.5, user: 'c', text: 'late' },
      { t: 130, user: 'd', text: 'after' },
      { t: 'x', user: 'e', text: 'bad time' },
    );
    const whole = parseChatLog(text, 'chat.jsonl');
    expect(whole.messages).toHaveLength(4);
    expect(endChatAt(whole, 100)).toEqual(parseChatLog(text, 'chat.jsonl', { durationSeconds: 100 }));
    expect(endChatAt(whole, 100).report).toMatchObject({ accepted: 3, skipped: whole.report.skipped + 1 });
    expect(endChatAt(whole, 200)).toBe(whole);
  });
});
