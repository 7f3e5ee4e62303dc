import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FsStorage } from '../../shared/adapters/storage/fsStorage.js';
import { ResponseCache, cacheKeyOf, stableStringify } from '../../shared/adapters/providers/responseCache.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'postshow-cache-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('cacheKeyOf', () => {
  it('is a sha256 hex that depends on every part and not on their order', () => {
    const base = { provider: 'openai', model: 'gpt-4o-mini', task: 'rerank', instructions: 'x', data: 'abc' };
    const key = cacheKeyOf(base);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(cacheKeyOf({ data: 'abc', instructions: 'x', task: 'rerank', model: 'gpt-4o-mini', provider: 'openai' })).toBe(key);
    for (const field of Object.keys(base) as (keyof typeof base)[]) {
      expect(cacheKeyOf({ ...base, [field]: `${base[field]}!` })).not.toBe(key);
    }
    // Boundaries between parts are unambiguous.
    expect(cacheKeyOf({ a: 'bc', d: '' })).not.toBe(cacheKeyOf({ a: 'b', d: 'c' }));
  });

  it('stableStringify sorts keys at every level', () => {
    expect(stableStringify({ b: 1, a: { d: [{ y: 1, x: 2 }], c: 3 } })).toBe('{"a":{"c":3,"d":[{"x":2,"y":1}]},"b":1}');
  });
});

describe('ResponseCache', () => {
  it('stores values under cache/<namespace>/<hash>.json and reads them back', async () => {
    const storage = new FsStorage(dir);
    const cache = new ResponseCache(storage, 'openai');
    const hash = cacheKeyOf({ task: 't' });
    expect(await cache.get(hash)).toBeUndefined();
    await cache.put(hash, { order: ['h1'] });
    expect(await cache.get(hash)).toEqual({ order: ['h1'] });
    expect(await storage.list('cache/openai/')).toEqual([`cache/openai/${hash}.json`]);
  });

  it('treats a corrupt entry as a miss and reports it', async () => {
    const storage = new FsStorage(dir);
    const warnings: string[] = [];
    const logger = { debug: () => {}, info: () => {}, warn: (message: string) => void warnings.push(message), error: () => {} };
    const cache = new ResponseCache(storage, 'openai', logger);
    const hash = cacheKeyOf({ task: 'broken' });
    await storage.put(cache.keyFor(hash), '{not json');
    expect(await cache.get(hash)).toBeUndefined();
    expect(warnings).toHaveLength(1);
  });

  it('rejects a namespace that would escape its folder', () => {
    expect(() => new ResponseCache(new FsStorage(dir), '../x')).toThrow(RangeError);
  });
});
