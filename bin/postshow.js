#!/usr/bin/env node
// Launcher for `postshow` (npm link / npx): runs the compiled CLI (dist/postshow.mjs, built on `npm ci` by
// scripts/buildCli.mjs). When a source file is newer than the bundle (an edit, a pull) it rebuilds it first (about
// half a second), and when it cannot (a read-only install) it runs the TypeScript through tsx as before.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = path.join(root, 'dist', 'postshow.mjs');
/** Folders whose sources go into the CLI bundle. */
const SOURCES = ['cli', 'shared', 'functions', 'web'];

/** Newest modification time of the TypeScript under `dir`, ms. */
function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (/\.tsx?$/.test(entry.name)) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

async function freshBundle() {
  const stale = !existsSync(bundle) || SOURCES.some((dir) => existsSync(path.join(root, dir)) && newestSource(path.join(root, dir)) > statSync(bundle).mtimeMs);
  if (!stale) return true;
  try {
    const { buildCli } = await import('../scripts/buildCli.mjs');
    await buildCli(root);
    return true;
  } catch {
    return false;
  }
}

if (process.env.POSTSHOW_TSX !== '1' && (await freshBundle())) {
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../cli/main.ts');
}
