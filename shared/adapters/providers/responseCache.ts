/**
 * Paid provider answers stored through the Storage port, keyed by a hash of everything that
 * determines the answer. Re-running a show (a redelivered message, a retried stage, a re-run
 * after a crash) then costs nothing and yields the same answer.
 */
import { createHash } from 'node:crypto';
import type { Logger, Storage } from '../../pipeline/ports.js';

/** The inputs that determine an answer, e.g. provider, model, task, instructions and a hash of the data or audio. */
export type CacheKeyParts = Readonly<Record<string, string>>;

/** sha256 hex of a byte buffer (audio chunks) or a string. */
export function sha256Hex(value: Buffer | string): string {
  return createHash('sha256').update(value).digest('hex');
}

/**
 * JSON with object keys sorted at every level, so two equal values always hash alike regardless of
 * the order their keys were built in.
 */
export function stableStringify(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? 'undefined';
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const source = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(source)
        .sort()
        .map((key) => [key, sortKeys(source[key])]),
    );
  }
  return value;
}

/** sha256 hex over the parts, name and value both included so ('a','bc') and ('ab','c') differ. */
export function cacheKeyOf(parts: CacheKeyParts): string {
  return sha256Hex(stableStringify(Object.entries(parts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
}

interface CacheEntry {
  readonly version: 1;
  readonly value: unknown;
}

const ENTRY_VERSION = 1;

/** Answers under `cache/<namespace>/<sha256>.json` in the given store. */
export class ResponseCache {
  private readonly storage: Storage;
  private readonly namespace: string;
  private readonly logger: Logger | undefined;

  /** @param namespace folder under `cache/`, e.g. 'openai'. */
  constructor(storage: Storage, namespace: string, logger?: Logger) {
    if (!/^[a-z0-9][a-z0-9_-]{0,63}$/.test(namespace)) throw new RangeError(`invalid cache namespace ${JSON.stringify(namespace)}`);
    this.storage = storage;
    this.namespace = namespace;
    this.logger = logger;
  }

  /** Storage key of an entry. */
  keyFor(hash: string): string {
    return `cache/${this.namespace}/${hash}.json`;
  }

  /**
   * The stored value, or undefined on a miss. An unreadable entry counts as a miss (a paid call
   * replaces it) rather than an error: the cache must never be the reason a show fails.
   */
  async get(hash: string): Promise<unknown> {
    try {
      const body = await this.storage.tryGet(this.keyFor(hash));
      if (body === undefined) return undefined;
      const entry = JSON.parse(body.toString('utf8')) as Partial<CacheEntry>;
      return entry.version === ENTRY_VERSION ? entry.value : undefined;
    } catch (error) {
      this.logger?.warn('response cache entry unreadable; treating as a miss', { key: this.keyFor(hash), error: String(error) });
      return undefined;
    }
  }

  /** Stores a value; a failed write is logged and swallowed (the answer is still returned to the caller). */
  async put(hash: string, value: unknown): Promise<void> {
    const entry: CacheEntry = { version: ENTRY_VERSION, value };
    try {
      await this.storage.put(this.keyFor(hash), JSON.stringify(entry));
    } catch (error) {
      this.logger?.warn('response cache write failed', { key: this.keyFor(hash), error: String(error) });
    }
  }
}
