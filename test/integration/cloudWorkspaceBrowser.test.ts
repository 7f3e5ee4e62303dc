/**
 * The workspace as the stack deploys it, on the simulated cloud, in real headless Chromium: the same page
 * bundle with the stack's config.json (Cognito sign-in), served under the stack's Content-Security-Policy by a
 * stand-in for CloudFront that strips `/api` and hands requests to the simulator's API Gateway (route table,
 * JWT authorizer, the catalog API's Lambda entry over S3 and DynamoDB). A stand-in for Cognito's hosted UI
 * checks the PKCE exchange and issues the simulator's tokens. The page must sign in, list the catalog, play a
 * clip from its presigned S3 URL and approve it with the signed-in user's token.
 */
import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import type { SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoCatalogIndex } from '../../shared/adapters/aws/dynamoCatalogIndex.js';
import { catalogEntrySchema } from '../../shared/core/catalog/index.js';
import { parseShowId } from '../../shared/core/keys.js';
import { clipMetaSchema } from '../../shared/pipeline/artifacts.js';
import { contentSecurityPolicy, type WorkspaceConfig } from '../../infra/workspaceSite.js';
import { buildWorkspaceSite } from '../../web/buildSite.js';
import { startLocalCloud, type LocalCloud } from '../../scripts/localCloud/localCloud.js';
import { ALL_API_SCOPES } from '../../scripts/localCloud/jwtAuthorizer.js';
import { BROWSER_REQUIRED, CHROMIUM_PATH, launchChromium } from '../helpers/browser.js';

const execFileAsync = promisify(execFile);
const SHOW = parseShowId('cloud-page-show');
const CLIP = 'c01';
const PREFIX = `shows/${SHOW}/clips/${CLIP}/`;
const TITLE = 'Glow Serum texture, up close';

describe.skipIf(CHROMIUM_PATH === undefined && !BROWSER_REQUIRED)('the deployed workspace on the simulated cloud', () => {
  let cloud: LocalCloud;
  let edge: FastifyInstance;
  let browser: Browser;
  let scratch: string;
  let base: string;
  const signIns: string[] = [];

  beforeAll(async () => {
    process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
    // The catalog stage is not under test (approvals only queue a refresh for it).
    cloud = await startLocalCloud({ visibilityTimeoutSeconds: 30, wrapHandler: (stage, handler) => (stage !== 'catalog' ? handler : async (_event: SQSEvent) => ({ batchItemFailures: [] })) });
    scratch = await mkdtemp(path.join(os.tmpdir(), 'postshow-cloud-page-'));
    const video = path.join(scratch, 'clip.mp4');
    await execFileAsync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=25:duration=3', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=3', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-movflags', '+faststart', '-shortest', video]);
    const thumbnail = await sharp({ create: { width: 320, height: 180, channels: 3, background: { r: 30, g: 90, b: 140 } } }).jpeg().toBuffer();
    const meta = clipMetaSchema.parse({
      runId: 'run0001', clipId: CLIP, showId: SHOW, rank: 1, start: 10, end: 13, duration: 3, score: 12.5, title: TITLE,
      description: 'The serum on the back of a hand.', hashtags: ['#GlowSerum'], copyBy: 'extractive', products: ['Glow Serum'], language: 'en',
      reasons: [], compliance: { status: 'clear', flags: [] }, files: { thumbnail: `${PREFIX}thumbnail.jpg`, captions: `${PREFIX}captions.srt` },
      variants: [{ aspect: '16:9', width: 320, height: 180, file: `${PREFIX}16x9.mp4`, reframe: 'none' }],
      captions: { burned: false, source: 'captions', reliability: 1, reason: 'no captions', style: 'bold' }, transcriptEngine: 'captions',
    });
    const put = (key: string, body: Buffer | string, contentType: string) =>
      cloud.topology.s3.send(new PutObjectCommand({ Bucket: cloud.topology.outputsBucket, Key: key, Body: body, ContentType: contentType }));
    await put(`${PREFIX}meta.json`, JSON.stringify(meta), 'application/json');
    await put(`${PREFIX}16x9.mp4`, await readFile(video), 'video/mp4');
    await put(`${PREFIX}thumbnail.jpg`, thumbnail, 'image/jpeg');
    await put(`${PREFIX}captions.srt`, '', 'application/x-subrip');
    const entry = catalogEntrySchema.parse({
      clipId: CLIP, showId: SHOW, rank: 1, start: 10, end: 13, duration: 3, score: 12.5, title: TITLE, description: meta.description,
      hashtags: ['#GlowSerum'], products: ['Glow Serum'], language: 'en', compliance: { status: 'clear', flags: [] },
      files: { thumbnail: meta.files.thumbnail, captions: meta.files.captions, meta: `${PREFIX}meta.json` },
      variants: [{ aspect: '16:9', width: 320, height: 180, file: `${PREFIX}16x9.mp4` }], signals: ['chatRate'],
      createdFrom: { recordingKey: `recordings/${SHOW}/recording.mp4`, transcriptEngine: 'captions' },
    });
    await new DynamoCatalogIndex(DynamoDBDocumentClient.from(cloud.topology.dynamo), cloud.topology.catalogTable).replaceShow(SHOW, 'run0001', [entry]);

    edge = await startEdge(cloud, signIns);
    const address = edge.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await edge?.close();
    await cloud?.close();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it('signs in through the hosted UI with PKCE, lists the catalog, plays a clip from S3 and approves it', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy|Refused/.test(message.text())) errors.push(message.text());
    });
    await page.goto(`${base}/`);
    await page.locator('article.card h2', { hasText: TITLE }).waitFor();
    expect(signIns).toHaveLength(1);
    expect(page.url()).toBe(`${base}/`);

    await page.locator('article.card h2 a').click();
    await page.locator('h1', { hasText: TITLE }).waitFor();
    const video = page.locator('video');
    expect(await video.getAttribute('src')).toMatch(/X-Amz-Signature=/);
    const played = await video.evaluate(async (node) => {
      const element = node as unknown as { muted: boolean; currentTime: number; play(): Promise<void>; pause(): void };
      element.muted = true;
      await element.play();
      await new Promise((resolve) => setTimeout(resolve, 800));
      element.pause();
      return element.currentTime;
    });
    expect(played).toBeGreaterThan(0.2);

    await page.getByRole('button', { name: 'Approve' }).click();
    await page.locator('[data-testid="review-state"]', { hasText: 'Approved' }).waitFor();
    const stored = await cloud.topology.s3.send(new GetObjectCommand({ Bucket: cloud.topology.outputsBucket, Key: `${PREFIX}review.json` }));
    expect(JSON.parse(await stored.Body!.transformToString())).toMatchObject({ status: 'approved', version: 1 });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('answers the page\'s API calls only with a token, as API Gateway does', async () => {
    expect((await fetch(`${base}/api/clips`)).status).toBe(401);
    const token = await cloud.auth.issueToken({ scopes: ['postshow/read'], clientId: cloud.auth.machineClientId });
    const listed = await fetch(`${base}/api/clips`, { headers: { authorization: `Bearer ${token}` } });
    expect(listed.status).toBe(200);
    expect(((await listed.json()) as { entries: { clipId: string }[] }).entries.map((entry) => entry.clipId)).toEqual([CLIP]);
  });
});

/**
 * CloudFront and the Cognito hosted UI on one loopback server: the site's files and config.json under the
 * stack's CSP, `/api/*` with the prefix stripped into the simulator's API, and `/cognito/oauth2/*`.
 */
async function startEdge(cloud: LocalCloud, signIns: string[]): Promise<FastifyInstance> {
  const site = new Map(buildWorkspaceSite().map((file) => [`/${file.path}`, file]));
  const app = Fastify({ logger: false });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  // The origin is known once the server listens, and routes must exist before that: they read it from here.
  let origin = '';
  let config: WorkspaceConfig | undefined;
  let policy = '';
  const challenges = new Map<string, { challenge: string; redirectUri: string }>();
  app.all('/*', async (request, reply) => {
    const url = new URL(request.url, origin);
    if (url.pathname === '/cognito/oauth2/authorize') {
      const params = url.searchParams;
      expect(params.get('response_type')).toBe('code');
      expect(params.get('client_id')).toBe(cloud.auth.webClientId);
      expect(params.get('code_challenge_method')).toBe('S256');
      const code = randomUUID();
      challenges.set(code, { challenge: params.get('code_challenge')!, redirectUri: params.get('redirect_uri')! });
      signIns.push(code);
      return reply.redirect(`${params.get('redirect_uri')}?code=${code}`, 302);
    }
    if (url.pathname === '/cognito/oauth2/token') {
      const form = new URLSearchParams(String(request.body ?? ''));
      const pending = challenges.get(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      const computed = createHash('sha256').update(verifier).digest('base64url');
      if (!pending || computed !== pending.challenge || form.get('redirect_uri') !== pending.redirectUri || form.get('grant_type') !== 'authorization_code') {
        return reply.code(400).header('access-control-allow-origin', origin).send({ error: 'invalid_grant' });
      }
      challenges.delete(form.get('code')!);
      const accessToken = await cloud.auth.issueToken({ scopes: ALL_API_SCOPES, username: 'mei' });
      return reply.header('access-control-allow-origin', origin).send({ access_token: accessToken, expires_in: 3600, token_type: 'Bearer' });
    }
    if (url.pathname.startsWith('/api/')) {
      const authorization = request.headers.authorization;
      const body = typeof request.body === 'string' && request.body !== '' ? (JSON.parse(request.body) as unknown) : undefined;
      const response = await cloud.callApi(request.method, url.pathname.slice('/api'.length), {
        query: url.search.slice(1),
        token: authorization?.startsWith('Bearer ') ? authorization.slice(7) : null,
        ...(body !== undefined ? { json: body } : {}),
      });
      reply.code(response.statusCode ?? 200);
      for (const [name, value] of Object.entries(response.headers ?? {})) reply.header(name, String(value));
      return reply.send(response.body ?? '');
    }
    reply.header('content-security-policy', policy);
    if (url.pathname === '/config.json') return reply.type('application/json').send(JSON.stringify(config));
    const file = site.get(url.pathname) ?? site.get('/index.html')!;
    return reply.type(file.contentType).send(file.body);
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const signInUrl = `${origin}/cognito`;
  config = {
    apiBase: '/api',
    auth: { kind: 'cognito', domain: signInUrl, clientId: cloud.auth.webClientId, scopes: ['openid', 'email', ...ALL_API_SCOPES], redirectPath: '/auth/callback' },
  };
  // The stack's policy, with the simulator's S3 as the outputs bucket. upgrade-insecure-requests is left out:
  // it would send this plain-HTTP stand-in's requests to https.
  policy = contentSecurityPolicy(signInUrl, [new URL(cloud.topology.servers.awsEndpoint).origin])
    .split('; ')
    .filter((directive) => directive !== 'upgrade-insecure-requests')
    .join('; ');
  return app;
}
