/**
 * The scene-change log reader (scdet measures printed by `metadata=mode=print`) and the rule that
 * turns one keyframe's measures into a scene change. Log lines are copied from ffmpeg 5.1's output.
 */
import { describe, expect, it } from 'vitest';
import {
  isSceneChange,
  KeyframeChangeReader,
  type KeyframeChange,
  SCENE_CUT_MAFD_THRESHOLD,
  SCENE_SCORE_THRESHOLD,
} from '../../shared/adapters/media/ffmpegLogParsers.js';

/** Feeds lines to a reader and returns every frame it emitted, flushed at the end. */
function read(lines: readonly string[]): { frames: KeyframeChange[]; consumed: boolean[] } {
  const frames: KeyframeChange[] = [];
  const reader = new KeyframeChangeReader((frame) => frames.push(frame));
  const consumed = lines.map((line) => reader.consume(line));
  reader.flush();
  return { frames, consumed };
}

const prefix = '[Parsed_metadata_2 @ 0x55bccd679500] ';

describe('KeyframeChangeReader', () => {
  it('reads time, mafd and score of each printed frame, the last one on flush', () => {
    const { frames } = read([
      `${prefix}frame:0    pts:0       pts_time:0`,
      `${prefix}lavfi.scd.mafd=0.000`,
      `${prefix}lavfi.scd.score=0.000`,
      `${prefix}frame:1    pts:25600   pts_time:2`,
      `${prefix}lavfi.scd.mafd=3.204`,
      `${prefix}lavfi.scd.score=3.204`,
      `${prefix}frame:5    pts:128000  pts_time:10.04`,
      `${prefix}lavfi.scd.mafd=29.989`,
      `${prefix}lavfi.scd.score=25.240`,
    ]);
    expect(frames).toEqual([
      { t: 0, mafd: 0, score: 0 },
      { t: 2, mafd: 3.204, score: 3.204 },
      { t: 10.04, mafd: 29.989, score: 25.24 },
    ]);
  });

  it('does not depend on the order of the keys and ignores scdet extras such as lavfi.scd.time', () => {
    const { frames } = read([
      `${prefix}frame:3    pts:76800   pts_time:6`,
      `${prefix}lavfi.scd.score=21.663`,
      `${prefix}lavfi.scd.time=6`,
      `${prefix}lavfi.scd.mafd=22.306`,
    ]);
    expect(frames).toEqual([{ t: 6, mafd: 22.306, score: 21.663 }]);
  });

  it('claims only its own lines, so the other parsers see the rest of the log', () => {
    const { consumed } = read([
      'Stream mapping:',
      `${prefix}frame:0    pts:0       pts_time:0`,
      `${prefix}lavfi.scd.mafd=0.000`,
      'frame=   25 fps=0.0 q=-0.0 Lsize=N/A time=00:00:48.00 bitrate=N/A speed= 152x',
      '[silencedetect @ 0x1] silence_start: 3.2',
    ]);
    expect(consumed).toEqual([false, true, true, false, false]);
  });

  it('drops a frame without a timestamp and ignores values before any frame line', () => {
    const { frames } = read([
      `${prefix}lavfi.scd.mafd=40.000`,
      `${prefix}frame:0    pts:NOPTS   pts_time:NOPTS`,
      `${prefix}lavfi.scd.mafd=35.000`,
      `${prefix}frame:1    pts:51200   pts_time:4`,
      `${prefix}lavfi.scd.mafd=1.500`,
      `${prefix}lavfi.scd.score=nan`,
    ]);
    // The NaN score keeps its neutral 0; the timeless frame and the stray value are gone.
    expect(frames).toEqual([{ t: 4, mafd: 1.5, score: 0 }]);
  });

  it('emits nothing for a log without frames, and flushing twice emits a frame once', () => {
    expect(read(['Output file #0 does not contain any stream']).frames).toEqual([]);
    const frames: KeyframeChange[] = [];
    const reader = new KeyframeChangeReader((frame) => frames.push(frame));
    reader.consume(`${prefix}frame:0    pts:0       pts_time:1.5`);
    reader.flush();
    reader.flush();
    expect(frames).toHaveLength(1);
  });
});

describe('isSceneChange', () => {
  const below = { score: SCENE_SCORE_THRESHOLD - 0.01, mafd: SCENE_CUT_MAFD_THRESHOLD - 0.01 };

  it('fires on a sudden change: the score reaches its threshold', () => {
    expect(isSceneChange({ t: 12, mafd: below.mafd, score: SCENE_SCORE_THRESHOLD })).toBe(true);
    expect(isSceneChange({ t: 12, mafd: below.mafd, score: below.score })).toBe(false);
  });

  it('fires on a difference too large to be motion even when the score is cancelled by the previous cut', () => {
    // Camera A -> B -> A on consecutive keyframes: equal differences, so min(mafd, |delta mafd|) is ~0.
    expect(isSceneChange({ t: 21, mafd: SCENE_CUT_MAFD_THRESHOLD, score: 0.4 })).toBe(true);
  });

  it('never fires on continuous motion below both thresholds', () => {
    for (const mafd of [0, 3.3, 4.7, 9.3, 11.9]) expect(isSceneChange({ t: 8, mafd, score: mafd })).toBe(false);
  });

  it('never fires on the first frame, which has nothing to differ from', () => {
    expect(isSceneChange({ t: 0, mafd: 50, score: 50 })).toBe(false);
  });

  it('uses the thresholds it is given', () => {
    const frame = { t: 5, mafd: 10, score: 6 };
    expect(isSceneChange(frame, { score: 5, mafd: 100 })).toBe(true);
    expect(isSceneChange(frame, { score: 7, mafd: 10 })).toBe(true);
    expect(isSceneChange(frame, { score: 7, mafd: 11 })).toBe(false);
  });
});
