/**
 * Storage in memory, for unit tests of stage handlers: the same key rules, ordering and errors as
 * FsStorage (test/unit/storageContract.test.ts runs one contract against both), without a disk.
 */
import { readFile } from 'node:fs/promises';
import { validateKey } from '../../core/keys.js';
import type { ObjectInfo, Storage } from '../../pipeline/ports.js';
import { ObjectNotFoundError } from './storageErrors.js';

interface StoredObject {
  readonly body: Buffer;
  readonly modifiedMs: number;
}

/** The scheme of `readLocation` results: nothing can read them but a test double of the Media port. */
const MEMORY_LOCATION_SCHEME = 'memory:';

export class MemoryStorage implements Storage {
  private readonly objects = new Map<string, StoredObject>();

  async get(key: string): Promise<Buffer> {
    return Buffer.from(this.require(key).body);
  }

  async tryGet(key: string): Promise<Buffer | undefined> {
    const stored = this.objects.get(validateKey(key));
    return stored ? Buffer.from(stored.body) : undefined;
  }

  async getRange(key: string, start: number, end: number): Promise<Buffer> {
    return Buffer.from(this.require(key).body.subarray(start, Math.max(start, end)));
  }

  async put(key: string, body: Buffer | string): Promise<void> {
    this.objects.set(validateKey(key), { body: Buffer.from(body), modifiedMs: Date.now() });
  }

  async putFile(key: string, localPath: string): Promise<void> {
    validateKey(key);
    await this.put(key, await readFile(localPath));
  }

  async putIfAbsent(key: string, body: Buffer | string): Promise<boolean> {
    if (this.objects.has(validateKey(key))) return false;
    await this.put(key, body);
    return true;
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    const stored = this.objects.get(validateKey(key));
    return stored ? { size: stored.body.length, modifiedMs: stored.modifiedMs } : undefined;
  }

  async list(prefix: string): Promise<string[]> {
    // As FsStorage: the prefix may end mid-segment, and its directory part must be a valid key.
    const directoryKey = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
    if (directoryKey !== '') validateKey(directoryKey);
    return [...this.objects.keys()].filter((key) => key.startsWith(prefix)).sort();
  }

  async listFolders(folder: string): Promise<string[]> {
    const names = new Set<string>();
    for (const key of this.objects.keys()) {
      if (!key.startsWith(folder)) continue;
      const rest = key.slice(folder.length);
      if (rest.includes('/')) names.add(rest.slice(0, rest.indexOf('/')));
    }
    return [...names].sort();
  }

  async delete(key: string): Promise<void> {
    this.objects.delete(validateKey(key));
  }

  async readLocation(key: string): Promise<string> {
    this.require(key);
    return `${MEMORY_LOCATION_SCHEME}${key}`;
  }

  private require(key: string): StoredObject {
    const stored = this.objects.get(validateKey(key));
    if (!stored) throw new ObjectNotFoundError(key);
    return stored;
  }
}
