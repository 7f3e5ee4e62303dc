/**
 * The catalog HTTP API's front door on one machine, in API Gateway's order: select the route from
 * CATALOG_ROUTES (none: 404 `{"message":"Not Found"}`, before any authorizer), run the JWT authorizer with
 * the route's scope (401/403), then invoke the Lambda handler with a payload 2.0 event that carries the
 * verified claims. A route the handler serves but the table lacks is therefore a 404 here, as in the cloud.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { apiScope, matchCatalogRoute } from '../../infra/catalogRoutes.js';
import { httpApiEvent, type HttpApiEventOptions } from './httpApiEvent.js';
import { ALL_API_SCOPES, type LocalJwtAuthorizer } from './jwtAuthorizer.js';

export type CatalogLambdaHandler = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;

/** API Gateway's answer when no route matches. */
export const ROUTE_NOT_FOUND: APIGatewayProxyStructuredResultV2 = {
  statusCode: 404,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ message: 'Not Found' }),
};

/** `callApi(method, path, options)`: one request through route selection, the authorizer and the handler. */
export function localHttpApi(handler: CatalogLambdaHandler, authorizer: LocalJwtAuthorizer) {
  return async (method: string, path: string, options: HttpApiEventOptions = {}): Promise<APIGatewayProxyStructuredResultV2> => {
    const matched = matchCatalogRoute(method, path);
    if (!matched) return ROUTE_NOT_FOUND;
    // A signed-in marketer by default, so callers that test the catalog need not think about tokens.
    const token = options.token === undefined ? await authorizer.issueToken({ scopes: ALL_API_SCOPES }) : options.token;
    const authorization = token === null ? undefined : `Bearer ${token}`;
    const decision = await authorizer.authorize(authorization, apiScope(matched.route.scope));
    if (!decision.allowed) return decision.response;
    const event = httpApiEvent(method, path, options, {
      routeKey: matched.routeKey,
      pathParameters: matched.pathParameters,
      jwt: decision.jwt,
      authorization: authorization as string,
    });
    return handler(event);
  };
}
