import { describe, expect, it } from 'vitest';
import {
  CAPTION_STYLE_PRESETS,
  MIN_CUE_SECONDS,
  buildClipCaptions,
  cueLines,
  displayWidth,
  type ClipCaptionsRequest,
} from '../../../shared/core/captions/index.js';
import { wholeSpan } from '../../../shared/core/clips/clipTimeline.js';
import { captionStateSchema } from '../../../shared/core/schemas/clipRender.js';
import type { Segment, Word } from '../../../shared/core/types.js';

const VERTICAL = { width: 1080, height: 1920 };

/** A request for an untrimmed clip of 100-130 s in the bold style on a vertical frame. */
const request = (segments: Segment[], overrides: Partial<ClipCaptionsRequest> = {}): ClipCaptionsRequest => ({
  segments,
  engine: 'whisper-local',
  language: 'en',
  timeline: wholeSpan({ start: 100, end: 130 }),
  style: CAPTION_STYLE_PRESETS.bold,
  frame: VERTICAL,
  ...overrides,
});

/** Words spread evenly over [start, end), each reliable unless its index is listed. */
function timedWords(text: string, start: number, end: number, unreliable: number[] = []): Word[] {
  const texts = text.split(' ');
  const step = (end - start) / texts.length;
  return texts.map((word, index) => ({ text: word, start: start + index * step, end: start + (index + 1) * step - 0.05, reliable: !unreliable.includes(index) }));
}

describe('buildClipCaptions: reliability gating', () => {
  it('burns reliable cues only, and the SRT sidecar holds exactly those', () => {
    // Prepare: 8 s reliable, 2 s unsure
    const segments: Segment[] = [
      { start: 101, end: 105, text: 'hello everyone welcome back', reliable: true },
      { start: 106, end: 108, text: 'mumble garble', reliable: false },
      { start: 109, end: 113, text: 'the serum is back in stock', reliable: true },
    ];
    // Act
    const captions = buildClipCaptions(request(segments));
    // Assess
    expect(captions.state).toEqual({
      burned: true,
      source: 'whisper-local',
      reliability: 0.8,
      reason: 'captions from Whisper speech recognition; 20% of the speech was unsure and is left uncaptioned',
      style: 'bold',
    });
    expect(captionStateSchema.parse(captions.state)).toEqual(captions.state);
    expect(captions.cues.map((cue) => cueLines(cue).join(' '))).toEqual(['hello everyone welcome back', 'the serum is back in stock']);
    expect(captions.srt).not.toContain('mumble');
    expect(captions.srt).toContain('00:00:01,000 --> 00:00:05,000\nhello everyone welcome back');
    expect(captions.ass).not.toContain('mumble');
    expect(captions.ass).toContain('PlayResX: 1080');
  });

  it('burns nothing when most of the speech is unsure, and says how much', () => {
    const segments: Segment[] = [
      { start: 101, end: 103.9, text: 'this part is fine', reliable: true },
      { start: 104, end: 111.1, text: 'this long part was never heard right' },
    ];
    const captions = buildClipCaptions(request(segments));
    expect(captions.state).toMatchObject({ burned: false, reliability: 0.29, reason: 'not burned: 71% of the speech was unsure' });
    expect(captions.ass).toBeUndefined();
    expect(captions.srt).toBe('');
    expect(captions.cues).toEqual([]);
  });

  it("takes the platform's captions as said unless marked otherwise, and engine text only when marked reliable", () => {
    const segments: Segment[] = [{ start: 101, end: 104, text: 'straight from the captions file' }];
    expect(buildClipCaptions(request(segments, { engine: 'captions' })).state).toMatchObject({ burned: true, reliability: 1, reason: "captions from the platform's subtitles" });
    expect(buildClipCaptions(request(segments, { engine: 'pocketsphinx' })).state).toMatchObject({ burned: false, reliability: 0, reason: 'not burned: 100% of the speech was unsure' });
  });

  it('judges a cue by its words: shown when most are reliable, dropped otherwise', () => {
    // Prepare: two segments far apart, so each is its own cue; 1 of 6 unsure vs 2 of 6 unsure.
    const segments: Segment[] = [
      { start: 101, end: 104, text: 'one two three four five six', words: timedWords('one two three four five six', 101, 104, [2]) },
      { start: 110, end: 112, text: 'seven eight nine ten eleven twelve', words: timedWords('seven eight nine ten eleven twelve', 110, 112, [1, 4]) },
    ];
    const captions = buildClipCaptions(request(segments, { engine: 'openai' }));
    expect(captions.cues.map((cue) => cueLines(cue).join(' '))).toEqual(['one two three four five six']);
    expect(captions.state.burned).toBe(true);
    expect(captions.state.reliability).toBeCloseTo(2.95 / (2.95 + 1.95), 3);
  });

  it('explains a clip without speech and a show without a transcript', () => {
    expect(buildClipCaptions(request([{ start: 10, end: 12, text: 'before the clip', reliable: true }])).state).toMatchObject({
      burned: false,
      reliability: 0,
      reason: 'not burned: no speech in the clip',
    });
    expect(buildClipCaptions(request([], { engine: 'none', language: 'zh' })).state.reason).toBe('not burned: no transcript (no speech engine for the language)');
  });
});

describe('buildClipCaptions: time', () => {
  it('maps words through a trimmed timeline: cut words vanish and later words move up', () => {
    // Prepare: keep 10-11 s and 15-18 s; "um" at 13 s is trimmed out.
    const words: Word[] = [
      { text: 'so', start: 10.5, end: 10.8, reliable: true },
      { text: 'um', start: 13, end: 13.4, reliable: true },
      { text: 'this', start: 15.2, end: 15.5, reliable: true },
      { text: 'works', start: 15.6, end: 16 },
    ];
    // Act
    const captions = buildClipCaptions(
      request([{ start: 10.5, end: 16, text: 'so um this works', words, reliable: true }], {
        timeline: [
          { start: 10, end: 11 },
          { start: 15, end: 18 },
        ],
        style: CAPTION_STYLE_PRESETS.karaoke,
      }),
    );
    // Assess: "works" has no word flag, so the segment's reliable flag stands for it.
    expect(captions.cues).toHaveLength(1);
    const shown = captions.cues[0]?.lines.flat() ?? [];
    expect(shown.map((word) => [word.text, word.start, word.end])).toEqual([
      ['so', 0.5, 0.8],
      ['this', expect.closeTo(1.2, 6), expect.closeTo(1.5, 6)],
      ['works', expect.closeTo(1.6, 6), expect.closeTo(2, 6)],
    ]);
    expect(captions.cues[0]).toMatchObject({ start: 0.5, end: 2 });
    // Karaoke: one event per word shown.
    expect(captions.ass?.split('\n').filter((line) => line.startsWith('Dialogue:'))).toHaveLength(3);
  });

  it('keeps cues apart and on screen long enough to read, within the clip', () => {
    // Prepare: short utterances, two of them 0.05 s apart, the last at the clip's very end
    const segments: Segment[] = [
      { start: 101, end: 101.2, text: 'yes', reliable: true },
      { start: 102.7, end: 102.9, text: 'no', reliable: true },
      { start: 102.95, end: 103.1, text: 'maybe', reliable: true },
      { start: 129.9, end: 130, text: 'bye', reliable: true },
    ];
    // Act
    const { cues } = buildClipCaptions(request(segments));
    // Assess
    expect(cues.map((cue) => cueLines(cue).join(' '))).toEqual(['yes', 'no', 'maybe', 'bye']);
    expect(cues[0]).toMatchObject({ start: 1, end: 1 + MIN_CUE_SECONDS });
    // "no" keeps its minimum and pushes "maybe" later rather than overlapping it.
    expect(cues[1]).toMatchObject({ start: 2.7, end: 3.5 });
    expect(cues[2]).toMatchObject({ start: 3.5, end: 4.3 });
    expect(cues[3]).toMatchObject({ start: 29.9, end: 30 });
    for (const [index, cue] of cues.entries()) {
      expect(cue.end).toBeGreaterThan(cue.start);
      expect(cue.start).toBeGreaterThanOrEqual(cues[index - 1]?.end ?? 0);
    }
  });

  it('gives overlapping segments (engine chunk seams) consecutive, non-overlapping cues', () => {
    const segments: Segment[] = [
      { start: 101, end: 104, text: 'first sentence here', reliable: true },
      { start: 103, end: 105, text: 'second one', reliable: true },
    ];
    const { cues } = buildClipCaptions(request(segments));
    expect(cues.map((cue) => [cue.start, cue.end])).toEqual([
      [1, 3],
      [3, 5],
    ]);
  });
});

describe('buildClipCaptions: Chinese', () => {
  it('spreads sidecar captions by character over jieba words and breaks lines by display width', () => {
    // Prepare
    const text = '大家好，这款精华今天终于补货了，iPhone用户也可以下单！';
    // Act
    const captions = buildClipCaptions(
      request([{ start: 100, end: 103, text, reliable: true }], { engine: 'captions', language: 'zh', style: CAPTION_STYLE_PRESETS.karaoke }),
    );
    // Assess
    const cue = captions.cues[0];
    expect(captions.cues).toHaveLength(1);
    const lines = cue ? cueLines(cue) : [];
    expect(lines.join('')).toBe(text);
    expect(lines).toEqual(['大家好，这款精华今天终于补货', '了，iPhone用户也可以下单！']);
    expect(lines.every((line) => displayWidth(line) <= CAPTION_STYLE_PRESETS.karaoke.maxCharsPerLine)).toBe(true);
    // One karaoke event per word; a word's time follows its characters (下单！ twice 也).
    const words = cue?.lines.flat() ?? [];
    expect(words.map((word) => word.text)).toEqual(['大家', '好，', '这', '款', '精华', '今天', '终于', '补货', '了，', 'iPhone', '用户', '也', '可以', '下单！']);
    const length = (text: string): number => (words.find((word) => word.text === text)?.end ?? 0) - (words.find((word) => word.text === text)?.start ?? 0);
    expect(length('下单！')).toBeCloseTo(2 * length('也'), 3);
    expect(words.find((word) => word.text === 'iPhone')?.end).toBeGreaterThan(0);
    expect(captions.ass?.split('\n').filter((line) => line.startsWith('Dialogue:'))).toHaveLength(14);
  });
});
