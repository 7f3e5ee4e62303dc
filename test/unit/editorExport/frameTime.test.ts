import { describe, expect, it } from 'vitest';
import {
  type FrameRate,
  droppedPerMinute,
  frameAtOrAfter,
  frameAtOrBefore,
  isDropFrame,
  nearestFrame,
  parseRationalTime,
  parseTimecode,
  rationalTime,
  smpteTimecode,
  timecodeBase,
} from '../../../shared/core/editorExport/index.js';

const NTSC: FrameRate = { num: 30000, den: 1001 };
const NTSC_60: FrameRate = { num: 60000, den: 1001 };
const FILM: FrameRate = { num: 24000, den: 1001 };
const PAL: FrameRate = { num: 25, den: 1 };

describe('smpteTimecode', () => {
  it('skips frame labels 00 and 01 each minute at 29.97 drop-frame, except every tenth minute', () => {
    expect(smpteTimecode(0, NTSC)).toBe('00:00:00;00');
    expect(smpteTimecode(1799, NTSC)).toBe('00:00:59;29');
    expect(smpteTimecode(1800, NTSC)).toBe('00:01:00;02');
    expect(smpteTimecode(3597, NTSC)).toBe('00:01:59;29');
    expect(smpteTimecode(3598, NTSC)).toBe('00:02:00;02');
    expect(smpteTimecode(17981, NTSC)).toBe('00:09:59;29');
    expect(smpteTimecode(17982, NTSC)).toBe('00:10:00;00');
    expect(smpteTimecode(17983, NTSC)).toBe('00:10:00;01');
    // One hour of drop-frame timecode is 107892 frames: the label keeps up with the clock.
    expect(smpteTimecode(107892, NTSC)).toBe('01:00:00;00');
  });

  it('skips four labels a minute at 59.94', () => {
    expect(droppedPerMinute(NTSC_60)).toBe(4);
    expect(smpteTimecode(3599, NTSC_60)).toBe('00:00:59;59');
    expect(smpteTimecode(3600, NTSC_60)).toBe('00:01:00;04');
    expect(smpteTimecode(35964, NTSC_60)).toBe('00:10:00;00');
  });

  it('counts non-drop at the whole-number base for other rates, 23.976 included', () => {
    expect(isDropFrame(PAL)).toBe(false);
    expect(smpteTimecode(90000, PAL)).toBe('01:00:00:00');
    expect(smpteTimecode(1524, PAL)).toBe('00:01:00:24');
    expect(isDropFrame(FILM)).toBe(false);
    expect(timecodeBase(FILM)).toBe(24);
    expect(smpteTimecode(24 * 61 + 5, FILM)).toBe('00:01:01:05');
    expect(timecodeBase({ num: 30, den: 1 })).toBe(30);
    expect(isDropFrame({ num: 30, den: 1 })).toBe(false);
    // 29.97 written as a decimal is still NTSC, and counts drop-frame.
    expect(isDropFrame({ num: 2997, den: 100 })).toBe(true);
  });

  it('never shows a dropped label and reads back to the same frame (every frame of 12 minutes at 29.97 and 59.94)', () => {
    for (const rate of [NTSC, NTSC_60]) {
      const drop = droppedPerMinute(rate);
      for (let frame = 0; frame < 12 * 60 * timecodeBase(rate); frame++) {
        const timecode = smpteTimecode(frame, rate);
        const [, minutes, seconds, labels] = /^\d\d:(\d\d):(\d\d);(\d\d)$/.exec(timecode)!.map(Number) as [number, number, number, number];
        if (seconds === 0 && minutes % 10 !== 0 && labels < drop) throw new Error(`${timecode} is a dropped label (frame ${frame})`);
        if (parseTimecode(timecode, rate) !== frame) throw new Error(`${timecode} reads back as ${parseTimecode(timecode, rate)}, not ${frame}`);
      }
    }
  });
});

describe('rationalTime', () => {
  it('writes frame multiples over the rate numerator and reads them back exactly', () => {
    expect(rationalTime(0, NTSC)).toBe('0s');
    expect(rationalTime(1, NTSC)).toBe('1001/30000s');
    expect(rationalTime(3, NTSC)).toBe('3003/30000s');
    expect(rationalTime(50, PAL)).toBe('50/25s');
    expect(parseRationalTime('3003/30000s')).toBeCloseTo(0.1001, 12);
    expect(parseRationalTime('5s')).toBe(5);
    expect(() => rationalTime(1.5, PAL)).toThrow(RangeError);
  });
});

describe('frame boundaries', () => {
  it('absorb float error: 2.9 s at 25 fps is frame 72.5, which rounds up, not down from 72.49999', () => {
    expect(nearestFrame(2.9, PAL)).toBe(73);
    expect(frameAtOrBefore(0.12, PAL)).toBe(3);
    expect(frameAtOrAfter(0.12, PAL)).toBe(3);
    expect(frameAtOrBefore(0.13, PAL)).toBe(3);
    expect(frameAtOrAfter(0.13, PAL)).toBe(4);
    // 1 s at 29.97 is frame 29.97: nearest 30, before 29.
    expect(nearestFrame(1, NTSC)).toBe(30);
    expect(frameAtOrBefore(1, NTSC)).toBe(29);
  });
});
