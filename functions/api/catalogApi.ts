/**
 * The catalog HTTP API (API Gateway HTTP API, payload format 2.0), as a function of the request and its
 * dependencies; `functions/lambda/catalogApi.ts` only wires the environment to them.
 *
 * GET /clips                      query string = catalog filter (+ cursor); 200 { entries, cursor? }
 * GET /clips/{showId}/{clipId}    200 { entry, downloads: { thumbnail, captions, variants: { '9:16': url, ... } }, expiresAt }
 * GET /shows/{showId}/status      200 the show's status.json
 * Bad input is 400, unknown routes and missing clips/status 404, other methods 405; anything unexpected
 * is 500 with a request id, the details going to the log only.
 */
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { z } from 'zod';
import { catalogFilterSchema, type CatalogEntry, type CatalogFilter } from '../../shared/core/catalog/index.js';
import { InputError, reasonOf } from '../../shared/core/errors.js';
import { parseShowId, showKeys, validateKey, type ShowId } from '../../shared/core/keys.js';
import type { CatalogIndex, Logger } from '../../shared/pipeline/ports.js';

export interface CatalogApiDependencies {
  readonly index: CatalogIndex;
  readonly s3: S3Client;
  readonly outputsBucket: string;
  /** Lifetime of presigned download URLs, seconds (1-3600). */
  readonly downloadUrlSeconds: number;
  readonly logger?: Logger;
}

/** Page size when the query string has no `limit`, and the most one page may hold. */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
const CLIP_FILES = ['thumbnail', 'captions'] as const;
const LIST_PARAMS = ['show', 'product', 'minScore', 'compliance', 'text', 'language', 'limit', 'cursor'] as const;
const CLIP_ID_PATTERN = /^[A-Za-z0-9._-]{1,128}$/;
const NUMBER_PATTERN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The parts of an HTTP API v2 event the routes read; everything else (headers, authorizer) is ignored. */
const httpApiEventSchema = z.object({
  version: z.literal('2.0'),
  rawPath: z.string(),
  rawQueryString: z.string().default(''),
  requestContext: z.object({
    http: z.object({ method: z.string() }),
    stage: z.string().optional(),
    requestId: z.string().optional(),
  }),
});

type Route =
  | { readonly name: 'listClips' }
  | { readonly name: 'getClip'; readonly showId: string; readonly clipId: string }
  | { readonly name: 'getStatus'; readonly showId: string };

/** A request that ends with a status other than 200. */
class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export async function handleCatalogRequest(event: unknown, deps: CatalogApiDependencies): Promise<APIGatewayProxyStructuredResultV2> {
  const parsed = httpApiEventSchema.safeParse(event);
  if (!parsed.success) return json(400, { error: 'not an API Gateway HTTP API (payload format 2.0) request' });
  const request = parsed.data;
  try {
    const route = matchRoute(stripStage(request.rawPath, request.requestContext.stage));
    if (request.requestContext.http.method !== 'GET') {
      throw new HttpError(405, `method ${request.requestContext.http.method} not allowed; use GET`, { allow: 'GET' });
    }
    const query = parseQueryString(request.rawQueryString);
    switch (route.name) {
      case 'listClips':
        return json(200, await listClips(query, deps));
      case 'getClip':
        rejectUnknownParams(query, []);
        return json(200, await getClip(parseShowId(route.showId), parseClipId(route.clipId), deps));
      case 'getStatus':
        rejectUnknownParams(query, []);
        return json(200, await getStatus(parseShowId(route.showId), deps));
    }
  } catch (error) {
    if (error instanceof HttpError) return json(error.statusCode, { error: error.message }, error.headers);
    if (error instanceof InputError) return json(400, { error: reasonOf(error) });
    const requestId = request.requestContext.requestId;
    deps.logger?.error('catalog API request failed', {
      path: request.rawPath,
      requestId,
      error: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error),
    });
    return json(500, { error: 'internal error', requestId });
  }
}

async function listClips(query: Map<string, string>, deps: CatalogApiDependencies): Promise<{ entries: CatalogEntry[]; cursor?: string }> {
  rejectUnknownParams(query, LIST_PARAMS);
  const minScore = query.get('minScore');
  const limit = query.get('limit');
  const show = query.get('show');
  const candidate = {
    show: show === undefined ? undefined : parseShowId(show),
    product: query.get('product'),
    minScore: minScore === undefined ? undefined : parseNumber('minScore', minScore),
    compliance: query.get('compliance'),
    text: query.get('text'),
    language: query.get('language'),
    limit: limit === undefined ? DEFAULT_PAGE_SIZE : parseNumber('limit', limit),
  };
  const result = catalogFilterSchema.safeParse(Object.fromEntries(Object.entries(candidate).filter(([, value]) => value !== undefined)));
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || 'query'}: ${issue.message}`);
    throw new InputError(`invalid catalog query: ${problems.join('; ')}`);
  }
  const filter: CatalogFilter = result.data;
  if ((filter.limit ?? 0) > MAX_PAGE_SIZE) throw new InputError(`limit: at most ${MAX_PAGE_SIZE} entries per page`);
  const page = await deps.index.query(filter, query.get('cursor'));
  return page.cursor === undefined ? { entries: page.entries } : { entries: page.entries, cursor: page.cursor };
}

async function getClip(showId: ShowId, clipId: string, deps: CatalogApiDependencies) {
  const entry = await findClip(deps.index, showId, clipId);
  if (!entry) throw new HttpError(404, `clip ${clipId} of show ${showId} is not in the catalog`);
  const expiresIn = deps.downloadUrlSeconds;
  const sign = (key: string) => getSignedUrl(deps.s3, new GetObjectCommand({ Bucket: deps.outputsBucket, Key: validateKey(key) }), { expiresIn });
  const downloads: Record<string, string> & { variants?: Record<string, string> } = {};
  for (const file of CLIP_FILES) downloads[file] = await sign(entry.files[file]);
  const variants: Record<string, string> = {};
  for (const variant of entry.variants) variants[variant.aspect] = await sign(variant.file);
  return { entry, downloads: { ...downloads, variants }, expiresInSeconds: expiresIn, expiresAt: new Date(Date.now() + expiresIn * 1000).toISOString() };
}

/** The clip's entry, looked up in its show's part of the index (a show has tens of clips: a page or two). */
async function findClip(index: CatalogIndex, showId: ShowId, clipId: string): Promise<CatalogEntry | undefined> {
  let cursor: string | undefined;
  do {
    const page = await index.query({ show: showId, limit: MAX_PAGE_SIZE }, cursor);
    const entry = page.entries.find((candidate) => candidate.clipId === clipId);
    if (entry) return entry;
    cursor = page.cursor;
  } while (cursor !== undefined);
  return undefined;
}

async function getStatus(showId: ShowId, deps: CatalogApiDependencies): Promise<unknown> {
  let text: string;
  try {
    const object = await deps.s3.send(new GetObjectCommand({ Bucket: deps.outputsBucket, Key: showKeys(showId).status }));
    text = (await object.Body?.transformToString('utf-8')) ?? '';
  } catch (error) {
    if (isNotFound(error)) throw new HttpError(404, `show ${showId} has no status yet (unknown show, or not started)`);
    throw error;
  }
  return JSON.parse(text) as unknown;
}

// ---- request parsing --------------------------------------------------------------------------------

/** HTTP APIs put a named stage in front of the path (`/prod/clips`); the `$default` stage adds nothing. */
function stripStage(rawPath: string, stage: string | undefined): string {
  if (stage === undefined || stage === '$default') return rawPath;
  const prefix = `/${stage}`;
  return rawPath === prefix || rawPath.startsWith(`${prefix}/`) ? rawPath.slice(prefix.length) : rawPath;
}

function matchRoute(path: string): Route {
  let segments: string[];
  try {
    segments = path.split('/').filter((segment) => segment !== '').map((segment) => decodeURIComponent(segment));
  } catch {
    throw new InputError('the path is not valid percent-encoding');
  }
  const [first, second, third, ...rest] = segments;
  if (rest.length === 0) {
    if (first === 'clips' && second === undefined) return { name: 'listClips' };
    if (first === 'clips' && second !== undefined && third !== undefined) return { name: 'getClip', showId: second, clipId: third };
    if (first === 'shows' && second !== undefined && third === 'status') return { name: 'getStatus', showId: second };
  }
  throw new HttpError(404, `no route for ${path}; try GET /clips, /clips/{showId}/{clipId} or /shows/{showId}/status`);
}

/**
 * Parameters from the raw query string: the parsed `queryStringParameters` joins repeated names with commas,
 * which would be indistinguishable from a value with a comma.
 */
function parseQueryString(raw: string): Map<string, string> {
  const query = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(raw)) {
    if (query.has(name)) throw new InputError(`query parameter ${name} is given more than once`);
    query.set(name, value);
  }
  return query;
}

function rejectUnknownParams(query: Map<string, string>, allowed: readonly string[]): void {
  const unknown = [...query.keys()].filter((name) => !allowed.includes(name));
  if (unknown.length === 0) return;
  const hint = allowed.length > 0 ? ` (known: ${allowed.join(', ')})` : ' (this route takes none)';
  throw new InputError(`unknown query parameter${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}${hint}`);
}

function parseNumber(name: string, raw: string): number {
  const value = Number(raw);
  if (!NUMBER_PATTERN.test(raw.trim()) || !Number.isFinite(value)) throw new InputError(`${name}: ${JSON.stringify(raw.slice(0, 40))} is not a number`);
  return value;
}

function parseClipId(raw: string): string {
  if (!CLIP_ID_PATTERN.test(raw)) throw new InputError(`clip id ${JSON.stringify(raw.slice(0, 80))} may only contain letters, digits, ".", "_" and "-"`);
  return raw;
}

function isNotFound(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return error.name === 'NoSuchKey' || error.name === 'NotFound' || status === 404;
}

function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    // Presigned URLs and statuses go stale: never let a cache keep them.
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(body),
  };
}
