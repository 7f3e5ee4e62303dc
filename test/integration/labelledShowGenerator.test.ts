import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseCaptions } from '../../shared/core/inputs/captions.js';
import { parseChatLog } from '../../shared/core/inputs/chatLog.js';
import { parseMetricsCsv } from '../../shared/core/inputs/metricsCsv.js';
import { parseProducts } from '../../shared/core/inputs/products.js';
import { LABELLED_SHOW_FILES, LABELLED_SHOW_GENERATOR_VERSION } from '../../scripts/labelledShows/renderSignals.js';
import { generateLabelledSet, type GeneratedSetSummary } from '../../scripts/labelledShows/writeLabelledSet.js';
import { hashLabelledSet } from '../helpers/labelledSetHash.js';

const SET = { count: 3, seed: 7, minMinutes: 5, maxMinutes: 8, languages: ['en', 'zh'] as ('en' | 'zh')[] };

const timeRange = z.object({ start: z.number().min(0), end: z.number().min(0) }).refine((r) => r.end > r.start);
const showSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/),
  language: z.enum(['en', 'zh']),
  duration: z.number().positive(),
  source: z.literal('generated'),
  generator: z.object({ name: z.literal('labelled-shows'), version: z.literal(LABELLED_SHOW_GENERATOR_VERSION), seed: z.number().int(), chatRate: z.number().positive() }).loose(),
});
const labelsSchema = z.array(z.object({ start: z.number(), end: z.number(), kind: z.string().min(1) }).strict());
const signalsSchema = z.object({
  duration: z.number().positive(),
  integratedLufs: z.number(),
  loudness: z.array(z.number().min(-70)),
  silences: z.array(timeRange),
  sceneChanges: z.array(z.number().min(0)),
});
const chatLineSchema = z
  .object({
    t: z.number().min(0),
    user: z.string().min(1),
    text: z.string().min(1),
    kind: z.enum(['paid', 'gift']).optional(),
    amount: z.number().positive().optional(),
    currency: z.enum(['USD', 'CNY']).optional(),
  })
  .strict()
  .refine((line) => (line.kind === undefined) === (line.amount === undefined && line.currency === undefined), 'amount and currency go with a kind');
const truthSchema = z.object({
  moments: z.array(z.object({ start: z.number(), end: z.number(), kind: z.string(), signals: z.array(z.string()).min(3), strength: z.number() }).loose()),
  distractors: z.array(z.object({ start: z.number(), end: z.number(), kind: z.string(), signals: z.array(z.string()).min(1) }).loose()),
});


describe('generateLabelledSet', () => {
  let first: string;
  let second: string;
  let summary: GeneratedSetSummary;

  beforeAll(async () => {
    first = await mkdtemp(join(tmpdir(), 'labelled-a-'));
    second = await mkdtemp(join(tmpdir(), 'labelled-b-'));
    summary = await generateLabelledSet({ outDir: first, ...SET });
    await generateLabelledSet({ outDir: second, ...SET });
  });

  afterAll(async () => {
    await rm(first, { recursive: true, force: true });
    await rm(second, { recursive: true, force: true });
  });

  it('writes byte-identical sets for the same options', async () => {
    expect(await hashLabelledSet(first)).toBe(await hashLabelledSet(second));
  });

  it('writes one directory per show with every file of the format', async () => {
    expect(summary.shows).toHaveLength(3);
    expect((await readdir(first)).sort()).toEqual(summary.shows.map((s) => s.id).sort());
    expect(summary.shows.map((s) => s.language)).toEqual(['en', 'zh', 'en']);
    for (const show of summary.shows) {
      expect(show.durationSeconds).toBeGreaterThanOrEqual(300);
      expect(show.durationSeconds).toBeLessThanOrEqual(480);
      expect((await readdir(show.dir)).sort()).toEqual([...LABELLED_SHOW_FILES].sort());
    }
  });

  it('writes files the product parsers and the harness shapes accept', async () => {
    const kinds = { paid: 0, gift: 0 };
    for (const { dir, id, moments, durationSeconds } of summary.shows) {
      const read = (name: string) => readFile(join(dir, name), 'utf8');
      const show = showSchema.parse(JSON.parse(await read('show.json')));
      expect(show.id).toBe(id);
      expect(show.duration).toBe(durationSeconds);

      const labels = labelsSchema.parse(JSON.parse(await read('labels.json')));
      expect(labels).toHaveLength(moments);
      expect(labels.map((l) => l.start)).toEqual([...labels.map((l) => l.start)].sort((a, b) => a - b));
      for (const label of labels) {
        expect(label.end - label.start).toBeGreaterThanOrEqual(20 - 1e-6);
        expect(label.end - label.start).toBeLessThanOrEqual(45 + 1e-6);
      }

      const signals = signalsSchema.parse(JSON.parse(await read('signals.json')));
      expect(signals.duration).toBe(show.duration);
      expect(signals.loudness).toHaveLength(Math.ceil(show.duration));

      const cues = parseCaptions(await read('captions.srt'), 'captions.srt');
      expect(cues.length).toBeGreaterThan(show.duration / 10);
      expect(cues.every((c) => c.end > c.start && c.text.length > 0)).toBe(true);

      const chat = (await read('chat.jsonl')).trimEnd().split('\n').map((line) => chatLineSchema.parse(JSON.parse(line)));
      expect(chat.map((m) => m.t)).toEqual([...chat.map((m) => m.t)].sort((a, b) => a - b));
      // Paid messages and gifts are there, and the product's chat parser reads them as such, amounts included.
      const parsed = parseChatLog(await read('chat.jsonl'), 'chat.jsonl');
      expect(parsed.report.skipped).toBe(0);
      expect(parsed.report.kinds.paid).toBe(chat.filter((m) => m.kind === 'paid').length);
      kinds.paid += parsed.report.kinds.paid ?? 0;
      kinds.gift += parsed.report.kinds.gift ?? 0;
      expect(parsed.messages.filter((m) => m.kind !== 'message').every((m) => (m.amount ?? 0) > 0 && m.currency !== undefined)).toBe(true);

      const metricsText = await read('metrics.csv');
      expect(metricsText.split('\n')[0]).toBe('t,viewers,orders,gmv');
      const metrics = parseMetricsCsv(metricsText, 'metrics.csv');
      expect(metrics.report.skipped).toBe(0);
      expect(metrics.points.map((p) => p.t)).toEqual(metrics.points.map((_, i) => i * 10));

      const products = JSON.parse(await read('products.json')) as { price: number }[];
      expect(parseProducts(JSON.stringify(products), 'products.json').length).toBe(products.length);
      expect(products.every((p) => p.price > 0)).toBe(true);

      const truth = truthSchema.parse(JSON.parse(await read('truth.json')));
      expect(truth.moments.map(({ start, end, kind }) => ({ start, end, kind }))).toEqual(labels);
    }
    expect(kinds.paid).toBeGreaterThan(0);
    expect(kinds.gift).toBeGreaterThan(0);
  });

  it('rejects invalid options with the field that is wrong', async () => {
    await expect(generateLabelledSet({ outDir: first, minMinutes: 10, maxMinutes: 5 })).rejects.toThrow(/minMinutes/);
  });
});
