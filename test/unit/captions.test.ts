import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../shared/core/errors.js';
import { CAPTION_SKIP_REASONS, endCaptionsAt, formatSrt, parseCaptions, readCaptions } from '../../shared/core/inputs/index.js';
import { missingTestData, SHARED_DATA } from '../helpers/sharedData.js';

const FRIDAY_VTT = join(SHARED_DATA, 'video', 'friday.vtt');

describe('parseCaptions — SRT', () => {
  it('parses numbered cues into seconds', () => {
    // Prepare
    const srt = '1\n00:00:01,000 --> 00:00:02,500\nHello there.\n\n2\n00:01:02,250 --> 01:00:00,000\nGeneral Kenobi.\n';

    // Act
    const segments = parseCaptions(srt, 'show.srt');

    // Assess
    expect(segments).toEqual([
      { start: 1, end: 2.5, text: 'Hello there.' },
      { start: 62.25, end: 3600, text: 'General Kenobi.' },
    ]);
  });

  it('strips <i>, <font>, {\\an8} override tags and decodes entities, keeping a literal "<"', () => {
    const srt = '1\n00:00:01,000 --> 00:00:02,000\n{\\an8}<i>Upstairs</i> <font color="#ff0">now</font> &amp; 1 < 2\n';
    expect(parseCaptions(srt, 's.srt')[0]?.text).toBe('Upstairs now & 1 < 2');
  });

  it('joins multi-line English with a space and Chinese with nothing', () => {
    const srt = [
      '1', '00:00:01,000 --> 00:00:03,000', 'This serum is', 'on sale today', '',
      '2', '00:00:04,000 --> 00:00:06,000', '这款精华', '今天特价', '',
      '3', '00:00:07,000 --> 00:00:08,000', '直播间专享', 'Glow Serum', '',
    ].join('\n');
    expect(parseCaptions(srt, 's.srt').map((s) => s.text)).toEqual(['This serum is on sale today', '这款精华今天特价', '直播间专享 Glow Serum']);
  });

  it('drops empty cues and cues that are empty once tags are removed, and sorts by start', () => {
    const srt = [
      '1', '00:00:09,000 --> 00:00:10,000', 'last', '',
      '2', '00:00:01,000 --> 00:00:02,000', '', '',
      '3', '00:00:03,000 --> 00:00:04,000', '<i></i>', '',
      '4', '00:00:05,000 --> 00:00:06,000', 'first', '',
    ].join('\n');
    expect(parseCaptions(srt, 's.srt')).toEqual([
      { start: 5, end: 6, text: 'first' },
      { start: 9, end: 10, text: 'last' },
    ]);
  });

  it('tolerates CRLF, a BOM, missing milliseconds, no spaces around -->, and a missing blank line between cues', () => {
    const srt = '\ufeff1\r\n0:00:01 --> 0:00:02,5\r\nA\r\n2\r\n00:00:03.000-->00:00:04.000\r\nB\r\n';
    expect(parseCaptions(srt, 's.srt')).toEqual([
      { start: 1, end: 2.5, text: 'A' },
      { start: 3, end: 4, text: 'B' },
    ]);
  });

  it('keeps caption text starting with NOTE and text after a stray blank line inside a cue', () => {
    const srt = '1\n00:00:01,000 --> 00:00:02,000\nNOTE: prices include tax\n\n2\n00:00:03,000 --> 00:00:04,000\nfirst half\n\nsecond half\n';
    expect(parseCaptions(srt, 's.srt').map((s) => s.text)).toEqual(['NOTE: prices include tax', 'first half second half']);
  });

  it('keeps a caption that is only a number', () => {
    const srt = '1\n00:00:01,000 --> 00:00:02,000\n3\n\n2\n00:00:02,000 --> 00:00:03,000\n2\n\n3\n00:00:03,000 --> 00:00:04,000\n1\n';
    expect(parseCaptions(srt, 'countdown.srt').map((s) => s.text)).toEqual(['3', '2', '1']);
  });

  it('drops a cue that ends before it starts', () => {
    const srt = '1\n00:00:05,000 --> 00:00:04,000\nbackwards\n\n2\n00:00:06,000 --> 00:00:07,000\nfine\n';
    expect(parseCaptions(srt, 's.srt').map((s) => s.text)).toEqual(['fine']);
  });
});

describe('parseCaptions — WebVTT', () => {
  it('skips header metadata, NOTE, STYLE and REGION blocks; accepts named cue ids, cue settings and short timings', () => {
    const vtt = [
      'WEBVTT - show captions',
      'Kind: captions',
      'Language: en',
      '',
      'STYLE',
      '::cue { color: yellow; }',
      '',
      'REGION',
      'id:bottom width:40%',
      '',
      'NOTE this comment',
      'spans two lines',
      '',
      'intro',
      '00:01.000 --> 00:02.500 align:start line:80% region:bottom',
      '<v Host>Welcome <c.yellow>back</c>!</v>',
      '',
      '2',
      '00:00:03.000 --> 00:00:04.000',
      '<v.loud Guest>Thanks</v> <00:00:03.500>for <b>having</b> me',
      '',
    ].join('\n');
    expect(parseCaptions(vtt, 'show.vtt')).toEqual([
      { start: 1, end: 2.5, text: 'Welcome back!' },
      { start: 3, end: 4, text: 'Thanks for having me' },
    ]);
  });

  it('decodes WebVTT entities', () => {
    const vtt = 'WEBVTT\n\n00:00.000 --> 00:01.000\nR&amp;D &lt;live&gt;&nbsp;now &#x4f60;&#22909;\n';
    expect(parseCaptions(vtt, 'e.vtt')[0]?.text).toBe('R&D <live> now 你好');
  });

  it('handles hours beyond 99', () => {
    const vtt = 'WEBVTT\n\n100:00:00.000 --> 100:00:01.000\nlong show\n';
    expect(parseCaptions(vtt, 'long.vtt')[0]).toEqual({ start: 360000, end: 360001, text: 'long show' });
  });
});

describe('parseCaptions — rejected files', () => {
  it('rejects empty, binary and cue-less files with one readable line', () => {
    const cases: [string, RegExp][] = [
      ['', /^captions file c\.srt is empty$/],
      ['\u0000\u0000\u0000\u001cftypisom', /looks like binary data/],
      ['just some notes\nno timings here\n', /has no cues; accepted: SubRip \(\.srt\) or WebVTT \(\.vtt\)/],
      ['WEBVTT\n\nNOTE nothing else\n', /has no cues/],
      ['1\n00:00:01,000 --> 00:00:02,000\n<i> </i>\n', /has no cue with text/],
    ];
    for (const [text, message] of cases) {
      let error: unknown;
      try {
        parseCaptions(text, 'c.srt');
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(InputError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain('\n');
    }
  });
});

describe.skipIf(missingTestData(FRIDAY_VTT))('parseCaptions — real captions (../shared/data/video/friday.vtt)', () => {
  it('reads all five human-written cues with their times, dropping the line:80% settings', () => {
    const segments = parseCaptions(readFileSync(FRIDAY_VTT, 'utf8'), 'friday.vtt');
    expect(segments).toHaveLength(5);
    expect(segments[0]).toEqual({ start: 0, end: 0.999, text: 'Hildy!' });
    expect(segments[2]?.text).toBe('Tell me, is the lord of the universe in?');
    expect(segments.at(-1)).toEqual({ start: 4.3, end: 6, text: "Somebody must've stolen the crown jewels" });
    expect(segments.some((s) => s.text.includes('line:'))).toBe(false);
  });
});

describe('formatSrt', () => {
  it('writes numbered SRT cues with comma milliseconds that parse back to the same segments', () => {
    const segments = [
      { start: 0, end: 1.5, text: 'Glow Serum is back' },
      { start: 61.25, end: 3661.001, text: '限时优惠' },
    ];
    const srt = formatSrt(segments);
    expect(srt).toBe('1\n00:00:00,000 --> 00:00:01,500\nGlow Serum is back\n\n2\n00:01:01,250 --> 01:01:01,001\n限时优惠\n');
    expect(parseCaptions(srt, 'clip.srt')).toEqual(segments);
  });

  it('rounds to milliseconds, clamps negative starts and backwards ends, and drops blank lines inside text', () => {
    const srt = formatSrt([{ start: -0.2, end: -0.1, text: 'a\n\n b ' }, { start: 1.2344, end: 1.2346, text: 'c' }]);
    expect(srt).toBe('1\n00:00:00,000 --> 00:00:00,000\na\nb\n\n2\n00:00:01,234 --> 00:00:01,235\nc\n');
  });

  it('writes nothing for no segments', () => {
    expect(formatSrt([])).toBe('');
  });

  it('refuses times of 24 h or more, which the formatter would wrap to 00:00', () => {
    expect(() => formatSrt([{ start: 86_399, end: 86_400, text: 'x' }])).toThrow(RangeError);
  });
});

describe('readCaptions — bad cues are skipped and counted, never fatal', () => {
  it('skips a time out of range, an unreadable timing line and an end before its start, and keeps the rest', () => {
    const srt = [
      '1\n00:00:01,000 --> 00:00:02,000\nfirst',
      '2\n99:99:99,999 --> 99:99:99,999\nimpossible clock',
      '3\n00:00:05,000 -> 00:00:06,000\nbroken arrow text',
      '4\n00:00:08,000 --> 00:00:07,000\nbackwards',
      '5\n00:00:09,000 --> 00:00:10,000\nlast',
    ].join('\n\n');
    const { segments, report } = readCaptions(`${srt}\n`, 'c.srt');
    expect(segments.map((s) => s.text)).toEqual(['first', 'last']);
    expect(report).toMatchObject({
      format: 'srt',
      accepted: 2,
      skipped: 3,
      skippedReasons: {
        [CAPTION_SKIP_REASONS.badTime]: 1,
        [CAPTION_SKIP_REASONS.badTiming]: 1,
        [CAPTION_SKIP_REASONS.endBeforeStart]: 1,
      },
    });
  });

  it('never glues the text of a cue with a broken timing line onto the cue before it, blank lines or not', () => {
    const packed = '1\n00:00:01,000 --> 00:00:02,000\nhello\n2\n00:00:0x,000 --> 00:00:03,000\nnot this\n3\n00:00:04,000 --> 00:00:05,000\nworld\n';
    const { segments, report } = readCaptions(packed, 'c.srt');
    expect(segments.map((s) => s.text)).toEqual(['hello', 'world']);
    expect(report.skippedReasons[CAPTION_SKIP_REASONS.badTiming]).toBe(1);
    // A timing line with its arrow missing, in its own block: skipped, its text with it.
    const spaced = '1\n00:00:01,000 --> 00:00:02,000\nhello\n\n2\n00:00:02,500 00:00:03,000\nnot this either\n\n3\n00:00:04,000 --> 00:00:05,000\nworld\n';
    expect(readCaptions(spaced, 'c.srt').segments.map((s) => s.text)).toEqual(['hello', 'world']);
    // A blank line inside a cue's text is still the same cue.
    expect(readCaptions('1\n00:00:01,000 --> 00:00:02,000\nline one\n\nline two\n', 'c.srt').segments.map((s) => s.text)).toEqual(['line one line two']);
  });

  it("drops cues after the recording's end and ends the one running past it with the recording", () => {
    const parsed = readCaptions('1\n00:00:01,000 --> 00:00:12,000\nruns over\n\n2\n00:00:30,000 --> 00:00:31,000\nafter the end\n', 'c.srt');
    const ended = endCaptionsAt(parsed, 10);
    expect(ended.segments).toEqual([{ start: 1, end: 10, text: 'runs over' }]);
    expect(ended.report).toMatchObject({ accepted: 1, skipped: 1, skippedReasons: { [CAPTION_SKIP_REASONS.afterEnd]: 1 } });
    expect(() => endCaptionsAt(parsed, 0.5)).toThrow(/captions start after the recording ends/);
  });
});
