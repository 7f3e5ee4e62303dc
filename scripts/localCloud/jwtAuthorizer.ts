/**
 * The deployed API's JWT authorizer on one machine: a stand-in Cognito user pool that signs access tokens
 * with an RSA key made at start (published as a JWKS), and the checks API Gateway's JWT authorizer makes
 * before the catalog Lambda sees a request (infra/workspaceAuth.ts configures the real one):
 *
 * - a token in `Authorization` (with or without `Bearer `), else 401;
 * - signature by a key of the issuer's JWKS, the issuer, expiry and not-before, else 401;
 * - audience: `aud` if the token has one, else `client_id` (Cognito access tokens carry only `client_id`),
 *   one of the pool's app clients, else 401;
 * - `token_use: access` (an ID token is not a bearer token for the API), else 401;
 * - the route's scope (CATALOG_ROUTES) in the token's `scope` claim, else 403.
 *
 * Answers are API Gateway's: 401 `{"message":"Unauthorized"}`, 403 `{"message":"Forbidden"}`, with a
 * `www-authenticate` header naming the reason. An allowed request gets the claims as payload 2.0 hands them
 * to the Lambda (`requestContext.authorizer.jwt`: every claim as a string, and the token's scopes).
 */
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createLocalJWKSet, errors, exportJWK, generateKeyPair, jwtVerify, SignJWT, type JSONWebKeySet, type JWTPayload } from 'jose';
import { API_SCOPE_NAMES, apiScope } from '../../infra/catalogRoutes.js';

/** Every scope of the API: what the simulator's default token carries. */
export const ALL_API_SCOPES: readonly string[] = API_SCOPE_NAMES.map(apiScope);

/** What payload 2.0 puts in `requestContext.authorizer.jwt`. */
export interface JwtAuthorizerContext {
  readonly claims: Record<string, string>;
  readonly scopes: string[];
}

export type AuthorizerDecision =
  | { readonly allowed: true; readonly jwt: JwtAuthorizerContext }
  | { readonly allowed: false; readonly response: APIGatewayProxyStructuredResultV2 };

export interface IssueTokenOptions {
  /** Full scope names, e.g. `postshow/read`. */
  readonly scopes: readonly string[];
  /** The app client the token is for. @default the web client */
  readonly clientId?: string;
  /** Seconds until `exp`; negative for a token that has already expired. @default 3600 */
  readonly expiresInSeconds?: number;
  /** A signed-in user's name; absent for client-credentials tokens, whose `sub` is the client. */
  readonly username?: string;
  /** @default 'access' */
  readonly tokenUse?: 'access' | 'id';
}

export interface LocalJwtAuthorizerOptions {
  /** @default 'us-east-1' */
  readonly region?: string;
  /** @default 'us-east-1_postshowLocal' */
  readonly userPoolId?: string;
}

const DEFAULT_TOKEN_SECONDS = 3600;
type SigningKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

export class LocalJwtAuthorizer {
  /** `https://cognito-idp.<region>.amazonaws.com/<pool id>`, as Cognito names its issuer. */
  readonly issuer: string;
  /** The public key, as Cognito publishes it at `<issuer>/.well-known/jwks.json`. */
  readonly jwks: JSONWebKeySet;
  /** The workspace page's client (authorization code), and the scripts' client (client credentials). */
  readonly webClientId = 'local-web-client';
  readonly machineClientId = 'local-machine-client';
  /** The authorizer's audience: the pool's two app clients. */
  readonly audience: readonly string[] = [this.webClientId, this.machineClientId];
  private readonly verificationKeys: ReturnType<typeof createLocalJWKSet>;

  private constructor(
    private readonly signingKey: SigningKey,
    private readonly keyId: string,
    jwks: JSONWebKeySet,
    options: LocalJwtAuthorizerOptions,
  ) {
    const region = options.region ?? 'us-east-1';
    this.issuer = `https://cognito-idp.${region}.amazonaws.com/${options.userPoolId ?? `${region}_postshowLocal`}`;
    this.jwks = jwks;
    this.verificationKeys = createLocalJWKSet(jwks);
  }

  /** A fresh RSA key pair (RS256, as Cognito signs) and its JWKS. */
  static async create(options: LocalJwtAuthorizerOptions = {}): Promise<LocalJwtAuthorizer> {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const keyId = randomUUID();
    const publicJwk = { ...(await exportJWK(publicKey)), kid: keyId, alg: 'RS256', use: 'sig' };
    return new LocalJwtAuthorizer(privateKey, keyId, { keys: [publicJwk] }, options);
  }

  /** A token shaped like a Cognito access token (or ID token), signed with this pool's key. */
  async issueToken(options: IssueTokenOptions): Promise<string> {
    const clientId = options.clientId ?? this.webClientId;
    const tokenUse = options.tokenUse ?? 'access';
    const now = Math.floor(Date.now() / 1000);
    const claims: JWTPayload = {
      sub: options.username ? `user-${options.username}` : clientId,
      token_use: tokenUse,
      auth_time: now,
      jti: randomUUID(),
      ...(tokenUse === 'access' ? { client_id: clientId, scope: options.scopes.join(' '), version: 2 } : { aud: clientId }),
      ...(options.username ? { username: options.username } : {}),
    };
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: this.keyId, typ: 'JWT' })
      .setIssuer(this.issuer)
      .setIssuedAt(now)
      .setExpirationTime(now + (options.expiresInSeconds ?? DEFAULT_TOKEN_SECONDS))
      .sign(this.signingKey);
  }

  /** API Gateway's decision on a request to a route that needs `requiredScope`. */
  async authorize(authorizationHeader: string | undefined, requiredScope: string): Promise<AuthorizerDecision> {
    const token = authorizationHeader?.trim().replace(/^Bearer\s+/i, '');
    if (!token) return { allowed: false, response: unauthorized() };
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.verificationKeys, { issuer: this.issuer, algorithms: ['RS256'] }));
    } catch (error) {
      return { allowed: false, response: unauthorized(verificationFailure(error)) };
    }
    const audience = payload.aud !== undefined ? [payload.aud].flat() : [String(payload.client_id ?? '')];
    if (!audience.some((candidate) => this.audience.includes(candidate))) {
      return { allowed: false, response: unauthorized('the token does not have a valid audience') };
    }
    if (payload.token_use !== 'access') return { allowed: false, response: unauthorized('the token is not an access token') };
    const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [];
    if (!scopes.includes(requiredScope)) return { allowed: false, response: forbidden(requiredScope) };
    return { allowed: true, jwt: { claims: claimsAsStrings(payload), scopes } };
  }
}

function verificationFailure(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'iss') return 'the token does not have a valid issuer';
  if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'nbf') return 'the token is not valid yet';
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey) return 'the token signature is invalid';
  return 'the token is malformed';
}

/** Payload 2.0 hands every claim over as a string (numbers in decimal, arrays as `[a b]`). */
function claimsAsStrings(payload: JWTPayload): Record<string, string> {
  return Object.fromEntries(
    Object.entries(payload).map(([name, value]) => [name, Array.isArray(value) ? `[${value.join(' ')}]` : typeof value === 'object' ? JSON.stringify(value) : String(value)]),
  );
}

function unauthorized(description?: string): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: 401,
    headers: {
      'content-type': 'application/json',
      ...(description ? { 'www-authenticate': `Bearer scope="" error="invalid_token" error_description="${description}"` } : {}),
    },
    body: JSON.stringify({ message: 'Unauthorized' }),
  };
}

function forbidden(requiredScope: string): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: 403,
    headers: {
      'content-type': 'application/json',
      'www-authenticate': `Bearer scope="${requiredScope}" error="insufficient_scope" error_description="the token does not have the scope ${requiredScope}"`,
    },
    body: JSON.stringify({ message: 'Forbidden' }),
  };
}
