/**
 * `npm ci` on the Node the README promises installs without EBADENGINE warnings: every locked package's
 * `engines.node` admits the project's own minimum (light-my-request 6.8 once pulled in cookie 2, which wants Node 22).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const read = (file: string): unknown => JSON.parse(readFileSync(path.join(root, file), 'utf8'));

describe('package engines', () => {
  it("every locked package runs on the project's minimum Node", () => {
    const manifest = read('package.json') as { engines?: { node?: string } };
    const minimum = semver.minVersion(manifest.engines?.node ?? '');
    expect(minimum?.major).toBe(20);
    const lock = read('package-lock.json') as { packages: Record<string, { engines?: { node?: string } | string[]; dev?: boolean; optional?: boolean }> };
    const refusing = Object.entries(lock.packages)
      .filter(([name, entry]) => name !== '' && typeof entry.engines === 'object' && !Array.isArray(entry.engines) && entry.engines.node)
      .filter(([, entry]) => !semver.satisfies(minimum!, (entry.engines as { node: string }).node, { includePrerelease: true }))
      .map(([name, entry]) => `${name} wants node ${(entry.engines as { node: string }).node}`);
    expect(refusing).toEqual([]);
  });
});
