/**
 * The whole pipeline on a generated show (real ffmpeg, espeak-ng speech, chat, metrics, products),
 * checked through its real outputs with ffprobe and pixel reads.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SampleShow } from '../../scripts/sampleShow.js';
import { showKeys, showPrefix } from '../../shared/core/keys.js';
import { parseExact } from '../../shared/core/schemas/parseExact.js';
import { extractFrame, variantFile, whiteShareInBand } from '../helpers/frames.js';
import { probe } from '../helpers/media.js';
import { covers, makeWorkspace, runShow, sampleShow } from '../helpers/pipelineFixture.js';
import { storedSchemaOf } from '../helpers/storedArtifacts.js';

const execFileAsync = promisify(execFile);

describe('pipeline on a generated English show with captions, chat, metrics and products', () => {
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  let sample: SampleShow;
  let run: Awaited<ReturnType<typeof runShow>>;

  beforeAll(async () => {
    workspace = await makeWorkspace();
    sample = await sampleShow('pipeline-en', { minutes: 2.5, language: 'en', seed: 7, width: 480, height: 270 });
    run = await runShow(workspace.dir, {
      recordingPath: sample.recording,
      sideInputs: { chat: sample.chat, metrics: sample.metrics, products: sample.products, captions: sample.captions },
      options: { maxClips: 4, minClipSeconds: 10, maxClipSeconds: 30 },
    });
  });
  afterAll(() => workspace?.cleanup());

  it('succeeds, with every stage recorded in status.json', async () => {
    expect(run.deadLetters).toEqual([]);
    expect(run.status.state).toBe('succeeded');
    const status = await run.readJson(showKeys(run.showId).status);
    for (const stage of ['ingest', 'audio', 'transcribe', 'analyze', 'clip', 'suggest', 'catalog', 'report']) {
      expect(status.stages[stage].state, stage).toBe('succeeded');
    }
  });

  it('stores every JSON file exactly as its schema describes it: no unknown field, none missing', async () => {
    const prefix = showPrefix(run.showId);
    const stored = (await run.pipeline.storage.list(prefix)).filter((key) => key.endsWith('.json')).map((key) => key.slice(prefix.length));
    expect(stored).toEqual(expect.arrayContaining(['manifest.json', 'analysis.json', 'highlights.json', 'topic-evidence.json', 'topics.json', 'review.json', 'plan.json', 'catalog.json']));
    for (const file of stored) {
      const schema = storedSchemaOf(file);
      expect(schema, `${file}: no schema in test/helpers/storedArtifacts.ts`).toBeDefined();
      const checked = parseExact(schema!, await run.readJson(`${prefix}${file}`));
      expect(checked.success ? [] : checked.problems, file).toEqual([]);
    }
  });

  it('uses the captions as the transcript and says so', async () => {
    const transcript = await run.readJson(showKeys(run.showId).transcript);
    expect(transcript.engine).toBe('captions');
    expect(transcript.segments.length).toBeGreaterThan(5);
  });

  it('finds every planted moment among the highlights, each explained by its signals', async () => {
    const { highlights } = await run.readJson(showKeys(run.showId).highlights);
    for (const planted of sample.planted) {
      expect(highlights.some((h: { start: number; end: number }) => covers(h, planted)), `planted ${planted.start}-${planted.end}`).toBe(true);
    }
    for (const highlight of highlights) {
      expect(highlight.signals.length).toBeGreaterThan(0);
      expect(highlight.end - highlight.start).toBeGreaterThanOrEqual(10 - 0.01);
      expect(highlight.end - highlight.start).toBeLessThanOrEqual(30 + 0.01);
    }
  });

  it('flags the malformed chat lines as skipped, not fatal', async () => {
    const manifest = await run.readJson(showKeys(run.showId).manifest);
    expect(manifest.inputs.chat.report.skipped).toBeGreaterThanOrEqual(2);
    expect(manifest.inputs.chat.report.accepted).toBeGreaterThan(50);
  });

  it("renders each clip in the source's 16:9 and in 9:16, equally long, the sizes meta.json records, with audio", async () => {
    const { highlights } = await run.readJson(showKeys(run.showId).highlights);
    expect(highlights.length).toBeGreaterThanOrEqual(sample.planted.length);
    for (const highlight of highlights) {
      const meta = await run.readJson(showKeys(run.showId).clipMeta(highlight.id));
      const expected = highlight.end - highlight.start;
      const horizontal = await probe(run.pathOf(variantFile(meta, '16:9')));
      const vertical = await probe(run.pathOf(variantFile(meta, '9:16')));
      expect(Number(horizontal.format.duration)).toBeGreaterThan(expected - 0.15);
      expect(Number(horizontal.format.duration)).toBeLessThan(expected + 0.15);
      const video = vertical.streams.find((s) => s.codec_type === 'video');
      const audio = vertical.streams.find((s) => s.codec_type === 'audio');
      // The 9:16 of a small source is rendered smaller than 1080x1920 rather than upscaled past 2x (variantSize).
      const recorded = meta.variants.find((variant: { aspect: string }) => variant.aspect === '9:16');
      expect(video).toMatchObject({ codec_name: 'h264', width: recorded.width, height: recorded.height });
      expect(recorded.height / recorded.width).toBeCloseTo(16 / 9, 1);
      expect(horizontal.streams.find((s) => s.codec_type === 'video')).toMatchObject({ width: meta.variants.find((variant: { aspect: string }) => variant.aspect === '16:9').width });
      expect(audio?.codec_name).toBe('aac');
      expect(Number(vertical.format.duration)).toBeGreaterThan(expected - 0.15);
      expect(Number(vertical.format.duration)).toBeLessThan(expected + 0.15);

      // faststart: the moov atom precedes mdat, so players start before the download ends.
      const head = (await readFile(run.pathOf(variantFile(meta, '9:16')))).subarray(0, 64 * 1024).toString('latin1');
      expect(head.indexOf('moov')).toBeGreaterThan(-1);
      expect(head.indexOf('moov')).toBeLessThan(head.indexOf('mdat') === -1 ? Infinity : head.indexOf('mdat'));

      const thumbnail = await sharp(run.pathOf(meta.files.thumbnail)).metadata();
      expect(thumbnail.format).toBe('jpeg');
      expect(thumbnail.width).toBe(540);
      expect(thumbnail.height).toBe(960);
      expect(meta.captions).toMatchObject({ burned: true, source: 'captions', style: 'bold' });
    }
  });

  it('burns the captions into every shape, laid out for each', async () => {
    const { highlights } = await run.readJson(showKeys(run.showId).highlights);
    const highlight = highlights[0];
    const meta = await run.readJson(showKeys(run.showId).clipMeta(highlight.id));
    const cues = (await readFile(run.pathOf(meta.files.captions), 'utf8')).trim();
    const firstCue = /(\d\d):(\d\d):(\d\d),(\d\d\d) --> (\d\d):(\d\d):(\d\d),(\d\d\d)/.exec(cues);
    expect(firstCue).not.toBeNull();
    const toSeconds = (h: string, m: string, s: string, ms: string) => Number(h) * 3600 + Number(m) * 60 + Number(s) + Number(ms) / 1000;
    const [, h1, m1, s1, ms1, h2, m2, s2, ms2] = firstCue as RegExpExecArray;
    const at = (toSeconds(h1!, m1!, s1!, ms1!) + toSeconds(h2!, m2!, s2!, ms2!)) / 2;
    const verticalFrame = await extractFrame(run.pathOf(variantFile(meta, '9:16')), at, workspace.dir, 'vertical');
    const horizontalFrame = await extractFrame(run.pathOf(variantFile(meta, '16:9')), at, workspace.dir, 'horizontal');
    // The generated picture has no white; caption text is white, in the lower part of the frame, and each
    // shape has its own ASS beside the clip. The recording's own shape is the clean master: its captions are a
    // track (word for word the sidecar's), its picture has none burned.
    expect(await whiteShareInBand(verticalFrame, 0.55, 0.98)).toBeGreaterThan(0.002);
    expect(await whiteShareInBand(horizontalFrame, 0.55, 0.98)).toBeLessThan(0.0005);
    expect(meta.variants.map((variant: { aspect: string; captionsAs?: string }) => [variant.aspect, variant.captionsAs])).toEqual([
      ['9:16', 'burned'],
      ['16:9', 'track'],
    ]);
    const { stdout: track } = await execFileAsync('ffmpeg', ['-v', 'error', '-i', run.pathOf(variantFile(meta, '16:9')), '-map', '0:s:0', '-f', 'srt', '-']);
    // Each shape lays its lines out for its width, so compare words, not lines.
    const words = (text: string): string => text.replace(/^\d+$|^[\d:,]+ --> [\d:,]+$/gm, ' ').replace(/\s+/g, ' ').trim();
    expect(words(track)).toContain(words(cues).split(' ').slice(0, 4).join(' '));
    for (const variant of meta.variants) expect(await readFile(run.pathOf(variant.captions), 'utf8')).toMatch(/^Dialogue:/m);
  });

  it('writes topic suggestions with evidence, a catalog entry per clip and a self-contained report', async () => {
    const keys = showKeys(run.showId);
    const { topics } = await run.readJson(keys.topics);
    expect(topics.length).toBeGreaterThan(0);
    expect(topics.every((topic: { evidence: unknown[] }) => topic.evidence.length > 0)).toBe(true);
    expect(topics.some((topic: { kind: string }) => topic.kind === 'product')).toBe(true);
    expect(topics.some((topic: { kind: string }) => topic.kind === 'question')).toBe(true);

    const { entries } = await run.readJson(keys.catalog);
    const { highlights } = await run.readJson(keys.highlights);
    expect(entries.map((entry: { clipId: string }) => entry.clipId).sort()).toEqual(highlights.map((h: { id: string }) => h.id).sort());
    expect(entries.some((entry: { products: string[] }) => entry.products.length > 0)).toBe(true);

    const html = await readFile(run.pathOf(keys.report), 'utf8');
    expect(html).toContain('<svg');
    expect(html).toContain('data:image/jpeg;base64,');
    expect(html).not.toMatch(/(src|href)="https?:/);
    for (const highlight of highlights) expect(html).toContain(highlight.id);
  });
});
