/**
 * Side inputs written by Windows and Chinese tools: UTF-16 with or without a byte-order mark, GBK/GB18030
 * declared in the XML prolog or not. Real bilibili danmaku (../shared), re-encoded here with Debian's iconv,
 * parse to exactly the messages of the UTF-8 original, through the real ingest stage too.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../shared/core/errors.js';
import { parseChatLog } from '../../shared/core/inputs/index.js';
import { decodeTextInput } from '../../shared/core/inputs/textDecoding.js';
import { showKeys } from '../../shared/core/keys.js';
import { makeToneVideo } from '../helpers/media.js';
import { makeWorkspace, runShow } from '../helpers/pipelineFixture.js';
import { missingTestData, SHARED_DATA } from '../helpers/sharedData.js';

const DANMAKU = path.join(SHARED_DATA, 'chat', 'bilibili-DanmakuFactory', 'danmaku01.xml');

describe('decodeTextInput', () => {
  const text = '{"t": 1, "user": "ann", "text": "主播好棒 hi"}\n';
  it('reads byte-order marks, BOM-less UTF-16 and plain UTF-8', () => {
    const le = Buffer.from(text, 'utf16le');
    const be = Buffer.from(le).swap16();
    expect(decodeTextInput(Buffer.concat([Buffer.from([0xff, 0xfe]), le]), 'chat')).toEqual({ text, encoding: 'utf-16le' });
    expect(decodeTextInput(Buffer.concat([Buffer.from([0xfe, 0xff]), be]), 'chat')).toEqual({ text, encoding: 'utf-16be' });
    expect(decodeTextInput(le, 'chat')).toEqual({ text, encoding: 'utf-16le' });
    expect(decodeTextInput(be, 'chat')).toEqual({ text, encoding: 'utf-16be' });
    expect(decodeTextInput(Buffer.from(`\ufeff${text}`), 'chat')).toEqual({ text, encoding: 'utf-8' });
    expect(decodeTextInput(Buffer.from(text), 'chat')).toEqual({ text, encoding: 'utf-8' });
  });

  it('reads GBK declared in the XML prolog, and Chinese GB18030 without a declaration', () => {
    const xml = '<?xml version="1.0" encoding="GBK"?><i><d p="1,1,25,16777215,0,0,a,0">你好</d></i>';
    const gbk = Buffer.from(execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: xml }));
    expect(decodeTextInput(gbk, 'chat')).toEqual({ text: xml, encoding: 'gb18030' });
    const plain = Buffer.from(execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: '1,ann,主播好棒\n2,bob,买了买了\n' }));
    expect(decodeTextInput(plain, 'chat')).toMatchObject({ encoding: 'gb18030', text: '1,ann,主播好棒\n2,bob,买了买了\n' });
  });

  it('names the encoding problem instead of calling text binary, and keeps calling binary binary', () => {
    const latin1 = Buffer.from('t,user,text\n1,ann,caf\xe9 cr\xe8me\n', 'latin1');
    expect(() => decodeTextInput(latin1, 'chat file c.csv')).toThrow(InputError);
    expect(() => decodeTextInput(latin1, 'chat file c.csv')).toThrow(/^chat file c\.csv is not UTF-8, UTF-16 or GB18030 text \(invalid UTF-8 byte 0xe9 at offset 21\); save it as UTF-8$/);
    expect(() => decodeTextInput(Buffer.from([0xff, 0xfe, 0, 0, 0x41, 0, 0, 0]), 'chat')).toThrow(/UTF-32 .* not supported/);
    // An mp4 header: NULs on both byte parities. Decoded leniently, so the parsers' binary check says what it is.
    const mp4 = Buffer.from([0, 0, 0, 0x1c, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d, 0, 0, 2, 0]);
    expect(() => parseChatLog(decodeTextInput(mp4, 'chat').text, 'c.jsonl')).toThrow(/binary data/);
  });
});

describe.skipIf(missingTestData(DANMAKU))('real danmaku in UTF-16 and GB18030', () => {
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  const original = (): string => readFileSync(DANMAKU, 'utf8');
  const encoded = (to: string, text: string): Buffer => Buffer.from(execFileSync('iconv', ['-f', 'UTF-8', '-t', to], { input: text, maxBuffer: 64 << 20 }));

  beforeAll(async () => {
    workspace = await makeWorkspace();
  });
  afterAll(() => workspace?.cleanup());

  it('parses to the same messages as the UTF-8 original, whatever the encoding', () => {
    const expected = parseChatLog(original(), 'danmaku01.xml').messages;
    expect(expected.length).toBeGreaterThan(100);
    const gb18030 = original().replace('encoding="UTF-8"', 'encoding="GB18030"');
    const variants: [string, Buffer][] = [
      ['utf-16le', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(original(), 'utf16le')])],
      ['utf-16be', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(original(), 'utf16le').swap16()])],
      ['gb18030', encoded('GB18030', gb18030)],
      ['gb18030', encoded('GB18030', gb18030.replace(/^<\?xml[^>]*>/, ''))],
    ];
    for (const [encoding, bytes] of variants) {
      const decoded = decodeTextInput(bytes, 'danmaku01.xml');
      expect(decoded.encoding).toBe(encoding);
      expect(parseChatLog(decoded.text, 'danmaku01.xml').messages).toEqual(expected);
    }
  });

  it('ingests a UTF-16 chat file and records its encoding in the parse report', async () => {
    const dir = path.join(workspace.dir, 'media');
    await mkdir(dir, { recursive: true });
    const chat = path.join(dir, 'danmaku-utf16.xml');
    await writeFile(chat, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(original(), 'utf16le')]));
    const run = await runShow(path.join(workspace.dir, 'ws'), { recordingPath: await makeToneVideo(dir, { seconds: 20 }), sideInputs: { chat } });
    expect(run.status.state).toBe('succeeded');
    const manifest = JSON.parse((await run.pipeline.storage.get(showKeys(run.showId).manifest)).toString('utf8')) as { inputs: { chat: { report: { encoding?: string; format: string; accepted: number; skipped: number } } } };
    const { report } = manifest.inputs.chat;
    expect(report).toMatchObject({ encoding: 'utf-16le', format: 'bilibili-xml' });
    expect(report.accepted + report.skipped).toBe(parseChatLog(original(), 'danmaku01.xml').report.accepted + parseChatLog(original(), 'danmaku01.xml').report.skipped);
  });
});
