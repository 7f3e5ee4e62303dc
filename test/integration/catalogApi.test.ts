/**
 * The catalog HTTP API end to end: API Gateway HTTP API (payload 2.0) events in, the DynamoDB index on
 * dynalite, clip files and status.json on a real S3 protocol server (fauxqs), presigned URLs fetched; the
 * edit/review routes' refusals with the clip and catalog queues on fauxqs's SQS (nothing may be sent). Their
 * accepted path runs on the whole simulated cloud: test/integration/cloudEdits.test.ts.
 */
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { APIGatewayProxyEventV2WithIAMAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { buildApp } from 'fauxqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleCatalogRequest, type CatalogApiDependencies } from '../../functions/api/catalogApi.js';
import { createCatalogApiHandler, readCatalogApiEnv } from '../../functions/lambda/catalogApi.js';
import { DynamoCatalogIndex } from '../../shared/adapters/aws/dynamoCatalogIndex.js';
import { S3DownloadLinks } from '../../shared/adapters/aws/s3DownloadLinks.js';
import { S3Storage } from '../../shared/adapters/aws/s3Storage.js';
import { SqsQueue } from '../../shared/adapters/aws/sqsQueue.js';
import { catalogEntrySchema, filterCatalog, type CatalogEntry, type CatalogFilter } from '../../shared/core/catalog/index.js';
import { parseShowId } from '../../shared/core/keys.js';
import { createCatalogTable, startDynalite, TEST_CREDENTIALS, TEST_REGION, type LocalDynamo } from '../helpers/dynalite.js';

const TABLE = 'catalog-api';
const BUCKET = 'postshow-outputs';
const RECORDINGS_BUCKET = 'postshow-recordings';
const URL_SECONDS = 900;

function clip(showId: string, clipId: string, score: number, fields: Partial<CatalogEntry> & Pick<CatalogEntry, 'title' | 'language'>): CatalogEntry {
  const base = `shows/${showId}/clips/${clipId}/`;
  return catalogEntrySchema.parse({
    clipId,
    showId,
    rank: 1,
    start: 120,
    end: 151.5,
    duration: 31.5,
    score,
    description: '',
    hashtags: [],
    products: [],
    compliance: { status: 'clear', flags: [] },
    files: {
      thumbnail: `${base}thumbnail.jpg`,
      captions: `${base}captions.srt`,
      meta: `${base}meta.json`,
    },
    variants: [
      { aspect: '9:16', width: 1080, height: 1920, file: `${base}9x16.mp4` },
      { aspect: '16:9', width: 1920, height: 1080, file: `${base}16x9.mp4` },
    ],
    signals: ['chatRate'],
    createdFrom: { recordingKey: `recordings/${showId}/recording.mp4`, transcriptEngine: 'captions' },
    ...fields,
  });
}

const SKINCARE = 'spring-skincare-live';
const MIANMO = 'mianmo-zhibo';
const entries = [
  clip(SKINCARE, 'sk01', 0.91, { title: 'Glow Serum texture close-up', description: 'The serum absorbs in seconds', hashtags: ['skincare'], products: ['Glow Serum'], language: 'en' }),
  clip(SKINCARE, 'sk02', 0.74, {
    title: 'Hydra Mask overnight test',
    description: 'Before and after, best ever results',
    hashtags: ['skincare', 'mask'],
    products: ['Hydra Mask'],
    language: 'en',
    compliance: { status: 'warn', flags: [{ term: 'best ever', rule: 'superlative', severity: 'warn', t: 130 }] },
  }),
  clip(SKINCARE, 'sk03', 0.6, {
    title: 'Acne question',
    description: 'Host says the serum cures acne',
    hashtags: ['acne'],
    products: ['Glow Serum'],
    language: 'en',
    compliance: { status: 'block', flags: [{ term: 'cures acne', rule: 'medical-claim', severity: 'block', t: 125 }] },
  }),
  clip(MIANMO, 'mm01', 0.88, { title: '保湿面膜现场试用', description: '十五分钟后对比', hashtags: ['护肤', '面膜'], products: ['保湿面膜'], language: 'zh' }),
  clip(MIANMO, 'mm02', 0.74, { title: '限时秒杀', description: '组合优惠', hashtags: ['秒杀'], language: 'zh' }),
];
const fileBytes = (key: string) => Buffer.from(`bytes of ${key}: ${'\u0000\u00ff'.repeat(64)}`, 'latin1');
const status = {
  showId: SKINCARE,
  state: 'succeeded',
  updatedAt: '2025-04-12T10:31:00.000Z',
  stages: { ingest: { state: 'succeeded', items: 1, succeeded: 1, failed: 0, ms: 1200 } },
};

let dynamo: LocalDynamo;
let fauxqs: ReturnType<typeof buildApp>;
let s3Endpoint: string;
let s3: S3Client;
let sqs: SQSClient;
let queueUrls: { clip: string; catalog: string };
let deps: CatalogApiDependencies;

interface EventOptions {
  readonly defaultRoute?: boolean;
  readonly body?: string;
  /** Sent base64-encoded, as API Gateway does for bodies it does not take for text. */
  readonly base64?: boolean;
  readonly contentType?: string;
}

/** An event as API Gateway sends it for an HTTP API with IAM auth and payload format 2.0. */
function httpApiEvent(method: string, rawPath: string, rawQueryString = '', options: EventOptions = {}): APIGatewayProxyEventV2WithIAMAuthorizer {
  const segments = rawPath.split('/').filter(Boolean);
  let routeKey = '$default';
  let pathParameters: Record<string, string> | undefined;
  if (!options.defaultRoute) {
    if (segments[0] === 'clips' && segments.length === 1) routeKey = 'GET /clips';
    if (segments[0] === 'clips' && segments.length === 3) {
      routeKey = 'GET /clips/{showId}/{clipId}';
      pathParameters = { showId: decodeURIComponent(segments[1]!), clipId: decodeURIComponent(segments[2]!) };
    }
    if (segments[0] === 'shows' && segments[2] === 'status') {
      routeKey = 'GET /shows/{showId}/status';
      pathParameters = { showId: decodeURIComponent(segments[1]!) };
    }
  }
  // Payload 2.0 joins repeated parameters with commas and leaves the field out when there are none.
  const queryStringParameters: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawQueryString)) {
    queryStringParameters[name] = name in queryStringParameters ? `${queryStringParameters[name]},${value}` : value;
  }
  const timeEpoch = Date.now();
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString,
    headers: {
      accept: 'application/json',
      'content-length': String(Buffer.byteLength(options.body ?? '')),
      ...(options.body !== undefined ? { 'content-type': options.contentType ?? 'application/json' } : {}),
      host: 'abc123def4.execute-api.us-east-1.amazonaws.com',
      'user-agent': 'postshow-tests/1.0',
      'x-amz-date': '20250412T103100Z',
      'x-amz-security-token': 'token',
      'x-amzn-trace-id': 'Root=1-67fa3b2c-0123456789abcdef01234567',
      'x-forwarded-for': '203.0.113.9',
      'x-forwarded-port': '443',
      'x-forwarded-proto': 'https',
    },
    ...(rawQueryString === '' ? {} : { queryStringParameters }),
    ...(pathParameters ? { pathParameters } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123def4',
      authorizer: {
        iam: {
          accessKey: 'ASIAEXAMPLE',
          accountId: '123456789012',
          callerId: 'AROAEXAMPLE:marketer',
          cognitoIdentity: null,
          principalOrgId: 'o-example',
          userArn: 'arn:aws:sts::123456789012:assumed-role/Marketing/marketer',
          userId: 'AROAEXAMPLE:marketer',
        },
      },
      domainName: 'abc123def4.execute-api.us-east-1.amazonaws.com',
      domainPrefix: 'abc123def4',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '203.0.113.9', userAgent: 'postshow-tests/1.0' },
      requestId: `req-${timeEpoch}`,
      routeKey,
      stage: '$default',
      time: '12/Apr/2025:10:31:00 +0000',
      timeEpoch,
    },
    ...(options.body !== undefined ? { body: options.base64 ? Buffer.from(options.body).toString('base64') : options.body } : {}),
    isBase64Encoded: Boolean(options.base64),
  };
}

async function call(method: string, path: string, query = '', options: EventOptions & { deps?: CatalogApiDependencies } = {}) {
  const response = await handleCatalogRequest(httpApiEvent(method, path, query, options), options.deps ?? deps);
  return { response, body: JSON.parse(response.body ?? 'null') as Record<string, unknown> };
}

const ids = (list: readonly CatalogEntry[]) => list.map((entry) => `${entry.showId}/${entry.clipId}`);

beforeAll(async () => {
  dynamo = await startDynalite();
  await createCatalogTable(dynamo.client, TABLE);
  const index = new DynamoCatalogIndex(dynamo.documentClient, TABLE);
  await index.replaceShow(parseShowId(SKINCARE), 'run1', entries.filter((entry) => entry.showId === SKINCARE));
  await index.replaceShow(parseShowId(MIANMO), 'run1', entries.filter((entry) => entry.showId === MIANMO));

  fauxqs = buildApp({ logger: false });
  await fauxqs.listen({ host: '127.0.0.1', port: 0 });
  const address = fauxqs.server.address();
  if (address === null || typeof address === 'string') throw new Error('fauxqs did not listen on a port');
  s3Endpoint = `http://127.0.0.1:${address.port}`;
  s3 = new S3Client({ endpoint: s3Endpoint, region: TEST_REGION, credentials: TEST_CREDENTIALS, forcePathStyle: true });
  for (const bucket of [BUCKET, RECORDINGS_BUCKET]) await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  sqs = new SQSClient({ endpoint: s3Endpoint, region: TEST_REGION, credentials: TEST_CREDENTIALS });
  queueUrls = {
    clip: (await sqs.send(new CreateQueueCommand({ QueueName: 'api-clip' }))).QueueUrl as string,
    catalog: (await sqs.send(new CreateQueueCommand({ QueueName: 'api-catalog' }))).QueueUrl as string,
  };
  for (const entry of entries) {
    for (const key of [...Object.values(entry.files), ...entry.variants.map((variant) => variant.file)]) await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: fileBytes(key) }));
  }
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `shows/${SKINCARE}/status.json`, Body: JSON.stringify(status), ContentType: 'application/json' }));
  deps = {
    index,
    downloads: new S3DownloadLinks(s3, BUCKET, URL_SECONDS),
    storage: new S3Storage({ client: s3, recordingsBucket: RECORDINGS_BUCKET, outputsBucket: BUCKET }),
    queue: new SqsQueue({ client: sqs, queueUrls }),
  };
});

afterAll(async () => {
  s3?.destroy();
  sqs?.destroy();
  await fauxqs?.close();
  await dynamo?.close();
});

describe('GET /clips', () => {
  it('answers filters given in the query string like filterCatalog', async () => {
    const cases: [string, CatalogFilter][] = [
      ['', {}],
      ['language=zh', { language: 'zh' }],
      ['compliance=not-blocked&minScore=0.7', { compliance: 'not-blocked', minScore: 0.7 }],
      ['product=glow%20serum', { product: 'glow serum' }],
      ['text=%23skincare', { text: '#skincare' }],
      ['text=serum+absorbs', { text: 'serum absorbs' }],
      [`show=${SKINCARE}&compliance=warn`, { show: SKINCARE, compliance: 'warn' }],
      ['text=%E9%9D%A2%E8%86%9C', { text: '面膜' }],
      ['minScore=1e-1&limit=2', { minScore: 0.1, limit: 2 }],
    ];
    for (const [query, filter] of cases) {
      const { response, body } = await call('GET', '/clips', query);
      expect(response.statusCode, query).toBe(200);
      expect(response.headers?.['content-type']).toBe('application/json');
      expect(ids(body.entries as CatalogEntry[]), query).toEqual(ids(filterCatalog(entries, filter)));
    }
  });

  it('pages with limit and cursor', async () => {
    const seen: CatalogEntry[] = [];
    let cursor: string | undefined;
    do {
      const { response, body } = await call('GET', '/clips', `limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(response.statusCode).toBe(200);
      seen.push(...(body.entries as CatalogEntry[]));
      cursor = body.cursor as string | undefined;
    } while (cursor !== undefined);
    expect(ids(seen)).toEqual(ids(filterCatalog(entries, {})));
  });

  it('rejects bad input with 400 and a reason', async () => {
    const cases: [string, RegExp][] = [
      ['sort=score&colour=red&limit=2', /unknown query parameter colour/],
      ['minScore=high', /minScore: "high" is not a number/],
      ['minScore=', /minScore/],
      ['limit=2.5', /limit/],
      ['limit=0', /limit/],
      ['limit=5000', /at most 100/],
      ['compliance=ok', /compliance/],
      ['language=fr', /language/],
      ['show=Bad%20Show!', /show id may only contain/],
      ['product=', /product/],
      ['cursor=not-a-cursor', /cursor is not one this index issued/],
      ['language=en&language=zh', /language is given more than once/],
      ['status=maybe', /status/],
      // Every parameter has a length cap: a 400 naming it, never a 500 or a scan with a 1 MB needle.
      [`text=${'a'.repeat(201)}`, /query parameter text is longer than 200 characters \(201\)/],
      [`product=${'p'.repeat(121)}`, /query parameter product is longer than 120 characters/],
      [`show=${'s'.repeat(129)}`, /query parameter show is longer than 128 characters/],
      [`cursor=${'c'.repeat(2049)}`, /query parameter cursor is longer than 2048 characters/],
      [`${'n'.repeat(41)}=1`, /query parameter name .* is longer than 40 characters/],
      [`text=${'a'.repeat(150)}&${Array.from({ length: 70 }, (_, i) => `x${i}=${"v".repeat(120)}`).join('&')}`, /query string is longer than 8192 characters/],
    ];
    for (const [query, reason] of cases) {
      const { response, body } = await call('GET', '/clips', query);
      expect(response.statusCode, query).toBe(400);
      expect(response.headers?.['content-type']).toBe('application/json');
      expect(String(body.error), query).toMatch(reason);
    }
  });

  it('answers 405 to other methods and 404 to unknown paths', async () => {
    const post = await call('POST', '/clips', '', { defaultRoute: true });
    expect(post.response.statusCode).toBe(405);
    expect(post.response.headers?.allow).toBe('GET');
    const unknown = await call('GET', '/catalogue', '', { defaultRoute: true });
    expect(unknown.response.statusCode).toBe(404);
    expect(String(unknown.body.error)).toMatch(/no route/);
  });

  it('answers 500 without internals when the index fails, and logs the details', async () => {
    const logged: { message: string; fields?: Record<string, unknown> }[] = [];
    const record = (message: string, fields?: Record<string, unknown>) => void logged.push({ message, fields });
    const broken: CatalogApiDependencies = {
      ...deps,
      index: new DynamoCatalogIndex(dynamo.documentClient, 'no-such-table'),
      logger: { debug: record, info: record, warn: record, error: record },
    };
    const { response, body } = await call('GET', '/clips', 'language=en', { deps: broken });
    expect(response.statusCode).toBe(500);
    expect(Object.keys(body).sort()).toEqual(['error', 'requestId']);
    expect(body.error).toBe('internal error');
    expect(response.body).not.toMatch(/ResourceNotFound|no-such-table|node_modules|\n\s+at /);
    expect(JSON.stringify(logged)).toMatch(/ResourceNotFound/);
  });
});

describe('GET /clips/{showId}/{clipId}', () => {
  it('returns the entry and presigned URLs that download the files', async () => {
    const { response, body } = await call('GET', `/clips/${SKINCARE}/sk02`);
    expect(response.statusCode).toBe(200);
    const entry = entries.find((candidate) => candidate.clipId === 'sk02')!;
    expect(body.entry).toEqual(entry);
    expect(body.expiresInSeconds).toBe(URL_SECONDS);
    const { variants, saveAs, ...files } = body.downloads as Record<string, string> & { variants: Record<string, string>; saveAs: Record<string, string> };
    expect(Object.keys(files).sort()).toEqual(['captions', 'thumbnail']);
    // "Download" links name the file after the clip and its shape.
    // (S3 answers with the signed response-content-disposition; the local S3 server here ignores it.)
    const saved = new URL(saveAs['9:16']!);
    expect(saved.searchParams.get('response-content-disposition')).toBe('attachment; filename="sk02-9x16.mp4"');
    expect((await fetch(saved)).status).toBe(200);
    expect(Object.keys(variants).sort()).toEqual(['16:9', '9:16']);
    const expected = [
      ...Object.entries(files).map(([file, url]) => [file, url, entry.files[file as keyof CatalogEntry['files']]] as const),
      ...Object.entries(variants).map(([aspect, url]) => [aspect, url, entry.variants.find((variant) => variant.aspect === aspect)!.file] as const),
    ];
    for (const [file, url, key] of expected) {
      const parsed = new URL(url);
      expect(parsed.origin).toBe(s3Endpoint);
      expect(parsed.searchParams.get('X-Amz-Expires')).toBe(String(URL_SECONDS));
      expect(parsed.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
      const download = await fetch(url);
      expect(download.status, file).toBe(200);
      expect(Buffer.from(await download.arrayBuffer()).equals(fileBytes(key)), file).toBe(true);
    }
  });

  it('answers 404 for a clip not in the catalog and 400 for bad ids', async () => {
    const missing = await call('GET', `/clips/${SKINCARE}/sk99`);
    expect(missing.response.statusCode).toBe(404);
    expect(String(missing.body.error)).toMatch(/clip sk99 of show spring-skincare-live is not in the catalog/);
    expect((await call('GET', `/clips/${MIANMO}/sk01`)).response.statusCode).toBe(404);
    expect((await call('GET', '/clips/Bad%2F..%2Fshow/sk01')).response.statusCode).toBe(400);
    expect((await call('GET', `/clips/${SKINCARE}/sk%2301`)).response.statusCode).toBe(400);
    expect((await call('GET', `/clips/${SKINCARE}/sk01`, 'download=1')).response.statusCode).toBe(400);
  });
});

describe('GET /shows/{showId}/status', () => {
  it('returns status.json, 404 when the show has none, 400 for a bad id', async () => {
    const found = await call('GET', `/shows/${SKINCARE}/status`);
    expect(found.response.statusCode).toBe(200);
    expect(found.body).toEqual(status);
    const missing = await call('GET', `/shows/${MIANMO}/status`);
    expect(missing.response.statusCode).toBe(404);
    expect(String(missing.body.error)).toMatch(/has no status yet/);
    expect((await call('GET', '/shows/UPPER_case/status')).response.statusCode).toBe(400);
  });
});

describe('POST /clips/{showId}/{clipId}/edit|approve|reject and GET /shows/{showId}/export, refused', () => {
  const edit = `/clips/${SKINCARE}/sk01/edit`;

  it('answers 400 with the reason for bodies and values the edit schema refuses', async () => {
    const cases: [EventOptions, RegExp][] = [
      [{ body: '{"title": ' }, /not valid JSON/],
      [{ body: '[1, 2]' }, /invalid body/],
      [{ body: JSON.stringify({ titel: 'typo' }) }, /unrecognized key.*titel/i],
      [{ body: JSON.stringify({ title: '   ' }) }, /title: must not be empty/],
      [{ body: JSON.stringify({ start: '12' }) }, /start/],
      [{ body: JSON.stringify({ end: -3 }) }, /end/],
      [{ body: JSON.stringify({ aspects: ['4:5', '4:5'] }) }, /aspects/],
      [{ body: JSON.stringify({ reframe: 'zoom' }) }, /reframe/],
      [{ body: JSON.stringify({ hashtags: Array.from({ length: 31 }, (_, i) => `t${i}`) }) }, /hashtags: must be at most 30/],
      [{ body: JSON.stringify({ captions: '' }) }, /captions: must not be empty/],
      // Decoded before it is read: the reason names the field inside the base64.
      [{ body: JSON.stringify({ description: 7 }), base64: true }, /description/],
    ];
    for (const [options, reason] of cases) {
      const { response, body } = await call('POST', edit, '', options);
      expect(response.statusCode, options.body).toBe(400);
      expect(String(body.error), options.body).toMatch(reason);
    }
    const withQuery = await call('POST', edit, 'force=1', { body: '{}' });
    expect(String(withQuery.body.error)).toMatch(/unknown query parameter force/);
  });

  it('answers 413 to a body over 256 KiB, 415 to a body that is not JSON, 405 to GET', async () => {
    const big = await call('POST', edit, '', { body: JSON.stringify({ description: 'x'.repeat(300 * 1024) }) });
    expect(big.response.statusCode).toBe(413);
    const bigBase64 = await call('POST', edit, '', { body: JSON.stringify({ description: 'x'.repeat(300 * 1024) }), base64: true });
    expect(bigBase64.response.statusCode).toBe(413);
    const form = await call('POST', edit, '', { body: 'title=New', contentType: 'application/x-www-form-urlencoded' });
    expect(form.response.statusCode).toBe(415);
    const get = await call('GET', edit);
    expect(get.response.statusCode).toBe(405);
    expect(get.response.headers?.allow).toBe('POST');
    expect((await call('POST', `/clips/${SKINCARE}/sk01/publish`, '', { body: '{}' })).response.statusCode).toBe(404);
  });

  it('answers 404 for a clip the show never finished, 400 for a clip of a show with no manifest or a bad id', async () => {
    for (const path of [`/clips/${SKINCARE}/sk99/edit`, `/clips/${SKINCARE}/sk99/approve`, `/clips/${MIANMO}/sk01/reject`]) {
      const { response, body } = await call('POST', path, '', { body: JSON.stringify(path.endsWith('edit') ? { title: 'New' } : {}) });
      expect(response.statusCode, path).toBe(404);
      expect(String(body.error), path).toMatch(/has no finished clip/);
    }
    // sk01's meta.json exists here but the show has no manifest: the edit request itself refuses it.
    const noShow = await call('POST', edit, '', { body: JSON.stringify({ title: 'New' }) });
    expect(noShow.response.statusCode).toBe(400);
    expect(String(noShow.body.error)).toMatch(/no show/);
    expect((await call('POST', `/clips/${SKINCARE}/..%2Fsk01/edit`, '', { body: '{}' })).response.statusCode).toBe(400);
    expect((await call('POST', `/clips/${SKINCARE}/../approve`, '', { body: '{}' })).response.statusCode).toBe(400);
    expect((await call('POST', `/clips/${SKINCARE}/sk99/approve`, '', { body: JSON.stringify({ note: 'x'.repeat(1001) }) })).response.statusCode).toBe(400);
  });

  it('refuses export without a known format, with a bad approved flag, or for an unknown show', async () => {
    expect(String((await call('GET', `/shows/${SKINCARE}/export`)).body.error)).toMatch(/format: give one of fcpxml, edl, mlt, srt, vtt/);
    expect((await call('GET', `/shows/${SKINCARE}/export`, 'format=aaf')).response.statusCode).toBe(400);
    expect((await call('GET', `/shows/${SKINCARE}/export`, 'format=edl&approved=yes')).response.statusCode).toBe(400);
    const missing = await call('GET', `/shows/no-such-show/export`, 'format=fcpxml');
    expect(missing.response.statusCode).toBe(404);
    expect(String(missing.body.error)).toMatch(/no show no-such-show/);
  });

  it('sends nothing to the queues for refused requests', async () => {
    for (const url of Object.values(queueUrls)) {
      const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
      expect(received.Messages ?? [], url).toEqual([]);
    }
  });
});

describe('Lambda entry', () => {
  it('validates its environment', () => {
    const env = { CATALOG_TABLE: TABLE, RECORDINGS_BUCKET, OUTPUTS_BUCKET: BUCKET, STAGE_QUEUE_URLS: JSON.stringify(queueUrls) };
    expect(readCatalogApiEnv(env)).toEqual({ ...env, STAGE_QUEUE_URLS: queueUrls, DOWNLOAD_URL_SECONDS: 900, POSTSHOW_S3_PATH_STYLE: false });
    expect(() => readCatalogApiEnv({ ...env, STAGE_QUEUE_URLS: JSON.stringify({ clip: queueUrls.clip }) })).toThrow(/STAGE_QUEUE_URLS: must name the clip and catalog queues/);
    expect(readCatalogApiEnv({ ...env, DOWNLOAD_URL_SECONDS: '3600' }).DOWNLOAD_URL_SECONDS).toBe(3600);
    expect(() => readCatalogApiEnv({ ...env, DOWNLOAD_URL_SECONDS: '7200' })).toThrow(/DOWNLOAD_URL_SECONDS: at most 3600/);
    expect(() => readCatalogApiEnv({ ...env, DOWNLOAD_URL_SECONDS: '15m' })).toThrow(/DOWNLOAD_URL_SECONDS/);
    expect(() => readCatalogApiEnv({ OUTPUTS_BUCKET: BUCKET })).toThrow(/CATALOG_TABLE/);
  });

  it('wires the environment to DynamoDB and S3 clients', async () => {
    // The SDK's own endpoint settings, as the local cloud simulator sets them.
    const sdkEnv = {
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_ENDPOINT_URL_S3: s3Endpoint,
      AWS_REGION: TEST_REGION,
      AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    };
    const saved = Object.fromEntries(Object.keys(sdkEnv).map((name) => [name, process.env[name]]));
    Object.assign(process.env, sdkEnv);
    try {
      const handler = createCatalogApiHandler({
        ...process.env,
        CATALOG_TABLE: TABLE,
        RECORDINGS_BUCKET,
        OUTPUTS_BUCKET: BUCKET,
        STAGE_QUEUE_URLS: JSON.stringify(queueUrls),
        DOWNLOAD_URL_SECONDS: '120',
        POSTSHOW_S3_PATH_STYLE: 'true',
      });
      const list = (await handler(httpApiEvent('GET', '/clips', 'language=zh'))) as APIGatewayProxyStructuredResultV2;
      expect(list.statusCode).toBe(200);
      expect(ids((JSON.parse(list.body!) as { entries: CatalogEntry[] }).entries)).toEqual([`${MIANMO}/mm01`, `${MIANMO}/mm02`]);
      const one = (await handler(httpApiEvent('GET', `/clips/${MIANMO}/mm01`))) as APIGatewayProxyStructuredResultV2;
      const url = (JSON.parse(one.body!) as { downloads: { thumbnail: string } }).downloads.thumbnail;
      expect(new URL(url).searchParams.get('X-Amz-Expires')).toBe('120');
      expect(Buffer.from(await (await fetch(url)).arrayBuffer()).equals(fileBytes(`shows/${MIANMO}/clips/mm01/thumbnail.jpg`))).toBe(true);
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });
});
