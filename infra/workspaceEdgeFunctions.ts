/**
 * The two CloudFront Functions (viewer request, cloudfront-js-2.0) in front of the workspace, as source
 * text: CloudFront runs them, and test/infra/workspaceEdgeFunctions.test.ts evaluates the same text in node.
 * Each source defines one global `handler(event)` that returns the (possibly rewritten) request; the
 * query string is a separate field of the event, so rewriting `uri` keeps it.
 */

/**
 * `/api/clips` -> `/clips`: the page calls the API on its own origin under /api (no CORS), and the HTTP
 * API's routes start at `/`. `/api` alone becomes `/`, which no route matches (API Gateway's 404).
 */
export const STRIP_API_PREFIX_SOURCE = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri === '/api') {
    request.uri = '/';
  } else if (uri.indexOf('/api/') === 0) {
    request.uri = uri.substring(4);
  }
  return request;
}
`;

/**
 * Page paths of the single-page app (`/clips/{show}/{clip}`, `/shows/...`, `/suggestions`, `/auth/callback`)
 * -> `/index.html`; the app routes in the browser. Files are `/assets/*` and root files with an extension
 * (`/config.json`, `/index.html`, `/favicon.ico`); everything else is a page, even with a dot in a later
 * segment (clip ids may hold dots). `/` is left to the distribution's default root object. Done here rather
 * than with 403/404 error responses, which would apply to the whole distribution and hide the API's 404s.
 */
export const SPA_ROUTING_SOURCE = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  var isAsset = uri.indexOf('/assets/') === 0;
  var isRootFile = /^\\/[^\\/]+\\.[A-Za-z0-9]+$/.test(uri);
  if (uri !== '/' && !isAsset && !isRootFile) {
    request.uri = '/index.html';
  }
  return request;
}
`;
