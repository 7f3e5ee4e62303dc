/** Searches the clip catalog. */
import { compareText } from '../topics/compareText.js';
import type { CatalogEntry, CatalogFilter } from './catalogEntry.js';

/**
 * Entries matching every given criterion, best first (score desc, then showId, then clipId), at most `limit`.
 * Text search: each whitespace-separated word must occur (case-insensitive) in the title, description or a hashtag;
 * a leading `#` on a query word is ignored so `#skincare` finds the hashtag `skincare` and `#skincare` alike.
 */
export function filterCatalog(entries: readonly CatalogEntry[], filter: CatalogFilter): CatalogEntry[] {
  const product = filter.product?.toLowerCase();
  const words = (filter.text ?? '')
    .toLowerCase()
    .split(/\s+/)
    .map((word) => word.replace(/^#+/, ''))
    .filter((word) => word !== '');

  const matches = entries.filter((entry) => {
    if (filter.show !== undefined && entry.showId !== filter.show) return false;
    if (filter.language !== undefined && entry.language !== filter.language) return false;
    if (filter.minScore !== undefined && entry.score < filter.minScore) return false;
    if (filter.status !== undefined && entry.review.status !== filter.status) return false;
    if (filter.compliance !== undefined && !complianceMatches(entry.compliance.status, filter.compliance)) return false;
    if (product !== undefined && !entry.products.some((name) => name.toLowerCase().includes(product))) return false;
    if (words.length > 0) {
      const haystack = [entry.title, entry.description, ...entry.hashtags].join('\n').toLowerCase();
      if (!words.every((word) => haystack.includes(word))) return false;
    }
    return true;
  });

  matches.sort(
    (a, b) => b.score - a.score || compareText(a.showId, b.showId) || compareText(a.clipId, b.clipId),
  );
  return filter.limit === undefined ? matches : matches.slice(0, filter.limit);
}

function complianceMatches(
  status: CatalogEntry['compliance']['status'],
  wanted: NonNullable<CatalogFilter['compliance']>,
): boolean {
  return wanted === 'not-blocked' ? status !== 'block' : status === wanted;
}
