import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FsStorage } from '../../shared/adapters/storage/fsStorage.js';
import { isPermanent } from '../../shared/core/errors.js';
import { transcriptSchema } from '../../shared/pipeline/artifacts.js';
import { OutputShapeError, readJson, writeJson } from '../../shared/pipeline/storageJson.js';

const KEY = 'shows/show-a/transcript.json';

describe('writeJson', () => {
  let dir: string;
  let storage: FsStorage;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'postshow-storage-json-'));
    storage = new FsStorage(dir);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes the value as the producer built it (its key order), and reads it back unchanged', async () => {
    // Prepare
    const transcript = { segments: [{ text: 'hi', start: 0, end: 1 }], language: 'en', engine: 'captions' } as const;

    // Act
    await writeJson(storage, KEY, transcriptSchema, transcript);

    // Assess
    expect((await storage.get(KEY)).toString('utf8')).toBe(`${JSON.stringify(transcript, null, 2)}\n`);
    expect(await readJson(storage, KEY, transcriptSchema)).toEqual(transcript);
  });

  it('refuses a field the schema does not know, as a permanent error naming it, and writes nothing', async () => {
    // Prepare: a producer that gained a field its schema never heard of (a read would drop it). The type
    // check only catches that in object literals; a segment built elsewhere passes it.
    const segment = { start: 0, end: 1, text: 'hi', speaker: 'host' };
    const transcript = { engine: 'captions', language: 'en', segments: [segment] } as const;

    // Act
    const written = writeJson(storage, KEY, transcriptSchema, transcript);

    // Assess
    await expect(written).rejects.toThrow(OutputShapeError);
    await expect(written).rejects.toThrow('segments.0.speaker: not in the schema');
    expect(isPermanent(await written.catch((error: unknown) => error))).toBe(true);
    expect(await storage.head(KEY)).toBeUndefined();
  });
});
