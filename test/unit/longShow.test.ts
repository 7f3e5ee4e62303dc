import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cuesUntil, DEFAULT_LONG_SHOW, ensureLongShow, ensureLongShowCut, planLongShow, type LongShowParams } from '../../bench/longShow.js';
import { locateDanmakuLog } from '../../bench/longStreamCase.js';
import { parseCaptions } from '../../shared/core/inputs/captions.js';
import { detectLanguage } from '../../shared/core/text/index.js';

const execFileAsync = promisify(execFile);

describe('planLongShow', () => {
  const plan = planLongShow(DEFAULT_LONG_SHOW.seconds, DEFAULT_LONG_SHOW.seed);

  it('tiles the whole show with talk, song and break segments', () => {
    expect(plan.segments[0]?.start).toBe(0);
    expect(plan.segments.at(-1)?.end).toBe(DEFAULT_LONG_SHOW.seconds);
    for (const [i, segment] of plan.segments.entries()) {
      expect(segment.end).toBeGreaterThan(segment.start);
      if (i > 0) expect(segment.start).toBe(plan.segments[i - 1]?.end);
    }
    const kinds = new Set(plan.segments.map((segment) => segment.kind));
    expect(kinds).toEqual(new Set(['talk', 'song', 'break']));
    // Scene detection compares luma: neighbouring segments never share a brightness.
    for (let i = 1; i < plan.segments.length; i++) expect(plan.segments[i]?.brightness).not.toBe(plan.segments[i - 1]?.brightness);
  });

  it('lays out captions like speech: ordered, non-overlapping, a few seconds each, none during breaks', () => {
    const breaks = plan.segments.filter((segment) => segment.kind === 'break');
    for (const [i, cue] of plan.cues.entries()) {
      expect(cue.end).toBeGreaterThan(cue.start);
      expect(cue.end - cue.start).toBeLessThanOrEqual(7);
      if (i > 0) expect(cue.start - (plan.cues[i - 1]?.end ?? 0)).toBeGreaterThanOrEqual(0.15);
      expect(breaks.some((b) => cue.start < b.end && cue.end > b.start)).toBe(false);
    }
    // Four hours of a talk show: a cue every few seconds, reaching the end of the show.
    const perMinute = plan.cues.length / (DEFAULT_LONG_SHOW.seconds / 60);
    expect(perMinute).toBeGreaterThan(5);
    expect(perMinute).toBeLessThan(20);
    expect(plan.cues.at(-1)?.end).toBeGreaterThan(DEFAULT_LONG_SHOW.seconds - 60);
    expect(detectLanguage(plan.cues.slice(0, 200).map((cue) => cue.text))).toBe('zh');
  });

  it('is deterministic for a seed and different for another', () => {
    expect(planLongShow(3600, 7)).toEqual(planLongShow(3600, 7));
    expect(planLongShow(3600, 8).cues).not.toEqual(planLongShow(3600, 7).cues);
  });

  it('cuts the captions at a length, clipping the last cue', () => {
    const cut = cuesUntil(plan.cues, 3600);
    expect(cut.every((cue) => cue.start < 3600 && cue.end <= 3600)).toBe(true);
    expect(cut.length).toBe(plan.cues.filter((cue) => cue.start < 3600).length);
  });
});

describe('ensureLongShow (real ffmpeg, 2 minutes)', () => {
  const params: LongShowParams = { ...DEFAULT_LONG_SHOW, seconds: 120 };
  let cacheRoot: string;
  beforeAll(async () => {
    cacheRoot = await mkdtemp(path.join(os.tmpdir(), 'postshow-long-show-'));
  });
  afterAll(async () => {
    await rm(cacheRoot, { recursive: true, force: true });
  });

  async function probe(file: string): Promise<{ streams: { codec_type: string; width?: number; height?: number; channels?: number }[]; format: { duration: string } }> {
    const { stdout } = await execFileAsync('ffprobe', ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', file]);
    return JSON.parse(stdout) as Awaited<ReturnType<typeof probe>>;
  }

  it('renders the planned length as tiny H.264 video and mono AAC, with captions that parse, and reuses the cache', async () => {
    const first = await ensureLongShow(cacheRoot, params);
    expect(first.generatedMs).not.toBeNull();
    const info = await probe(first.show.recording);
    expect(Number(info.format.duration)).toBeCloseTo(120, 0);
    expect(info.streams.find((s) => s.codec_type === 'video')).toMatchObject({ width: 160, height: 90 });
    expect(info.streams.find((s) => s.codec_type === 'audio')).toMatchObject({ channels: 1 });
    const cues = parseCaptions(await readFile(first.show.captions, 'utf8'), 'captions.srt');
    expect(cues).toHaveLength(first.show.cues);

    const again = await ensureLongShow(cacheRoot, params);
    expect(again.generatedMs).toBeNull();
    expect(again.show).toEqual(first.show);
  });

  it('cuts the first minute of the same show by stream copy', async () => {
    const { show } = await ensureLongShowCut(cacheRoot, params, 60);
    const info = await probe(show.recording);
    expect(Number(info.format.duration)).toBeCloseTo(60, 0);
    const cues = parseCaptions(await readFile(show.captions, 'utf8'), 'captions.srt');
    expect(cues.at(-1)?.end).toBeLessThanOrEqual(60);
    expect(cues).toEqual(cuesUntil(planLongShow(120, params.seed).cues, 60));
  });
});

describe('locateDanmakuLog', () => {
  it('says why the long case cannot run when the log is not beside the repository', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'postshow-no-shared-'));
    try {
      const located = locateDanmakuLog(path.join(root, 'repo'));
      expect(located).toEqual({ skipped: expect.stringMatching(/danmaku log .*2020\.12\.12 嘉然 首播\.xml not found/) });
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
