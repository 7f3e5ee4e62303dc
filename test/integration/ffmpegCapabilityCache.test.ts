/**
 * ffmpeg's capabilities are asked once per binary: a fake ffmpeg that counts its starts is asked twice
 * (filters, options) on first use, then not at all, in this process or in the next one (the disk cache);
 * a replaced binary is asked again.
 */
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cachedFfmpegCapabilities } from '../../shared/adapters/media/ffmpegCapabilityCache.js';

const execFileAsync = promisify(execFile);
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'postshow-capability-cache-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A shell script answering `-filters` and `-h long` like ffmpeg, appending a line to `starts` each run. */
async function fakeFfmpeg(version: string): Promise<string> {
  const binary = path.join(dir, 'ffmpeg');
  await writeFile(
    binary,
    [
      '#!/bin/sh',
      `echo run >> '${path.join(dir, 'starts')}'`,
      `if [ "$1" = "-filters" ]; then echo "ffmpeg version ${version} Copyright" >&2; echo " T.. scdet             V->V       Detect video scene change"; echo " ... subtitles         V->V       Render text subtitles"; exit 0; fi`,
      'echo "-fps_mode            set framerate mode"',
    ].join('\n'),
  );
  await chmod(binary, 0o755);
  return binary;
}
const starts = async (): Promise<number> => (await readFile(path.join(dir, 'starts'), 'utf8').catch(() => '')).split('\n').filter(Boolean).length;

describe('cachedFfmpegCapabilities', () => {
  it('asks a binary once, remembers it across processes, and asks a replaced binary again', async () => {
    const cacheDir = path.join(dir, 'cache');
    const binary = await fakeFfmpeg('5.1-fake');
    const first = await cachedFfmpegCapabilities(binary, cacheDir);
    expect(first.version).toBe('5.1-fake');
    expect([...first.filters]).toEqual(['scdet', 'subtitles']);
    expect(first.options.has('fps_mode')).toBe(true);
    expect(await starts()).toBe(2);
    await cachedFfmpegCapabilities(binary, cacheDir);
    expect(await starts()).toBe(2);
    expect(await readdir(cacheDir)).toHaveLength(1);

    // Another process reads the disk cache and starts the binary not once.
    const script = path.join(dir, 'ask.mts');
    await writeFile(
      script,
      `import { cachedFfmpegCapabilities } from ${JSON.stringify(path.resolve('shared/adapters/media/ffmpegCapabilityCache.ts'))};\n` +
        `const c = await cachedFfmpegCapabilities(${JSON.stringify(binary)}, ${JSON.stringify(cacheDir)});\nconsole.log(c.version, [...c.filters].join(','));\n`,
    );
    const { stdout } = await execFileAsync(process.execPath, ['--import', 'tsx', script]);
    expect(stdout.trim()).toBe('5.1-fake scdet,subtitles');
    expect(await starts()).toBe(2);

    // An upgrade (new contents, size and time) is a new binary.
    const upgraded = await fakeFfmpeg('6.0-fake-upgrade');
    expect((await cachedFfmpegCapabilities(upgraded, cacheDir)).version).toBe('6.0-fake-upgrade');
    expect(await starts()).toBe(4);
  }, 60_000);
});
