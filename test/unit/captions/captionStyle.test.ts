import { describe, expect, it } from 'vitest';
import { CAPTION_STYLE_PRESETS, CaptionStyleError, DEFAULT_CAPTION_STYLE, parseCaptionStyle } from '../../../shared/core/captions/index.js';
import { isPermanent } from '../../../shared/core/errors.js';

describe('parseCaptionStyle', () => {
  it('takes a preset by name, with bold as the default', () => {
    expect(parseCaptionStyle('karaoke')).toBe(CAPTION_STYLE_PRESETS.karaoke);
    expect(parseCaptionStyle(' boxed ')).toMatchObject({ name: 'boxed', box: true });
    expect(DEFAULT_CAPTION_STYLE).toBe('bold');
  });

  it('lays a style file over the preset it extends and names it after the file', () => {
    // Prepare
    const file = JSON.stringify({ extends: 'karaoke', highlightColour: '#00FF88', position: 'top', margin: 8 });
    // Act
    const style = parseCaptionStyle(file, { fileName: 'brand.json' });
    // Assess
    expect(style).toEqual({ ...CAPTION_STYLE_PRESETS.karaoke, name: 'brand.json', highlightColour: '#00FF88', position: 'top', margin: 8 });
    expect(parseCaptionStyle('{"size": 9}').name).toBe('custom');
    expect(parseCaptionStyle('{"size": 9}').outlineWidth).toBe(CAPTION_STYLE_PRESETS.bold.outlineWidth);
  });

  it.each([
    ['{"colour": "#FFFFFF"}', /colour.*Unrecognized key|Unrecognized key.*colour/i],
    ['{"primaryColour": "#FFF"}', /primaryColour: must be a colour #RRGGBB/],
    ['{"boxColour": "black"}', /boxColour: must be a colour/],
    ['{"size": 50}', /size: /],
    ['{"position": "left"}', /position: /],
    ['{"maxCharsPerLine": 12.5}', /maxCharsPerLine: /],
    ['{"font": "Evil,Font"}', /font: must not contain commas/],
    ['{"extends": "fancy"}', /extends: /],
    ['{"size": 9', /not JSON/],
    ['[1, 2]', /unknown caption style/],
    ['neon', /unknown caption style "neon": use clean, bold, boxed, karaoke/],
  ])('refuses %s with a reason naming the field', (input, message) => {
    expect(() => parseCaptionStyle(input)).toThrow(message);
  });

  it('throws a permanent CaptionStyleError, so a bad style file is not retried', () => {
    const error = (() => {
      try {
        parseCaptionStyle('{"size": "big", "outlineWidth": -1}');
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(CaptionStyleError);
    expect(isPermanent(error)).toBe(true);
    // Every bad field is named at once, not one per attempt.
    expect((error as Error).message).toMatch(/size: .*; outlineWidth: /);
  });
});
