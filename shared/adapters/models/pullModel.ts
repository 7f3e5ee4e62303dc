/**
 * Downloads a whisper.cpp model into a directory: streams into `<file>.partial` (resumed with an HTTP
 * Range request when a previous pull was interrupted), verifies the SHA-1 published upstream, then
 * renames into place, so the model path only ever holds a complete, verified file.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import cliProgress from 'cli-progress';
import { InputError, PostshowError } from '../../core/errors.js';
import { WHISPER_MODEL_BASE_URL, WHISPER_MODELS, modelUrl, type WhisperModelEntry } from './modelCatalog.js';

/** Options of {@link pullModel}. */
export interface PullModelOptions {
  /** Catalog name, e.g. 'base' or 'large-v3-turbo-q5_0'. */
  readonly name: string;
  /** Directory the model file is written to (created when missing). */
  readonly dir: string;
  /** Server with the upstream layout (`<base>/ggml-<name>.bin`). @default WHISPER_MODEL_BASE_URL */
  readonly baseUrl?: string;
  /** @default globalThis.fetch */
  readonly fetchImpl?: typeof fetch;
  /** Models to choose from. @default WHISPER_MODELS */
  readonly catalog?: readonly WhisperModelEntry[];
  /** Draw a cli-progress bar on stderr. @default process.stderr.isTTY */
  readonly progressBar?: boolean;
  /** Bytes received so far (including a resumed prefix) and the total when the server says. */
  readonly onProgress?: (received: number, total: number | undefined) => void;
  /** Download again even when a verified file is already in place. @default false */
  readonly force?: boolean;
}

/** What {@link pullModel} did. */
export interface PullModelResult {
  readonly path: string;
  readonly sha1: string;
  readonly bytes: number;
  /** True when a verified file was already in place and nothing was downloaded. */
  readonly alreadyPresent: boolean;
  /** Bytes of an earlier interrupted pull that were kept (0 when the download started from scratch). */
  readonly resumedFrom: number;
}

/** Downloads and verifies one model; throws a PostshowError with a readable reason on any failure. */
export async function pullModel(options: PullModelOptions): Promise<PullModelResult> {
  const catalog = options.catalog ?? WHISPER_MODELS;
  const entry = catalog.find((candidate) => candidate.name === options.name);
  if (!entry) {
    throw new InputError(`unknown model '${options.name}': choose one of ${catalog.map((candidate) => candidate.name).join(', ')}`);
  }
  await mkdir(options.dir, { recursive: true });
  const finalPath = join(options.dir, entry.file);
  const partialPath = `${finalPath}.partial`;

  if (!options.force && (await sizeOf(finalPath)) !== undefined) {
    const existing = await sha1OfFile(finalPath);
    if (existing.digest === entry.sha1) {
      return { path: finalPath, sha1: existing.digest, bytes: existing.bytes, alreadyPresent: true, resumedFrom: 0 };
    }
    // A file that fails its checksum is replaced, never trusted.
  }

  const url = modelUrl(entry, options.baseUrl ?? WHISPER_MODEL_BASE_URL);
  const fetchImpl = options.fetchImpl ?? globalThis.fetch;
  const partialSize = (await sizeOf(partialPath)) ?? 0;
  let response: Response;
  try {
    response = await fetchImpl(url, partialSize > 0 ? { headers: { range: `bytes=${partialSize}-` } } : {});
  } catch (error) {
    // fetch reports "fetch failed"; the reason (DNS, refused, TLS) is in its cause.
    const cause = (error as { cause?: { message?: string } }).cause?.message;
    throw new PostshowError(`cannot download ${entry.name} from ${url}: ${(error as Error).message}${cause ? ` (${cause})` : ''}`, { permanent: false, cause: error });
  }
  if (response.status === 416 && partialSize > 0) {
    // The partial file is already complete (or longer than the file): verify it as it is.
    await response.body?.cancel();
    return finish(entry, partialPath, finalPath, partialSize);
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw new PostshowError(`cannot download ${entry.name} from ${url}: HTTP ${response.status} ${response.statusText}`.trim(), {
      // 4xx other than rate limits means the URL is wrong: retrying will not help.
      permanent: response.status >= 400 && response.status < 500 && response.status !== 429,
    });
  }
  const resumed = response.status === 206 && partialSize > 0;
  const resumedFrom = resumed ? partialSize : 0;
  // Hash what is kept of the earlier attempt first, then the new bytes as they stream in.
  const hash = resumed ? (await sha1OfFile(partialPath)).hash : createHash('sha1');
  const length = Number(response.headers.get('content-length') ?? Number.NaN);
  const total = Number.isFinite(length) ? resumedFrom + length : undefined;

  const bar = (options.progressBar ?? Boolean(process.stderr.isTTY)) ? startBar(entry.name, resumedFrom, total) : undefined;
  let received = resumedFrom;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      received += chunk.length;
      bar?.update(received);
      options.onProgress?.(received, total);
      done(null, chunk);
    },
  });
  try {
    await pipeline(
      Readable.fromWeb(response.body as WebReadableStream<Uint8Array>),
      meter,
      createWriteStream(partialPath, { flags: resumed ? 'a' : 'w' }),
    );
  } catch (error) {
    // The partial file stays: the next pull resumes from it.
    throw new PostshowError(`download of ${entry.name} interrupted after ${received} bytes: ${(error as Error).message}; run the pull again to resume`, {
      permanent: false,
      cause: error,
    });
  } finally {
    bar?.stop();
  }
  return finish(entry, partialPath, finalPath, resumedFrom, hash.digest('hex'), received);
}

/** Verifies the partial file and renames it into place; a mismatch deletes it. */
async function finish(
  entry: WhisperModelEntry,
  partialPath: string,
  finalPath: string,
  resumedFrom: number,
  digest?: string,
  bytes?: number,
): Promise<PullModelResult> {
  const actual = digest !== undefined && bytes !== undefined ? { digest, bytes } : await sha1OfFile(partialPath);
  if (actual.digest !== entry.sha1) {
    await rm(partialPath, { force: true });
    throw new PostshowError(
      `checksum mismatch for ${entry.file}: expected sha1 ${entry.sha1}, got ${actual.digest} (${actual.bytes} bytes); the download was deleted, run the pull again`,
      { permanent: false },
    );
  }
  await rename(partialPath, finalPath);
  return { path: finalPath, sha1: actual.digest, bytes: actual.bytes, alreadyPresent: false, resumedFrom };
}

async function sizeOf(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).size;
  } catch {
    return undefined;
  }
}

/** SHA-1 of a file, streamed; the hash object is returned unfinished too, so a resumed download can extend it. */
async function sha1OfFile(path: string): Promise<{ digest: string; bytes: number; hash: Hash }> {
  const hash = createHash('sha1');
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { digest: hash.copy().digest('hex'), bytes, hash };
}

interface DownloadBar {
  update(received: number): void;
  stop(): void;
}

/** A cli-progress bar on stderr: MiB received of the total, and the speed of this session. */
function startBar(name: string, start: number, total: number | undefined): DownloadBar {
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: ` ${name} |{bar}| {percentage}% {received}/{size} MiB {speed}`, barsize: 30, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  const mib = (bytes: number): string => (bytes / 2 ** 20).toFixed(1);
  const began = Date.now();
  bar.start(total ?? 0, start, { received: mib(start), size: total ? mib(total) : '?', speed: '' });
  return {
    update(received) {
      const seconds = (Date.now() - began) / 1000;
      // Speed only after half a second: the first chunks arrive in bursts.
      bar.update(received, { received: mib(received), speed: seconds > 0.5 ? `${mib((received - start) / seconds)} MiB/s` : '' });
    },
    stop: () => bar.stop(),
  };
}
