/**
 * An API Gateway HTTP API request (payload format 2.0, IAM authorisation) as API Gateway hands it to the
 * catalog API's Lambda, so the simulator and the cloud tests call the handler the way the deployed
 * API would.
 */
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2WithIAMAuthorizer } from 'aws-lambda';

export interface HttpApiEventOptions {
  /** Without the `?`. */
  readonly query?: string;
  /** Sent as JSON (`content-type: application/json`). */
  readonly json?: unknown;
}

export function httpApiEvent(method: string, path: string, options: HttpApiEventOptions = {}): APIGatewayProxyEventV2WithIAMAuthorizer {
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
    // The simulator has no route table; the handler routes on the path, as behind the stack's routes.
    routeKey: '$default',
    rawPath: path,
    rawQueryString,
    headers: {
      host,
      'content-length': String(Buffer.byteLength(body ?? '')),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(rawQueryString === '' ? {} : { queryStringParameters }),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      authorizer: {
        iam: {
          accessKey: 'LOCAL',
          accountId: '000000000000',
          callerId: 'local',
          cognitoIdentity: null,
          principalOrgId: 'o-local',
          userArn: 'arn:aws:iam::000000000000:user/local',
          userId: 'local',
        },
      },
      domainName: host,
      domainPrefix: 'local',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'postshow-local' },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    ...(body !== undefined ? { body } : {}),
    isBase64Encoded: false,
  };
}
