/**
 * The DynamoDB catalog index against a real DynamoDB protocol server (dynalite): the same entries, in the
 * same order, as the local filterCatalog for every filter; paging; run replacement, redelivery and stale
 * runs; throttled batch writes.
 */
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoCatalogIndex, descendingScoreKey, type DynamoCatalogIndexOptions } from '../../shared/adapters/aws/dynamoCatalogIndex.js';
import { catalogEntrySchema, filterCatalog, type CatalogEntry, type CatalogFilter } from '../../shared/core/catalog/index.js';
import { InputError, PostshowError } from '../../shared/core/errors.js';
import { parseShowId } from '../../shared/core/keys.js';
import { createCatalogTable, dynamoClient, startDynalite, startThrottlingProxy, type LocalDynamo, type ThrottlingProxy } from '../helpers/dynalite.js';

type Status = 'clear' | 'warn' | 'block';

function clip(
  showId: string,
  clipId: string,
  rank: number,
  score: number,
  fields: { title: string; description: string; hashtags: string[]; products: string[]; language: 'en' | 'zh'; status?: Status },
): CatalogEntry {
  const status = fields.status ?? 'clear';
  const base = `shows/${showId}/clips/${clipId}/`;
  const start = rank * 90;
  return catalogEntrySchema.parse({
    clipId,
    showId,
    rank,
    start,
    end: start + 42.5,
    duration: 42.5,
    score,
    title: fields.title,
    description: fields.description,
    hashtags: fields.hashtags,
    products: fields.products,
    language: fields.language,
    compliance: {
      status,
      flags:
        status === 'clear'
          ? []
          : [{ term: status === 'block' ? 'cures acne' : 'best ever', rule: status === 'block' ? 'medical-claim' : 'superlative', severity: status, t: start + 5 }],
    },
    files: {
      thumbnail: `${base}thumbnail.jpg`,
      captions: `${base}captions.srt`,
      meta: `${base}meta.json`,
    },
    variants: [
      { aspect: '9:16', width: 1080, height: 1920, file: `${base}9x16.mp4` },
      { aspect: '16:9', width: 1920, height: 1080, file: `${base}16x9.mp4` },
    ],
    signals: ['chatRate', 'mentions', ...(rank === 1 ? (['orders'] as const) : [])],
    createdFrom: { recordingKey: `recordings/${showId}/recording.mp4`, transcriptEngine: fields.language === 'zh' ? 'whisper-local' : 'captions' },
  });
}

const SKINCARE = 'spring-skincare-live';
const KITCHEN = 'kitchen-gadgets-0412';
const MIANMO = 'mianmo-zhibo';
const AUDIO = 'audio-deals';

const skincare = [
  clip(SKINCARE, 'sk01', 1, 0.91, { title: 'Glow Serum texture close-up', description: 'The host shows how the serum absorbs in seconds', hashtags: ['skincare', 'glowserum'], products: ['Glow Serum'], language: 'en' }),
  clip(SKINCARE, 'sk02', 2, 0.82, { title: 'Hydra Mask overnight test', description: 'Before and after the overnight mask', hashtags: ['skincare', 'mask'], products: ['Hydra Mask', 'Glow Serum'], language: 'en', status: 'warn' }),
  clip(SKINCARE, 'sk03', 3, 0.82, { title: 'Viewer asks about acne', description: 'Host claims the serum cures acne', hashtags: ['skincare', 'acne'], products: ['Glow Serum'], language: 'en', status: 'block' }),
  clip(SKINCARE, 'sk04', 4, 0.5, { title: 'Flash sale countdown', description: 'Last minutes of the bundle deal', hashtags: ['sale'], products: [], language: 'en' }),
  clip(SKINCARE, 'sk05', 5, 0.31, { title: 'Mask routine for dry skin', description: 'Layering the Hydra Mask after toner', hashtags: ['routine', 'dryskin'], products: ['Hydra Mask'], language: 'en' }),
];
const kitchen = [
  clip(KITCHEN, 'kg01', 1, 0.95, { title: 'Air fryer crispy wings', description: 'Wings done in 12 minutes in the Air Fryer Pro', hashtags: ['kitchen', 'airfryer'], products: ['Air Fryer Pro'], language: 'en' }),
  clip(KITCHEN, 'kg02', 2, 0.82, { title: 'Knife set tomato test', description: 'Paper-thin slices with the chef knife', hashtags: ['kitchen', 'knives'], products: ['Knife Set'], language: 'en', status: 'warn' }),
  clip(KITCHEN, 'kg03', 3, 0.6, { title: 'Best ever air fryer deal', description: 'Host says it is the best ever price', hashtags: ['deal'], products: ['Air Fryer Pro'], language: 'en', status: 'warn' }),
  clip(KITCHEN, 'kg04', 4, 0, { title: 'Quiet setup segment', description: 'Camera adjusts while the host sets up', hashtags: [], products: [], language: 'en' }),
];
const mianmo = [
  clip(MIANMO, 'mm01', 1, 0.88, { title: '保湿面膜现场试用', description: '主播现场敷保湿面膜，十五分钟后对比', hashtags: ['护肤', '面膜'], products: ['保湿面膜'], language: 'zh' }),
  clip(MIANMO, 'mm02', 2, 0.82, { title: '玻尿酸精华质地展示', description: '精华滴在手背上迅速吸收', hashtags: ['护肤', '精华'], products: ['玻尿酸精华', '保湿面膜'], language: 'zh', status: 'warn' }),
  clip(MIANMO, 'mm03', 3, 0.7, { title: '观众提问：能祛痘吗', description: '主播称面膜可以治疗痘痘', hashtags: ['面膜'], products: ['保湿面膜'], language: 'zh', status: 'block' }),
  clip(MIANMO, 'mm04', 4, 0.4, { title: '限时秒杀倒计时', description: '最后三分钟的组合优惠', hashtags: ['秒杀'], products: [], language: 'zh' }),
];
const audio = [
  clip(AUDIO, 'ad01', 1, 0.82, { title: 'Noise cancelling earbuds demo', description: 'Host plays a subway recording to test ANC', hashtags: ['audio', 'earbuds'], products: ['Pulse Earbuds'], language: 'en' }),
  clip(AUDIO, 'ad02', 2, 0.45, { title: '耳机音质对比', description: '和上一代耳机做盲听对比', hashtags: ['耳机'], products: ['Pulse Earbuds'], language: 'zh' }),
];
const catalog = [...skincare, ...kitchen, ...mianmo, ...audio];

const filters: CatalogFilter[] = [
  {},
  { show: SKINCARE },
  { show: MIANMO },
  { show: 'no-such-show' },
  { language: 'zh' },
  { language: 'en' },
  { compliance: 'clear' },
  { compliance: 'warn' },
  { compliance: 'block' },
  { compliance: 'not-blocked' },
  { minScore: 0.82 },
  { minScore: 0.5 },
  { minScore: 0 },
  { minScore: -1 },
  { minScore: 2 },
  { product: 'Glow Serum' },
  { product: 'GLOW SERUM' },
  { product: '保湿面膜' },
  { product: 'Pulse Earbuds' },
  { text: 'serum' },
  { text: '#skincare' },
  { text: 'SERUM absorbs' },
  { text: '面膜' },
  { text: 'air fryer' },
  { text: 'nothing-like-this' },
  { language: 'en', compliance: 'not-blocked', minScore: 0.5 },
  { show: SKINCARE, text: 'serum' },
  { show: SKINCARE, compliance: 'not-blocked' },
  { product: 'Glow Serum', compliance: 'clear' },
  { product: '保湿面膜', compliance: 'not-blocked', minScore: 0.8 },
  { language: 'zh', compliance: 'warn' },
  { language: 'zh', compliance: 'clear', text: '秒杀' },
  { compliance: 'block', text: 'cures' },
  { compliance: 'warn', minScore: 0.7, language: 'en' },
  { product: 'Air Fryer Pro', minScore: 0.6, compliance: 'not-blocked' },
  { language: 'en', compliance: 'clear', text: '#kitchen' },
  { show: SKINCARE, language: 'en', minScore: 0.3, product: 'Hydra Mask', text: 'mask', compliance: 'not-blocked' },
];

let dynamo: LocalDynamo;
let index: DynamoCatalogIndex;
const MAIN_TABLE = 'catalog-main';

async function queryAll(target: DynamoCatalogIndex, filter: CatalogFilter): Promise<{ entries: CatalogEntry[]; pages: number }> {
  const entries: CatalogEntry[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await target.query(filter, cursor);
    pages++;
    if (filter.limit !== undefined) expect(page.entries.length).toBeLessThanOrEqual(filter.limit);
    if (page.cursor !== undefined) expect(page.entries.length).toBe(filter.limit);
    entries.push(...page.entries);
    cursor = page.cursor;
  } while (cursor !== undefined);
  return { entries, pages };
}

const ids = (entries: readonly CatalogEntry[]) => entries.map((entry) => `${entry.showId}/${entry.clipId}`);

async function scanTable(tableName: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const result = await dynamo.documentClient.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: startKey }));
    items.push(...(result.Items ?? []));
    startKey = result.LastEvaluatedKey;
  } while (startKey !== undefined);
  return items.sort((a, b) => `${String(a.pk)} ${String(a.sk)}`.localeCompare(`${String(b.pk)} ${String(b.sk)}`));
}

beforeAll(async () => {
  dynamo = await startDynalite();
  await createCatalogTable(dynamo.client, MAIN_TABLE);
  index = new DynamoCatalogIndex(dynamo.documentClient, MAIN_TABLE);
  await index.replaceShow(parseShowId(SKINCARE), 'run1', skincare);
  await index.replaceShow(parseShowId(KITCHEN), 'run1', kitchen);
  await index.replaceShow(parseShowId(MIANMO), 'run1', mianmo);
  await index.replaceShow(parseShowId(AUDIO), 'run1', audio);
});

afterAll(async () => {
  await dynamo?.close();
});

describe('descendingScoreKey', () => {
  it('sorts ascending in descending score order, negatives and -0 included', () => {
    const scores = [3.5, 1, 0.82, 0.8200000000000001, 0.5, 1e-9, 0, -0, -1e-9, -0.5, -2];
    const byKey = [...scores].sort((a, b) => (descendingScoreKey(a) < descendingScoreKey(b) ? -1 : 1));
    expect(byKey).toEqual([...scores].sort((a, b) => b - a));
    expect(descendingScoreKey(-0)).toBe(descendingScoreKey(0));
    expect(descendingScoreKey(0.5)).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('DynamoCatalogIndex.query', () => {
  it('returns the same entries in the same order as filterCatalog, for every filter', async () => {
    for (const filter of filters) {
      const expected = ids(filterCatalog(catalog, filter));
      const { entries } = await queryAll(index, filter);
      expect(ids(entries), JSON.stringify(filter)).toEqual(expected);
    }
    // The data really exercises the tie-breaks: four clips of three shows share the score 0.82.
    expect(ids(filterCatalog(catalog, { minScore: 0.82 }))).toEqual([
      `${KITCHEN}/kg01`,
      `${SKINCARE}/sk01`,
      `${MIANMO}/mm01`,
      `${AUDIO}/ad01`,
      `${KITCHEN}/kg02`,
      `${MIANMO}/mm02`,
      `${SKINCARE}/sk02`,
      `${SKINCARE}/sk03`,
    ]);
  });

  it('returns whole entries, equal to what was written', async () => {
    const { entries } = await queryAll(index, { show: MIANMO });
    expect(entries).toEqual(filterCatalog(mianmo, {}));
  });

  it('honours limit on the first page like filterCatalog', async () => {
    for (const filter of filters) {
      for (const limit of [1, 3]) {
        const page = await index.query({ ...filter, limit });
        expect(ids(page.entries), JSON.stringify({ ...filter, limit })).toEqual(ids(filterCatalog(catalog, { ...filter, limit })));
        expect(page.cursor === undefined, JSON.stringify({ ...filter, limit })).toBe(filterCatalog(catalog, filter).length <= limit);
      }
    }
  });

  it('pages through every match exactly once with small limits', async () => {
    for (const filter of filters) {
      for (const limit of [1, 2, 5]) {
        const expected = ids(filterCatalog(catalog, filter));
        const { entries, pages } = await queryAll(index, { ...filter, limit });
        expect(ids(entries), JSON.stringify({ ...filter, limit })).toEqual(expected);
        expect(new Set(ids(entries)).size).toBe(entries.length);
        expect(pages).toBe(Math.max(1, Math.ceil(expected.length / limit)));
      }
    }
  });

  it('lets the page size change between pages of one query', async () => {
    const first = await index.query({ compliance: 'not-blocked', limit: 2 });
    const entries = [...first.entries];
    let cursor = first.cursor;
    while (cursor !== undefined) {
      const page = await index.query({ compliance: 'not-blocked', limit: 3 }, cursor);
      entries.push(...page.entries);
      cursor = page.cursor;
    }
    expect(ids(entries)).toEqual(ids(filterCatalog(catalog, { compliance: 'not-blocked' })));
  });

  it('matches whole product names (any case), not substrings: the documented cloud difference', async () => {
    expect(ids((await index.query({ product: '  hydra   MASK ' })).entries)).toEqual(ids(filterCatalog(catalog, { product: 'Hydra Mask' })));
    expect(filterCatalog(catalog, { product: 'serum' }).length).toBeGreaterThan(0);
    expect((await index.query({ product: 'serum' })).entries).toEqual([]);
  });

  it('rejects a cursor it did not issue for this query with a clear InputError', async () => {
    const page = await index.query({ language: 'en', limit: 2 });
    expect(page.cursor).toBeDefined();
    const bad = [
      'not a cursor!',
      Buffer.from('{}').toString('base64url'),
      Buffer.from('[1,2,3').toString('base64url'),
      Buffer.from(JSON.stringify({ v: 1, q: 'x', sk: 'nope' })).toString('base64url'),
      'A'.repeat(5000),
    ];
    for (const cursor of bad) {
      await expect(index.query({ language: 'en', limit: 2 }, cursor)).rejects.toThrow(InputError);
    }
    // A genuine cursor, but of another filter.
    await expect(index.query({ language: 'zh', limit: 2 }, page.cursor)).rejects.toThrow(/cursor is not one this index issued/);
    await expect(index.query({ language: 'en', minScore: 0.9, limit: 2 }, page.cursor)).rejects.toThrow(InputError);
  });
});

describe('DynamoCatalogIndex.replaceShow', () => {
  const show = parseShowId(SKINCARE);
  // Run 2 of the show: one clip dropped, one rescored and retitled, one new; a product gone from the catalog.
  const run2 = [
    { ...skincare[0]!, score: 0.93, title: 'Glow Serum texture close-up (re-cut)' },
    skincare[1]!,
    skincare[3]!,
    clip(SKINCARE, 'sk06', 4, 0.66, { title: 'Sunscreen swatch', description: 'SPF 50 on the forearm', hashtags: ['skincare', 'spf'], products: ['Sun Shield'], language: 'en' }),
  ].map((entry) => catalogEntrySchema.parse(entry));
  const others = [...kitchen, ...mianmo];
  let tables = 0;

  /** A table of its own per test, holding two other shows the replacements must not touch. */
  async function freshTable(): Promise<{ table: string; runs: DynamoCatalogIndex }> {
    const table = `catalog-runs-${++tables}`;
    await createCatalogTable(dynamo.client, table);
    const runs = new DynamoCatalogIndex(dynamo.documentClient, table);
    await runs.replaceShow(parseShowId(KITCHEN), 'kit1', kitchen);
    await runs.replaceShow(parseShowId(MIANMO), 'mia1', mianmo);
    return { table, runs };
  }

  /** Runs through a proxy that hands back all but `acceptPerCall` writes of each BatchWriteItem call. */
  async function withThrottling<T>(table: string, acceptPerCall: number, options: DynamoCatalogIndexOptions, use: (index: DynamoCatalogIndex, stats: ThrottlingProxy['stats']) => Promise<T>): Promise<T> {
    const proxy = await startThrottlingProxy(dynamo.endpoint, acceptPerCall);
    const client = dynamoClient(proxy.endpoint);
    try {
      return await use(new DynamoCatalogIndex(DynamoDBDocumentClient.from(client), table, { baseDelayMs: 1, ...options }), proxy.stats);
    } finally {
      client.destroy();
      await proxy.close();
    }
  }

  async function everyFilterMatches(target: DynamoCatalogIndex, data: readonly CatalogEntry[]): Promise<void> {
    for (const filter of [...filters, { product: 'Sun Shield' }, { text: 're-cut' }]) {
      expect(ids((await queryAll(target, filter)).entries), JSON.stringify(filter)).toEqual(ids(filterCatalog(data, filter)));
    }
  }

  const runsOf = (items: readonly Record<string, unknown>[]) => new Set(items.map((item) => item.runId));

  it('a new run replaces the earlier run in every facet', async () => {
    const { table, runs } = await freshTable();
    await runs.replaceShow(show, 'run1', skincare);
    await everyFilterMatches(runs, [...others, ...skincare]);

    await runs.replaceShow(show, 'run2', run2);
    await everyFilterMatches(runs, [...others, ...run2]);
    const items = await scanTable(table);
    expect(items.filter((item) => item.runId === 'run1')).toEqual([]);
    // What is left of the show: its head, one clip item per clip, and per clip four facet items plus one per product.
    const showItems = items.filter((item) => String(item.pk) === `show#${SKINCARE}` || String(item.sk).includes(`#${SKINCARE}#`));
    expect(showItems.filter((item) => item.sk === 'run')).toHaveLength(1);
    expect(showItems.filter((item) => String(item.sk).startsWith('clip#'))).toHaveLength(run2.length);
    expect(showItems.filter((item) => String(item.pk).startsWith('facet#'))).toHaveLength(
      4 * run2.length + run2.reduce((sum, entry) => sum + entry.products.length, 0),
    );
  });

  it('a redelivered call of the current run changes nothing and writes nothing', async () => {
    const { table, runs } = await freshTable();
    await runs.replaceShow(show, 'run1', skincare);
    await runs.replaceShow(show, 'run2', run2);
    const before = await scanTable(table);
    await withThrottling(table, 25, {}, async (index, stats) => {
      await index.replaceShow(show, 'run2', run2);
      await index.replaceShow(show, 'run2', [...run2].reverse());
      expect(stats.batchCalls).toBe(0);
    });
    expect(await scanTable(table)).toEqual(before);
    await everyFilterMatches(runs, [...others, ...run2]);
  });

  it('a stale call of an older run does not clobber the newer one', async () => {
    const { table, runs } = await freshTable();
    await runs.replaceShow(show, 'run1', skincare);
    await runs.replaceShow(show, 'run2', run2);
    const before = await scanTable(table);
    await runs.replaceShow(show, 'run1', skincare);
    expect(await scanTable(table)).toEqual(before);
    await everyFilterMatches(runs, [...others, ...run2]);
  });

  it('a stale writer whose items land after the newer run removes them itself', async () => {
    const { table, runs } = await freshTable();
    await runs.replaceShow(show, 'run1', skincare);
    // run1 is slowed down by throttling while run2 claims the show, writes and sweeps.
    await withThrottling(table, 3, { maxBatchAttempts: 100 }, async (slow, stats) => {
      const redelivered = slow.replaceShow(show, 'run1', skincare.map((entry) => ({ ...entry, title: `${entry.title}!` })));
      // Let run1 (resumed: its entries changed) get into its writes before run2 claims the show.
      while (stats.batchCalls < 3) await new Promise((resolve) => setTimeout(resolve, 2));
      await runs.replaceShow(show, 'run2', run2);
      expect(stats.unprocessed).toBeGreaterThan(0);
      await redelivered;
    });
    const left = (await scanTable(table)).filter((item) => String(item.sk).includes(SKINCARE) || item.pk === `show#${SKINCARE}`);
    expect(runsOf(left)).toEqual(new Set(["run2"]));
    await everyFilterMatches(runs, [...others, ...run2]);
  });

  it('a redelivery of the current run with different entries converges on them', async () => {
    const { runs } = await freshTable();
    await runs.replaceShow(show, 'run2', run2);
    const changed = run2.map((entry) => (entry.clipId === 'sk04' ? { ...entry, score: 0.2, products: ['Bundle Box'] } : entry));
    await runs.replaceShow(show, 'run2', changed);
    await everyFilterMatches(runs, [...others, ...changed]);
    expect((await runs.query({ product: 'Bundle Box' })).entries.map((entry) => entry.clipId)).toEqual(['sk04']);
    await runs.replaceShow(show, 'run2', run2);
    await everyFilterMatches(runs, [...others, ...run2]);
    expect((await runs.query({ product: 'Bundle Box' })).entries).toEqual([]);
  });

  it('retries unprocessed batch writes until everything is written', async () => {
    const { table, runs } = await freshTable();
    await runs.replaceShow(show, 'run2', run2);
    await withThrottling(table, 7, {}, async (throttled, stats) => {
      await throttled.replaceShow(show, 'run3', skincare);
      expect(stats.unprocessed).toBeGreaterThan(0);
    });
    await everyFilterMatches(runs, [...others, ...skincare]);
    expect(runsOf((await scanTable(table)).filter((item) => item.runId !== 'kit1' && item.runId !== 'mia1'))).toEqual(new Set(['run3']));
  });

  it('gives up with a retryable error when writes stay unprocessed; the redelivery completes the run', async () => {
    const { table, runs } = await freshTable();
    await runs.replaceShow(show, 'run3', skincare);
    const failure = await withThrottling(table, 10, { maxBatchAttempts: 1 }, (throttled) =>
      throttled.replaceShow(show, 'run4', run2).then(() => undefined, (error: unknown) => error),
    );
    expect(failure).toBeInstanceOf(PostshowError);
    expect((failure as PostshowError).permanent).toBe(false);
    expect((failure as Error).message).toMatch(/unprocessed after 1 attempts/);
    // The run claimed the show and wrote part of its items; the redelivered message finishes it.
    await runs.replaceShow(show, 'run4', run2);
    await everyFilterMatches(runs, [...others, ...run2]);
    expect((await scanTable(table)).filter((item) => item.runId === 'run3')).toEqual([]);
  });

  it('a half-written run that is never retried is swept by the next run', async () => {
    const { table, runs } = await freshTable();
    await withThrottling(table, 12, { maxBatchAttempts: 1 }, async (throttled) => {
      await expect(throttled.replaceShow(show, 'run5', skincare)).rejects.toThrow(PostshowError);
    });
    expect((await scanTable(table)).some((item) => item.runId === 'run5')).toBe(true);
    await runs.replaceShow(show, 'run6', run2);
    expect((await scanTable(table)).filter((item) => item.runId === 'run5')).toEqual([]);
    await everyFilterMatches(runs, [...others, ...run2]);
  });

  it('two runs racing for one show leave exactly one of them', async () => {
    const { table, runs } = await freshTable();
    await runs.replaceShow(show, 'run6', skincare);
    await Promise.all([runs.replaceShow(show, 'run7', skincare), runs.replaceShow(show, 'run8', run2)]);
    const items = await scanTable(table);
    const winner = items.find((item) => item.pk === `show#${SKINCARE}` && item.sk === 'run')?.runId;
    expect(['run7', 'run8']).toContain(winner);
    expect(runsOf(items.filter((item) => String(item.sk).includes(SKINCARE) || item.pk === `show#${SKINCARE}`))).toEqual(new Set([winner]));
    await everyFilterMatches(runs, [...others, ...(winner === 'run7' ? skincare : run2)]);
  });

  it('an empty run empties the show', async () => {
    const { runs } = await freshTable();
    await runs.replaceShow(show, 'run1', skincare);
    await runs.replaceShow(show, 'run9', []);
    await everyFilterMatches(runs, others);
  });

  it('rejects a bad run id, an entry of another show or a clip listed twice', async () => {
    const runs = new DynamoCatalogIndex(dynamo.documentClient, MAIN_TABLE);
    await expect(runs.replaceShow(show, 'bad run!', skincare)).rejects.toThrow(InputError);
    await expect(runs.replaceShow(show, 'run10', kitchen)).rejects.toThrow(/belongs to show/);
    await expect(runs.replaceShow(show, 'run10', [skincare[0]!, skincare[0]!])).rejects.toThrow(/twice/);
  });
});
