/**
 * The catalog API's JWT authorizer on the simulated cloud (fauxqs, dynalite, the API's Lambda entry behind
 * API Gateway's route table and a local Cognito stand-in): what API Gateway answers without a token, with an
 * expired, foreign or forged one, with an ID token, and with a token that lacks the route's scope; and that an
 * allowed request reaches the handler with the verified claims and does its work (an approval is stored and
 * queued for the catalog). One stored clip stands in for a processed show: the auth path is under test,
 * not the pipeline (cloudEdits.test.ts runs that).
 */
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, SQSEvent } from 'aws-lambda';
import { SignJWT, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../scripts/localCloud/eventSourceMapping.js';
import { LocalJwtAuthorizer } from '../../scripts/localCloud/jwtAuthorizer.js';
import { startLocalCloud, type LocalCloud } from '../../scripts/localCloud/localCloud.js';
import { localHttpApi } from '../../scripts/localCloud/localHttpApi.js';
import { clipMetaSchema } from '../../shared/pipeline/artifacts.js';

const SHOW = 'auth-show';
const CLIP = 'c01';
const CLIP_PREFIX = `shows/${SHOW}/clips/${CLIP}/`;
const APPROVE = `/clips/${SHOW}/${CLIP}/approve`;

/** A finished clip's meta.json, as the clip stage writes it: what approve requires to exist. */
const storedClip = clipMetaSchema.parse({
  runId: 'run0001',
  clipId: CLIP,
  showId: SHOW,
  rank: 1,
  start: 10,
  end: 25,
  duration: 15,
  score: 0.8,
  title: 'Glow Serum texture close-up',
  description: '',
  hashtags: [],
  copyBy: 'extractive',
  products: [],
  language: 'en',
  reasons: [],
  compliance: { status: 'clear', flags: [] },
  files: { thumbnail: `${CLIP_PREFIX}thumbnail.jpg`, captions: `${CLIP_PREFIX}captions.srt` },
  variants: [{ aspect: '16:9', width: 320, height: 180, file: `${CLIP_PREFIX}16x9.mp4`, reframe: 'none' }],
  captions: { burned: false, source: 'captions', reliability: 1, reason: 'uploaded captions', style: 'bold' },
  transcriptEngine: 'captions',
});

describe('catalog API authorisation on the simulated cloud', () => {
  let cloud: LocalCloud;
  /** Bodies of the messages the catalog stage received (it only records them here). */
  const catalogMessages: unknown[] = [];

  beforeAll(async () => {
    process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
    cloud = await startLocalCloud({
      visibilityTimeoutSeconds: 30,
      // The catalog stage is not under test: it records what the approval queued and acknowledges it.
      wrapHandler: (stage, handler) =>
        stage !== 'catalog'
          ? handler
          : async (event: SQSEvent) => {
              catalogMessages.push(...event.Records.map((record) => JSON.parse(record.body) as unknown));
              return { batchItemFailures: [] };
            },
    });
    await cloud.topology.s3.send(
      new PutObjectCommand({ Bucket: cloud.topology.outputsBucket, Key: `${CLIP_PREFIX}meta.json`, Body: JSON.stringify(storedClip), ContentType: 'application/json' }),
    );
  }, 60_000);

  afterAll(async () => {
    await cloud?.close();
  });

  const token = (options: Parameters<LocalJwtAuthorizer['issueToken']>[0]) => cloud.auth.issueToken(options);
  const approve = (approveToken: string | null) => cloud.callApi('POST', APPROVE, { json: { note: 'ship it' }, token: approveToken });
  const unauthorized = { statusCode: 401, body: '{"message":"Unauthorized"}' };

  it('answers 401 without a token, before the handler', async () => {
    expect(await approve(null)).toMatchObject(unauthorized);
    expect(await cloud.callApi('GET', '/clips', { token: null })).toMatchObject(unauthorized);
  });

  it('answers 401 to an expired token, naming the reason', async () => {
    const response = await approve(await token({ scopes: ['postshow/write'], expiresInSeconds: -5 }));
    expect(response).toMatchObject(unauthorized);
    expect(response.headers?.['www-authenticate']).toContain('the token has expired');
  });

  it('answers 401 to a token of another app client', async () => {
    const response = await approve(await token({ scopes: ['postshow/read', 'postshow/write'], clientId: 'someone-elses-client' }));
    expect(response).toMatchObject(unauthorized);
    expect(response.headers?.['www-authenticate']).toContain('valid audience');
  });

  it('answers 401 to a token another key signed, even with the same issuer and client', async () => {
    const impostor = await LocalJwtAuthorizer.create();
    const forged = await impostor.issueToken({ scopes: ['postshow/write'], clientId: cloud.auth.webClientId });
    expect(await approve(forged)).toMatchObject(unauthorized);
    // So are a token signed with another algorithm under the right key id, and a string that is no JWT.
    const { privateKey } = await generateKeyPair('ES256');
    const wrongAlgorithm = await new SignJWT({ client_id: cloud.auth.webClientId, token_use: 'access', scope: 'postshow/write' })
      .setProtectedHeader({ alg: 'ES256', kid: cloud.auth.jwks.keys[0]?.kid })
      .setIssuer(cloud.auth.issuer)
      .setExpirationTime('1h')
      .sign(privateKey);
    expect(await approve(wrongAlgorithm)).toMatchObject(unauthorized);
    expect(await approve('not-a-jwt')).toMatchObject(unauthorized);
  });

  it('answers 401 to an ID token: only access tokens are bearer tokens for the API', async () => {
    expect(await approve(await token({ scopes: [], tokenUse: 'id', username: 'mei' }))).toMatchObject(unauthorized);
  });

  it('answers 403 to a read token on POST approve, and lets it read', async () => {
    const readToken = await token({ scopes: ['postshow/read'], clientId: cloud.auth.machineClientId });
    const response = await approve(readToken);
    expect(response).toMatchObject({ statusCode: 403, body: '{"message":"Forbidden"}' });
    expect(response.headers?.['www-authenticate']).toContain('insufficient_scope');
    const listed = await cloud.callApi('GET', '/clips', { token: readToken });
    expect(listed.statusCode, listed.body).toBe(200);
  });

  it('answers 404 Not Found to a path outside the route table, whatever the token', async () => {
    expect(await cloud.callApi('GET', '/admin', { token: null })).toMatchObject({ statusCode: 404, body: '{"message":"Not Found"}' });
    expect(await cloud.callApi('DELETE', APPROVE)).toMatchObject({ statusCode: 404, body: '{"message":"Not Found"}' });
  });

  it('lets a write token approve: 200, the review stored, the catalog stage queued', async () => {
    const writeToken = await token({ scopes: ['openid', 'email', 'postshow/read', 'postshow/write'], username: 'mei' });
    const response = await approve(writeToken);
    expect(response.statusCode, response.body).toBe(200);
    expect(JSON.parse(response.body ?? '{}')).toMatchObject({ clipId: CLIP, version: 1, review: { status: 'approved', note: 'ship it' } });
    const stored = await cloud.topology.s3.send(new GetObjectCommand({ Bucket: cloud.topology.outputsBucket, Key: `${CLIP_PREFIX}review.json` }));
    expect(JSON.parse(await (stored.Body as { transformToString(): Promise<string> }).transformToString())).toMatchObject({ status: 'approved', version: 1 });
    await waitFor(async () => catalogMessages.length > 0, 30_000, 'the approval to reach the catalog stage');
    expect(catalogMessages).toEqual([expect.objectContaining({ stage: 'catalog', showId: SHOW })]);
  });

  it("lets the simulator's default token (a signed-in marketer's) write", async () => {
    const response = await cloud.callApi('POST', `/clips/${SHOW}/${CLIP}/reject`, { json: {} });
    expect(response.statusCode, response.body).toBe(200);
    expect(JSON.parse(response.body ?? '{}')).toMatchObject({ review: { status: 'rejected' } });
  });

  it('hands the handler the route, its parameters and the verified claims as payload 2.0 does', async () => {
    const events: APIGatewayProxyEventV2WithJWTAuthorizer[] = [];
    const callApi = localHttpApi(async (event) => {
      events.push(event as APIGatewayProxyEventV2WithJWTAuthorizer);
      return { statusCode: 200, body: '{}' };
    }, cloud.auth);
    const machineToken = await token({ scopes: ['postshow/read'], clientId: cloud.auth.machineClientId });
    expect((await callApi('GET', `/clips/${SHOW}/${CLIP}`, { token: machineToken, query: 'x=1' })).statusCode).toBe(200);
    const [event] = events;
    expect(event).toMatchObject({
      routeKey: 'GET /clips/{showId}/{clipId}',
      pathParameters: { showId: SHOW, clipId: CLIP },
      rawQueryString: 'x=1',
      headers: { authorization: `Bearer ${machineToken}` },
      requestContext: {
        routeKey: 'GET /clips/{showId}/{clipId}',
        authorizer: {
          jwt: {
            scopes: ['postshow/read'],
            claims: { client_id: cloud.auth.machineClientId, sub: cloud.auth.machineClientId, token_use: 'access', iss: cloud.auth.issuer, scope: 'postshow/read' },
          },
        },
      },
    });
    // Every claim is a string, numbers included.
    expect(event?.requestContext.authorizer.jwt.claims.exp).toMatch(/^\d+$/);
  });
});
