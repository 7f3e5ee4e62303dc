/**
 * The workspace front end (web/src, Preact) bundled into the files a browser loads: index.html, app.js and
 * app.css. `postshow serve` builds them in memory when it starts; the CDK stack writes them to a directory
 * that it deploys to the site bucket. Either way no CDN is involved: everything ships in the package.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { REVIEW_STYLE } from '../shared/core/report/renderReport.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** web/: this file's folder in the sources; beside dist/ when this module is inside the CLI bundle (dist/postshow.mjs). */
const WEB_ROOT = existsSync(path.join(HERE, 'src', 'main.tsx')) ? HERE : path.join(HERE, '..', 'web');

/** A play button on the brand colour. */
const FAVICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#1864ab"/><path d="M12 9l12 7-12 7z" fill="#fff"/></svg>';

/** A site file: its path under the site root (no leading slash), type and bytes. */
export interface SiteFile {
  readonly path: string;
  readonly contentType: string;
  readonly body: Buffer;
}

/** index.html for every page path (the app routes in the browser). Scripts and styles come only from the site itself. */
export function indexHtml(): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>postshow</title>',
    // The site's own icon: a request the CSPs allow ('self'), never a 404 in the console.
    '<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">',
    '<link rel="stylesheet" href="/assets/app.css">',
    // Fetched while the script loads, instead of after it starts (the app's first request).
    '<link rel="preload" href="/config.json" as="fetch" crossorigin="anonymous">',
    '<script type="module" src="/assets/app.js"></script>',
    '</head>',
    '<body>',
    '<div id="app"></div>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** Bundles web/src into the site's files, in memory. Synchronous so a CDK construct can call it during synth. */
export function buildWorkspaceSite(): SiteFile[] {
  const result = buildSync({
    entryPoints: { app: path.join(WEB_ROOT, 'src', 'main.tsx') },
    bundle: true,
    format: 'esm',
    target: ['es2022'],
    platform: 'browser',
    minify: true,
    sourcemap: false,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    outdir: '/assets',
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const files: SiteFile[] = [
    { path: 'index.html', contentType: 'text/html; charset=utf-8', body: Buffer.from(indexHtml()) },
    { path: 'assets/favicon.svg', contentType: 'image/svg+xml', body: Buffer.from(FAVICON) },
  ];
  for (const output of result.outputFiles) {
    const name = path.basename(output.path);
    if (name.endsWith('.css')) {
      // The review and plan sections are drawn by report.html's renderers: their style comes from the same place.
      const css = `${output.text}\n.show-page{${REVIEW_STYLE}}\n`;
      files.push({ path: `assets/${name}`, contentType: 'text/css; charset=utf-8', body: Buffer.from(css) });
    } else {
      files.push({ path: `assets/${name}`, contentType: 'text/javascript; charset=utf-8', body: Buffer.from(output.contents) });
    }
  }
  return files;
}

/** Writes the site's files under `outDir` (the directory the stack deploys). */
export function writeWorkspaceSite(outDir: string): SiteFile[] {
  const files = buildWorkspaceSite();
  for (const file of files) {
    const target = path.join(outDir, file.path);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, file.body);
  }
  return files;
}
