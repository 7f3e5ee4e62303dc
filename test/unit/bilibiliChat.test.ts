import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DANMAKU_SKIP, scanBilibiliDanmaku, type DanmakuScan } from '../../shared/core/inputs/bilibiliDanmaku.js';
import { parseChatLog } from '../../shared/core/inputs/index.js';
import { ReasonTally } from '../../shared/core/inputs/reasonTally.js';
import { missingTestData, SHARED_DATA } from '../helpers/sharedData.js';

function scan(xml: string): DanmakuScan & { report: ReturnType<ReasonTally['report']> } {
  const tally = new ReasonTally();
  const result = scanBilibiliDanmaku(xml, tally);
  return { ...result, report: tally.report('bilibili-xml', result.messages.length) };
}

/**
 * A BililiveRecorder (B站录播姬) file as its BasicDanmakuWriter writes it: stylesheet processing instruction,
 * comment, site headers, recorder metadata, the embedded XSLT (with a <script>), then events. Recording
 * gifts and guards without `uid` is what 1.x versions wrote; 2.x adds it.
 */
const BILILIVE_RECORDER = `<?xml version="1.0" encoding="utf-8"?>
<?xml-stylesheet type="text/xsl" href="#s"?>
<i>
  <!--
B站录播姬 2.6.0
本文件的弹幕信息兼容B站主站视频弹幕XML格式
sc 为SuperChat
gift为礼物
guard为上船
attribute "raw" 为原始数据
-->
  <chatserver>chat.bilibili.com</chatserver>
  <chatid>0</chatid>
  <mission>0</mission>
  <maxlimit>1000</maxlimit>
  <state>0</state>
  <real_name>0</real_name>
  <source>0</source>
  <BililiveRecorder version="2.6.0" />
  <BililiveRecorderRecordInfo roomid="22637261" shortid="0" name="主播" title="晚上好" areanameparent="虚拟主播" areanamechild="虚拟主播" start_time="2023-01-01T20:00:00.0000000+08:00" />
  <BililiveRecorderXmlStyle><z:stylesheet version="1.0" id="s" xml:id="s" xmlns:z="http://www.w3.org/1999/XSL/Transform"><z:output method="html"/><z:template match="/"><html><h2 id="d">弹幕</h2><div id="dm"><table><tr><th>用户名</th></tr><z:for-each select="/i/d"><tr><td><z:value-of select="@user"/></td><td><z:value-of select="."/></td></tr></z:for-each></table></div><script>Array.from(document.querySelectorAll('#dm tr')).slice(1).map(t=>t.querySelectorAll('td')).forEach(t=>{let p=t[4].textContent.split(',');t[2].innerHTML='&lt;a href="https://space.bilibili.com/'+p[6]+'"&gt;'+p[6]+'&lt;/a&gt;'})</script></z:template></z:stylesheet></BililiveRecorderXmlStyle>
  <d p="1.234,1,25,16777215,1672574401234,0,1234567,0" user="观众甲" raw="[[0,1,25,16777215,1672574401234,1672574400,0,&quot;b3f5c1a2&quot;,0,0,0,&quot;&quot;],&quot;晚上好 &amp; &lt;3&quot;,[1234567,&quot;观众甲&quot;,0,0,0,10000,1,&quot;&quot;]]">晚上好 &amp; &lt;3</d>
  <sc ts="65.432" user="观众乙" uid="7654321" price="30" time="60" raw="{&quot;price&quot;:30,&quot;rate&quot;:1000}">主播加油！</sc>
  <gift ts="70.5" user="观众丙" giftname="辣条" giftcount="10" />
  <gift ts="71.5" user="观众丙" uid="1111" giftname="小心心" giftcount="1" raw="{}" />
  <guard ts="80.25" user="观众丁" uid="2222" level="3" count="1" raw="{}" />
  <guard ts="81" user="观众戊" uid="3333" level="1" count="2" />
</i>`;

/**
 * A blrec file as its DanmakuWriter writes it (lxml, attributes in the record's field order): headers,
 * `<metadata>`, `<d>` with `uid`/`user` and HTML-escaped-then-XML-escaped text, a `<toast>` notice next to
 * its `<guard>`, gifts with coin type and unit price, and a Super Chat whose price is `price × rate` (gold).
 */
const BLREC = `<?xml version="1.0" encoding="UTF-8"?>
<i>
    <chatserver>chat.bilibili.com</chatserver>
    <chatid>0</chatid>
    <mission>0</mission>
    <maxlimit>0</maxlimit>
    <state>0</state>
    <real_name>0</real_name>
    <source>e-r</source>
    <metadata>
        <user_name>主播</user_name>
        <room_id>22625025</room_id>
        <room_title>唱歌 &amp; 聊天</room_title>
        <area>虚拟主播</area>
        <parent_area>虚拟主播</parent_area>
        <live_start_time>2023-01-01T20:00:00+08:00</live_start_time>
        <record_start_time>2023-01-01T20:00:05+08:00</record_start_time>
        <recorder>blrec v2.0.0 https://github.com/acgnhiki/blrec</recorder>
    </metadata>
    <d p="3.500,1,25,16777215,1672574408500,0,b3f5c1a2,41156870239420421" uid="1234567" user="观众甲">&amp;lt;3 &amp;amp; 晚上好</d>
    <toast ts="9.000" uid="2222" user="观众丁" unit="月" count="1" price="198000" role="舰长" level="3">观众丁 开通了舰长，今天是TA陪伴主播的第1天</toast>
    <gift ts="10.000" uid="1111" user="观众丙" giftname="小花花" giftcount="5" cointype="金瓜子" price="100"/>
    <gift ts="11.000" uid="1112" user="观众戊" giftname="小心心" giftcount="2" cointype="银瓜子" price="5000"/>
    <guard ts="9.000" uid="2222" user="观众丁" giftname="舰长" count="1" price="198000" level="3"/>
    <sc ts="12.345" uid="7654321" user="观众乙" price="50000" time="90">晚上好呀</sc>
</i>`;

describe('scanBilibiliDanmaku — BililiveRecorder files', () => {
  it('reads danmaku, Super Chat, gifts and guards; ignores metadata, comment, stylesheet and its script', () => {
    const { messages, root, elements, report } = scan(BILILIVE_RECORDER);

    expect(root).toBe('i');
    expect(elements).toBe(6);
    expect(messages).toEqual([
      { t: 1.234, user: '观众甲', text: '晚上好 & <3', kind: 'message' },
      { t: 65.432, user: '观众乙', text: '主播加油！', kind: 'paid', amount: 30, currency: 'CNY' },
      // BililiveRecorder writes no gift or guard price: no amount is guessed.
      { t: 70.5, user: '观众丙', text: '辣条 x10', kind: 'gift' },
      { t: 71.5, user: '观众丙', text: '小心心 x1', kind: 'gift' },
      { t: 80.25, user: '观众丁', text: '舰长 x1', kind: 'member' },
      { t: 81, user: '观众戊', text: '总督 x2', kind: 'member' },
    ]);
    expect(report.skipped).toBe(0);
    expect(report.skippedReasons).toEqual({});
  });

  it('names all three guard levels (1 总督, 2 提督, 3 舰长)', () => {
    const xml = '<i>' + [1, 2, 3].map((level) => `<guard ts="${level}" user="u" uid="1" level="${level}" count="1"/>`).join('') + '</i>';
    expect(scan(xml).messages.map((m) => m.text)).toEqual(['总督 x1', '提督 x1', '舰长 x1']);
  });

  it('an empty recording (headers and metadata only) is a valid zero-event danmaku file', () => {
    const headerOnly = BILILIVE_RECORDER.replace(/<d [\s\S]*(?=<\/i>)/, '');
    expect(scan(headerOnly)).toMatchObject({ messages: [], root: 'i', elements: 0 });
  });
});

describe('scanBilibiliDanmaku — blrec files', () => {
  it('reads its attribute spellings: gift coin type and unit price, guard price, SC price in gold', () => {
    const { messages, elements, report } = scan(BLREC);

    expect(elements).toBe(6);
    expect(messages).toEqual([
      // blrec escapes the text twice: one level is undone.
      { t: 3.5, user: '观众甲', text: '<3 & 晚上好', kind: 'message' },
      // 5 × 100 gold = 0.5 CNY.
      { t: 10, user: '观众丙', text: '小花花 x5', kind: 'gift', amount: 0.5, currency: 'CNY' },
      // Silver coins are not money: the amount stays in the platform unit.
      { t: 11, user: '观众戊', text: '小心心 x2', kind: 'gift', amount: 10000, currency: 'bilibili-silver' },
      { t: 9, user: '观众丁', text: '舰长 x1', kind: 'member', amount: 198, currency: 'CNY' },
      { t: 12.345, user: '观众乙', text: '晚上好呀', kind: 'paid', amount: 50, currency: 'CNY' },
    ]);
    // The toast is the same purchase as the guard: counted once.
    expect(report.skippedReasons).toEqual({ [DANMAKU_SKIP.toastDuplicate]: 1 });
  });

  it('uses the toast when the file has no guard elements (guard recording switched off)', () => {
    const toastsOnly = BLREC.replace(/<guard [^>]*\/>/, '');
    const { messages, report } = scan(toastsOnly);
    expect(messages.filter((m) => m.kind === 'member')).toEqual([
      { t: 9, user: '观众丁', text: '舰长 x1', kind: 'member', amount: 198, currency: 'CNY' },
    ]);
    expect(report.skipped).toBe(0);
  });

  it('accepts the raw API coin types (gold, silver) as well as 金瓜子/银瓜子', () => {
    const xml =
      '<i><gift ts="1" uid="1" user="a" giftname="B坷垃" giftcount="2" cointype="gold" price="9900"/>' +
      '<gift ts="2" uid="1" user="a" giftname="辣条" giftcount="3" cointype="silver" price="100"/></i>';
    expect(scan(xml).messages.map((m) => [m.amount, m.currency])).toEqual([
      [19.8, 'CNY'],
      [300, 'bilibili-silver'],
    ]);
  });

  it('the end-to-end parse returns the new kinds, sorted by time', () => {
    const { messages, report } = parseChatLog(BLREC, 'recording.xml');
    expect(messages.map((m) => [m.t, m.kind])).toEqual([
      [3.5, 'message'],
      [9, 'member'],
      [10, 'gift'],
      [11, 'gift'],
      [12.345, 'paid'],
    ]);
    expect(report.format).toBe('bilibili-xml');
    expect(report.accepted).toBe(5);
  });
});

describe('scanBilibiliDanmaku — Super Chat price units', () => {
  it('reads prices of 30–2000 as CNY (BililiveRecorder) and ≥ 10,000 as gold (blrec, 1000 gold = 1 CNY)', () => {
    const prices = ['30', '2000', '30000', '2000000', '100.5'];
    const xml = '<i>' + prices.map((price, i) => `<sc ts="${i}" user="u" price="${price}" time="60">hi</sc>`).join('') + '</i>';
    expect(scan(xml).messages.map((m) => m.amount)).toEqual([30, 2000, 30, 2000, 100.5]);
  });

  it('a Super Chat with no message text is still a paid event, described by its amount', () => {
    const { messages } = scan('<i><sc ts="5" user="u" uid="9" price="30" time="60"></sc></i>');
    expect(messages).toEqual([{ t: 5, user: 'u', text: 'Super Chat 30 CNY', kind: 'paid', amount: 30, currency: 'CNY' }]);
  });
});

describe('scanBilibiliDanmaku — senders', () => {
  it('prefers the readable user name, then the uid attribute, then the p field', () => {
    const xml =
      '<i><d p="1,1,25,0,0,0,abcd1234,0" user="名字" uid="42">a</d>' +
      '<d p="2,1,25,0,0,0,abcd1234,0" user="" uid="42">b</d>' +
      '<d p="3,1,25,0,0,0,abcd1234,0" user="  ">c</d>' +
      '<d p="4,1,25,0,0,0,NULL,0" user="NULL">d</d>' +
      '<gift ts="5" uid="77" giftname="辣条" giftcount="1"/>' +
      '<guard ts="6" level="3" count="1"/></i>';
    expect(scan(xml).messages.map((m) => m.user)).toEqual(['名字', '42', 'abcd1234', '', '77', '']);
  });
});

describe('scanBilibiliDanmaku — skipped and noted records', () => {
  it('skips each unusable event under a readable reason and notes dropped values of kept ones', () => {
    const xml = [
      '<i>',
      '<sc user="a" price="30">no ts</sc>',
      '<gift ts="" user="a" giftname="辣条" giftcount="1"/>',
      '<gift ts="soon" user="a" giftname="辣条" giftcount="1"/>',
      // Sent before the recording started.
      '<guard ts="-5" user="a" level="3" count="1"/>',
      '<d p="-56820.474,1,25,16777215,1607630590,0,8924933,0">pre-show</d>',
      '<gift ts="1" user="a" giftname="  " giftcount="3"/>',
      '<guard ts="2" user="a" level="9" count="1"/>',
      '<sc ts="3" user="a" price="">   </sc>',
      '<gift ts="4" user="a" giftname="辣条" giftcount="0"/>',
      '<gift ts="5" user="a" giftname="辣条" giftcount="2" cointype="金瓜子" price="abc"/>',
      '<gift ts="6" user="a" giftname="辣条" giftcount="2" price="100"/>',
      '<sc ts="7" user="a" price="0">free?</sc>',
      '<sc ts="8" user="a" price="30">cut off by truncat',
    ].join('\n');

    const { messages, elements, report } = scan(xml);

    expect(elements).toBe(13);
    expect(messages).toEqual([
      { t: 4, user: 'a', text: '辣条 x1', kind: 'gift' },
      { t: 5, user: 'a', text: '辣条 x2', kind: 'gift' },
      { t: 6, user: 'a', text: '辣条 x2', kind: 'gift' },
      { t: 7, user: 'a', text: 'free?', kind: 'paid' },
    ]);
    expect(report.skipped).toBe(9);
    expect(report.skippedReasons).toEqual({
      [DANMAKU_SKIP.missingTs]: 2,
      [DANMAKU_SKIP.invalidTime]: 1,
      [DANMAKU_SKIP.beforeStart]: 2,
      [DANMAKU_SKIP.giftWithoutName]: 1,
      [DANMAKU_SKIP.guardWithoutLevel]: 1,
      [DANMAKU_SKIP.emptyText]: 1,
      [DANMAKU_SKIP.unterminated]: 1,
      // Noted, not skipped:
      [DANMAKU_SKIP.invalidPrice]: 3,
      [DANMAKU_SKIP.invalidCount]: 1,
      [DANMAKU_SKIP.unknownCoinType]: 1,
    });
  });

  it('finds nothing in empty input, JSON Lines, or XML of another kind', () => {
    for (const text of ['', '   ', '{"t": 1, "text": "hi"}\n{"t": 2, "text": "yo"}', 'plain text']) {
      expect(scan(text)).toMatchObject({ messages: [], root: '', elements: 0 });
    }
    expect(scan('<html><body><p>hi</p><i>italic</i></body></html>')).toMatchObject({ messages: [], root: 'html', elements: 0 });
  });
});

describe('scanBilibiliDanmaku — the site and exporter variants keep working', () => {
  it('8- and 9-field p, one line, unsorted (file order kept), mode 7, NULL and empty fields, entities, empty headers', () => {
    const xml =
      '<?xml version="1.0"?><i><chatserver></chatserver><chatid></chatid><source></source>' +
      '<d p="20.5,1,25,16777215,1607630590,0,8924933,2">later &amp; louder</d>' +
      '<d p="0.479,4,25,15138834,1626077354,0,5bd04b14,51870527213010951,10">nine fields</d>' +
      '<d p="71.57,1,25,16777215,,0,NULL,">我急了</d>' +
      '<d p="45.75,7,15,16711680,1484376780,0,b8054584,1">[1,500,"0.98-0.1",4.5,"好想跟你表白❤",1,100,600,200,500,0,true,"黑体",1]</d>' +
      '<d p="3.25,1,25,16777215,1607630590,0,5bd04b14,1">&lt;3 &#x1F600; &#20320;好</d>' +
      '<d p="-3,1,25,16777215,1607630590,0,5bd04b14,1">early</d></i>';
    const { messages, elements, report } = scan(xml);
    expect(elements).toBe(6);
    expect(messages.map((m) => [m.t, m.user, m.text])).toEqual([
      [20.5, '8924933', 'later & louder'],
      [0.479, '5bd04b14', 'nine fields'],
      [71.57, '', '我急了'],
      [45.75, 'b8054584', '好想跟你表白❤'],
      [3.25, '5bd04b14', '<3 😀 你好'],
    ]);
    expect(messages.every((m) => m.kind === 'message')).toBe(true);
    expect(report.skippedReasons).toEqual({ [DANMAKU_SKIP.beforeStart]: 1 });
  });
});

const CHAT_DATA = path.join(SHARED_DATA, 'chat');

/** Danmaku and pre-stream counts stated in SOURCES.md. */
const REAL_FILES = [
  { file: 'bilibili-DanmakuFactory/danmaku01.xml', stated: 1200, negative: 0 },
  { file: 'bilibili-DanmakuFlameMaster/comments.xml', stated: 1239, negative: 0 },
  { file: 'bilibili-ZJStatistics2-live/2020.12.11 全团首播.xml', stated: 11023, negative: 20 },
  { file: 'bilibili-ZJStatistics2-live/2020.12.12 嘉然 首播.xml', stated: 48598, negative: 86 },
  { file: 'bilibili-ZJStatistics2-live/2020.12.15 嘉然 今天和嘉然一起画画吧~.xml', stated: 14950, negative: 0 },
] as const;

const LARGEST = 'bilibili-ZJStatistics2-live/2020.12.12 嘉然 首播.xml';

/** Counts taken straight from the raw XML with a regex, independent of the parser. */
function rawCounts(xml: string): { elements: number; atOrAfterZero: number; blankAtOrAfterZero: number; firstTexts: string[] } {
  const all = [...xml.matchAll(/<d p="([^"]*)">([^<]*)<\/d>/g)].map((m) => ({ t: Number((m[1] ?? '').split(',')[0]), text: m[2] ?? '' }));
  const kept = all.filter((d) => d.t >= 0);
  return {
    elements: all.length,
    atOrAfterZero: kept.length,
    blankAtOrAfterZero: kept.filter((d) => d.text.trim() === '').length,
    firstTexts: kept.filter((d) => d.text.trim() !== '').slice(0, 5).map((d) => d.text),
  };
}

/** Each real file is read once for all the tests that look at it (the largest is 3.7 MiB). */
const realXml = new Map<string, string>();
function readReal(file: string): string {
  let xml = realXml.get(file);
  if (xml === undefined) {
    xml = readFileSync(path.join(CHAT_DATA, file), 'utf8');
    realXml.set(file, xml);
  }
  return xml;
}

describe.skipIf(missingTestData(CHAT_DATA))('scanBilibiliDanmaku — real files (../shared/data/chat)', () => {
  for (const { file, stated, negative } of REAL_FILES) {
    it(`${file}: ${stated} danmaku, ${negative} pre-stream, all others accounted for`, () => {
      const xml = readReal(file);
      const raw = rawCounts(xml);

      const started = performance.now();
      const { messages, root, elements, report } = scan(xml);
      const elapsed = performance.now() - started;
      console.info(`[bilibiliChat] ${file}: ${elements} elements parsed in ${elapsed.toFixed(0)} ms`);

      expect(root).toBe('i');
      expect(raw.elements).toBe(stated);
      expect(elements).toBe(stated);
      expect(raw.atOrAfterZero).toBe(stated - negative);
      expect(report.skippedReasons[DANMAKU_SKIP.beforeStart] ?? 0).toBe(negative);
      expect(report.skippedReasons[DANMAKU_SKIP.emptyText] ?? 0).toBe(raw.blankAtOrAfterZero);
      expect(report.skipped).toBe(negative + raw.blankAtOrAfterZero);
      expect(messages).toHaveLength(stated - negative - raw.blankAtOrAfterZero);
      expect(messages.every((m) => m.kind === 'message' && m.t >= 0 && m.text !== '')).toBe(true);
      // Messages come in file order (the dispatcher sorts): the first kept texts match the raw file's.
      expect(messages.slice(0, 5).map((m) => m.text)).toEqual(raw.firstTexts.map((text) => decodeXml(text).replace(/\s+/g, ' ').trim()));
    });
  }

  it('the 48,598-danmaku live file: 48,512 at t ≥ 0 (8 of them blank), 86 before the stream', () => {
    const { messages, report } = scan(readReal(LARGEST));
    expect(report.skippedReasons).toEqual({ [DANMAKU_SKIP.beforeStart]: 86, [DANMAKU_SKIP.emptyText]: 8 });
    expect(messages.length + 8).toBe(48512);
  });

  it('the degraded export (empty headers, NULL users, empty p fields) yields anonymous danmaku', () => {
    const { messages } = scan(readReal(REAL_FILES[4].file));
    expect(messages[0]).toEqual({ t: 71.57, user: '', text: '我急了，手机电脑全砸了', kind: 'message' });
    expect(messages.every((m) => m.user === '')).toBe(true);
  });

  it('measures parse time and peak heap of the 3.7 MiB one-line file (printed, not asserted)', () => {
    const measure = (repeat: number): HeapMeasure => measureInChild(path.join(CHAT_DATA, LARGEST), repeat);
    const once = measure(1);
    const fourTimes = measure(4);
    for (const [label, m] of [['1×', once], ['4×', fourTimes]] as const) {
      console.info(
        `[bilibiliChat] ${label} ${LARGEST}: ${m.messages} messages from ${(m.inputChars / 1e6).toFixed(2)} M chars in ${m.parseMs.toFixed(0)} ms; ` +
          `heap before ${mb(m.heapBefore)}, peak ${mb(m.heapPeak)} (+${mb(m.heapPeak - m.heapBefore)}), ` +
          `retained after GC ${mb(m.heapRetained)} (+${mb(m.heapRetained - m.heapBefore)} = the messages), ` +
          `transient ${mb(m.heapPeak - m.heapRetained)}`,
      );
    }
    expect(once.messages).toBe(48504);
    expect(fourTimes.messages).toBe(4 * 48504);
  });
});

function decodeXml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[name] ?? '');
}

interface HeapMeasure {
  readonly inputChars: number;
  readonly messages: number;
  readonly parseMs: number;
  readonly heapBefore: number;
  readonly heapPeak: number;
  readonly heapRetained: number;
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/**
 * Parses the file (its danmaku repeated `repeat` times in one document) in a fresh Node with V8's GC trace
 * switched on only around the parse: the heap just before each GC during the parse, and at its end, give
 * the peak. A child process keeps the test runner's own heap out of the numbers.
 */
function measureInChild(file: string, repeat: number): HeapMeasure {
  const script = `
    const { readFileSync } = await import('node:fs');
    const v8 = await import('node:v8');
    const { scanBilibiliDanmaku } = await import(process.env.DANMAKU_MODULE);
    const { ReasonTally } = await import(process.env.TALLY_MODULE);
    const xml = readFileSync(process.env.DANMAKU_FILE, 'utf8');
    const inner = xml.slice(xml.indexOf('<i>') + 3, xml.lastIndexOf('</i>'));
    const input = ['<i>', ...Array(Number(process.env.REPEAT)).fill(inner), '</i>'].join('');
    globalThis.gc(); globalThis.gc();
    const heapBefore = process.memoryUsage().heapUsed;
    v8.setFlagsFromString('--trace-gc');
    const started = performance.now();
    const scan = scanBilibiliDanmaku(input, new ReasonTally());
    const parseMs = performance.now() - started;
    const heapAtEnd = process.memoryUsage().heapUsed;
    v8.setFlagsFromString('--no-trace-gc');
    globalThis.gc(); globalThis.gc();
    const heapRetained = process.memoryUsage().heapUsed;
    process.stderr.write(JSON.stringify({ inputChars: input.length, messages: scan.messages.length, parseMs, heapBefore, heapAtEnd, heapRetained }));
  `;
  const module = (name: string): string => path.resolve(process.cwd(), 'shared/core/inputs', name);
  const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: { ...process.env, DANMAKU_MODULE: module('bilibiliDanmaku.ts'), TALLY_MODULE: module('reasonTally.ts'), DANMAKU_FILE: file, REPEAT: String(repeat) },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`measurement child failed (${child.status}): ${child.stderr}`);
  const result = JSON.parse(child.stderr) as Omit<HeapMeasure, 'heapPeak'> & { heapAtEnd: number };
  // "[pid:0x…]  1228 ms: Scavenge 16.0 (21.1) -> 12.3 (21.1) MB, …": the first figure is the heap used before that GC.
  const beforeEachGc = [...child.stdout.matchAll(/ms: .*?([\d.]+) \([\d.]+\) -> [\d.]+ \([\d.]+\) MB/g)].map((m) => Number(m[1]) * 1024 * 1024);
  return { ...result, heapPeak: Math.max(result.heapAtEnd, ...beforeEachGc) };
}
