/**
 * bin/postshow.js runs the compiled CLI (dist/postshow.mjs, built by `npm ci`'s prepare step), so no TypeScript is
 * compiled at run time; an edited source makes it rebuild the bundle first, so the command never runs stale code.
 */
import { execFile } from 'node:child_process';
import { statSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const execFileAsync = promisify(execFile);
const CLI = path.resolve('bin/postshow.js');
const BUNDLE = path.resolve('dist/postshow.mjs');

describe('the postshow launcher', () => {
  it('runs the compiled bundle, and rebuilds it when a source is newer', async () => {
    const help = await execFileAsync('node', [CLI, '--help']);
    expect(help.stdout).toMatch(/^Usage: postshow/m);
    const built = statSync(BUNDLE).mtimeMs;

    // A source edited after the build (same bytes, a newer time): the next command rebuilds before it runs.
    const source = path.resolve('shared/core/topics/compareText.ts');
    const { atime, mtime } = statSync(source);
    const later = new Date(Math.max(Date.now(), built) + 2000);
    try {
      utimesSync(source, later, later);
      const again = await execFileAsync('node', [CLI, '--help']);
      expect(again.stdout).toBe(help.stdout);
      expect(statSync(BUNDLE).mtimeMs).toBeGreaterThan(built);
    } finally {
      utimesSync(source, atime, mtime);
    }
  }, 60_000);

  it('runs the TypeScript through tsx when asked (POSTSHOW_TSX=1), with the same result', async () => {
    const compiled = await execFileAsync('node', [CLI, 'run', '--help']);
    const viaTsx = await execFileAsync('node', [CLI, 'run', '--help'], { env: { ...process.env, POSTSHOW_TSX: '1' } });
    expect(viaTsx.stdout).toBe(compiled.stdout);
  }, 60_000);
});
