/**
 * One contract for every local Storage implementation: the in-memory store that stage unit tests run
 * on must behave like the filesystem store the local pipeline runs on.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { FsStorage } from '../../shared/adapters/storage/fsStorage.js';
import { MemoryStorage } from '../../shared/adapters/storage/memoryStorage.js';
import { ObjectNotFoundError } from '../../shared/adapters/storage/storageErrors.js';
import { InvalidKeyError } from '../../shared/core/errors.js';
import type { Storage } from '../../shared/pipeline/ports.js';

const scratch: string[] = [];
afterAll(() => Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true }))));

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'postshow-storage-'));
  scratch.push(dir);
  return dir;
}

const implementations: [string, () => Promise<Storage>][] = [
  ['FsStorage', async () => new FsStorage(await tempDir())],
  ['MemoryStorage', async () => new MemoryStorage()],
];

describe.each(implementations)('%s (Storage port contract)', (_name, create) => {
  let storage: Storage;
  beforeEach(async () => {
    storage = await create();
  });

  it('round-trips strings and bytes, with head reporting the size', async () => {
    await storage.put('shows/a/x.json', '{"a":1}');
    await storage.put('shows/a/bytes.bin', Buffer.from([0, 1, 2, 3, 4, 5]));
    expect((await storage.get('shows/a/x.json')).toString('utf8')).toBe('{"a":1}');
    expect([...(await storage.getRange('shows/a/bytes.bin', 2, 5))]).toEqual([2, 3, 4]);
    expect([...(await storage.getRange('shows/a/bytes.bin', 4, 100))]).toEqual([4, 5]);
    expect((await storage.head('shows/a/bytes.bin'))?.size).toBe(6);
    await storage.put('shows/a/x.json', 'replaced');
    expect((await storage.get('shows/a/x.json')).toString('utf8')).toBe('replaced');
  });

  it('reports missing objects the same way: ObjectNotFoundError (permanent) or undefined', async () => {
    await expect(storage.get('shows/a/missing.json')).rejects.toBeInstanceOf(ObjectNotFoundError);
    await expect(storage.getRange('shows/a/missing.json', 0, 4)).rejects.toBeInstanceOf(ObjectNotFoundError);
    await expect(storage.readLocation('shows/a/missing.json')).rejects.toMatchObject({ name: 'ObjectNotFoundError', permanent: true });
    expect(await storage.tryGet('shows/a/missing.json')).toBeUndefined();
    expect(await storage.head('shows/a/missing.json')).toBeUndefined();
    await expect(storage.delete('shows/a/missing.json')).resolves.toBeUndefined();
  });

  it('lists the folders directly under a folder, and none under a missing one', async () => {
    await storage.put('shows/b/manifest.json', '{}');
    await storage.put('shows/a/clips/c1/meta.json', '{}');
    await storage.put('shows/a/catalog.json', '{}');
    await storage.put('recordings/z/recording.mp4', 'x');
    expect(await storage.listFolders('shows/')).toEqual(['a', 'b']);
    expect(await storage.listFolders('shows/a/clips/')).toEqual(['c1']);
    expect(await storage.listFolders('shows/a/clips/c1/')).toEqual([]);
    expect(await storage.listFolders('shows/missing/')).toEqual([]);
  });

  it('creates with putIfAbsent exactly once', async () => {
    expect(await storage.putIfAbsent('shows/a/claims/run/clips', 'first')).toBe(true);
    expect(await storage.putIfAbsent('shows/a/claims/run/clips', 'second')).toBe(false);
    expect((await storage.get('shows/a/claims/run/clips')).toString('utf8')).toBe('first');
  });

  it('lists keys under a prefix, sorted, including a prefix that ends mid-segment', async () => {
    for (const key of ['shows/b/z.json', 'shows/a/clips/c2/meta.json', 'shows/a/clips/c10/meta.json', 'shows/a/status.json', 'recordings/a/r.mp4']) {
      await storage.put(key, key);
    }
    expect(await storage.list('shows/a/clips/')).toEqual(['shows/a/clips/c10/meta.json', 'shows/a/clips/c2/meta.json']);
    expect(await storage.list('shows/a/clips/c1')).toEqual(['shows/a/clips/c10/meta.json']);
    expect(await storage.list('shows/')).toEqual(['shows/a/clips/c10/meta.json', 'shows/a/clips/c2/meta.json', 'shows/a/status.json', 'shows/b/z.json']);
    expect(await storage.list('nothing/here/')).toEqual([]);
    await storage.delete('shows/a/status.json');
    expect(await storage.list('shows/a/s')).toEqual([]);
  });

  it('stores local files with putFile and gives a readable location', async () => {
    const file = path.join(await tempDir(), 'clip.mp4');
    await writeFile(file, 'not really a clip');
    await storage.putFile('shows/a/clips/c1/horizontal.mp4', file);
    expect((await storage.get('shows/a/clips/c1/horizontal.mp4')).toString('utf8')).toBe('not really a clip');
    expect(await storage.readLocation('shows/a/clips/c1/horizontal.mp4')).toMatch(/horizontal\.mp4$/);
  });

  it.each([
    ['../escape.json', /relative segments/],
    ['/etc/passwd', /absolute paths/],
    ['shows//a.json', /empty path segment/],
    ['shows/a b.json', /characters outside/],
    ['shows\\a.json', /backslashes/],
  ])('rejects the key %j on every operation', async (key, reason) => {
    for (const operation of [
      () => storage.get(key),
      () => storage.tryGet(key),
      () => storage.put(key, 'x'),
      () => storage.putIfAbsent(key, 'x'),
      () => storage.head(key),
      () => storage.delete(key),
      () => storage.readLocation(key),
    ]) {
      await expect(operation()).rejects.toThrow(InvalidKeyError);
      await expect(operation()).rejects.toThrow(reason);
    }
  });

  it('rejects a list prefix whose folder part is not a valid key', async () => {
    await expect(storage.list('../shows/')).rejects.toThrow(InvalidKeyError);
  });
});
