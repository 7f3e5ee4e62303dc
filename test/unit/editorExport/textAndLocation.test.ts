import { describe, expect, it } from 'vitest';
import { escapeXml, fileNameOf, filePathOf, fileUrlOf, toEdl } from '../../../shared/core/editorExport/index.js';
import { InputError } from '../../../shared/core/errors.js';
import { xmlElements } from '../../helpers/editorExportReaders.js';
import { PAL_INPUT } from './fixtures.js';

describe('escapeXml', () => {
  it('keeps markup characters, quotes, Chinese and emoji as text and drops what XML cannot hold', () => {
    const hostile = `</name><x a="1">&amp;'"双十一 🎉\u0007\u0000\uD800 end\nnext`;
    const [element] = xmlElements(`<t v="${escapeXml(hostile)}">${escapeXml(hostile)}</t>`);
    const expected = `</name><x a="1">&amp;'"双十一 🎉 end\nnext`;
    expect(element!.attributes.v).toBe(expected);
    expect(element!.text).toBe(expected);
  });
});

describe('media location', () => {
  it('turns paths into percent-encoded file URLs and back', () => {
    expect(fileUrlOf('/shows/直播 #1/a?b%.mp4')).toBe('file:///shows/%E7%9B%B4%E6%92%AD%20%231/a%3Fb%25.mp4');
    expect(filePathOf(fileUrlOf('/shows/直播 #1/a?b%.mp4'))).toBe('/shows/直播 #1/a?b%.mp4');
    expect(fileUrlOf('C:\\Shows\\live show.mp4')).toBe('file:///C:/Shows/live%20show.mp4');
    expect(filePathOf('file:///C:/Shows/live%20show.mp4')).toBe('C:/Shows/live show.mp4');
    expect(fileUrlOf('file:///already/a%20url.mov')).toBe('file:///already/a%20url.mov');
    expect(fileNameOf('file:///already/a%20url.mov')).toBe('a url.mov');
  });
});

describe('EDL limits', () => {
  it('refuses more events than three digits can number', () => {
    const clips = Array.from({ length: 1000 }, (_, index) => ({ id: `c${index}`, title: 't', start: index * 0.5, end: index * 0.5 + 0.4 }));
    expect(() => toEdl({ ...PAL_INPUT, clips })).toThrow(InputError);
    expect(() => toEdl({ ...PAL_INPUT, clips })).toThrow(/at most 999 events; these clips make 1000/);
  });
});
