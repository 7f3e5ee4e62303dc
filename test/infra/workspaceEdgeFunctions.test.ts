/**
 * The CloudFront Functions' source text, run in a fresh node context on viewer-request events shaped as
 * CloudFront sends them (uri without the query string, which is a separate field).
 */
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { SPA_ROUTING_SOURCE, STRIP_API_PREFIX_SOURCE } from '../../infra/workspaceEdgeFunctions.js';

interface ViewerRequest {
  method: string;
  uri: string;
  querystring: Record<string, { value: string }>;
  headers: Record<string, { value: string }>;
  cookies: Record<string, { value: string }>;
}

/** The source's global `handler`, evaluated apart from this module's globals. */
function loadHandler(source: string): (event: unknown) => ViewerRequest {
  return vm.runInNewContext(`${source}\nhandler;`, {}) as (event: unknown) => ViewerRequest;
}

function viewerRequest(uri: string, querystring: Record<string, string> = {}) {
  return {
    version: '1.0',
    context: { distributionDomainName: 'd111111abcdef8.cloudfront.net', eventType: 'viewer-request', requestId: 'test' },
    viewer: { ip: '198.51.100.7' },
    request: {
      method: 'GET',
      uri,
      querystring: Object.fromEntries(Object.entries(querystring).map(([name, value]) => [name, { value }])),
      headers: { host: { value: 'd111111abcdef8.cloudfront.net' }, authorization: { value: 'Bearer t' } },
      cookies: {},
    },
  };
}

describe('strip /api prefix (the /api/* behavior)', () => {
  const handler = loadHandler(STRIP_API_PREFIX_SOURCE);

  it('sends /api/clips?x to the HTTP API as /clips, keeping the query string and headers', () => {
    const request = handler(viewerRequest('/api/clips', { x: '' }));
    expect(request.uri).toBe('/clips');
    expect(request.querystring).toEqual({ x: { value: '' } });
    expect(request.headers.authorization).toEqual({ value: 'Bearer t' });
  });

  it('strips the prefix once, from deep paths too', () => {
    expect(handler(viewerRequest('/api/clips/show-1/c01/approve')).uri).toBe('/clips/show-1/c01/approve');
    expect(handler(viewerRequest('/api/api/clips')).uri).toBe('/api/clips');
    expect(handler(viewerRequest('/api')).uri).toBe('/');
  });

  it('leaves paths that only start with the letters alone', () => {
    expect(handler(viewerRequest('/apiary')).uri).toBe('/apiary');
  });
});

describe('SPA routing (the default behavior)', () => {
  const handler = loadHandler(SPA_ROUTING_SOURCE);
  const rewritten = (uri: string) => handler(viewerRequest(uri)).uri;

  it('serves index.html for page paths', () => {
    expect(rewritten('/clips/a/b')).toBe('/index.html');
    expect(rewritten('/clips')).toBe('/index.html');
    expect(rewritten('/shows/spring-sale-0412')).toBe('/index.html');
    expect(rewritten('/suggestions')).toBe('/index.html');
    expect(rewritten('/auth/callback')).toBe('/index.html');
    // Clip ids may hold dots; still a page.
    expect(rewritten('/clips/show-1/c01.v2')).toBe('/index.html');
  });

  it('leaves files and the root alone', () => {
    expect(rewritten('/assets/app.js')).toBe('/assets/app.js');
    expect(rewritten('/assets/app.css')).toBe('/assets/app.css');
    expect(rewritten('/config.json')).toBe('/config.json');
    expect(rewritten('/index.html')).toBe('/index.html');
    expect(rewritten('/')).toBe('/');
  });

  it('keeps the query string of a page (the sign-in callback carries ?code=)', () => {
    const request = handler(viewerRequest('/auth/callback', { code: 'abc', state: 'xyz' }));
    expect(request.uri).toBe('/index.html');
    expect(request.querystring).toEqual({ code: { value: 'abc' }, state: { value: 'xyz' } });
  });
});
