import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSampleShow, readCachedSampleShow, type SampleShow } from '../../scripts/sampleShow.js';
import {
  ffprobeDuration,
  makeAudioOnly,
  makeRandomBytesFile,
  makeSpeechWav,
  makeToneVideo,
  makeTruncatedMp4,
  makeZeroByteFile,
  probe,
} from '../helpers/media.js';

const execFileAsync = promisify(execFile);

interface ChatRow {
  t: number;
  user: string;
  text: string;
  kind?: 'paid' | 'gift';
  amount?: number;
  currency?: string;
}

/** Parses chat.jsonl the way the product must: malformed lines are skipped and counted. */
async function readChat(path: string): Promise<{ rows: ChatRow[]; skipped: number }> {
  const rows: ChatRow[] = [];
  let skipped = 0;
  for (const line of (await readFile(path, 'utf8')).split('\n')) {
    if (line.trim() === '') continue;
    try {
      const row = JSON.parse(line) as Partial<ChatRow>;
      if (typeof row.t !== 'number') throw new Error('missing t');
      rows.push(row as ChatRow);
    } catch {
      skipped++;
    }
  }
  return { rows, skipped };
}

async function readMetrics(path: string): Promise<{ t: number; orders: number; gmv: number }[]> {
  const [header, ...lines] = (await readFile(path, 'utf8')).trim().split('\n');
  expect(header).toBe('t,viewers,likes,orders,gmv');
  return lines.map((l) => {
    const [t, , , orders, gmv] = l.split(',').map(Number);
    return { t: t ?? NaN, orders: orders ?? NaN, gmv: gmv ?? NaN };
  });
}

interface Cue {
  start: number;
  end: number;
  text: string;
}

async function readSrt(path: string): Promise<Cue[]> {
  const seconds = (s: string): number => {
    const [h, m, rest] = s.split(':');
    return Number(h) * 3600 + Number(m) * 60 + Number((rest ?? '').replace(',', '.'));
  };
  return (await readFile(path, 'utf8'))
    .trim()
    .split(/\n\n+/)
    .map((block) => {
      const [, times, ...text] = block.split('\n');
      const [a, b] = (times ?? '').split(' --> ');
      return { start: seconds(a ?? ''), end: seconds(b ?? ''), text: text.join(' ') };
    });
}

/** Integrated loudness (LUFS) of [start, start + seconds) of the recording's audio. */
async function loudness(path: string, start: number, seconds: number): Promise<number> {
  const { stderr } = await execFileAsync('ffmpeg', [
    '-hide_banner', '-nostats', '-ss', String(start), '-t', String(seconds), '-i', path,
    '-vn', '-af', 'ebur128', '-f', 'null', '-',
  ]);
  const readings = [...stderr.matchAll(/I:\s+(-?[\d.]+) LUFS/g)];
  return Number(readings.at(-1)?.[1]);
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }, pad = 0): boolean =>
  a.start < b.end + pad && a.end > b.start - pad;

describe('generateSampleShow (1-minute en and zh samples)', () => {
  let root = '';
  const shows: Record<'en' | 'zh', SampleShow> = {} as Record<'en' | 'zh', SampleShow>;
  let enAgain: SampleShow;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'postshow-sample-test-'));
    const [en, zh] = await Promise.all([
      generateSampleShow({ outDir: join(root, 'en'), minutes: 1, language: 'en', seed: 11 }),
      generateSampleShow({ outDir: join(root, 'zh'), minutes: 1, language: 'zh', seed: 12 }),
    ]);
    shows.en = en;
    shows.zh = zh;
    enAgain = await generateSampleShow({ outDir: join(root, 'en-again'), minutes: 1, language: 'en', seed: 11 });
  });

  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it.each(['en', 'zh'] as const)('%s recording is 60 s of 640x360 H.264 with AAC audio', async (lang) => {
    const show = shows[lang];
    const info = await probe(show.recording);
    const video = info.streams.find((s) => s.codec_type === 'video');
    const audio = info.streams.find((s) => s.codec_type === 'audio');
    expect(video).toMatchObject({ codec_name: 'h264', width: 640, height: 360 });
    expect(audio).toMatchObject({ codec_name: 'aac', sample_rate: '48000', channels: 2 });
    expect(show.durationSeconds).toBe(60);
    expect(Math.abs((await ffprobeDuration(show.recording)) - 60)).toBeLessThanOrEqual(1);
  });

  it.each(['en', 'zh'] as const)('%s labels are planted windows of 15-30 s inside the show', async (lang) => {
    const show = shows[lang];
    const labels = JSON.parse(await readFile(show.labels, 'utf8')) as SampleShow['planted'];
    expect(labels).toEqual(show.planted);
    expect(labels.length).toBeGreaterThanOrEqual(1);
    for (const label of labels) {
      expect(label.kind).toBe('planted');
      expect(label.end - label.start).toBeGreaterThanOrEqual(15);
      expect(label.end - label.start).toBeLessThanOrEqual(30);
      expect(label.end).toBeLessThanOrEqual(show.durationSeconds);
      for (const decoy of show.distractors) expect(overlaps(label, decoy)).toBe(false);
    }
    const products = JSON.parse(await readFile(show.products, 'utf8')) as { name: string; aliases: string[] }[];
    expect(products.length).toBeGreaterThanOrEqual(2);
    expect(products.map((p) => p.name)).toContain(labels[0]?.product);
  });

  it.each(['en', 'zh'] as const)('%s chat bursts 2-6 s after each planted moment; 2 malformed lines', async (lang) => {
    const show = shows[lang];
    const { rows, skipped } = await readChat(show.chat);
    expect(skipped).toBe(2);
    const busy = [...show.planted, ...show.distractors];
    const background = rows.filter((r) => !busy.some((w) => r.t >= w.start - 1 && r.t < w.end + 1));
    const quietSeconds = show.durationSeconds - busy.reduce((s, w) => s + (w.end - w.start + 2), 0);
    const backgroundRate = background.length / quietSeconds;
    expect(backgroundRate).toBeGreaterThan(0.1);
    expect(backgroundRate).toBeLessThan(0.6);
    for (const label of show.planted) {
      const inWindow = rows.filter((r) => r.t >= label.start && r.t <= label.end);
      const rate = inWindow.length / (label.end - label.start);
      expect(inWindow.length).toBeGreaterThanOrEqual(30);
      expect(rate).toBeGreaterThan(5 * backgroundRate);
      // The burst starts 2-6 s after the host's line: the first 2 s stay near background level.
      const early = rows.filter((r) => r.t >= label.start && r.t < label.start + 2).length;
      expect(early).toBeLessThanOrEqual(3);
    }
    for (const decoy of show.distractors.filter((d) => d.kind === 'loud-empty')) {
      expect(rows.filter((r) => r.t >= decoy.start && r.t < decoy.end)).toHaveLength(0);
    }
    // The audience spends in planted moments only: 2-3 paid messages and 4-6 gifts each, with amounts.
    const spending = rows.filter((r) => r.kind !== undefined);
    expect(spending.every((r) => show.planted.some((p) => r.t >= p.start && r.t <= p.end))).toBe(true);
    expect(spending.every((r) => (r.amount ?? 0) > 0 && r.currency === (lang === 'en' ? 'USD' : 'CNY'))).toBe(true);
    for (const label of show.planted) {
      const inWindow = spending.filter((r) => r.t >= label.start && r.t <= label.end);
      expect(inWindow.filter((r) => r.kind === 'paid').length).toBeGreaterThanOrEqual(2);
      expect(inWindow.filter((r) => r.kind === 'gift').length).toBeGreaterThanOrEqual(4);
    }
  });

  it.each(['en', 'zh'] as const)('%s metrics jump by 20-60 orders per planted moment', async (lang) => {
    const show = shows[lang];
    const rows = await readMetrics(show.metrics);
    expect(rows[0]?.t).toBe(0);
    expect(rows.every((r, i) => i === 0 || r.t - (rows[i - 1]?.t ?? 0) === 5)).toBe(true);
    expect(rows.every((r, i) => i === 0 || r.orders >= (rows[i - 1]?.orders ?? 0))).toBe(true);
    for (const label of show.planted) {
      const before = rows.filter((r) => r.t <= label.start).at(-1);
      const after = rows.find((r) => r.t >= label.start + 15);
      expect(before).toBeDefined();
      expect(after).toBeDefined();
      const jump = (after?.orders ?? 0) - (before?.orders ?? 0);
      expect(jump).toBeGreaterThanOrEqual(20);
      expect(jump).toBeLessThanOrEqual(60 + 6); // plus at most 2 background orders per 5-s row
      expect(after?.gmv ?? 0).toBeGreaterThan(before?.gmv ?? 0);
    }
  });

  it.each(['en', 'zh'] as const)('%s planted moments are louder than ordinary talk', async (lang) => {
    const show = shows[lang];
    const cues = await readSrt(show.captions);
    // Chat spam is silent on the audio track; only planted moments and the loud decoy change the loudness.
    const loud = [...show.planted, ...show.distractors.filter((d) => d.kind === 'loud-empty')];
    const calm = cues.find((c) => c.end - c.start >= 3 && !loud.some((w) => overlaps(c, w, 1)));
    expect(calm).toBeDefined();
    const normal = await loudness(show.recording, calm?.start ?? 0, 4);
    const planted = show.planted[0]!;
    const excited = await loudness(show.recording, planted.start, 6);
    // Ordinary speech is mixed to about -20 LUFS; the excited host plus the crowd is several LU above it.
    expect(normal).toBeGreaterThan(-26);
    expect(normal).toBeLessThan(-14);
    expect(excited - normal).toBeGreaterThanOrEqual(4);
    // The excited line is in the captions, at the labelled start.
    expect(cues.some((c) => Math.abs(c.start - planted.start) < 0.01)).toBe(true);
  });

  it('is byte-identical when generated twice with the same seed', async () => {
    for (const key of ['chat', 'metrics', 'labels', 'captions', 'products', 'recording'] as const) {
      const a = await readFile(shows.en[key]);
      const b = await readFile(enAgain[key]);
      expect(a.equals(b), `${key} differs`).toBe(true);
    }
  });

  it('reuses a sample only when params.json matches', async () => {
    const opts = { outDir: join(root, 'en'), minutes: 1, language: 'en', seed: 11 } as const;
    expect((await readCachedSampleShow(opts))?.planted).toEqual(shows.en.planted);
    expect(await readCachedSampleShow({ ...opts, seed: 12 })).toBeUndefined();
    expect(await readCachedSampleShow({ ...opts, width: 320, height: 180 })).toBeUndefined();
  });
});

describe('test media helpers', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'postshow-media-test-'));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('makes a tone video with and without audio', async () => {
    const withAudio = await probe(await makeToneVideo(dir, { seconds: 2, width: 160, height: 90 }));
    expect(withAudio.streams.map((s) => s.codec_type).sort()).toEqual(['audio', 'video']);
    expect(withAudio.streams.find((s) => s.codec_type === 'video')).toMatchObject({ width: 160, height: 90 });
    const silent = await probe(await makeToneVideo(dir, { seconds: 2, withAudio: false }));
    expect(silent.streams.map((s) => s.codec_type)).toEqual(['video']);
  });

  it.each(['m4a', 'mp3', 'wav'] as const)('makes %s audio of the requested length', async (format) => {
    const path = await makeAudioOnly(dir, format, 2);
    const info = await probe(path);
    expect(info.streams.map((s) => s.codec_type)).toEqual(['audio']);
    expect(Math.abs((await ffprobeDuration(path)) - 2)).toBeLessThan(0.1);
  });

  it('makes espeak-ng speech', async () => {
    const path = await makeSpeechWav(dir, 'the serum ships worldwide', 'en-us');
    expect(await ffprobeDuration(path)).toBeGreaterThan(0.5);
  });

  it('makes broken inputs that ffprobe rejects', async () => {
    const empty = await makeZeroByteFile(dir, 'empty.mp4');
    expect((await readFile(empty)).length).toBe(0);
    const random = await makeRandomBytesFile(dir, 'noise', 4096);
    expect(random.endsWith('noise.mp4')).toBe(true);
    expect((await readFile(await makeRandomBytesFile(dir, 'noise-again.mp4', 4096))).equals(await readFile(random))).toBe(
      true,
    );
    const truncated = await makeTruncatedMp4(dir);
    for (const path of [empty, random, truncated]) await expect(probe(path)).rejects.toThrow(/ffprobe failed/);
  });
});
