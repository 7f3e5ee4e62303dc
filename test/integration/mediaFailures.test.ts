/**
 * How FfmpegMedia fails, on real ffmpeg against a local HTTP server standing in for presigned S3 URLs:
 * a read that fails on the way (403, 5xx, a stalled connection) is retryable and never leaks the URL's
 * signature; only unusable media is permanent; an abort kills ffmpeg promptly and is retryable.
 */
import { execFile } from 'node:child_process';
import { createReadStream, statSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FfmpegMedia } from '../../shared/adapters/media/ffmpegMedia.js';
import { AbortedError, MediaError } from '../../shared/core/errors.js';
import { makeAudioOnly, makeRandomBytesFile } from '../helpers/media.js';
import { makeWorkspace } from '../helpers/pipelineFixture.js';

const execFileAsync = promisify(execFile);
/** What a presigned URL carries and no message may repeat. */
const SIGNATURE = 'X-Amz-Signature=0123456789abcdef';

/** ffmpeg processes this test process started that are still alive. */
async function ffmpegChildren(): Promise<string[]> {
  const { stdout } = await execFileAsync('pgrep', ['-P', String(process.pid), '-x', 'ffmpeg']).catch(() => ({ stdout: '' }));
  return stdout.split('\n').filter(Boolean);
}

describe('FfmpegMedia failures', () => {
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  let server: Server;
  let junk: string;
  const stalled: ServerResponse[] = [];
  const url = (route: string) => `http://127.0.0.1:${(server.address() as AddressInfo).port}/${route}?${SIGNATURE}`;
  const media = new FfmpegMedia();

  beforeAll(async () => {
    workspace = await makeWorkspace('postshow-media-failures-');
    const wav = await makeAudioOnly(workspace.dir, 'wav', 3);
    junk = await makeRandomBytesFile(workspace.dir, 'junk.mp4');
    server = createServer((request, response) => {
      const route = (request.url ?? '').split('?')[0];
      if (route === '/forbidden.wav') response.writeHead(403, { 'content-type': 'application/xml' }).end('<Error><Code>AccessDenied</Code></Error>');
      else if (route === '/unavailable.wav') response.writeHead(503).end('slow down');
      else if (route === '/stalled.wav') {
        // Headers and a few bytes, then nothing: a connection that hangs mid-transfer.
        response.writeHead(200, { 'content-type': 'audio/wav', 'content-length': '10000000' }).write(Buffer.alloc(64));
        stalled.push(response);
      } else if (route === '/recording.wav' || route === '/junk.mp4') {
        const file = route === '/junk.mp4' ? junk : wav;
        // A length, as S3 sends: ffprobe takes a WAV's duration from it.
        createReadStream(file).pipe(response.writeHead(200, { 'content-length': String(statSync(file).size) }));
      } else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  }, 60_000);

  afterAll(async () => {
    for (const response of stalled) response.destroy();
    await new Promise((resolve) => server?.close(resolve));
    await workspace?.cleanup();
  });

  it('reads a recording over HTTP', async () => {
    expect((await media.probe(url('recording.wav'), 'recording.wav')).duration).toBeCloseTo(3, 0);
    expect((await media.analyzeAudio(url('recording.wav'), { duration: 3 })).decodedSeconds).toBeGreaterThan(2.5);
  });

  it.each([
    ['403 (an expired or not yet valid presigned URL)', 'forbidden.wav', /403 Forbidden/],
    ['503 (S3 asking to slow down)', 'unavailable.wav', /5XX Server Error|503/],
  ])('marks a read that fails with %s retryable, for probe and the audio pass', async (_case, route, status) => {
    for (const attempt of [() => media.probe(url(route), 'recording.wav'), () => media.analyzeAudio(url(route), { duration: 3 })]) {
      const error = (await attempt().catch((e: unknown) => e)) as MediaError;
      expect(error).toBeInstanceOf(MediaError);
      expect(error).toMatchObject({ permanent: false, message: expect.stringMatching(/could not be read \(retrying may help\)/) });
      expect(error.message).toMatch(status);
      expect(error.message).not.toContain(SIGNATURE);
      expect((error.cause as Error).message).not.toContain(SIGNATURE);
    }
  });

  it('gives up on a stalled connection after the read timeout, retryable', async () => {
    const impatient = new FfmpegMedia({ readTimeoutSeconds: 1 });
    const started = Date.now();
    const error = await impatient.analyzeAudio(url('stalled.wav'), { duration: 3 }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(error).toMatchObject({ name: 'MediaError', permanent: false, message: expect.stringMatching(/timed out/) });
  }, 30_000);

  it('still marks media that is not media permanent, over HTTP and from a file', async () => {
    await expect(media.probe(url('junk.mp4'), 'junk.mp4')).rejects.toMatchObject({ name: 'MediaError', permanent: true });
    await expect(media.analyzeAudio(junk, { duration: 3 })).rejects.toMatchObject({
      name: 'MediaError',
      permanent: true,
      message: expect.stringMatching(/^the audio track could not be decoded/),
    });
  });

  it('kills a running ffmpeg pass when the signal aborts: promptly, retryable, no process left', async () => {
    const abort = new AbortController();
    const running = media.analyzeAudio(url('stalled.wav'), { duration: 600, signal: abort.signal });
    await expect.poll(ffmpegChildren, { timeout: 5000 }).toHaveLength(1);

    const aborted = Date.now();
    abort.abort(new AbortedError('the audio stage ran out of time on attempt 1 of 3'));
    const error = await running.catch((e: unknown) => e);

    expect(Date.now() - aborted).toBeLessThan(2000);
    expect(error).toBeInstanceOf(AbortedError);
    expect(error).toMatchObject({ permanent: false, message: 'audio decode stopped: the audio stage ran out of time on attempt 1 of 3' });
    expect(await ffmpegChildren()).toEqual([]);
  }, 30_000);

  it('starts no ffmpeg for an already aborted signal', async () => {
    const abort = new AbortController();
    abort.abort(new AbortedError('postshow received SIGINT'));
    await expect(media.extractAudio(url('recording.wav'), { start: 0, end: 1, outPath: path.join(workspace.dir, 'never.wav'), signal: abort.signal })).rejects.toMatchObject({
      name: 'AbortedError',
      permanent: false,
    });
    expect(await ffmpegChildren()).toEqual([]);
  });
});
