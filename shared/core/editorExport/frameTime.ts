/**
 * Frame arithmetic at a rational frame rate (30000/1001, 25/1): seconds to frame boundaries, frames to
 * FCPXML rational time, and frames to SMPTE timecode, drop-frame where the rate is 29.97 or 59.94.
 * Integers throughout: a frame count times `den/num` is exact, where seconds as floats drift.
 */

/** A frame rate as a fraction, e.g. `{ num: 30000, den: 1001 }` for 29.97 fps. */
export interface FrameRate {
  readonly num: number;
  readonly den: number;
}

/**
 * Float slack when turning seconds into frames: `2.9 * 25` is 72.49999999999999 in floating point, and
 * a time that is meant to sit on a frame boundary must not fall a hair short of it.
 */
export const FRAME_EPSILON = 1e-6;

/** Frames per second as a number (29.97002997...). */
export function framesPerSecond(rate: FrameRate): number {
  return rate.num / rate.den;
}

/** The (fractional) frame position of a time in seconds. */
export function exactFrame(seconds: number, rate: FrameRate): number {
  return (seconds * rate.num) / rate.den;
}

/** The frame boundary nearest a time. */
export function nearestFrame(seconds: number, rate: FrameRate): number {
  return Math.round(exactFrame(seconds, rate) + FRAME_EPSILON);
}

/** The last frame boundary at or before a time. */
export function frameAtOrBefore(seconds: number, rate: FrameRate): number {
  return Math.floor(exactFrame(seconds, rate) + FRAME_EPSILON);
}

/** The first frame boundary at or after a time. */
export function frameAtOrAfter(seconds: number, rate: FrameRate): number {
  return Math.ceil(exactFrame(seconds, rate) - FRAME_EPSILON);
}

/** Seconds at a frame boundary. */
export function frameToSeconds(frame: number, rate: FrameRate): number {
  return (frame * rate.den) / rate.num;
}

/**
 * FCPXML rational time of a frame count: `frames*den/num` seconds with the rate's own denominator
 * ("3003/30000s" is 3 frames at 29.97), which is what Final Cut Pro and Resolve write; `0s` for zero.
 */
export function rationalTime(frames: number, rate: FrameRate): string {
  if (!Number.isSafeInteger(frames) || frames < 0) throw new RangeError(`frame count ${frames} is not a whole, non-negative number`);
  if (frames === 0) return '0s';
  return `${frames * rate.den}/${rate.num}s`;
}

/** `1001/30000s` or `5s` back to seconds (for tests and readers). */
export function parseRationalTime(text: string): number {
  const match = /^(-?\d+)(?:\/(\d+))?s$/.exec(text);
  if (!match) throw new RangeError(`not an FCPXML time: ${JSON.stringify(text)}`);
  return Number(match[1]) / Number(match[2] ?? 1);
}

/** The whole-number rate timecode counts in: 30 for 29.97, 24 for 23.976, 25 for 25. */
export function timecodeBase(rate: FrameRate): number {
  return Math.max(1, Math.round(framesPerSecond(rate)));
}

/**
 * Frame numbers drop-frame timecode skips at each minute but every tenth: 2 at 29.97, 4 at 59.94;
 * 0 where the rate counts in non-drop timecode (whole rates, and 23.976, which has no drop-frame form).
 */
export function droppedPerMinute(rate: FrameRate): number {
  const base = timecodeBase(rate);
  // NTSC rates are base*1000/1001; a rate written as a decimal (2997/100) counts as one too.
  const isNtsc = Math.abs(framesPerSecond(rate) - (base * 1000) / 1001) < 0.005;
  if (!isNtsc || base % 30 !== 0) return 0;
  return base / 15;
}

/** Whether timecode at this rate is drop-frame (29.97, 59.94). */
export function isDropFrame(rate: FrameRate): boolean {
  return droppedPerMinute(rate) > 0;
}

/**
 * SMPTE timecode of a frame index counted from 00:00:00:00: `HH:MM:SS:FF`, or `HH:MM:SS;FF` in
 * drop-frame, where frame labels 0 and 1 (0-3 at 59.94) are skipped every minute except every tenth
 * minute so the label keeps up with the clock (frame 1800 at 29.97 is 00:01:00;02).
 */
export function smpteTimecode(frame: number, rate: FrameRate): string {
  if (!Number.isSafeInteger(frame) || frame < 0) throw new RangeError(`frame ${frame} is not a whole, non-negative number`);
  const base = timecodeBase(rate);
  const drop = droppedPerMinute(rate);
  let label = frame;
  if (drop > 0) {
    const perMinute = base * 60 - drop;
    const perTenMinutes = base * 600 - drop * 9;
    const tens = Math.floor(frame / perTenMinutes);
    const rest = frame % perTenMinutes;
    label += drop * 9 * tens + (rest > drop ? drop * Math.floor((rest - drop) / perMinute) : 0);
  }
  const frames = label % base;
  const totalSeconds = Math.floor(label / base);
  const hours = Math.floor(totalSeconds / 3600) % 24;
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${pad(hours)}:${pad(Math.floor(totalSeconds / 60) % 60)}:${pad(totalSeconds % 60)}${drop > 0 ? ';' : ':'}${pad(frames)}`;
}

/** Frame index of a timecode (either separator): the inverse of {@link smpteTimecode}. */
export function parseTimecode(text: string, rate: FrameRate): number {
  const match = /^(\d{2}):(\d{2}):(\d{2})[:;.](\d{2})$/.exec(text);
  if (!match) throw new RangeError(`not a timecode: ${JSON.stringify(text)}`);
  const [hours, minutes, seconds, frames] = match.slice(1).map(Number) as [number, number, number, number];
  const base = timecodeBase(rate);
  const drop = droppedPerMinute(rate);
  const totalMinutes = hours * 60 + minutes;
  const label = (totalMinutes * 60 + seconds) * base + frames;
  return label - drop * (totalMinutes - Math.floor(totalMinutes / 10));
}

/**
 * The exact rate behind a probed frames-per-second figure: NTSC rates (23.976, 29.97, 47.952, 59.94, 119.88)
 * are n*1000/1001, whole rates are n/1, anything else is kept to a thousandth.
 */
export function rationalFrameRate(fps: number): FrameRate {
  if (!(fps > 0) || !Number.isFinite(fps)) throw new RangeError(`frame rate ${fps} is not a positive number`);
  const ntsc = Math.round((fps * 1001) / 1000);
  if (Math.abs(fps - (ntsc * 1000) / 1001) < 0.005 && Math.abs(fps - Math.round(fps)) > 0.005) return { num: ntsc * 1000, den: 1001 };
  if (Math.abs(fps - Math.round(fps)) < 0.005) return { num: Math.round(fps), den: 1 };
  return { num: Math.round(fps * 1000), den: 1000 };
}
