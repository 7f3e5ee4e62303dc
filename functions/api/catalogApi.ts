/**
 * The catalog HTTP API (API Gateway HTTP API, payload format 2.0), as a function of the request and its
 * dependencies; `functions/lambda/catalogApi.ts` only wires the environment to them.
 *
 * GET  /clips                            query string = catalog filter (show, product, minScore, compliance,
 *                                         status, text, language, limit) + sort (score|time|duration; other than
 *                                         score only with show) + cursor; 200 { entries, thumbnails: { "showId/clipId": url }, cursor? }
 * GET  /clips/{showId}/{clipId}           200 { entry, downloads: { thumbnail, captions, variants: { '9:16': url, ... } }, expiresAt,
 *                                         render: { state: ready|rendering|failed, version, requestedVersion?, progress?, error? },
 *                                         review, captionsSrt, transcript, chat, history }
 * POST /clips/{showId}/{clipId}/edit      JSON { start?, end?, title?, description?, hashtags?, captions? (SRT/VTT text),
 *                                         aspects?, reframe?, trim?, captionStyle? }; 202 { clipId, version, status: 'rendering' }
 *                                         (the clip queue re-renders it; the catalog follows)
 * POST /clips/{showId}/{clipId}/approve   JSON { note? }; 200 { clipId, version, review } (the catalog queue refreshes the entry)
 * POST /clips/{showId}/{clipId}/reject    same as approve
 * GET  /shows/{showId}/status             200 the show's status.json
 * GET  /shows/{showId}/export             ?format=fcpxml|edl|mlt|srt|vtt[&approved=true]; 200 the file (clipRequests.ts)
 * GET  /shows/{showId}/review             200 the show review (review.json, channel comparison as of now)
 * GET  /channels/{channel}/plan           ?date=YYYY-MM-DD (at least 3 days ahead; default 3 days ahead); 200 the next-show plan
 * GET  /shows                             200 { shows: ShowSummary[] } newest aired first
 * GET  /shows/{showId}                    200 the show's overview (summary, status, timeline series, highlights, compliance, topics)
 * GET  /suggestions                       ?channel=&limit= (1-50, default 12); 200 { suggestions }
 * Bad input is 400, unknown routes, shows and clips 404, other methods 405, bodies over 256 KiB 413, bodies
 * that are not JSON 415; anything unexpected is 500 with a request id, the details going to the log only.
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { CATALOG_SORTS, catalogFilterSchema, sortCatalog, type CatalogEntry, type CatalogFilter, type CatalogSort } from '../../shared/core/catalog/index.js';
import { InputError, reasonOf } from '../../shared/core/errors.js';
import { parseShowId, showKeys, type ShowId } from '../../shared/core/keys.js';
import type { CatalogIndex, DownloadLinks, Logger } from '../../shared/pipeline/ports.js';
import { listShows, readClipDetail, readShowOverview, workspaceSuggestions, type ShowStatusReader } from '../../shared/pipeline/workspaceViews.js';
import { RUN_SETTINGS } from '../../shared/core/settings/runSettings.js';
import { readChannelPlan, readCurrentReview } from '../../shared/pipeline/showReview.js';
import { editClip, exportShowRequest, reviewClipRequest, type ClipRequestDependencies } from './clipRequests.js';
import { HttpError, httpApiEventSchema, json, parseClipId, parseNumber, parseQueryString, rejectUnknownParams } from './httpRequest.js';

export interface CatalogApiDependencies extends ClipRequestDependencies {
  readonly index: CatalogIndex;
  /** Links to clip files: presigned S3 URLs in the cloud, the local server's file route on one machine. */
  readonly downloads: DownloadLinks;
  /** How far a clip's re-render has got (0..1), where the runner reports it; the cloud's queue does not. */
  readonly renderProgress?: (showId: ShowId, clipId: string) => number | undefined;
  /** A show's status; by default status.json as the stages wrote it (see ShowStatusReader). */
  readonly showStatus?: ShowStatusReader;
  readonly logger?: Logger;
}

/** Page size when the query string has no `limit`, and the most one page may hold. */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
const CLIP_FILES = ['thumbnail', 'captions'] as const;
const LIST_PARAMS = ['show', 'product', 'minScore', 'compliance', 'status', 'text', 'language', 'limit', 'sort', 'cursor'] as const;
/** Suggestions one request may ask for, and how many when it does not say. */
const MAX_SUGGESTIONS = 50;
const DEFAULT_SUGGESTIONS = 12;

type Route =
  | { readonly name: 'listClips' }
  | { readonly name: 'getClip'; readonly showId: string; readonly clipId: string }
  | { readonly name: 'editClip'; readonly showId: string; readonly clipId: string }
  | { readonly name: 'reviewClip'; readonly showId: string; readonly clipId: string; readonly status: 'approved' | 'rejected' }
  | { readonly name: 'getStatus'; readonly showId: string }
  | { readonly name: 'exportShow'; readonly showId: string }
  | { readonly name: 'getReview'; readonly showId: string }
  | { readonly name: 'getPlan'; readonly channel: string }
  | { readonly name: 'listShows' }
  | { readonly name: 'getShow'; readonly showId: string }
  | { readonly name: 'getSuggestions' };

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
  listShows: 'GET',
  getShow: 'GET',
  getSuggestions: 'GET',
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
      case 'listShows':
        rejectUnknownParams(query, []);
        return json(200, { shows: await listShows(deps.storage, deps.showStatus) });
      case 'getShow': {
        rejectUnknownParams(query, []);
        const showId = parseShowId(route.showId);
        const overview = await readShowOverview(deps.storage, showId, deps.showStatus);
        if (overview === undefined) throw new HttpError(404, `no show ${showId} (unknown, or not ingested yet)`);
        const thumbnails: Record<string, string> = {};
        for (const highlight of overview.highlights) {
          if (highlight.thumbnail) thumbnails[highlight.clipId] = await deps.downloads.urlFor(highlight.thumbnail);
        }
        return json(200, { ...overview, thumbnails });
      }
      case 'getSuggestions': {
        rejectUnknownParams(query, ['channel', 'limit']);
        const rawLimit = query.get('limit');
        const limit = rawLimit === undefined ? DEFAULT_SUGGESTIONS : parseNumber('limit', rawLimit);
        if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SUGGESTIONS) throw new InputError(`limit: a whole number from 1 to ${MAX_SUGGESTIONS}`);
        const rawChannel = query.get('channel');
        const channel = rawChannel === undefined ? undefined : RUN_SETTINGS.channel.safeParse(rawChannel);
        if (channel && !channel.success) throw new InputError(`channel: ${channel.error.issues[0]?.message ?? 'invalid'}`);
        return json(200, { suggestions: await workspaceSuggestions(deps.storage, limit, channel?.data) });
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

interface ClipPage {
  entries: CatalogEntry[];
  /** Thumbnail link per `showId/clipId`, so a page of cards needs no request per card. */
  thumbnails: Record<string, string>;
  cursor?: string;
}

async function listClips(query: Map<string, string>, deps: CatalogApiDependencies): Promise<ClipPage> {
  rejectUnknownParams(query, LIST_PARAMS);
  const sort = parseSort(query.get('sort'), query.has('show'));
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
  const page = sort === 'score' ? await deps.index.query(filter, query.get('cursor')) : await sortedShowPage(filter, sort, query.get('cursor'), deps.index);
  const thumbnails: Record<string, string> = {};
  for (const entry of page.entries) thumbnails[`${entry.showId}/${entry.clipId}`] = await deps.downloads.urlFor(entry.files.thumbnail);
  return page.cursor === undefined ? { entries: page.entries, thumbnails } : { entries: page.entries, thumbnails, cursor: page.cursor };
}

function parseSort(raw: string | undefined, hasShow: boolean): CatalogSort {
  if (raw === undefined) return 'score';
  if (!(CATALOG_SORTS as readonly string[]).includes(raw)) throw new InputError(`sort: one of ${CATALOG_SORTS.join(', ')}`);
  // The indexes keep the catalog best first; other orders are made by reading one show's clips whole.
  if (raw !== 'score' && !hasShow) throw new InputError(`sort: ${raw} orders one show's clips; give show= too`);
  return raw as CatalogSort;
}

/** A page of one show's clips in another order than the index keeps: the show is read whole (tens of clips) and sorted. */
async function sortedShowPage(filter: CatalogFilter, sort: CatalogSort, cursor: string | undefined, index: CatalogIndex): Promise<{ entries: CatalogEntry[]; cursor?: string }> {
  if (cursor !== undefined && !/^\d{1,9}$/.test(cursor)) throw new InputError('cursor: not one this API issued');
  const offset = cursor === undefined ? 0 : Number(cursor);
  const all: CatalogEntry[] = [];
  let next: string | undefined;
  do {
    const page = await index.query({ ...filter, limit: MAX_PAGE_SIZE }, next);
    all.push(...page.entries);
    next = page.cursor;
  } while (next !== undefined);
  const sorted = sortCatalog(all, sort);
  const end = offset + (filter.limit ?? DEFAULT_PAGE_SIZE);
  return end < sorted.length ? { entries: sorted.slice(offset, end), cursor: String(end) } : { entries: sorted.slice(offset, end) };
}

async function getClip(showId: ShowId, clipId: string, deps: CatalogApiDependencies) {
  const entry = await findClip(deps.index, showId, clipId);
  if (!entry) throw new HttpError(404, `clip ${clipId} of show ${showId} is not in the catalog`);
  // The entry is what the catalog promises; the detail (render state, captions) is extra, so an unreadable meta.json costs only that.
  const detail = await readClipDetail(deps.storage, showId, clipId, deps.renderProgress).catch((error: unknown) => {
    deps.logger?.warn('clip detail unreadable', { showId, clipId, reason: reasonOf(error) });
    return undefined;
  });
  const links = deps.downloads;
  const downloads: Record<string, string> & { variants?: Record<string, string> } = {};
  for (const file of CLIP_FILES) downloads[file] = await links.urlFor(entry.files[file]);
  const variants: Record<string, string> = {};
  for (const variant of entry.variants) variants[variant.aspect] = await links.urlFor(variant.file);
  // Named downloads: `<clip>-9x16.mp4` rather than every file arriving as "9x16.mp4".
  const saveAs: Record<string, string> = {};
  for (const variant of entry.variants) saveAs[variant.aspect] = await links.urlFor(variant.file, { filename: `${clipId}-${variant.aspect.replace(':', 'x')}.mp4` });
  const expiresIn = links.expiresInSeconds;
  return {
    entry,
    downloads: { ...downloads, variants, saveAs },
    expiresInSeconds: expiresIn,
    expiresAt: new Date(Date.now() + expiresIn * 1000).toISOString(),
    ...(detail
      ? { render: detail.render, review: detail.review, captionsSrt: detail.captionsSrt, transcript: detail.transcript, chat: detail.chat, history: detail.meta.history, captions: detail.meta.captions, reasons: detail.meta.reasons }
      : {}),
  };
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
  if (deps.showStatus) {
    const status = await deps.showStatus(showId);
    if (status === undefined) throw new HttpError(404, `show ${showId} has no status yet (unknown show, or not started)`);
    return status;
  }
  // Served as the pipeline wrote it: the API adds nothing to status.json, so it need not re-validate it either.
  const body = await deps.storage.tryGet(showKeys(showId).status);
  if (body === undefined) throw new HttpError(404, `show ${showId} has no status yet (unknown show, or not started)`);
  return JSON.parse(body.toString('utf8')) as unknown;
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
  if (first === 'shows' && second === undefined) return { name: 'listShows' };
  if (first === 'suggestions' && second === undefined) return { name: 'getSuggestions' };
  if (first === 'shows' && second !== undefined && third === undefined) return { name: 'getShow', showId: second };
  if (rest.length === 0 && first === 'shows' && second !== undefined && fourth === undefined) {
    if (third === 'status') return { name: 'getStatus', showId: second };
    if (third === 'export') return { name: 'exportShow', showId: second };
    if (third === 'review') return { name: 'getReview', showId: second };
  }
  if (rest.length === 0 && first === 'channels' && second !== undefined && third === 'plan' && fourth === undefined) return { name: 'getPlan', channel: second };
  throw new HttpError(
    404,
    `no route for ${path}; try GET /clips, /clips/{showId}/{clipId}, /shows, /shows/{showId}, /shows/{showId}/status|export|review, /suggestions, /channels/{channel}/plan, POST /clips/{showId}/{clipId}/edit|approve|reject`,
  );
}
