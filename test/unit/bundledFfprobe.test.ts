/** The static ffprobe is taken only where it is installed and may be run; otherwise PATH's ffprobe is (ffmpegMedia.ts). */
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bundledFfprobe } from '../../shared/adapters/media/bundledFfprobe.js';

describe('bundledFfprobe', () => {
  let dir: string;
  /** A module file in `dir`, so resolution starts there and finds only the node_modules built below. */
  let from: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'postshow-ffprobe-'));
    from = pathToFileURL(path.join(dir, 'module.js')).href;
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  async function installPackage(mode: number): Promise<string> {
    const packageDir = path.join(dir, 'node_modules', '@ffprobe-installer', 'linux-x64');
    await mkdir(packageDir, { recursive: true });
    await writeFile(path.join(packageDir, 'package.json'), JSON.stringify({ name: '@ffprobe-installer/linux-x64', version: '5.2.0' }));
    const binary = path.join(packageDir, 'ffprobe');
    await writeFile(binary, '#!/bin/sh\n');
    await chmod(binary, mode);
    return binary;
  }

  it("is the package's binary when it is installed and executable", async () => {
    // As npm unpacks it, rwxr--r--: executable for its owner, who is this user here.
    const binary = await installPackage(0o744);
    expect(bundledFfprobe(from)).toBe(binary);
  });

  it('is undefined when the file may not be executed', async () => {
    await installPackage(0o644);
    expect(bundledFfprobe(from)).toBeUndefined();
  });

  it('is undefined when the package is not installed (another platform, --omit=optional, a bundle)', () => {
    expect(bundledFfprobe(from)).toBeUndefined();
  });
});
