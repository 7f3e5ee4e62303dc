import type { CatalogEntry, CatalogFilter } from '../../shared/core/catalog/index.js';
import { FileCatalogIndex } from '../../shared/adapters/local/fileCatalogIndex.js';
import type { FsStorage } from '../../shared/adapters/storage/fsStorage.js';
import { clock } from './format.js';

/** The workspace catalog, filtered: the same CatalogIndex port the cloud API answers through DynamoDB. */
export async function listCatalog(storage: FsStorage, filter: CatalogFilter): Promise<CatalogEntry[]> {
  return (await new FileCatalogIndex(storage).query(filter)).entries;
}

export function printCatalog(storage: FsStorage, entries: readonly CatalogEntry[]): void {
  if (entries.length === 0) {
    process.stdout.write('no clips match\n');
    return;
  }
  for (const entry of entries) {
    const compliance = entry.compliance.status === 'clear' ? '' : `  [compliance: ${entry.compliance.status}]`;
    const review = entry.review.status === 'pending' ? '' : `  [${entry.review.status}${entry.review.note ? `: ${entry.review.note}` : ''}]`;
    const flags = `${entry.version > 1 ? `  v${entry.version}` : ''}${review}${compliance}`;
    process.stdout.write(
      `${entry.showId} ${entry.clipId}  ${clock(entry.start)}-${clock(entry.end)}  score ${entry.score.toFixed(2)}${flags}\n` +
        `  ${entry.title}\n` +
        (entry.products.length > 0 ? `  products: ${entry.products.join(', ')}\n` : '') +
        `  ${storage.pathOf(entry.variants[0]?.file ?? entry.files.meta)}\n`,
    );
  }
}
