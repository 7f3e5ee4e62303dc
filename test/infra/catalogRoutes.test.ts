/**
 * Route selection as API Gateway does it for the catalog API's table: method and segment count must
 * match, `{parameters}` take one non-empty segment, literal segments win, and no match is a 404.
 */
import { describe, expect, it } from 'vitest';
import { CATALOG_ROUTES, matchCatalogRoute, type CatalogRoute } from '../../infra/catalogRoutes.js';

describe('matchCatalogRoute', () => {
  it('selects each route of the table with its parameters', () => {
    expect(matchCatalogRoute('GET', '/clips')).toMatchObject({ routeKey: 'GET /clips', pathParameters: {} });
    expect(matchCatalogRoute('GET', '/shows')).toMatchObject({ routeKey: 'GET /shows', route: { scope: 'read' } });
    expect(matchCatalogRoute('GET', '/shows/spring-0412')).toMatchObject({ routeKey: 'GET /shows/{showId}', pathParameters: { showId: 'spring-0412' } });
    expect(matchCatalogRoute('GET', '/shows/spring-0412/status')).toMatchObject({ routeKey: 'GET /shows/{showId}/status' });
    expect(matchCatalogRoute('GET', '/suggestions')).toMatchObject({ routeKey: 'GET /suggestions' });
    expect(matchCatalogRoute('POST', '/clips/spring-0412/c01.v2/approve')).toMatchObject({
      routeKey: 'POST /clips/{showId}/{clipId}/approve',
      pathParameters: { showId: 'spring-0412', clipId: 'c01.v2' },
      route: { scope: 'write' },
    });
    expect(matchCatalogRoute('GET', '/channels/%E7%BE%8E%E5%A6%86/plan')?.pathParameters).toEqual({ channel: '美妆' });
  });

  it('matches every row of the table by its own path, GET rows needing read and POST rows write', () => {
    for (const route of CATALOG_ROUTES) {
      const path = route.path.replace(/\{\w+\}/g, 'x');
      expect(matchCatalogRoute(route.method, path)?.route, `${route.method} ${route.path}`).toBe(route);
      expect(route.scope).toBe(route.method === 'GET' ? 'read' : 'write');
    }
  });

  it('finds nothing for another method, an empty parameter or a path outside the table', () => {
    expect(matchCatalogRoute('POST', '/clips')).toBeUndefined();
    expect(matchCatalogRoute('DELETE', '/clips/s/c')).toBeUndefined();
    expect(matchCatalogRoute('GET', '/clips//c01')).toBeUndefined();
    expect(matchCatalogRoute('GET', '/clips/s/c/extra/more')).toBeUndefined();
    expect(matchCatalogRoute('GET', '/admin')).toBeUndefined();
  });

  it('prefers a literal segment to a parameter at the same place', () => {
    const routes: CatalogRoute[] = [
      { method: 'GET', path: '/shows/{showId}', scope: 'read' },
      { method: 'GET', path: '/shows/latest', scope: 'write' },
    ];
    expect(matchCatalogRoute('GET', '/shows/latest', routes)?.routeKey).toBe('GET /shows/latest');
    expect(matchCatalogRoute('GET', '/shows/other', routes)?.routeKey).toBe('GET /shows/{showId}');
  });
});
