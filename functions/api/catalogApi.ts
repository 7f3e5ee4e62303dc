/**
 * The catalog HTTP API (API Gateway HTTP API, payload format 2.0), as a function of the request and its
 * dependencies; `functions/lambda/catalogApi.ts` only wires the environment to them.
 *
 * GET  /clips                            query string = catalog filter (show, product, minScore, compliance,
 *                                         status, text, language, limit) + cursor; 200 { entries, cursor? }
 * GET  /clips/{showId}/{clipId}           200 { entry, downloads: { thumbnail, captions, variants: { '9:16': url, ... } }, expiresAt }
 * POST /clips/{showId}/{clipId}/edit      JSON { start?, end?, title?, description?, hashtags?, captions? (SRT/VTT text),
 *                                         aspects?, reframe?, trim?, captionStyle? }; 202 { clipId, version, status: 'rendering' }
 *                                         (the clip queue re-renders it; the catalog follows)
 * POST /clips/{showId}/{clipId}/approve   JSON { note? }; 200 { clipId, version, review } (the catalog queue refreshes the entry)
 * POST /clips/{showId}/{clipId}/reject    same as approve
 * GET  /shows/{showId}/status             200 the show's status.json
 * GET  /shows/{showId}/export             ?format=fcpxml|edl|mlt|srt|vtt[&approved=true]; 200 the file (clipRequests.ts)
 * GET  /shows/{showId}/review             200 the show review (review.json, channel comparison as of now)
 * GET  /channels/{channel}/plan           ?date=YYYY-MM-DD (at least 3 days ahead; default 3 days ahead); 200 the next-show plan
 * Bad input is 400, unknown routes, shows and clips 404, other methods 405, bodies over 256 KiB 413, bodies
 * that are not JSON 415; anything unexpected is 500 with a request id, the details going to the log only.
 */
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { catalogFilterSchema, type CatalogEntry, type CatalogFilter } from '../../shared/core/catalog/index.js';
import { InputError, reasonOf } from '../../shared/core/errors.js';
import { parseShowId, showKeys, validateKey, type ShowId } from '../../shared/core/keys.js';
import type { CatalogIndex, Logger } from '../../shared/pipeline/ports.js';
import { RUN_SETTINGS } from '../../shared/core/settings/runSettings.js';
import { readChannelPlan, readCurrentReview } from '../../shared/pipeline/showReview.js';
import { editClip, exportShowRequest, reviewClipRequest, type ClipRequestDependencies } from './clipRequests.js';
import { HttpError, httpApiEventSchema, isNotFound, json, parseClipId, parseNumber, parseQueryString, rejectUnknownParams } from './httpRequest.js';

export interface CatalogApiDependencies extends ClipRequestDependencies {
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
const LIST_PARAMS = ['show', 'product', 'minScore', 'compliance', 'status', 'text', 'language', 'limit', 'cursor'] as const;

type Route =
  | { readonly name: 'listClips' }
  | { readonly name: 'getClip'; readonly showId: string; readonly clipId: string }
  | { readonly name: 'editClip'; readonly showId: string; readonly clipId: string }
  | { readonly name: 'reviewClip'; readonly showId: string; readonly clipId: string; readonly status: 'approved' | 'rejected' }
  | { readonly name: 'getStatus'; readonly showId: string }
  | { readonly name: 'exportShow'; readonly showId: string }
  | { readonly name: 'getReview'; readonly showId: string }
  | { readonly name: 'getPlan'; readonly channel: string };

/** The one method each route answers. */
const ROUTE_METHODS: Readonly<Record<Route['name'], 'GET' | 'POST'>> = {
  listClips: 'GET',
  getClip: 'GET',
  editClip: 'POST',
  reviewClip: 'POST',
  getStatus: 'GET',
  exportShow: 'GET',
  getReview: 'GET',
  getPlan: 'GET',
};
const REVIEW_VERBS = { approve: 'approved', reject: 'rejected' } as const;

export async function handleCatalogRequest(event: unknown, deps: CatalogApiDependencies): Promise<APIGatewayProxyStructuredResultV2> {
  const parsed = httpApiEventSchema.safeParse(event);
  if (!parsed.success) return json(400, { error: 'not an API Gateway HTTP API (payload format 2.0) request' });
  const request = parsed.data;
  try {
    const route = matchRoute(stripStage(request.rawPath, request.requestContext.stage));
    const method = ROUTE_METHODS[route.name];
    if (request.requestContext.http.method !== method) {
      throw new HttpError(405, `method ${request.requestContext.http.method} not allowed; use ${method}`, { allow: method });
    }
    const query = parseQueryString(request.rawQueryString);
    switch (route.name) {
      case 'listClips':
        return json(200, await listClips(query, deps));
      case 'getClip':
        rejectUnknownParams(query, []);
        return json(200, await getClip(parseShowId(route.showId), parseClipId(route.clipId), deps));
      case 'editClip':
        rejectUnknownParams(query, []);
        return await editClip(parseShowId(route.showId), parseClipId(route.clipId), request, deps);
      case 'reviewClip':
        rejectUnknownParams(query, []);
        return await reviewClipRequest(parseShowId(route.showId), parseClipId(route.clipId), route.status, request, deps);
      case 'getStatus':
        rejectUnknownParams(query, []);
        return json(200, await getStatus(parseShowId(route.showId), deps));
      case 'exportShow':
        return await exportShowRequest(parseShowId(route.showId), query, deps);
      case 'getReview': {
        rejectUnknownParams(query, []);
        const review = await readCurrentReview(deps.storage, parseShowId(route.showId));
        if (review === undefined) throw new HttpError(404, `show ${route.showId} has no review yet (unknown show, or its run has not reached the suggest stage)`);
        return json(200, review);
      }
      case 'getPlan': {
        rejectUnknownParams(query, ['date']);
        const channel = RUN_SETTINGS.channel.safeParse(route.channel);
        if (!channel.success) throw new InputError(`channel: ${channel.error.issues[0]?.message ?? 'invalid'}`);
        const plan = await readChannelPlan(deps.storage, channel.data, query.get('date'), new Date());
        if (plan === undefined) throw new HttpError(404, `channel ${channel.data} has no reviewed show yet`);
        return json(200, plan);
      }
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
    status: query.get('status'),
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
  const [first, second, third, fourth, ...rest] = segments;
  if (rest.length === 0 && first === 'clips') {
    if (second === undefined) return { name: 'listClips' };
    if (third !== undefined && fourth === undefined) return { name: 'getClip', showId: second, clipId: third };
    if (third !== undefined && fourth === 'edit') return { name: 'editClip', showId: second, clipId: third };
    if (third !== undefined && (fourth === 'approve' || fourth === 'reject')) return { name: 'reviewClip', showId: second, clipId: third, status: REVIEW_VERBS[fourth] };
  }
  if (rest.length === 0 && first === 'shows' && second !== undefined && fourth === undefined) {
    if (third === 'status') return { name: 'getStatus', showId: second };
    if (third === 'export') return { name: 'exportShow', showId: second };
    if (third === 'review') return { name: 'getReview', showId: second };
  }
  if (rest.length === 0 && first === 'channels' && second !== undefined && third === 'plan' && fourth === undefined) return { name: 'getPlan', channel: second };
  throw new HttpError(
    404,
    `no route for ${path}; try GET /clips, /clips/{showId}/{clipId}, /shows/{showId}/status|export|review, /channels/{channel}/plan, POST /clips/{showId}/{clipId}/edit|approve|reject`,
  );
}
