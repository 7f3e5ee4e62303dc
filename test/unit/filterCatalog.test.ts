import { describe, expect, it } from 'vitest';
import { type CatalogEntry, catalogEntrySchema, catalogFilterSchema } from '../../shared/core/catalog/catalogEntry.js';
import { filterCatalog } from '../../shared/core/catalog/filterCatalog.js';

function entry(overrides: Partial<CatalogEntry> & Pick<CatalogEntry, 'clipId'>): CatalogEntry {
  const showId = overrides.showId ?? 'show-a';
  return catalogEntrySchema.parse({
    showId,
    rank: 1,
    start: 10,
    end: 40,
    duration: 30,
    score: 1,
    title: 'A clip',
    description: 'Something happened',
    hashtags: [],
    products: [],
    language: 'en',
    compliance: { status: 'clear', flags: [] },
    variants: [{ aspect: '9:16', width: 1080, height: 1920, file: `${showId}/clips/9x16.mp4` }],
    files: {
      thumbnail: `${showId}/clips/t.jpg`,
      captions: `${showId}/clips/c.srt`,
      meta: `${showId}/clips/m.json`,
    },
    signals: ['chatRate'],
    createdFrom: { recordingKey: `${showId}/recording.mp4`, transcriptEngine: 'captions' },
    ...overrides,
  });
}

const catalog: CatalogEntry[] = [
  entry({ clipId: 'c1', score: 2.5, products: ['Glow Serum'], title: 'Serum demo', hashtags: ['skincare'] }),
  entry({ clipId: 'c2', score: 4, compliance: { status: 'block', flags: [{ term: 'best', rule: 'absolute', severity: 'block', t: 12 }] } }),
  entry({ clipId: 'c3', showId: 'show-b', score: 4, language: 'zh', title: '面膜试用', products: ['保湿面膜'] }),
  entry({ clipId: 'c4', showId: 'show-b', score: 1, compliance: { status: 'warn', flags: [] }, description: 'Battery life test' }),
];

describe('catalogEntrySchema', () => {
  it('accepts a complete entry and rejects broken ones', () => {
    expect(catalogEntrySchema.safeParse(catalog[0]).success).toBe(true);
    expect(catalogEntrySchema.safeParse({ ...catalog[0], compliance: { status: 'ok', flags: [] } }).success).toBe(false);
    expect(catalogEntrySchema.safeParse({ ...catalog[0], start: 50, end: 40 }).success).toBe(false);
    expect(catalogEntrySchema.safeParse({ ...catalog[0], signals: ['applause'] }).success).toBe(false);
    const { files: _files, ...withoutFiles } = catalog[0]!;
    expect(catalogEntrySchema.safeParse(withoutFiles).success).toBe(false);
  });
});

describe('catalogFilterSchema', () => {
  it('accepts known fields and rejects unknown ones and bad limits', () => {
    expect(catalogFilterSchema.parse({ product: 'serum', compliance: 'not-blocked', limit: 5 })).toEqual({
      product: 'serum',
      compliance: 'not-blocked',
      limit: 5,
    });
    expect(catalogFilterSchema.safeParse({ sort: 'score' }).success).toBe(false);
    expect(catalogFilterSchema.safeParse({ limit: 0 }).success).toBe(false);
    expect(catalogFilterSchema.safeParse({ compliance: 'ok' }).success).toBe(false);
  });
});

describe('filterCatalog', () => {
  const ids = (filter: Parameters<typeof filterCatalog>[1]) => filterCatalog(catalog, filter).map((e) => e.clipId);

  it('sorts by score desc, then show id, then clip id', () => {
    expect(ids({})).toEqual(['c2', 'c3', 'c1', 'c4']);
  });

  it('filters by show, language and minimum score', () => {
    expect(ids({ show: 'show-b' })).toEqual(['c3', 'c4']);
    expect(ids({ language: 'zh' })).toEqual(['c3']);
    expect(ids({ minScore: 2.5 })).toEqual(['c2', 'c3', 'c1']);
  });

  it('matches products by case-insensitive substring, in any script', () => {
    expect(ids({ product: 'SERUM' })).toEqual(['c1']);
    expect(ids({ product: '面膜' })).toEqual(['c3']);
    expect(ids({ product: 'lipstick' })).toEqual([]);
  });

  it('filters by compliance status, with not-blocked keeping clear and warn', () => {
    expect(ids({ compliance: 'block' })).toEqual(['c2']);
    expect(ids({ compliance: 'warn' })).toEqual(['c4']);
    expect(ids({ compliance: 'not-blocked' })).toEqual(['c3', 'c1', 'c4']);
  });

  it('searches title, description and hashtags, every word required', () => {
    expect(ids({ text: 'serum' })).toEqual(['c1']);
    expect(ids({ text: '#SkinCare' })).toEqual(['c1']);
    expect(ids({ text: 'battery life' })).toEqual(['c4']);
    expect(ids({ text: 'battery serum' })).toEqual([]);
    expect(ids({ text: '面膜' })).toEqual(['c3']);
  });

  it('combines criteria and applies the limit after sorting', () => {
    expect(ids({ compliance: 'not-blocked', minScore: 1, limit: 2 })).toEqual(['c3', 'c1']);
  });

  it('does not modify the input', () => {
    const before = catalog.map((e) => e.clipId);
    filterCatalog(catalog, {});
    expect(catalog.map((e) => e.clipId)).toEqual(before);
  });
});
