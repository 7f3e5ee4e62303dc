/**
 * pullModel against a real HTTP server on 127.0.0.1 (node:http) serving a generated "model" with
 * Range support, as the model host does: verified downloads land in place, bad ones leave nothing.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { WhisperModelEntry } from '../../shared/adapters/models/modelCatalog.js';
import { pullModel } from '../../shared/adapters/models/pullModel.js';
import { InputError, isPermanent } from '../../shared/core/errors.js';
import { mulberry32 } from '../../scripts/prng.js';

/** 300 KiB of seeded bytes: several stream chunks, so progress and resume have something to measure. */
function generatedModel(bytes = 300 * 1024): Buffer {
  const random = mulberry32(42);
  return Buffer.from(Array.from({ length: bytes }, () => Math.floor(random() * 256)));
}

describe('pullModel from a local HTTP server', () => {
  const body = generatedModel();
  const sha1 = createHash('sha1').update(body).digest('hex');
  const catalog: WhisperModelEntry[] = [
    { name: 'good', file: 'ggml-good.bin', sha1, sizeMiB: 0.3, multilingual: true },
    { name: 'tampered', file: 'ggml-tampered.bin', sha1, sizeMiB: 0.3, multilingual: true },
    { name: 'absent', file: 'ggml-absent.bin', sha1, sizeMiB: 0.3, multilingual: true },
  ];
  const requests: { url: string; range?: string }[] = [];
  let server: Server;
  let baseUrl: string;
  let dir: string;

  beforeAll(async () => {
    server = createServer((request, response) => {
      requests.push({ url: request.url ?? '', ...(request.headers.range ? { range: request.headers.range } : {}) });
      const served = request.url === '/m/ggml-good.bin' ? body : request.url === '/m/ggml-tampered.bin' ? Buffer.concat([body.subarray(0, -1), Buffer.from([body.at(-1)! ^ 0xff])]) : undefined;
      if (!served) {
        response.writeHead(404).end('not found');
        return;
      }
      const range = /^bytes=(\d+)-$/.exec(request.headers.range ?? '');
      const from = range ? Number(range[1]) : 0;
      if (from >= served.length) {
        response.writeHead(416).end();
        return;
      }
      const part = served.subarray(from);
      response.writeHead(range ? 206 : 200, {
        'content-length': String(part.length),
        ...(range ? { 'content-range': `bytes ${from}-${served.length - 1}/${served.length}` } : {}),
      });
      response.end(part);
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/m`;
  });

  afterAll(async () => {
    await new Promise((done) => server.close(done));
  });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'postshow-pull-'));
    requests.length = 0;
    return () => rmSync(dir, { recursive: true, force: true });
  });

  it('downloads, verifies the checksum and puts the file in place', async () => {
    const progress: number[] = [];
    const result = await pullModel({ name: 'good', dir, baseUrl, catalog, progressBar: false, onProgress: (received) => progress.push(received) });
    expect(result).toMatchObject({ path: join(dir, 'ggml-good.bin'), sha1, bytes: body.length, alreadyPresent: false, resumedFrom: 0 });
    expect(readFileSync(result.path).equals(body)).toBe(true);
    expect(readdirSync(dir)).toEqual(['ggml-good.bin']);
    expect(progress.at(-1)).toBe(body.length);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('does not download again when a verified file is in place', async () => {
    await pullModel({ name: 'good', dir, baseUrl, catalog, progressBar: false });
    requests.length = 0;
    const again = await pullModel({ name: 'good', dir, baseUrl, catalog, progressBar: false });
    expect(again.alreadyPresent).toBe(true);
    expect(requests).toEqual([]);
  });

  it('resumes an interrupted download from its partial file', async () => {
    writeFileSync(join(dir, 'ggml-good.bin.partial'), body.subarray(0, 100_000));
    const result = await pullModel({ name: 'good', dir, baseUrl, catalog, progressBar: false });
    expect(requests).toEqual([{ url: '/m/ggml-good.bin', range: 'bytes=100000-' }]);
    expect(result.resumedFrom).toBe(100_000);
    expect(readFileSync(result.path).equals(body)).toBe(true);
    expect(existsSync(join(dir, 'ggml-good.bin.partial'))).toBe(false);
  });

  it('replaces a file in place that fails its checksum', async () => {
    writeFileSync(join(dir, 'ggml-good.bin'), Buffer.from('stale'));
    const result = await pullModel({ name: 'good', dir, baseUrl, catalog, progressBar: false });
    expect(result.alreadyPresent).toBe(false);
    expect(readFileSync(result.path).equals(body)).toBe(true);
  });

  it('rejects a download whose checksum does not match and leaves no file behind', async () => {
    const attempt = pullModel({ name: 'tampered', dir, baseUrl, catalog, progressBar: false });
    await expect(attempt).rejects.toThrow(new RegExp(`checksum mismatch for ggml-tampered.bin: expected sha1 ${sha1}, got [0-9a-f]{40}`));
    expect(readdirSync(dir)).toEqual([]);
  });

  it('reports a missing model (HTTP 404) clearly and permanently', async () => {
    const error = await pullModel({ name: 'absent', dir, baseUrl, catalog, progressBar: false }).catch((e: unknown) => e);
    expect((error as Error).message).toBe(`cannot download absent from ${baseUrl}/ggml-absent.bin: HTTP 404 Not Found`);
    expect(isPermanent(error)).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('reports an unreachable server with the reason', async () => {
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((done) => closed.close(done));
    const error = await pullModel({ name: 'good', dir, baseUrl: `http://127.0.0.1:${port}`, catalog, progressBar: false }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/cannot download good from .*ECONNREFUSED/);
    expect(isPermanent(error)).toBe(false);
  });

  it('refuses a name that is not in the catalog, listing the choices', async () => {
    const error = await pullModel({ name: 'huge', dir, baseUrl, catalog, progressBar: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe("unknown model 'huge': choose one of good, tampered, absent");
  });
});
