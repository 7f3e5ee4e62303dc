/**
 * `postshow serve`: the workspace in the browser on one machine. One fastify server:
 * - `/api/*`  the catalog API: the request becomes an API Gateway HTTP API (2.0) event for the very handler the
 *             cloud's Lambda runs (functions/api/catalogApi.ts), over the filesystem store and catalog;
 * - `/files/*` a clip's files (video with range requests so the player can seek, thumbnails, captions), the
 *             local stand-in for presigned S3 URLs; only files under a show's `clips/` folder;
 * - the front end (web/, bundled in memory at start) and `/config.json` telling it how to sign in.
 * With a token every `/api` and `/files` request needs it: `Authorization: Bearer <token>`, or the cookie the
 * `/login` form sets. Pages and scripts carry no data and are served to anyone.
 */
import { randomUUID, timingSafeEqual, createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { handleCatalogRequest, type CatalogApiDependencies } from '../../functions/api/catalogApi.js';
import { localStatusReader } from '../../shared/adapters/local/localShowStatus.js';
import { FileCatalogIndex } from '../../shared/adapters/local/fileCatalogIndex.js';
import { FILES_ROUTE, ServerFileLinks } from '../../shared/adapters/local/serverFileLinks.js';
import { FsStorage } from '../../shared/adapters/storage/fsStorage.js';
import { validateKey } from '../../shared/core/keys.js';
import type { Logger } from '../../shared/pipeline/ports.js';
import { buildWorkspaceSite, type SiteFile } from '../../web/buildSite.js';
import { createBackgroundQueue, type BackgroundPipelineOptions, type BackgroundQueue } from './backgroundQueue.js';

export interface WorkspaceServerOptions {
  /** Workspace directory (recordings/ and shows/). */
  readonly workspace: string;
  /** When set, every /api and /files request must carry it. */
  readonly token?: string;
  readonly logger: Logger;
  /** Aborting it stops a background render (its ffmpeg killed, the failure recorded). */
  readonly signal?: AbortSignal;
  /** Passed to the pipeline that runs edits and reviews (the CLI passes none). */
  readonly pipeline?: BackgroundPipelineOptions;
}

export interface WorkspaceServer {
  readonly app: FastifyInstance;
  readonly queue: BackgroundQueue;
}

/** Cookie the login form sets; HttpOnly and SameSite=Strict, so neither scripts nor other sites can use it. */
export const TOKEN_COOKIE = 'postshow_token';
/** Paths the app routes in the browser: each answers with index.html. */
const PAGE_PATTERN = /^\/(?:$|clips(?:\/|$)|shows(?:\/|$)|suggestions\/?$)/;
/** Files of a show the browser may fetch: a clip's folder (every version) and the report. */
const SERVABLE_KEY = /^shows\/[a-z0-9_-]+\/(?:clips\/[A-Za-z0-9._-]+\/.+|report\.html)$/;
/**
 * Scripts only from the site itself: a string that slipped through escaping still cannot run. `media-src blob:`: the
 * clip page hands the master's <track> its captions as a WebVTT blob made from the SRT sidecar.
 */
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; media-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

export async function createWorkspaceServer(options: WorkspaceServerOptions): Promise<WorkspaceServer> {
  const workspace = path.resolve(options.workspace);
  const storage = new FsStorage(workspace);
  const queue = createBackgroundQueue(workspace, options.logger, options.signal, options.pipeline);
  const deps: CatalogApiDependencies = {
    index: new FileCatalogIndex(storage),
    storage,
    queue,
    downloads: new ServerFileLinks(),
    renderProgress: (showId, clipId) => queue.progressOf(showId, clipId),
    // A show whose `postshow run` was killed reads `interrupted`, not `running` forever.
    showStatus: localStatusReader(storage, workspace),
    logger: options.logger,
  };
  const site = new Map<string, SiteFile>(buildWorkspaceSite().map((file) => [`/${file.path}`, file]));
  const config = JSON.stringify({ apiBase: '/api', auth: { kind: options.token === undefined ? 'none' : 'token' } });
  const tokenDigest = options.token === undefined ? undefined : digest(options.token);
  const authorised = (request: FastifyRequest): boolean => {
    if (tokenDigest === undefined) return true;
    const header = request.headers.authorization;
    const offered = header?.startsWith('Bearer ') ? header.slice(7) : cookieValue(request.headers.cookie, TOKEN_COOKIE);
    return offered !== undefined && timingSafeEqual(digest(offered), tokenDigest);
  };

  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
  // The API handler parses bodies itself (size, type and JSON checks answer 413/415/400 as in the cloud).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  app.addHook('onSend', async (_request, reply) => {
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
  });
  await app.register(fastifyStatic, { root: path.join(workspace, 'shows'), serve: false, acceptRanges: true, cacheControl: false });

  app.all('/api/*', async (request, reply) => {
    if (!authorised(request)) return reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'sign in: this server needs its token' });
    const url = new URL(request.url, 'http://localhost');
    const body = typeof request.body === 'string' ? request.body : undefined;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) if (typeof value === 'string') headers[name.toLowerCase()] = value;
    const response = await handleCatalogRequest(
      {
        version: '2.0',
        rawPath: url.pathname.slice('/api'.length) || '/',
        rawQueryString: url.search.slice(1),
        headers,
        ...(body !== undefined && body !== '' ? { body } : {}),
        isBase64Encoded: false,
        requestContext: { http: { method: request.method }, stage: '$default', requestId: randomUUID() },
      },
      deps,
    );
    reply.code(response.statusCode ?? 200);
    for (const [name, value] of Object.entries(response.headers ?? {})) reply.header(name, String(value));
    return reply.send(response.body ?? '');
  });

  app.get(`${FILES_ROUTE}*`, async (request, reply) => {
    if (!authorised(request)) return reply.code(401).send({ error: 'sign in: this server needs its token' });
    const url = new URL(request.url, 'http://localhost');
    let key: string;
    try {
      key = validateKey(decodeURIComponent(url.pathname.slice(FILES_ROUTE.length)));
    } catch {
      return reply.code(400).send({ error: 'not a file key' });
    }
    if (!SERVABLE_KEY.test(key) || !existsSync(path.join(workspace, key))) return reply.code(404).send({ error: `no file ${key}` });
    const download = url.searchParams.get('download');
    if (download !== null) reply.header('content-disposition', `attachment; filename="${download.replace(/[^\w.-]/g, '_')}"`);
    return reply.sendFile(key.slice('shows/'.length));
  });

  app.get('/config.json', async (_request, reply) => reply.type('application/json').header('cache-control', 'no-store').send(config));

  app.get('/login', async (_request, reply) => reply.type('text/html; charset=utf-8').send(loginPage(false)));
  app.post('/login', async (request, reply) => {
    const token = new URLSearchParams(typeof request.body === 'string' ? request.body : '').get('token') ?? '';
    if (tokenDigest === undefined || !timingSafeEqual(digest(token), tokenDigest)) return reply.code(401).type('text/html; charset=utf-8').send(loginPage(true));
    reply.header('set-cookie', `${TOKEN_COOKIE}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Strict`);
    return reply.redirect('/', 303);
  });

  app.get('/*', async (request, reply) => {
    const url = new URL(request.url, 'http://localhost');
    const file = site.get(url.pathname);
    if (file) return reply.type(file.contentType).header('cache-control', 'no-cache').send(file.body);
    if (PAGE_PATTERN.test(url.pathname)) {
      const index = site.get('/index.html')!;
      return reply.type(index.contentType).header('cache-control', 'no-cache').send(index.body);
    }
    return reply.code(404).type('text/plain; charset=utf-8').send('not found');
  });
  return { app, queue };
}

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) {
      try {
        return decodeURIComponent(value.join('='));
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** A form, no script: the token goes in a POST body, never in a URL a history or a log would keep. */
function loginPage(failed: boolean): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Sign in — postshow</title><link rel="icon" href="/assets/favicon.svg" type="image/svg+xml"><link rel="stylesheet" href="/assets/app.css"></head>
<body><main class="login"><h1>postshow</h1><form method="post" action="/login"><label for="token">Access token</label><input id="token" name="token" type="password" autocomplete="current-password" required autofocus>${failed ? '<p class="error" role="alert">That token is not this server\'s.</p>' : ''}<button type="submit">Sign in</button></form><p class="muted">The token given to <code>postshow serve --token</code> (or POSTSHOW_SERVE_TOKEN).</p></main></body></html>`;
}
