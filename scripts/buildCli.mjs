#!/usr/bin/env node
/**
 * Compiles the command line into one ES module, dist/postshow.mjs (esbuild; npm packages stay imports), so `postshow`
 * starts without compiling TypeScript at run time (tsx costs about a second per run). Runs on `npm ci` / `npm install`
 * (`prepare`); bin/postshow.js rebuilds it when a source is newer, and falls back to tsx when it cannot.
 * Plain JavaScript so it needs nothing but esbuild.
 */
import { build } from 'esbuild';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLI_ENTRY = 'cli/main.ts';
export const CLI_BUNDLE = 'dist/postshow.mjs';

/** Builds the bundle under `root` (the package folder). */
export async function buildCli(root = fileURLToPath(new URL('..', import.meta.url))) {
  const { outputFiles } = await build({
    write: false,
    absWorkingDir: root,
    entryPoints: [CLI_ENTRY],
    outfile: CLI_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Dependencies load from node_modules as they do under tsx (native addons, the AWS SDK, esbuild itself).
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  // Written aside and renamed into place, so a CLI starting meanwhile (tests run many) never imports half a file.
  await mkdir(path.join(root, 'dist'), { recursive: true });
  const suffix = `.${process.pid}.${Date.now()}.tmp`;
  await Promise.all(outputFiles.map((file) => writeFile(file.path + suffix, file.contents)));
  // The map first: the bundle's arrival is what marks the build fresh.
  const isMap = (file) => file.path.endsWith('.map');
  for (const file of [...outputFiles.filter(isMap), ...outputFiles.filter((file) => !isMap(file))]) await rename(file.path + suffix, file.path);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildCli();
