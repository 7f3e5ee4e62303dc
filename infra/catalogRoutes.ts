/**
 * The catalog API's route table: method, path template and the OAuth scope a caller's access token must
 * carry. One table for the stack (infra/catalogApi.ts makes a route with a JWT authorizer per row) and for
 * the local simulator's authorizer (scripts/localCloud/jwtAuthorizer.ts), so both demand the same scopes.
 * Plain data on purpose: the simulator imports it without loading aws-cdk-lib.
 */

/** The Cognito resource server the scopes belong to; a scope is named `<identifier>/<name>`. */
export const API_RESOURCE_SERVER = 'postshow';

/** Scope names on the resource server: `read` for every GET route, `write` for edits and reviews. */
export const API_SCOPE_NAMES = ['read', 'write'] as const;
export type ApiScopeName = (typeof API_SCOPE_NAMES)[number];

/** The full scope string as it appears in an access token's `scope` claim, e.g. `postshow/read`. */
export const apiScope = (name: ApiScopeName): string => `${API_RESOURCE_SERVER}/${name}`;

export interface CatalogRoute {
  readonly method: 'GET' | 'POST';
  /** API Gateway path template; `{name}` matches one path segment. */
  readonly path: string;
  readonly scope: ApiScopeName;
}

/** Every route the deployed API has; a request matching none is API Gateway's 404 before any authorizer runs. */
export const CATALOG_ROUTES = [
  { method: 'GET', path: '/clips', scope: 'read' },
  { method: 'GET', path: '/clips/{showId}/{clipId}', scope: 'read' },
  { method: 'GET', path: '/shows', scope: 'read' },
  { method: 'GET', path: '/shows/{showId}', scope: 'read' },
  { method: 'GET', path: '/shows/{showId}/status', scope: 'read' },
  { method: 'GET', path: '/shows/{showId}/export', scope: 'read' },
  { method: 'GET', path: '/shows/{showId}/review', scope: 'read' },
  { method: 'GET', path: '/channels/{channel}/plan', scope: 'read' },
  { method: 'GET', path: '/suggestions', scope: 'read' },
  { method: 'POST', path: '/clips/{showId}/{clipId}/edit', scope: 'write' },
  { method: 'POST', path: '/clips/{showId}/{clipId}/approve', scope: 'write' },
  { method: 'POST', path: '/clips/{showId}/{clipId}/reject', scope: 'write' },
] as const satisfies readonly CatalogRoute[];

/** A request matched to its route, with the path parameters API Gateway would pass (`pathParameters`). */
export interface MatchedCatalogRoute {
  readonly route: CatalogRoute;
  /** `GET /clips/{showId}/{clipId}`: the event's routeKey. */
  readonly routeKey: string;
  readonly pathParameters: Readonly<Record<string, string>>;
}

/**
 * The route API Gateway would select for a request, or undefined (its 404). Literal segments win over
 * `{parameters}` at the same position, as API Gateway prefers the most specific route; no two routes
 * of this table tie otherwise.
 */
export function matchCatalogRoute(method: string, path: string, routes: readonly CatalogRoute[] = CATALOG_ROUTES): MatchedCatalogRoute | undefined {
  const segments = path.split('/').slice(1);
  let best: { matched: MatchedCatalogRoute; literals: number } | undefined;
  for (const route of routes) {
    if (route.method !== method.toUpperCase()) continue;
    const templateSegments = route.path.split('/').slice(1);
    if (templateSegments.length !== segments.length) continue;
    const pathParameters: Record<string, string> = {};
    let literals = 0;
    const matches = templateSegments.every((template, index) => {
      const segment = segments[index] ?? '';
      const parameter = /^\{(\w+)\}$/.exec(template);
      if (parameter) {
        if (segment === '') return false;
        pathParameters[parameter[1] as string] = safeDecode(segment);
        return true;
      }
      literals += 1;
      return template === segment;
    });
    if (matches && (!best || literals > best.literals)) {
      best = { matched: { route, routeKey: `${route.method} ${route.path}`, pathParameters }, literals };
    }
  }
  return best?.matched;
}

const safeDecode = (segment: string): string => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};
