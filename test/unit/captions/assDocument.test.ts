import { describe, expect, it } from 'vitest';
import {
  CAPTION_STYLE_PRESETS,
  assColour,
  assDocument,
  assTime,
  escapeAssText,
  type CaptionCue,
  type CaptionWord,
} from '../../../shared/core/captions/index.js';

const word = (text: string, start: number, end: number): CaptionWord => ({ text, start, end, reliable: true });
const dialogues = (ass: string): string[] => ass.split('\n').filter((line) => line.startsWith('Dialogue:'));
/** The Text field of a Dialogue line (the tenth, which may itself hold commas). */
const textOf = (line: string): string => line.split(',').slice(9).join(',');
/** Override blocks: a `{` that is not escaped as `\{`. */
const overrideBlocks = (text: string): string[] => [...text.matchAll(/(?<!\\)\{[^}]*\}/g)].map((match) => match[0]);

const cue: CaptionCue = {
  start: 1,
  end: 3,
  lines: [[word('the', 1, 1.2), word('serum', 1.3, 1.8)], [word('is', 2, 2.1), word('back!', 2.2, 2.9)]],
};

describe('escapeAssText', () => {
  it('keeps transcript markup literal: braces escaped, backslash letters split, newlines as \\N', () => {
    expect(escapeAssText('{\\b1}bold')).toBe('\\{\\b1\\}bold');
    expect(escapeAssText('a\\Nb')).toBe('a\\\u2060Nb');
    expect(escapeAssText('one\r\ntwo')).toBe('one\\Ntwo');
    expect(escapeAssText('C:\\path')).toBe('C:\\path');
  });
});

describe('assColour and assTime', () => {
  it('turns #RRGGBB[AA] opacity into ASS &HAABBGGRR transparency', () => {
    expect(assColour('#FF8000')).toBe('&H000080FF');
    expect(assColour('#00000080')).toBe('&H7F000000');
    expect(assColour('#ffd400ff')).toBe('&H0000D4FF');
  });
  it('writes centiseconds', () => {
    expect(assTime(3723.456)).toBe('1:02:03.46');
    expect(assTime(0)).toBe('0:00:00.00');
  });
});

describe('assDocument', () => {
  it('is a full script for the frame: PlayRes, wrap style, scaled borders, a style line and events', () => {
    // Act
    const ass = assDocument([cue], CAPTION_STYLE_PRESETS.bold, { width: 1080, height: 1920 });
    // Assess
    expect(ass).toContain('PlayResX: 1080\nPlayResY: 1920\nWrapStyle: 0\nScaledBorderAndShadow: yes');
    // 8.5% of the shorter side, bold, outline 0.55% of 1080, bottom-centred 18% of 1920 up.
    expect(ass).toMatch(/^Style: Caption,Noto Sans CJK SC,92,&H00FFFFFF,&H0000D4FF,&H00000000,&H66000000,-1,0,0,0,100,100,0,0,1,5\.9,0,2,54,54,346,1$/m);
    expect(dialogues(ass)).toEqual(['Dialogue: 0,0:00:01.00,0:00:03.00,Caption,,0,0,0,,the serum\\Nis back!']);
  });

  it('scales every size with the frame: the same style on a smaller frame', () => {
    const small = assDocument([cue], CAPTION_STYLE_PRESETS.bold, { width: 1920, height: 1080 });
    expect(small).toMatch(/^Style: Caption,Noto Sans CJK SC,92,.*,1,5\.9,0,2,96,96,194,1$/m);
    const square = assDocument([cue], CAPTION_STYLE_PRESETS.boxed, { width: 540, height: 540 });
    // Box: BorderStyle 3 in the box colour, padded by the outline width.
    expect(square).toMatch(/^Style: Caption,Noto Sans CJK SC,41,&H00FFFFFF,&H0000D4FF,&H4F000000,&H4F000000,-1,0,0,0,100,100,0,0,3,5\.4,0,2,27,27,97,1$/m);
  });

  it('karaoke: one event per word, tiling the cue, each with only its word highlighted', () => {
    // Act
    const events = dialogues(assDocument([cue], CAPTION_STYLE_PRESETS.karaoke, { width: 1080, height: 1920 }));
    // Assess
    expect(events).toHaveLength(4);
    expect(events.map((line) => line.split(',').slice(1, 3).join('-'))).toEqual([
      '0:00:01.00-0:00:01.30',
      '0:00:01.30-0:00:02.00',
      '0:00:02.00-0:00:02.20',
      '0:00:02.20-0:00:03.00',
    ]);
    expect(textOf(events[1] ?? '')).toBe('the {\\1c&H00D4FF&}serum{\\1c&HFFFFFF&}\\Nis back!');
    for (const event of events) expect(overrideBlocks(textOf(event))).toEqual(['{\\1c&H00D4FF&}', '{\\1c&HFFFFFF&}']);
  });

  it('never turns hostile transcript text into override tags, in plain or karaoke events', () => {
    // Prepare
    const hostile: CaptionCue = { start: 0, end: 2, lines: [[word('{\\b1\\fs200}huge', 0, 1), word('\\N{\\c&H0000FF&}', 1, 2)]] };
    // Act
    const plain = dialogues(assDocument([hostile], CAPTION_STYLE_PRESETS.bold, { width: 1080, height: 1920 }));
    const karaoke = dialogues(assDocument([hostile], CAPTION_STYLE_PRESETS.karaoke, { width: 1080, height: 1920 }));
    // Assess
    expect(plain).toHaveLength(1);
    expect(overrideBlocks(textOf(plain[0] ?? ''))).toEqual([]);
    expect(textOf(plain[0] ?? '')).not.toMatch(/(?<!\\)\\N/);
    for (const event of karaoke) expect(overrideBlocks(textOf(event)).every((block) => /^\{\\1c&H[0-9A-F]{6}&\}$/.test(block))).toBe(true);
  });
});
