/**
 * An API Gateway HTTP API request (payload format 2.0, JWT authorizer) as API Gateway hands it to the
 * catalog API's Lambda once a route matched and the authorizer allowed it, so the simulator and the cloud
 * tests call the handler the way the deployed API would.
 */
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type { JwtAuthorizerContext } from './jwtAuthorizer.js';

export interface HttpApiEventOptions {
  /** Without the `?`. */
  readonly query?: string;
  /** Sent as JSON (`content-type: application/json`). */
  readonly json?: unknown;
  /**
   * The bearer access token. @default a fresh token of the web client with every scope (a signed-in
   * marketer); `null` sends no Authorization header.
   */
  readonly token?: string | null;
}

/** What API Gateway knows about a request by the time it invokes the integration. */
export interface AuthorizedRoute {
  /** `GET /clips/{showId}/{clipId}`. */
  readonly routeKey: string;
  readonly pathParameters: Readonly<Record<string, string>>;
  readonly jwt: JwtAuthorizerContext;
  /** The Authorization header as the caller sent it (API Gateway passes it on). */
  readonly authorization: string;
}

export function httpApiEvent(method: string, path: string, options: HttpApiEventOptions, authorized: AuthorizedRoute): APIGatewayProxyEventV2WithJWTAuthorizer {
  const rawQueryString = options.query ?? '';
  const body = options.json === undefined ? undefined : JSON.stringify(options.json);
  // Payload 2.0 joins repeated parameters with commas and leaves the field out when there are none.
  const queryStringParameters: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawQueryString)) {
    queryStringParameters[name] = name in queryStringParameters ? `${queryStringParameters[name]},${value}` : value;
  }
  const host = 'local.execute-api.us-east-1.amazonaws.com';
  return {
    version: '2.0',
    routeKey: authorized.routeKey,
    rawPath: path,
    rawQueryString,
    headers: {
      host,
      // Payload 2.0 lower-cases header names.
      authorization: authorized.authorization,
      'content-length': String(Buffer.byteLength(body ?? '')),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(rawQueryString === '' ? {} : { queryStringParameters }),
    ...(Object.keys(authorized.pathParameters).length > 0 ? { pathParameters: { ...authorized.pathParameters } } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      authorizer: { principalId: '', integrationLatency: 0, jwt: { claims: { ...authorized.jwt.claims }, scopes: [...authorized.jwt.scopes] } },
      domainName: host,
      domainPrefix: 'local',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'postshow-local' },
      requestId: randomUUID(),
      routeKey: authorized.routeKey,
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    ...(body !== undefined ? { body } : {}),
    isBase64Encoded: false,
  };
}
