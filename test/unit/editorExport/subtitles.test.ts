import { describe, expect, it } from 'vitest';
import { editCaptions, toSubtitles } from '../../../shared/core/editorExport/index.js';
import { InputError } from '../../../shared/core/errors.js';
import { parseCaptions } from '../../../shared/core/inputs/captions.js';
import { PAL_INPUT } from './fixtures.js';

// Edit of PAL_INPUT: c1 = source 10.84-25.48 s at 0 s; c2 = 100.88-110.48 s at 14.64 s and 120.68-130.28 s at 24.24 s.
const CAPTIONS = [
  { start: 11, end: 12, text: 'Hello' },
  { start: 50, end: 52, text: 'never in a clip' },
  { start: 110, end: 121, text: 'spans the trim' },
  { start: 125, end: 126, text: 'a <b>bold</b> & --> arrow' },
];

describe('editCaptions', () => {
  it('moves captions onto the edit, drops those outside every clip and joins a caption cut by a trim', () => {
    const cues = editCaptions(PAL_INPUT, CAPTIONS);
    expect(cues.map((cue) => cue.text)).toEqual(['Hello', 'spans the trim', 'a <b>bold</b> & --> arrow']);
    expect(cues[0]!.start).toBeCloseTo(0.16, 9);
    expect(cues[0]!.end).toBeCloseTo(1.16, 9);
    // 110.0-110.48 s of the first kept span and 120.68-121.0 s of the second, back to back in the edit.
    expect(cues[1]!.start).toBeCloseTo(23.76, 9);
    expect(cues[1]!.end).toBeCloseTo(24.56, 9);
    expect(cues[2]!.start).toBeCloseTo(28.56, 9);
  });

  it('rejects a caption that ends before it starts', () => {
    expect(() => editCaptions(PAL_INPUT, [{ start: 5, end: 4, text: 'x' }])).toThrow(InputError);
  });
});

describe('toSubtitles', () => {
  it('writes SRT that reads back to the same cues', () => {
    const srt = toSubtitles(PAL_INPUT, CAPTIONS, 'srt');
    expect(srt).toContain('00:00:23,760 --> 00:00:24,560\nspans the trim');
    expect(parseCaptions(srt, 'edit.srt').map((cue) => cue.text)).toEqual(['Hello', 'spans the trim', 'a bold & --> arrow']);
  });

  it('writes WebVTT with markup characters escaped', () => {
    const vtt = toSubtitles(PAL_INPUT, CAPTIONS, 'vtt');
    expect(vtt.startsWith('WEBVTT\n\n00:00:00.160 --> 00:00:01.160\nHello\n')).toBe(true);
    expect(vtt).toContain('00:00:28.560 --> 00:00:29.560\na &lt;b&gt;bold&lt;/b&gt; &amp; --&gt; arrow\n');
    expect(vtt.split('\n').filter((line) => line.includes('-->'))).toHaveLength(3);
  });
});
