/**
 * The Storage port on S3. One key namespace, two buckets: `recordings/…` (what users upload) lives in
 * the recordings bucket, everything the pipeline writes in the outputs bucket, so each Lambda can be
 * granted only the bucket it needs and the inputs are never overwritten by outputs.
 */
import { createReadStream } from 'node:fs';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3ServiceException,
  type S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { KEY_ROOTS, validateKey } from '../../core/keys.js';
import type { ObjectInfo, Storage } from '../../pipeline/ports.js';
import { ObjectNotFoundError } from '../storage/storageErrors.js';

export interface S3StorageOptions {
  readonly client: S3Client;
  readonly recordingsBucket: string;
  readonly outputsBucket: string;
  /**
   * Lifetime of the presigned URLs ffmpeg reads recordings through. Long enough for the slowest
   * media stage (15 minutes) to finish its ranged reads. @default 3600
   */
  readonly readUrlSeconds?: number;
}

/**
 * 8 MiB parts, the AWS CLI's default: above S3's 5 MiB minimum, 80 GB at S3's 10,000-part limit, and
 * within the request size of S3-compatible emulators (fauxqs takes 11 MiB).
 */
export const UPLOAD_PART_BYTES = 8 * 1024 * 1024;

export class S3Storage implements Storage {
  private readonly client: S3Client;
  private readonly recordingsBucket: string;
  private readonly outputsBucket: string;
  private readonly readUrlSeconds: number;

  constructor(options: S3StorageOptions) {
    this.client = options.client;
    this.recordingsBucket = options.recordingsBucket;
    this.outputsBucket = options.outputsBucket;
    this.readUrlSeconds = options.readUrlSeconds ?? 3600;
  }

  /** The bucket and key of a storage key; the key is validated, so nothing outside the layout is reachable. */
  locate(key: string): { Bucket: string; Key: string } {
    const Key = validateKey(key);
    return { Bucket: this.bucketOf(Key), Key };
  }

  /** The bucket a key or listing prefix lives in. */
  private bucketOf(keyOrPrefix: string): string {
    return keyOrPrefix.startsWith(KEY_ROOTS.recordings) ? this.recordingsBucket : this.outputsBucket;
  }

  async get(key: string): Promise<Buffer> {
    const body = await this.tryGet(key);
    if (!body) throw new ObjectNotFoundError(key);
    return body;
  }

  async tryGet(key: string): Promise<Buffer | undefined> {
    try {
      const result = await this.client.send(new GetObjectCommand(this.locate(key)));
      return Buffer.from(await (result.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray());
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async getRange(key: string, start: number, end: number): Promise<Buffer> {
    if (end <= start) return Buffer.alloc(0);
    try {
      const result = await this.client.send(new GetObjectCommand({ ...this.locate(key), Range: `bytes=${start}-${end - 1}` }));
      return Buffer.from(await (result.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray());
    } catch (error) {
      if (isNotFound(error)) throw new ObjectNotFoundError(key, { cause: error });
      // A range starting past the end is empty, as on the filesystem.
      if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 416) return Buffer.alloc(0);
      throw error;
    }
  }

  async put(key: string, body: Buffer | string): Promise<void> {
    await this.client.send(new PutObjectCommand({ ...this.locate(key), Body: body, ContentType: contentTypeOf(key) }));
  }

  /** Multipart for large files (clips, the speech track), streamed from disk: memory stays flat. */
  async putFile(key: string, localPath: string): Promise<void> {
    const upload = new Upload({
      client: this.client,
      params: { ...this.locate(key), Body: createReadStream(localPath), ContentType: contentTypeOf(key) },
      queueSize: 2,
      partSize: UPLOAD_PART_BYTES,
    });
    await upload.done();
  }

  /** S3 conditional write: `If-None-Match: *` makes S3 itself refuse a second create (412). */
  async putIfAbsent(key: string, body: Buffer | string): Promise<boolean> {
    try {
      await this.client.send(new PutObjectCommand({ ...this.locate(key), Body: body, IfNoneMatch: '*', ContentType: contentTypeOf(key) }));
      return true;
    } catch (error) {
      // 412: the key exists. (409, a concurrent conditional write in flight, is rethrown: the queue
      // retries, and the next attempt sees 412 or wins.)
      if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 412) return false;
      throw error;
    }
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    try {
      const result = await this.client.send(new HeadObjectCommand(this.locate(key)));
      return { size: result.ContentLength ?? 0, modifiedMs: result.LastModified?.getTime() ?? 0 };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async list(prefix: string): Promise<string[]> {
    // The prefix picks the bucket the same way keys do; it need not be a valid key itself ("shows/").
    const bucket = this.bucketOf(prefix);
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
      for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return keys.sort();
  }

  async listFolders(folder: string): Promise<string[]> {
    const bucket = this.bucketOf(folder);
    const names: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: folder, Delimiter: '/', ContinuationToken: token }));
      for (const common of page.CommonPrefixes ?? []) if (common.Prefix) names.push(common.Prefix.slice(folder.length, -1));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return names.sort();
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand(this.locate(key)));
  }

  /** A presigned GET: ffmpeg reads it with HTTP range requests and seeks, instead of downloading the whole file. */
  async readLocation(key: string): Promise<string> {
    if (!(await this.head(key))) throw new ObjectNotFoundError(key);
    return getSignedUrl(this.client, new GetObjectCommand(this.locate(key)), { expiresIn: this.readUrlSeconds });
  }
}

function isNotFound(error: unknown): boolean {
  if (!(error instanceof S3ServiceException)) return false;
  return error.name === 'NoSuchKey' || error.name === 'NotFound' || error.$metadata.httpStatusCode === 404;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  json: 'application/json',
  html: 'text/html; charset=utf-8',
  srt: 'application/x-subrip',
  vtt: 'text/vtt',
  mp4: 'video/mp4',
  jpg: 'image/jpeg',
  wav: 'audio/wav',
};

function contentTypeOf(key: string): string {
  return CONTENT_TYPES[key.slice(key.lastIndexOf('.') + 1).toLowerCase()] ?? 'application/octet-stream';
}
