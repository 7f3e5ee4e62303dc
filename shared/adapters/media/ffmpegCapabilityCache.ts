/**
 * ffmpeg's capabilities, asked once per binary and remembered: in memory for the process (every
 * FfmpegMedia of a run, every warm Lambda invocation) and on disk across runs of the CLI. Asking costs
 * two ffmpeg starts (~120 ms each with Debian's build); a cached answer costs a stat.
 *
 * The cache key is the binary's resolved path, size, modification time and inode, so an upgraded or
 * replaced ffmpeg is asked again. A cache that cannot be read or written is simply not used.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { findExecutable } from '../findExecutable.js';
import { detectFfmpegCapabilities, type FfmpegCapabilities } from './ffmpegCapabilities.js';

const cacheFileSchema = z.object({
  fingerprint: z.string(),
  version: z.string(),
  filters: z.array(z.string()).min(1),
  options: z.array(z.string()),
  packetDropExpression: z.boolean(),
});

const inMemory = new Map<string, Promise<FfmpegCapabilities>>();

/** Where the CLI keeps caches: $XDG_CACHE_HOME/postshow, else ~/.cache/postshow. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'postshow');
}

/**
 * The capabilities of `ffmpegPath`, from memory, the disk cache or the binary itself. A failed detection is
 * not remembered. Throws (a retryable MediaError) when the binary cannot be run, as detection does.
 */
export async function cachedFfmpegCapabilities(ffmpegPath: string, cacheDir = defaultCacheDir()): Promise<FfmpegCapabilities> {
  const fingerprint = await binaryFingerprint(ffmpegPath);
  // No fingerprint (not found on PATH, unreadable): let detection fail with ffmpeg's own words.
  if (!fingerprint) return detectFfmpegCapabilities(ffmpegPath);
  let pending = inMemory.get(fingerprint);
  if (!pending) {
    pending = fromDiskOrBinary(ffmpegPath, fingerprint, cacheDir);
    inMemory.set(fingerprint, pending);
    pending.catch(() => inMemory.delete(fingerprint));
  }
  return pending;
}

async function fromDiskOrBinary(ffmpegPath: string, fingerprint: string, cacheDir: string): Promise<FfmpegCapabilities> {
  const file = path.join(cacheDir, `ffmpeg-capabilities-${createHash('sha256').update(fingerprint).digest('hex').slice(0, 16)}.json`);
  try {
    const cached = cacheFileSchema.parse(JSON.parse(await readFile(file, 'utf8')));
    if (cached.fingerprint === fingerprint) {
      return { ffmpegPath, version: cached.version, filters: new Set(cached.filters), options: new Set(cached.options), packetDropExpression: cached.packetDropExpression };
    }
  } catch {
    // absent, unreadable or from an older layout: ask the binary
  }
  const capabilities = await detectFfmpegCapabilities(ffmpegPath);
  const record: z.infer<typeof cacheFileSchema> = {
    fingerprint,
    version: capabilities.version,
    filters: [...capabilities.filters],
    options: [...capabilities.options],
    packetDropExpression: capabilities.packetDropExpression,
  };
  try {
    await mkdir(cacheDir, { recursive: true, mode: 0o700 });
    // Written aside and renamed: a concurrent run never reads half a file.
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(record));
    await rename(temporary, file);
  } catch {
    // a read-only home (Lambda): the in-memory cache still serves this process
  }
  return capabilities;
}

/** `path|size|mtime|inode` of the binary the name resolves to (PATH lookup for a bare name), or undefined. */
async function binaryFingerprint(ffmpegPath: string): Promise<string | undefined> {
  const binary = findExecutable(ffmpegPath);
  if (!binary) return undefined;
  try {
    const info = await stat(binary);
    return info.isFile() ? `${path.resolve(binary)}|${info.size}|${info.mtimeMs}|${info.ino}` : undefined;
  } catch {
    return undefined;
  }
}
