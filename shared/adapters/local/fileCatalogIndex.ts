/**
 * The local catalog index: each show's `catalog.json` (written by the catalog stage) is the index, and
 * queries scan them. Fine for one machine's shows; the cloud swaps in DynamoDB behind the same port.
 */
import { InputError } from '../../core/errors.js';
import { filterCatalog, type CatalogEntry, type CatalogFilter } from '../../core/catalog/index.js';
import { KEY_ROOTS, type ShowId } from '../../core/keys.js';
import { catalogFileSchema } from '../../pipeline/artifacts.js';
import type { CatalogIndex, CatalogPage, Storage } from '../../pipeline/ports.js';

interface CachedShow {
  readonly size: number;
  readonly modifiedMs: number;
  readonly entries: readonly CatalogEntry[];
}

export class FileCatalogIndex implements CatalogIndex {
  /**
   * Each show's parsed catalog.json, kept while its size and modification time stay the same: a long-lived
   * reader (`postshow serve`) then pays one stat per show per query instead of a read and a schema check.
   */
  private readonly cache = new Map<string, CachedShow>();

  constructor(private readonly storage: Storage) {}

  /** Nothing to do: the stage has just written the show's catalog.json, which is what `query` reads. */
  async replaceShow(_showId: ShowId, _runId: string, _entries: readonly CatalogEntry[]): Promise<void> {}

  async query(filter: CatalogFilter, cursor?: string): Promise<CatalogPage> {
    const offset = cursor === undefined ? 0 : decodeOffset(cursor);
    const all = filterCatalog(await this.readAll(filter.show), { ...filter, limit: undefined });
    const end = filter.limit === undefined ? all.length : offset + filter.limit;
    const entries = all.slice(offset, end);
    return end < all.length ? { entries, cursor: Buffer.from(String(end)).toString('base64url') } : { entries };
  }

  /** Every entry of the workspace (or of one show); a catalog file in an older or foreign format is skipped. */
  private async readAll(onlyShow: string | undefined): Promise<CatalogEntry[]> {
    const shows = onlyShow === undefined ? await this.storage.listFolders(KEY_ROOTS.shows) : [onlyShow];
    const entries: CatalogEntry[] = [];
    for (const show of shows) {
      const key = `${KEY_ROOTS.shows}${show}/catalog.json`;
      const info = await this.storage.head(key).catch(() => undefined);
      if (info === undefined) {
        this.cache.delete(key);
        continue;
      }
      let cached = this.cache.get(key);
      if (cached === undefined || cached.size !== info.size || cached.modifiedMs !== info.modifiedMs) {
        const body = await this.storage.tryGet(key);
        let parsed;
        try {
          parsed = body === undefined ? undefined : catalogFileSchema.safeParse(JSON.parse(body.toString('utf8')));
        } catch {
          parsed = undefined;
        }
        if (!parsed?.success) continue;
        cached = { size: info.size, modifiedMs: info.modifiedMs, entries: parsed.data.entries };
        this.cache.set(key, cached);
      }
      entries.push(...cached.entries);
    }
    return entries;
  }
}

function decodeOffset(cursor: string): number {
  const offset = Number(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!Number.isInteger(offset) || offset < 0) throw new InputError('catalog cursor is not one this index issued');
  return offset;
}
