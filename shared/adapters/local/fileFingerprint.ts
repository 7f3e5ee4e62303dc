/**
 * Fingerprints that tell files apart cheaply. A recording's is sha256 of its size and its first and last
 * MiB: stable for the same file, distinct for different shows, and cheap for 10 GB files (show ids are made
 * from it). Side inputs are small and hashed whole. Computed the same way on a local file and on a stored
 * copy, so a copy can be checked against its original.
 */
import { createHash } from 'node:crypto';
import { open, readFile, stat } from 'node:fs/promises';
import type { Storage } from '../../pipeline/ports.js';

export type FingerprintKind = 'ends' | 'whole';

/** Bytes read from each end of a file for an `ends` fingerprint. */
const END_BYTES = 1 << 20;

type ReadRange = (start: number, end: number) => Promise<Buffer>;

export async function fileFingerprint(file: string, kind: FingerprintKind): Promise<string> {
  if (kind === 'whole') return sha256(await readFile(file));
  const { size } = await stat(file);
  const handle = await open(file, 'r');
  try {
    return await endsFingerprint(size, async (start, end) => {
      const buffer = Buffer.alloc(end - start);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, start);
      return buffer.subarray(0, bytesRead);
    });
  } finally {
    await handle.close();
  }
}

/** The fingerprint of a stored object; undefined when there is none. */
export async function storedFingerprint(storage: Storage, key: string, kind: FingerprintKind): Promise<string | undefined> {
  const info = await storage.head(key);
  if (!info) return undefined;
  if (kind === 'whole') return sha256(await storage.get(key));
  return endsFingerprint(info.size, (start, end) => storage.getRange(key, start, end));
}

async function endsFingerprint(size: number, read: ReadRange): Promise<string> {
  const hash = createHash('sha256').update(String(size));
  for (const start of new Set([0, Math.max(0, size - END_BYTES)])) hash.update(await read(start, Math.min(size, start + END_BYTES)));
  return hash.digest('hex');
}

function sha256(body: Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}
