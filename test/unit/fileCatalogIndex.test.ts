import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileCatalogIndex } from '../../shared/adapters/local/fileCatalogIndex.js';
import { FsStorage } from '../../shared/adapters/storage/fsStorage.js';
import { catalogEntrySchema, type CatalogEntry } from '../../shared/core/catalog/index.js';
import { InputError } from '../../shared/core/errors.js';
import { catalogFileSchema } from '../../shared/pipeline/artifacts.js';
import { writeJson } from '../../shared/pipeline/storageJson.js';

function entry(showId: string, clipId: string, score: number, language: 'en' | 'zh' = 'en'): CatalogEntry {
  const file = (name: string) => `shows/${showId}/clips/${clipId}/${name}`;
  return catalogEntrySchema.parse({
    clipId, showId, rank: 1, start: 0, end: 20, duration: 20, score, title: `clip ${clipId}`, description: '', hashtags: [], products: [], language,
    compliance: { status: 'clear', flags: [] },
    files: { thumbnail: file('t.jpg'), captions: file('c.srt'), meta: file('meta.json') },
    variants: [{ aspect: '9:16', width: 1080, height: 1920, file: file('9x16.mp4') }],
    signals: ['chatRate'], createdFrom: { recordingKey: `recordings/${showId}/recording.mp4`, transcriptEngine: 'captions' },
  });
}

describe('FileCatalogIndex (the local CatalogIndex: catalog.json files)', () => {
  let dir: string;
  let index: FileCatalogIndex;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'postshow-catalog-'));
    const storage = new FsStorage(dir);
    await writeJson(storage, 'shows/show-a/catalog.json', catalogFileSchema, { showId: 'show-a', runId: 'r0000000000a1', entries: [entry('show-a', 'a1', 3), entry('show-a', 'a2', 1)] });
    await writeJson(storage, 'shows/show-b/catalog.json', catalogFileSchema, { showId: 'show-b', runId: 'r0000000000b1', entries: [entry('show-b', 'b1', 2, 'zh')] });
    index = new FileCatalogIndex(storage);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('answers filters across shows, best first', async () => {
    expect((await index.query({})).entries.map((e) => e.clipId)).toEqual(['a1', 'b1', 'a2']);
    expect((await index.query({ language: 'zh' })).entries.map((e) => e.clipId)).toEqual(['b1']);
    expect((await index.query({})).cursor).toBeUndefined();
  });

  it('pages with an opaque cursor, every entry once', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await index.query({ limit: 2 }, cursor);
      seen.push(...page.entries.map((e) => e.clipId));
      cursor = page.cursor;
    } while (cursor);
    expect(seen).toEqual(['a1', 'b1', 'a2']);
  });

  it('rejects a cursor it did not issue', async () => {
    await expect(index.query({ limit: 1 }, 'not-a-cursor')).rejects.toBeInstanceOf(InputError);
  });
});
