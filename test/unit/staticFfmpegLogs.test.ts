/**
 * What the media module reads from the static ffmpeg 4.1 that runs in Lambda (@ffmpeg-installer/linux-x64):
 * its capability listings and the signalstats print that replaces scdet there (audio is measured in node
 * from the decoded samples, so no audio filter's log is read). Every line is copied from that binary's
 * output (or Debian's 5.1, where compared).
 */
import { describe, expect, it } from 'vitest';
import {
  parseFilterList,
  parseOptionList,
  parsePacketDropExpression,
  parseVersion,
  passthroughFrameTiming,
  sceneMeasureOf,
} from '../../shared/adapters/media/ffmpegCapabilities.js';
import {
  isSceneChange,
  type KeyframeChange,
  SignalstatsChangeReader,
} from '../../shared/adapters/media/ffmpegLogParsers.js';

const FILTERS_41 = `Filters:
  T.. = Timeline support
  .S. = Slice threading
  ..C = Command support
  A = Audio input/output
  V = Video input/output
  N = Dynamic number and/or type of input/output
  | = Source or sink filter
 ... abench            A->A       Benchmark part of a filtergraph.
 ... ebur128           A->N       EBU R128 scanner.
 ... silencedetect     A->A       Detect silence.
 ... anullsink         A->|       Do absolutely nothing with the input audio.
 ... select            V->N       Select video frames to pass in output.
 .S. signalstats       V->V       Generate statistics from video analysis.
 ... subtitles         V->V       Render text subtitles onto input video using the libass library.
 ... nullsrc           |->V       Null video source, return unprocessed video frames.
 ... concat            N->N       Concatenate audio and video streams.
`;

const FILTERS_51 = ` ... asr               A->A       Automatic Speech Recognition.
 ..C scale             V->V       Scale the input video size and/or convert the image format.
 ... scdet             V->V       Detect video scene change
 .S. signalstats       V->V       Generate statistics from video analysis.
 TSC overlay           VV->V      Overlay a video source on top of the input.
`;

const HELP_41 = `Advanced options:
-map [-]input_file_id[:stream_specifier][,sync_file_id[:stream_s  set input stream mapping
-vsync              video sync method
-filter_threads     number of non-complex filter threads
`;

const HELP_51 = `-vsync              set video sync method globally; deprecated, use -fps_mode
-fps_mode           set framerate mode for matching video streams; overrides vsync
-filter_threads     number of non-complex filter threads
`;

describe('capability listings', () => {
  it('reads filter names from both builds and skips the legend', () => {
    const static41 = parseFilterList(FILTERS_41);
    expect([...static41]).toEqual(['abench', 'ebur128', 'silencedetect', 'anullsink', 'select', 'signalstats', 'subtitles', 'nullsrc', 'concat']);
    expect(static41.has('scdet')).toBe(false);
    expect(parseFilterList(FILTERS_51)).toEqual(new Set(['asr', 'scale', 'scdet', 'signalstats', 'overlay']));
  });

  it('reads option names from -h long', () => {
    expect(parseOptionList(HELP_41)).toEqual(new Set(['map', 'vsync', 'filter_threads']));
    expect(parseOptionList(HELP_51)).toEqual(new Set(['vsync', 'fps_mode', 'filter_threads']));
  });

  it('knows the noise bitstream filter takes a drop expression in 5.1 and not in 4.1, and never mistakes the video filter for it', () => {
    // From `ffmpeg -hide_banner -h full`: the noise video filter's block comes first, the bitstream filter's later.
    const videoFilter = 'noise AVOptions:\n  all_seed          <int>        ..FV....... set component #0 noise seed (from -1 to INT_MAX) (default -1)\n\n';
    const full51 = `${videoFilter}noise AVOptions:\n  -amount            <string>     ...VA...B..\n  -drop              <string>     ...VA...B..\n  -dropamount        <int>        ...VA...B.. (from 0 to INT_MAX) (default 0)\n\n`;
    const full41 = `${videoFilter}noise AVOptions:\n  -amount            <int>        ...VA...B (from 0 to INT_MAX) (default 0)\n  -dropamount        <int>        ...VA...B (from 0 to INT_MAX) (default 0)\n\n`;
    expect(parsePacketDropExpression(full51)).toBe(true);
    expect(parsePacketDropExpression(full41)).toBe(false);
    expect(parsePacketDropExpression(videoFilter.replace('all_seed          <int>', '-drop              <string>'))).toBe(false);
  });

  it('reads release and git-snapshot versions from the banner', () => {
    expect(parseVersion('ffmpeg version N-47683-g0e8eb07980-static https://johnvansickle.com/ffmpeg/  Copyright (c) 2000-2018 the FFmpeg developers\n  built with gcc 6.3.0')).toBe(
      'N-47683-g0e8eb07980-static',
    );
    expect(parseVersion('ffmpeg version 5.1.9-0+deb12u1 Copyright (c) 2000-2026 the FFmpeg developers')).toBe('5.1.9-0+deb12u1');
    expect(parseVersion('')).toBe('unknown');
  });

  it('picks scdet where present, signalstats otherwise, and nothing without either', () => {
    expect(sceneMeasureOf({ filters: parseFilterList(FILTERS_51) })).toBe('scdet');
    expect(sceneMeasureOf({ filters: parseFilterList(FILTERS_41) })).toBe('signalstats');
    expect(sceneMeasureOf({ filters: new Set(['select']) })).toBeUndefined();
  });

  it('uses -fps_mode where the build has it and -vsync before 5.1', () => {
    expect(passthroughFrameTiming({ options: parseOptionList(HELP_51) })).toEqual(['-fps_mode', 'passthrough']);
    expect(passthroughFrameTiming({ options: parseOptionList(HELP_41) })).toEqual(['-vsync', 'passthrough']);
  });
});

/** Feeds lines to a signalstats reader and returns every frame it emitted, flushed at the end. */
function read(lines: readonly string[]): { frames: KeyframeChange[]; consumed: boolean[] } {
  const frames: KeyframeChange[] = [];
  const reader = new SignalstatsChangeReader((frame) => frames.push(frame));
  const consumed = lines.map((line) => reader.consume(line));
  reader.flush();
  return { frames, consumed };
}

const prefix = '[Parsed_metadata_3 @ 0x35606400] ';
const stats = (key: string, value: string) => `${prefix}lavfi.signalstats.${key}=${value}`;

/**
 * The same file (the OBS-like 2 s GOP encode of test/integration/sceneChanges.test.ts), per intra frame:
 * static ffmpeg 4.1's signalstats YDIF, and Debian ffmpeg 5.1's scdet mafd and score.
 */
const YDIF_41: readonly [number, number][] = [
  [0, 0], [2, 8.23047], [4, 9.60373], [6, 11.4844], [8, 11.8737], [10, 9.68924], [12, 76.1311], [14, 0], [16, 0], [18, 0], [20, 0],
  [22, 52.207], [24, 0], [26, 0], [28, 0], [30, 57.102], [32, 23.6953], [34, 27.441], [36, 30.3737], [38, 29.253], [40, 57.1029],
  [42, 9.26172], [44, 11.4544], [46, 12.7921], [48, 11.727],
];
const SCDET_51: readonly [number, number, number][] = [
  [0, 0, 0], [2, 3.215, 3.215], [4, 3.751, 0.536], [6, 4.486, 0.735], [8, 4.638, 0.152], [10, 3.785, 0.853], [12, 29.739, 25.954],
  [14, 0, 0], [16, 0, 0], [18, 0, 0], [20, 0, 0], [22, 20.393, 20.393], [24, 0, 0], [26, 0, 0], [28, 0, 0], [30, 22.305, 22.305],
  [32, 9.256, 9.256], [34, 10.719, 1.463], [36, 11.865, 1.146], [38, 11.427, 0.438], [40, 22.306, 10.879], [42, 3.618, 3.618],
  [44, 4.474, 0.857], [46, 4.997, 0.523], [48, 4.581, 0.416],
];

describe('SignalstatsChangeReader (scene measures without scdet)', () => {
  it("gives scdet's mafd and score for every intra frame of the same file", () => {
    const lines = YDIF_41.flatMap(([t, ydif], i) => [`${prefix}frame:${i}    pts:${t * 12800}   pts_time:${t}`, stats('YDIF', String(ydif))]);
    const { frames } = read(lines);
    expect(frames).toHaveLength(SCDET_51.length);
    for (const [i, [t, mafd, score]] of SCDET_51.entries()) {
      const frame = frames[i]!;
      expect(frame.t).toBe(t);
      // signalstats prints six significant digits, scdet three decimals: one unit in the last place apart at most.
      expect(Math.abs(frame.mafd - mafd), `mafd at ${t}`).toBeLessThanOrEqual(0.0015);
      expect(Math.abs(frame.score - score), `score at ${t}`).toBeLessThanOrEqual(0.0015);
    }
    // Hence the same decisions: the cuts at 12, 21 (seen at 22), 30 and 39 (seen at 40), nothing else.
    expect(frames.filter((frame) => isSceneChange(frame)).map((frame) => frame.t)).toEqual([12, 22, 30, 40]);
  });

  it('reads YDIF among all the other keys signalstats prints, and claims every one of them', () => {
    const keys = ['YMIN=7', 'YLOW=19', 'YAVG=96.3785', 'YHIGH=180', 'YMAX=236', 'UAVG=132.941', 'SATAVG=54.1753', 'HUEAVG=201.457', 'YDIF=76.1311', 'UDIF=68.5087', 'VDIF=71.7396', 'YBITDEPTH=8'];
    const lines = [
      `${prefix}frame:5    pts:128000  pts_time:10`,
      stats('YDIF', '9.68924'),
      `${prefix}frame:6    pts:153600  pts_time:12`,
      ...keys.map((pair) => `${prefix}lavfi.signalstats.${pair}`),
      'frame=   25 fps=0.0 q=-0.0 Lsize=N/A time=00:00:48.00 bitrate=N/A speed= 152x',
      'Output file #0 does not contain any stream',
    ];
    const { frames, consumed } = read(lines);
    expect(consumed).toEqual([...lines.slice(0, -2).map(() => true), false, false]);
    // The first frame has nothing before it: its score is its mafd, as scdet's is.
    expect(frames).toEqual([
      { t: 10, mafd: 3.785, score: 3.785 },
      { t: 12, mafd: 29.739, score: 25.954 },
    ]);
  });

  it('keeps a frame without a timestamp as the previous frame of the next, without emitting it', () => {
    const { frames } = read([
      `${prefix}frame:0    pts:NOPTS   pts_time:NOPTS`,
      stats('YDIF', '51.2'),
      `${prefix}frame:1    pts:51200   pts_time:4`,
      stats('YDIF', '51.2'),
    ]);
    // 51.2 of 256 is 20 %; the same difference twice is no sudden change.
    expect(frames).toEqual([{ t: 4, mafd: 20, score: 0 }]);
  });

  it('reads exponent notation and treats a missing or unreadable YDIF as no difference', () => {
    const { frames } = read([
      `${prefix}frame:0    pts:0   pts_time:1`,
      stats('YDIF', '2.56e-05'),
      `${prefix}frame:1    pts:0   pts_time:2`,
      stats('YDIF', 'nan'),
      `${prefix}frame:2    pts:0   pts_time:3`,
    ]);
    expect(frames.map((frame) => frame.mafd)).toEqual([0, 0, 0]);
    expect(frames.map((frame) => frame.t)).toEqual([1, 2, 3]);
  });

  it('ignores values before any frame line and emits each frame once however often it is flushed', () => {
    const frames: KeyframeChange[] = [];
    const reader = new SignalstatsChangeReader((frame) => frames.push(frame));
    expect(reader.consume(stats('YDIF', '99'))).toBe(true);
    reader.consume(`${prefix}frame:0    pts:0       pts_time:1.5`);
    reader.flush();
    reader.flush();
    expect(frames).toEqual([{ t: 1.5, mafd: 0, score: 0 }]);
  });
});
