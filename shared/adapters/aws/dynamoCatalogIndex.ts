/**
 * The CatalogIndex port on DynamoDB.
 *
 * ## Table
 * One table, partition key `pk` (S), sort key `sk` (S), PAY_PER_REQUEST, no GSIs. Every access pattern is a
 * Query on one partition: the writer lays out "facet" items, one partition per facet value, whose sort key
 * already is the catalog order.
 *
 * ## Items
 * | item     | pk                           | sk                                     | attributes                                             |
 * |----------|------------------------------|----------------------------------------|--------------------------------------------------------|
 * | show head| `show#{showId}`              | `run`                                  | runId (current run), retiredRuns (last 50, oldest first), claimedAt, syncedDigest? |
 * | clip     | `show#{showId}`              | `clip#{clipId}#{runId}`                | runId, clipId, entry (JSON), facetPks (list), facetSk  |
 * | facet    | `facet#{facet}` (see below)  | `{score desc}#{showId}#{clipId}#{runId}` | runId, showId, language, status, review, productKeys (list), searchText, entry (JSON) |
 *
 * `{score desc}` is 16 hex digits: the IEEE-754 bits of the score mapped to an order-preserving key and
 * complemented, so ascending `sk` is score descending (exact for every double, negatives included; -0 = 0),
 * then show id, then clip id: the order of `filterCatalog` (show and clip ids use characters above `#`,
 * which is checked on write, so `#` never disturbs the tie-break). The run id suffix keeps two runs' items
 * for the same clip apart while one replaces the other.
 *
 * Facets written per clip: `all`, `show#{showId}`, `lang#{en|zh}`, `status#{clear|warn|block}`, and
 * `product#{name}` per distinct product (NFKC, lower case, trimmed, inner whitespace collapsed).
 *
 * ## Access patterns (query -> partition, key condition, filter)
 * | filter given                        | partition read                 | key condition / FilterExpression                          |
 * |-------------------------------------|--------------------------------|-----------------------------------------------------------|
 * | show (+ anything)                   | `facet#show#{showId}`          | the rest as filter                                        |
 * | product (no show)                   | `facet#product#{name}`         | the rest as filter                                        |
 * | compliance block / warn             | `facet#status#{status}`        | the rest as filter                                        |
 * | language                            | `facet#lang#{language}`        | the rest as filter (compliance clear/not-blocked too)     |
 * | compliance clear                    | `facet#status#clear`           | the rest as filter                                        |
 * | nothing / not-blocked / text only   | `facet#all`                    | `status <> block`, text words as filter                   |
 * | minScore (with any of the above)    | same partition                 | key condition `sk < {score desc of minScore}$`: the read stops at the threshold |
 * | text words (with any of the above)  | same partition                 | `contains(searchText, word)` per word                     |
 * | review status (with any of the above) | same partition               | `review = :review`                                        |
 * The most selective facet wins (show, then product, then the rare statuses, then language). Text keeps the
 * local semantics (case-insensitive substrings of title, description and hashtags) as a FilterExpression on the
 * lower-cased `searchText`; an exact-token facet cannot serve substrings, so a text-only query walks `facet#all`
 * in score order and stops as soon as the page is full (a Query, never a Scan; a rare word reads far).
 * Product is the one deliberate difference from the local index: the cloud matches a whole product name
 * (case- and whitespace-insensitive), not any substring of it, so it can be answered from its own partition.
 *
 * Pages: the loop queries until `limit + 1` matches or the end of the partition (FilterExpression pages can
 * be short or empty), returns `limit` and, only when the extra match exists, an opaque cursor: base64url of
 * {v, q: fingerprint of the filter without limit, sk: last returned sort key}. A cursor that does not decode,
 * belongs to another filter or lies outside the minScore range is an InputError.
 *
 * ## Writes (replaceShow)
 * 1. Claim: read the head (consistent).
 *    - same runId, synced with the same entries digest -> done: a redelivery costs one GetItem;
 *    - same runId otherwise (an earlier attempt failed midway, or the entries changed) -> resume: write again,
 *      and the sweep also drops keys that earlier attempt wrote and this one no longer lists;
 *    - runId in retiredRuns -> stale: no writes, only the sweep of step 3;
 *    - else a new run: put the head with this runId, pushing the old one to retiredRuns, conditional on the
 *      head still naming the run we read (`attribute_not_exists(pk)` for a first run); losing that race
 *      re-reads and decides again.
 * 2. Write all clip items, then all facet items (BatchWriteItem, 25 a call, UnprocessedItems retried with capped
 *    exponential backoff and jitter, then a transient error so the queue retries the message).
 * 3. Sweep: read the head (consistent), then query the show's clip items (consistent), then delete the clip
 *    items of every run in the head's retiredRuns and the facet items each lists (facets first, clip items
 *    last, so a crash leaves the clip items as the record of what to delete). That is safe: a retired run's
 *    writer still at work deletes whatever it writes itself (next point); the run current at the head read
 *    is never touched here (the run that retires it sweeps it, with a query after all its writes); a run
 *    claimed after the head read is in no list and is left alone.
 *    The writer itself: if the head now names a newer run, it deletes every key it wrote (its clip items may
 *    already be gone, swept by the newer run while its facet writes were still landing); if it is still the
 *    head's run, it deletes only keys an earlier attempt of the same run wrote and this one does not list.
 * 4. Mark the head synced with the entries digest (conditional on runId) so a redelivery is one GetItem.
 * During a replacement queries may briefly see both runs' items; after it, only the current run's.
 * Limitation: "older" means "already replaced in this index" (run ids are opaque); a run the index has never
 * seen that arrives after a newer one is taken as the newest. The catalog stage reads the manifest's runId
 * when it starts, so that needs one invocation to outlive a whole newer pipeline run.
 *
 * ## Why no GSI
 * The contract fixes none, and they would not help: products are multi-valued (a GSI indexes one value per
 * item, so one item per product is needed anyway), a GSI is eventually consistent and copies every item
 * (same write cost as a facet item), and compound orders (score, show, clip) would still need a composed key.
 *
 * ## Cost per show (on-demand)
 * Items are ~1.5 KB (a real entry's JSON is ~1.05 KB, searchText ~0.3 KB): 2 WCU each. A clip with one product = 1 clip item + 5 facet
 * items ~ 12 WCU; a 10-clip show ~ 120 WCU + 2 for the head, plus ~5 RCU for the sweep query. A re-run adds
 * the deletes of the old run (~ the same WCU again); a redelivered message after sync costs 1 RCU.
 * A query page of 20 entries reads ~30-40 KB ~ 5 RCU (eventually consistent) when the facet is selective.
 * `facet#all` and `facet#lang#*` take writes of every show: fine far below ~1000 WCU/s (hundreds of shows
 * finishing per second); shard those facets (`all#0..n`) if that ever changes.
 */
import { createHash } from 'node:crypto';
import {
  BatchWriteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type BatchWriteCommandInput,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { catalogEntrySchema, type CatalogEntry, type CatalogFilter } from '../../core/catalog/index.js';
import { InputError, PostshowError } from '../../core/errors.js';
import type { ShowId } from '../../core/keys.js';
import { runIdSchema } from '../../pipeline/messages.js';
import type { CatalogIndex, CatalogPage } from '../../pipeline/ports.js';

export interface DynamoCatalogIndexOptions {
  /** Calls per 25-item chunk before giving up on UnprocessedItems. @default 8 */
  readonly maxBatchAttempts?: number;
  /** First backoff delay, doubled per attempt (capped at 2 s), with full jitter. @default 50 */
  readonly baseDelayMs?: number;
}

type WriteRequest = NonNullable<BatchWriteCommandInput['RequestItems']>[string][number];
interface ItemKey {
  readonly pk: string;
  readonly sk: string;
}

const HEAD_SK = 'run';
const CLIP_SK_PREFIX = 'clip#';
const RETIRED_RUNS_KEPT = 50;
const CLAIM_ATTEMPTS = 5;
const BATCH_SIZE = 25;
/** Ids that go into sort keys: every character sorts above the `#` separator. */
const KEY_PART_PATTERN = /^[A-Za-z0-9._-]{1,128}$/;
const FACET_SK_PATTERN = /^[0-9a-f]{16}#[A-Za-z0-9._-]{1,128}#[A-Za-z0-9._-]{1,128}#[A-Za-z0-9]{4,64}$/;
/** Most items one Query call may evaluate; DynamoDB also stops at 1 MB. */
const MAX_QUERY_LIMIT = 1000;

const headSchema = z.object({
  runId: z.string(),
  retiredRuns: z.array(z.string()).default([]),
  syncedDigest: z.string().optional(),
});
type Head = z.infer<typeof headSchema>;

const clipItemSchema = z.object({
  pk: z.string(),
  sk: z.string(),
  runId: z.string(),
  facetPks: z.array(z.string()),
  facetSk: z.string(),
});
type ClipItem = z.infer<typeof clipItemSchema>;

const cursorSchema = z.object({ v: z.literal(1), q: z.string(), sk: z.string().regex(FACET_SK_PATTERN) }).strict();

export class DynamoCatalogIndex implements CatalogIndex {
  private readonly maxBatchAttempts: number;
  private readonly baseDelayMs: number;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    options: DynamoCatalogIndexOptions = {},
  ) {
    this.maxBatchAttempts = options.maxBatchAttempts ?? 8;
    this.baseDelayMs = options.baseDelayMs ?? 50;
  }

  async replaceShow(showId: ShowId, runId: string, entries: readonly CatalogEntry[]): Promise<void> {
    const parsedRun = runIdSchema.safeParse(runId);
    if (!parsedRun.success) throw new InputError(`catalog run id ${JSON.stringify(runId.slice(0, 80))} is not 4-64 letters or digits`);
    checkEntries(showId, entries);
    const digest = entriesDigest(entries);

    const claim = await this.claimRun(showId, runId, digest);
    if (claim === 'synced') return;
    if (claim === 'stale') {
      // No writes; only tidy up what retired runs (this one among them) may have left.
      await this.sweep(showId, runId);
      return;
    }
    // An earlier attempt of this run may have written other keys (entries changed): those go in the sweep.
    const before = claim === 'resumed' ? (await this.queryClipItems(showId)).filter((item) => item.runId === runId) : [];
    const desired = entries.map((entry) => clipItems(entry, runId));
    await this.write(desired.map(({ clip }) => ({ PutRequest: { Item: clip } })));
    await this.write(desired.flatMap(({ facets }) => facets.map((Item) => ({ PutRequest: { Item } }))));
    await this.sweep(showId, runId, { written: desired.map(({ clip }) => clip), before, digest });
  }

  async query(filter: CatalogFilter, cursor?: string): Promise<CatalogPage> {
    const plan = planQuery(filter);
    const need = filter.limit === undefined ? Number.POSITIVE_INFINITY : filter.limit + 1;
    let startSk = cursor === undefined ? undefined : decodeCursor(cursor, plan);
    const found: { sk: string; entry: CatalogEntry }[] = [];

    while (found.length < need) {
      const missing = need - found.length;
      const limit = Number.isFinite(missing)
        ? Math.min(MAX_QUERY_LIMIT, plan.filterExpression === undefined ? missing : Math.max(25, missing * 4))
        : undefined;
      const result = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: plan.keyCondition,
          FilterExpression: plan.filterExpression,
          ExpressionAttributeNames: plan.names,
          ExpressionAttributeValues: plan.values,
          ProjectionExpression: '#sk, #entry',
          ExclusiveStartKey: startSk === undefined ? undefined : { pk: plan.pk, sk: startSk },
          Limit: limit,
        }),
      );
      for (const item of result.Items ?? []) {
        if (found.length >= need) break;
        found.push({ sk: String(item.sk), entry: parseStoredEntry(item.entry) });
      }
      if (result.LastEvaluatedKey === undefined) break;
      startSk = String(result.LastEvaluatedKey.sk);
    }

    if (filter.limit === undefined || found.length <= filter.limit) return { entries: found.map((hit) => hit.entry) };
    const page = found.slice(0, filter.limit);
    const last = page[page.length - 1]!;
    return { entries: page.map((hit) => hit.entry), cursor: encodeCursor(plan.fingerprint, last.sk) };
  }

  /**
   * What this call is for the show: a new run (`claimed`), the current run again (`resumed`, an earlier attempt
   * may have written part of it), the current run already synced with these entries, or a retired run.
   */
  private async claimRun(showId: ShowId, runId: string, digest: string): Promise<'claimed' | 'resumed' | 'synced' | 'stale'> {
    for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
      const head = await this.readHead(showId);
      if (head?.runId === runId) return head.syncedDigest === digest ? 'synced' : 'resumed';
      if (head?.retiredRuns.includes(runId)) return 'stale';
      const retiredRuns = head ? [...head.retiredRuns, head.runId].slice(-RETIRED_RUNS_KEPT) : [];
      try {
        await this.client.send(
          new PutCommand({
            TableName: this.tableName,
            Item: { pk: showPk(showId), sk: HEAD_SK, runId, retiredRuns, claimedAt: new Date().toISOString() },
            ConditionExpression: head ? '#runId = :previous' : 'attribute_not_exists(pk)',
            ExpressionAttributeNames: head ? { '#runId': 'runId' } : undefined,
            ExpressionAttributeValues: head ? { ':previous': head.runId } : undefined,
          }),
        );
        return 'claimed';
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        // Another run claimed the show between our read and write: decide again on the new head.
      }
    }
    throw new PostshowError(`catalog of show ${showId}: the run claim kept changing under us`, { permanent: false });
  }

  /**
   * Deletes the clip items (and the facet items they list) of every retired run; when this run is still the
   * head's, also the keys an earlier attempt of it wrote and this one does not (`own.before`), and marks the
   * head synced; when a newer run has claimed the show meanwhile, everything this call wrote (`own.written`).
   * The head is read before the query: see the design notes at the top for why that order is safe.
   */
  private async sweep(
    showId: ShowId,
    runId: string,
    own?: { readonly written: readonly ClipItem[]; readonly before: readonly ClipItem[]; readonly digest: string },
  ): Promise<void> {
    const head = await this.readHead(showId);
    const existing = await this.queryClipItems(showId);
    const retired = new Set(head?.retiredRuns);
    const stillCurrent = head?.runId === runId;
    const keep = new Set(stillCurrent && own ? own.written.flatMap(itemKeys).map(keyId) : []);
    const facetKeys = new Map<string, ItemKey>();
    const clipKeys = new Map<string, ItemKey>();
    const drop = (items: readonly ClipItem[]) => {
      for (const item of items) {
        const [clipKey, ...facets] = itemKeys(item);
        for (const key of facets) if (!keep.has(keyId(key))) facetKeys.set(keyId(key), key);
        if (!keep.has(keyId(clipKey!))) clipKeys.set(keyId(clipKey!), clipKey!);
      }
    };
    drop(existing.filter((item) => retired.has(item.runId)));
    if (own) drop(stillCurrent ? own.before : own.written);
    // Facets first, clip items last: a crash in between leaves the clip items as the record of what to delete.
    await this.write([...facetKeys.values()].map((Key) => ({ DeleteRequest: { Key } })));
    await this.write([...clipKeys.values()].map((Key) => ({ DeleteRequest: { Key } })));
    if (stillCurrent && own) await this.markSynced(showId, runId, own.digest);
  }

  private async markSynced(showId: ShowId, runId: string, digest: string): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: showPk(showId), sk: HEAD_SK },
          UpdateExpression: 'SET #synced = :digest',
          ConditionExpression: '#runId = :runId',
          ExpressionAttributeNames: { '#synced': 'syncedDigest', '#runId': 'runId' },
          ExpressionAttributeValues: { ':digest': digest, ':runId': runId },
        }),
      );
    } catch (error) {
      // A newer run claimed the show meanwhile; its own sweep removes what we wrote.
      if (!isConditionFailure(error)) throw error;
    }
  }

  private async readHead(showId: ShowId): Promise<Head | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: showPk(showId), sk: HEAD_SK }, ConsistentRead: true }),
    );
    return Item === undefined ? undefined : headSchema.parse(Item);
  }

  private async queryClipItems(showId: ShowId): Promise<ClipItem[]> {
    const items: ClipItem[] = [];
    let startKey: QueryCommandInput['ExclusiveStartKey'];
    do {
      const result = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': showPk(showId), ':prefix': CLIP_SK_PREFIX },
          ProjectionExpression: 'pk, sk, runId, facetPks, facetSk',
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of result.Items ?? []) items.push(clipItemSchema.parse(item));
      startKey = result.LastEvaluatedKey;
    } while (startKey !== undefined);
    return items;
  }

  /** BatchWriteItem in chunks of 25, retrying UnprocessedItems with capped exponential backoff and jitter. */
  private async write(requests: readonly WriteRequest[]): Promise<void> {
    for (let offset = 0; offset < requests.length; offset += BATCH_SIZE) {
      let pending = requests.slice(offset, offset + BATCH_SIZE);
      for (let attempt = 1; pending.length > 0; attempt++) {
        if (attempt > this.maxBatchAttempts) {
          throw new PostshowError(
            `DynamoDB left ${pending.length} catalog writes unprocessed after ${this.maxBatchAttempts} attempts (throttled)`,
            { permanent: false },
          );
        }
        if (attempt > 1) await sleep(Math.random() * Math.min(2000, this.baseDelayMs * 2 ** (attempt - 2)));
        const result = await this.client.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: pending } }));
        pending = result.UnprocessedItems?.[this.tableName] ?? [];
      }
    }
  }
}

// ---- items ------------------------------------------------------------------------------------------

const showPk = (showId: string): string => `show#${showId}`;
const keyId = (key: ItemKey): string => `${key.pk}\u0000${key.sk}`;

/** The clip item's own key, then the keys of the facet items it lists. */
function itemKeys(item: ClipItem): ItemKey[] {
  return [{ pk: item.pk, sk: item.sk }, ...item.facetPks.map((pk) => ({ pk, sk: item.facetSk }))];
}

/** The clip item under the show's partition and the facet items of one entry. */
function clipItems(entry: CatalogEntry, runId: string): { clip: ClipItem & { clipId: string; entry: string }; facets: (Record<string, unknown> & ItemKey)[] } {
  const stored = JSON.stringify(entry);
  const productKeys = [...new Set(entry.products.map(normaliseProduct).filter((name) => name !== ''))];
  const facetPks = [
    'all',
    `show#${entry.showId}`,
    `lang#${entry.language}`,
    `status#${entry.compliance.status}`,
    ...productKeys.map((name) => `product#${name}`),
  ].map((facet) => `facet#${facet}`);
  const facetSk = `${descendingScoreKey(entry.score)}#${entry.showId}#${entry.clipId}#${runId}`;
  const searchText = [entry.title, entry.description, ...entry.hashtags].join('\n').toLowerCase();
  return {
    clip: { pk: showPk(entry.showId), sk: `${CLIP_SK_PREFIX}${entry.clipId}#${runId}`, runId, clipId: entry.clipId, facetPks, facetSk, entry: stored },
    facets: facetPks.map((pk) => ({
      pk,
      sk: facetSk,
      runId,
      showId: entry.showId,
      language: entry.language,
      status: entry.compliance.status,
      review: entry.review.status,
      productKeys,
      searchText,
      entry: stored,
    })),
  };
}

function checkEntries(showId: ShowId, entries: readonly CatalogEntry[]): void {
  const seen = new Set<string>();
  for (const entry of entries) {
    if (entry.showId !== showId) throw new InputError(`catalog entry ${entry.clipId} belongs to show ${entry.showId}, not ${showId}`);
    if (!KEY_PART_PATTERN.test(entry.clipId) || !KEY_PART_PATTERN.test(entry.showId)) {
      throw new InputError(`catalog entry ${JSON.stringify(entry.clipId.slice(0, 80))}: clip ids may only use letters, digits, ".", "_" and "-"`);
    }
    if (seen.has(entry.clipId)) throw new InputError(`catalog of show ${showId} lists clip ${entry.clipId} twice`);
    seen.add(entry.clipId);
  }
}

function entriesDigest(entries: readonly CatalogEntry[]): string {
  const sorted = [...entries].sort((a, b) => (a.clipId < b.clipId ? -1 : a.clipId > b.clipId ? 1 : 0));
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex');
}

function parseStoredEntry(stored: unknown): CatalogEntry {
  if (typeof stored !== 'string') throw new PostshowError('catalog item without an entry', { permanent: false });
  return catalogEntrySchema.parse(JSON.parse(stored));
}

/** Product names as the index compares them: the whole name, case and spacing ignored. */
export function normaliseProduct(name: string): string {
  return name.normalize('NFKC').toLowerCase().trim().replace(/\s+/g, ' ');
}

/**
 * 16 hex digits whose ascending order is the scores' descending order. The IEEE-754 bits become an
 * order-preserving unsigned key (flip the sign bit of positives, every bit of negatives), then complemented.
 */
export function descendingScoreKey(score: number): string {
  const bytes = Buffer.alloc(8);
  bytes.writeDoubleBE(score === 0 ? 0 : score); // -0 ties with 0, as in filterCatalog
  const negative = (bytes[0]! & 0x80) !== 0;
  for (let i = 0; i < 8; i++) {
    const ascending = negative ? ~bytes[i]! & 0xff : i === 0 ? bytes[i]! ^ 0x80 : bytes[i]!;
    bytes[i] = ~ascending & 0xff;
  }
  return bytes.toString('hex');
}

// ---- queries ----------------------------------------------------------------------------------------

interface QueryPlan {
  readonly pk: string;
  readonly keyCondition: string;
  readonly filterExpression?: string;
  readonly names: Record<string, string>;
  readonly values: Record<string, unknown>;
  /** Sort keys at or above this bound are below minScore. */
  readonly skBound?: string;
  readonly fingerprint: string;
}

/** Picks the most selective facet for the filter and turns the other criteria into a FilterExpression. */
function planQuery(filter: CatalogFilter): QueryPlan {
  const product = filter.product === undefined ? undefined : normaliseProduct(filter.product);
  const words = textWords(filter.text);
  const rareStatus = filter.compliance === 'block' || filter.compliance === 'warn';
  const facet =
    filter.show !== undefined ? 'show'
    : product !== undefined ? 'product'
    : rareStatus ? 'status'
    : filter.language !== undefined ? 'language'
    : filter.compliance === 'clear' ? 'status'
    : 'all';
  const pk =
    facet === 'show' ? `facet#show#${filter.show}`
    : facet === 'product' ? `facet#product#${product}`
    : facet === 'status' ? `facet#status#${filter.compliance}`
    : facet === 'language' ? `facet#lang#${filter.language}`
    : 'facet#all';

  const names: Record<string, string> = { '#pk': 'pk', '#sk': 'sk', '#entry': 'entry' };
  const values: Record<string, unknown> = { ':pk': pk };
  const conditions: string[] = [];
  if (filter.language !== undefined && facet !== 'language') {
    names['#language'] = 'language';
    values[':language'] = filter.language;
    conditions.push('#language = :language');
  }
  if (filter.compliance !== undefined && facet !== 'status') {
    names['#status'] = 'status';
    if (filter.compliance === 'not-blocked') {
      values[':blocked'] = 'block';
      conditions.push('#status <> :blocked');
    } else {
      values[':status'] = filter.compliance;
      conditions.push('#status = :status');
    }
  }
  if (filter.status !== undefined) {
    names['#review'] = 'review';
    values[':review'] = filter.status;
    conditions.push('#review = :review');
  }
  if (product !== undefined && facet !== 'product') {
    names['#productKeys'] = 'productKeys';
    values[':product'] = product;
    conditions.push('contains(#productKeys, :product)');
  }
  words.forEach((word, i) => {
    names['#searchText'] = 'searchText';
    values[`:word${i}`] = word;
    conditions.push(`contains(#searchText, :word${i})`);
  });

  let keyCondition = '#pk = :pk';
  let skBound: string | undefined;
  if (filter.minScore !== undefined) {
    // `$` is the character after the `#` separator: every sort key with this score prefix sorts below it.
    skBound = `${descendingScoreKey(filter.minScore)}$`;
    values[':bound'] = skBound;
    keyCondition += ' AND #sk < :bound';
  }
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([filter.show, product, filter.minScore, filter.compliance, words, filter.language, filter.status]))
    .digest('base64url')
    .slice(0, 16);
  return {
    pk,
    keyCondition,
    filterExpression: conditions.length > 0 ? conditions.join(' AND ') : undefined,
    names,
    values,
    skBound,
    fingerprint,
  };
}

/** The words of a text query, normalised exactly as filterCatalog does. */
function textWords(text: string | undefined): string[] {
  return (text ?? '')
    .toLowerCase()
    .split(/\s+/)
    .map((word) => word.replace(/^#+/, ''))
    .filter((word) => word !== '');
}

function encodeCursor(fingerprint: string, sk: string): string {
  return Buffer.from(JSON.stringify({ v: 1, q: fingerprint, sk })).toString('base64url');
}

function decodeCursor(cursor: string, plan: QueryPlan): string {
  const invalid = () => new InputError('catalog cursor is not one this index issued for this query');
  if (cursor.length > 1024 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const parsed = cursorSchema.safeParse(decoded);
  if (!parsed.success || parsed.data.q !== plan.fingerprint) throw invalid();
  if (plan.skBound !== undefined && parsed.data.sk >= plan.skBound) throw invalid();
  return parsed.data.sk;
}

// ---- helpers ----------------------------------------------------------------------------------------

function isConditionFailure(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
