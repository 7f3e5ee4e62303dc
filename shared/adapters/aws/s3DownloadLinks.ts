/** DownloadLinks on S3: short-lived presigned GET URLs for objects in the outputs bucket. */
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { validateKey } from '../../core/keys.js';
import type { DownloadLinks } from '../../pipeline/ports.js';

export class S3DownloadLinks implements DownloadLinks {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
    /** 1-3600: long enough to start a download, short enough not to be passed around. */
    readonly expiresInSeconds: number,
  ) {}

  urlFor(key: string, options: { readonly filename?: string } = {}): Promise<string> {
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: validateKey(key),
      // Only names we build (ids and aspects) reach here; quotes are dropped anyway so the header stays well-formed.
      ...(options.filename ? { ResponseContentDisposition: `attachment; filename="${options.filename.replace(/["\\\r\n]/g, '')}"` } : {}),
    });
    return getSignedUrl(this.s3, command, { expiresIn: this.expiresInSeconds });
  }
}
