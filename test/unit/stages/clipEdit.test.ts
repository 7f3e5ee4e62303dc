/** Clip edits and reviews through the real handlers on the in-memory store (media and images are doubles). */
import { describe, expect, it } from 'vitest';
import { filterCatalog } from '../../../shared/core/catalog/index.js';
import { showKeys } from '../../../shared/core/keys.js';
import { catalogFileSchema, clipMetaSchema } from '../../../shared/pipeline/artifacts.js';
import { requestClipEdit, reviewClip } from '../../../shared/pipeline/clipEdits.js';
import { exportTranscript, importTranscript } from '../../../shared/pipeline/transcriptFix.js';
import type { MessageOf } from '../../../shared/pipeline/messages.js';
import { runShowUntil, runStage, runUntil, SHOW_ID, storedJson } from '../../helpers/memoryShow.js';
import { stageContextPerTest } from '../../helpers/stageDoubles.js';

const keys = showKeys(SHOW_ID);

describe('clip edits and reviews', () => {
  let clipId: string;
  const context = stageContextPerTest(async (fresh) => {
    const [first] = (await runShowUntil(fresh, 'report')) as MessageOf<'report'>[];
    expect(first).toBeDefined();
    const { highlights } = await storedJson(fresh.storage, keys.highlights);
    clipId = highlights[0].id;
  });
  const meta = async () => clipMetaSchema.parse(await storedJson(context().storage, keys.clipMeta(clipId)));

  it('re-renders an edit from the recording as version 2 in its own folder, then drops version 1 and refreshes the catalog', async () => {
    const before = await meta();
    const renders = context().media.renders.length;
    const { message } = await requestClipEdit(context().storage, {
      showId: SHOW_ID,
      clipId,
      changes: { start: before.start - 20, end: before.end + 3, title: 'The mug survives the drop' },
      captionsText: '1\n00:00:00,500 --> 00:00:03,000\nfixed caption text\n',
      now: new Date('2026-12-04T12:00:00Z'),
    });
    expect(message).toEqual({ stage: 'clip', showId: SHOW_ID, clipId, version: 2 });
    const messages = await runUntil(message, context());
    expect(messages).toEqual([]);

    const render = context().media.renders[renders];
    expect(render?.timeline).toEqual([{ start: before.start - 20, end: before.end + 3 }]);
    expect(render?.source).toBe('memory:recordings/unit-show/recording.mp4');
    const after = await meta();
    expect(after).toMatchObject({ version: 2, start: before.start - 20, end: before.end + 3, title: 'The mug survives the drop', copyBy: 'edited' });
    expect(after.history).toEqual([{ version: 2, at: '2026-12-04T12:00:00.000Z', changed: ['start', 'end', 'title', 'captions'] }]);
    expect(after.variants.every((variant) => variant.file.includes(`/clips/${clipId}/v2/`))).toBe(true);
    expect((await context().storage.get(after.files.captions)).toString('utf8')).toMatch(/00:00:00,500 --> 00:00:03,000\nfixed caption text/);
    // Version 1's files are gone; the edit records stay.
    for (const variant of before.variants) expect(await context().storage.head(variant.file)).toBeUndefined();
    expect(await context().storage.head(keys.clipEdit(clipId, 2))).toBeDefined();
    const catalog = catalogFileSchema.parse(await storedJson(context().storage, keys.catalog));
    expect(catalog.entries.find((entry) => entry.clipId === clipId)).toMatchObject({ version: 2, title: 'The mug survives the drop', review: { status: 'pending' } });

    // Redelivered: nothing rendered again.
    const count = context().media.renders.length;
    expect(await runStage(message, context())).toEqual({ next: [{ stage: 'catalog', showId: SHOW_ID }], summary: { reused: true, version: 2 } });
    expect(context().media.renders.length).toBe(count);
  });

  it('lays a second edit over the first, each with its own version', async () => {
    const first = await requestClipEdit(context().storage, { showId: SHOW_ID, clipId, changes: { title: 'One' } });
    const second = await requestClipEdit(context().storage, { showId: SHOW_ID, clipId, changes: { hashtags: ['#Mug'] } });
    expect([first.edit.version, second.edit.version]).toEqual([2, 3]);
    expect(second.edit.changes).toMatchObject({ title: 'One', hashtags: ['#Mug'] });
    await runUntil(second.message, context());
    expect(await meta()).toMatchObject({ version: 3, title: 'One', hashtags: ['#Mug'] });
  });

  it('gives two edits sent at once two versions, the later laid over the earlier', async () => {
    const [a, b] = await Promise.all([
      requestClipEdit(context().storage, { showId: SHOW_ID, clipId, changes: { title: 'From A' } }),
      requestClipEdit(context().storage, { showId: SHOW_ID, clipId, changes: { description: 'From B' } }),
    ]);
    expect([a.edit.version, b.edit.version].sort()).toEqual([2, 3]);
    const later = a.edit.version === 3 ? a.edit : b.edit;
    expect(later.changes).toMatchObject({ title: 'From A', description: 'From B' });
  });

  it('refuses a span outside the recording, an unknown clip, empty captions and an empty edit, writing nothing', async () => {
    const request = (changes: object, extra: object = {}) => requestClipEdit(context().storage, { showId: SHOW_ID, clipId, changes, ...extra });
    await expect(request({ end: 10_000 })).rejects.toThrow(/outside the recording \(0-120\.00 s\)/);
    await expect(request({ start: 50, end: 40 })).rejects.toThrow(/must come after the start/);
    await expect(request({}, { captionsText: 'not captions' })).rejects.toThrow(/has no cues/);
    await expect(request({})).rejects.toThrow(/nothing to change/);
    await expect(requestClipEdit(context().storage, { showId: SHOW_ID, clipId: 'h0000000000', changes: { title: 'x' } })).rejects.toMatchObject({ name: 'InputError' });
    expect(await context().storage.list(keys.clipEdits(clipId))).toEqual([]);
  });

  it('puts a review in the catalog, filters by it, and sends an edited clip back to pending', async () => {
    const { message } = await reviewClip(context().storage, { showId: SHOW_ID, clipId, status: 'approved', note: 'ship it' });
    await runUntil(message, context());
    const entry = async () => catalogFileSchema.parse(await storedJson(context().storage, keys.catalog)).entries.find((candidate) => candidate.clipId === clipId);
    expect((await entry())?.review).toMatchObject({ status: 'approved', note: 'ship it' });
    const catalog = catalogFileSchema.parse(await storedJson(context().storage, keys.catalog));
    expect(filterCatalog(catalog.entries, { status: 'approved' }).map((candidate) => candidate.clipId)).toEqual([clipId]);
    expect(filterCatalog(catalog.entries, { status: 'pending' }).map((candidate) => candidate.clipId)).not.toContain(clipId);

    await runUntil((await requestClipEdit(context().storage, { showId: SHOW_ID, clipId, changes: { title: 'Changed after approval' } })).message, context());
    expect((await entry())?.review).toEqual({ status: 'pending' });
  });

  it('imports a corrected transcript: trusted from then on, the original kept, every clip re-rendered from it, topics recomputed', async () => {
    const exported = await exportTranscript(context().storage, SHOW_ID, 'srt');
    expect(exported).toMatch(/-->/);
    const vtt = await exportTranscript(context().storage, SHOW_ID, 'vtt');
    expect(vtt.startsWith('WEBVTT\n')).toBe(true);
    const fixed = '1\n00:01:00,500 --> 00:01:05,000\nthe corrected words\n';
    await expect(importTranscript(context().storage, SHOW_ID, '1\n00:09:00,000 --> 00:09:05,000\nlate\n', 'late.srt')).rejects.toThrow(/past the recording's end/);
    const { messages } = await importTranscript(context().storage, SHOW_ID, fixed, 'fixed.srt', new Date('2026-12-04T12:00:00Z'));
    expect(messages.map((message) => message.stage)).toEqual(['clip', 'clip', 'suggest']);
    const transcript = await storedJson(context().storage, keys.transcript);
    expect(transcript).toMatchObject({ engine: 'captions', segments: [{ text: 'the corrected words', reliable: true }] });
    expect(transcript.note).toMatch(/corrected by hand \(fixed\.srt/);
    expect(await context().storage.head(keys.transcriptOriginal)).toBeDefined();
    for (const message of messages) await runUntil(message, context());
    expect((await meta()).history.at(-1)).toMatchObject({ version: 2, changed: ['transcript'] });
  });
});
