/**
 * Orders of a show's clips other than the catalog's own (best first). Only within one show: a show has tens of
 * clips, read whole, while the workspace-wide order is the one the indexes keep (see DynamoCatalogIndex).
 */
import { compareText } from '../topics/compareText.js';
import type { CatalogEntry } from './catalogEntry.js';

export const CATALOG_SORTS = ['score', 'time', 'duration'] as const;
export type CatalogSort = (typeof CATALOG_SORTS)[number];

/** `score`: best first; `time`: in recording order; `duration`: shortest first (short-form platforms). Ties by clip id. */
export function sortCatalog(entries: readonly CatalogEntry[], sort: CatalogSort): CatalogEntry[] {
  const byId = (a: CatalogEntry, b: CatalogEntry) => compareText(a.showId, b.showId) || compareText(a.clipId, b.clipId);
  const order: Record<CatalogSort, (a: CatalogEntry, b: CatalogEntry) => number> = {
    score: (a, b) => b.score - a.score || byId(a, b),
    time: (a, b) => a.start - b.start || byId(a, b),
    duration: (a, b) => a.duration - b.duration || b.score - a.score || byId(a, b),
  };
  return [...entries].sort(order[sort]);
}
