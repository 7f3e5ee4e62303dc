/**
 * Storage on the local filesystem: the workspace directory holds `recordings/` and `shows/`
 * exactly as the S3 buckets do in the cloud.
 */
import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { validateKey } from '../../core/keys.js';
import type { ObjectInfo, Storage } from '../../pipeline/ports.js';
import { ObjectNotFoundError } from './storageErrors.js';

const isMissing = (error: unknown): boolean => (error as NodeJS.ErrnoException)?.code === 'ENOENT';

export class FsStorage implements Storage {
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  /** Absolute path of a key; the key is validated so it can never leave the root. */
  pathOf(key: string): string {
    return path.join(this.root, ...validateKey(key).split('/'));
  }

  async get(key: string): Promise<Buffer> {
    try {
      return await readFile(this.pathOf(key));
    } catch (error) {
      if (isMissing(error)) throw new ObjectNotFoundError(key, { cause: error });
      throw error;
    }
  }

  async tryGet(key: string): Promise<Buffer | undefined> {
    try {
      return await readFile(this.pathOf(key));
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async getRange(key: string, start: number, end: number): Promise<Buffer> {
    let handle;
    try {
      handle = await open(this.pathOf(key), 'r');
    } catch (error) {
      if (isMissing(error)) throw new ObjectNotFoundError(key, { cause: error });
      throw error;
    }
    try {
      const length = Math.max(0, end - start);
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, start);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  }

  // Writes go to a temp file and are renamed into place, so readers never see half an object.
  async put(key: string, body: Buffer | string): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    const temp = `${target}.${randomUUID()}.part`;
    await writeFile(temp, body);
    await rename(temp, target);
  }

  async putFile(key: string, localPath: string): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    const temp = `${target}.${randomUUID()}.part`;
    // A true copy, never a hard link: editing the original in place must not change what is stored.
    // FICLONE makes it a free reflink where the filesystem can (btrfs, XFS, APFS), else a plain copy.
    try {
      await copyFile(localPath, temp, constants.COPYFILE_FICLONE);
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  async putIfAbsent(key: string, body: Buffer | string): Promise<boolean> {
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    try {
      // O_EXCL: the filesystem's own exactly-once create, the local twin of S3's If-None-Match: *.
      await writeFile(target, body, { flag: 'wx' });
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    }
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    try {
      const info = await stat(this.pathOf(key));
      return info.isFile() ? { size: info.size, modifiedMs: info.mtimeMs } : undefined;
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async list(prefix: string): Promise<string[]> {
    // The prefix may end mid-segment ("shows/abc/clips/"), so walk its directory part and filter.
    const directoryKey = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
    const start = directoryKey === '' ? this.root : this.pathOf(directoryKey);
    const keys: string[] = [];
    const walk = async (dir: string, keyPrefix: string): Promise<void> => {
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch (error) {
        if (isMissing(error)) return;
        throw error;
      }
      for (const entry of entries) {
        const key = keyPrefix === '' ? entry.name : `${keyPrefix}/${entry.name}`;
        if (entry.isDirectory()) await walk(path.join(dir, entry.name), key);
        else if (entry.isFile() && !entry.name.endsWith('.part') && key.startsWith(prefix)) keys.push(key);
      }
    };
    await walk(start, directoryKey);
    return keys.sort();
  }

  async listFolders(folder: string): Promise<string[]> {
    const start = folder === '' ? this.root : this.pathOf(folder.replace(/\/$/, ''));
    try {
      const entries = await readdir(start, { withFileTypes: true });
      return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async readLocation(key: string): Promise<string> {
    const target = this.pathOf(key);
    if (!(await this.head(key))) throw new ObjectNotFoundError(key);
    return target;
  }
}
