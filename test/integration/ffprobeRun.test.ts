/** runFfprobe: a crashed build gives way to the next binary; any other failure is reported as it is. */
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FfprobeRunError, runFfprobe } from '../../shared/adapters/media/ffprobeRun.js';

describe('runFfprobe', () => {
  let dir: string;
  let crashing: string;
  let failing: string;
  const args = ['-v', 'error', '-f', 'lavfi', '-i', 'sine=d=1', '-show_format', '-of', 'json'];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'postshow-ffprobe-run-'));
    const script = async (name: string, body: string): Promise<string> => {
      const file = path.join(dir, name);
      await writeFile(file, `#!/bin/sh\n${body}\n`);
      await chmod(file, 0o755);
      return file;
    };
    // As the static build did on an MPEG-TS service name: killed by SIGSEGV.
    crashing = await script('crashing-ffprobe', 'kill -SEGV $$');
    failing = await script('failing-ffprobe', 'echo "moov atom not found" >&2; exit 1');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('runs the next binary when one is killed by a signal', async () => {
    const stdout = await runFfprobe([crashing, 'ffprobe'], args);
    expect(JSON.parse(stdout)).toMatchObject({ format: { format_name: 'lavfi' } });
  });

  it('reports a crash of the last binary, naming the signal', async () => {
    const error = await runFfprobe([crashing], args).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FfprobeRunError);
    expect(error).toMatchObject({ exitSignal: 'SIGSEGV', spawnFailed: false, message: /killed by SIGSEGV/ });
  });

  it("does not retry a probe that failed on the input: the caller gets the binary's stderr", async () => {
    const error = await runFfprobe([failing, 'ffprobe'], args).catch((e: unknown) => e);
    expect(error).toMatchObject({ binary: failing, code: 1, stderr: 'moov atom not found\n', spawnFailed: false });
  });

  it('tells a binary that cannot be started from a failed probe', async () => {
    const error = await runFfprobe([path.join(dir, 'missing')], args).catch((e: unknown) => e);
    expect(error).toMatchObject({ spawnFailed: true, code: 'ENOENT', message: /could not be started \(ENOENT\)/ });
  });

  it('passes GCONV_PATH to every run, so a static glibc skips the host gconv cache', async () => {
    const printing = path.join(dir, 'env-ffprobe');
    await writeFile(printing, '#!/bin/sh\nprintf "%s" "$GCONV_PATH"\n');
    await chmod(printing, 0o755);
    expect(await runFfprobe([printing], [])).toBe('/nonexistent/postshow-gconv');
  });
});
