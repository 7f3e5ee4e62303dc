/**
 * The local catalog index: each show's `catalog.json` (written by the catalog stage) is the index, and
 * queries scan them. Fine for one machine's shows; the cloud swaps in DynamoDB behind the same port.
 */
import { InputError } from '../../core/errors.js';
import { filterCatalog, type CatalogEntry, type CatalogFilter } from '../../core/catalog/index.js';
import type { ShowId } from '../../core/keys.js';
import type { CatalogIndex, CatalogPage, Storage } from '../../pipeline/ports.js';
import { readWorkspaceCatalog } from '../../pipeline/workspace.js';

export class FileCatalogIndex implements CatalogIndex {
  constructor(private readonly storage: Storage) {}

  /** Nothing to do: the stage has just written the show's catalog.json, which is what `query` reads. */
  async replaceShow(_showId: ShowId, _runId: string, _entries: readonly CatalogEntry[]): Promise<void> {}

  async query(filter: CatalogFilter, cursor?: string): Promise<CatalogPage> {
    const offset = cursor === undefined ? 0 : decodeOffset(cursor);
    const all = filterCatalog(await readWorkspaceCatalog(this.storage), { ...filter, limit: undefined });
    const end = filter.limit === undefined ? all.length : offset + filter.limit;
    const entries = all.slice(offset, end);
    return end < all.length ? { entries, cursor: Buffer.from(String(end)).toString('base64url') } : { entries };
  }
}

function decodeOffset(cursor: string): number {
  const offset = Number(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!Number.isInteger(offset) || offset < 0) throw new InputError('catalog cursor is not one this index issued');
  return offset;
}
