/**
 * The two data buckets. Both are retained (users' recordings, finished clips), private, encrypted
 * with S3-managed keys and refuse plain HTTP. Uploads and downloads go through presigned URLs that the
 * API and the CLI hand out. The workspace page plays clips and shows thumbnails from presigned URLs of
 * the outputs bucket (`<video src>` and `<img src>` need no CORS); the outputs bucket also answers CORS
 * GET/HEAD, so the page's scripts can make ranged reads of a clip.
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { BlockPublicAccess, Bucket, BucketEncryption, EventType, HttpMethods, type CorsRule, type LifecycleRule } from 'aws-cdk-lib/aws-s3';
import { SqsDestination } from 'aws-cdk-lib/aws-s3-notifications';
import { Construct } from 'constructs';
import { KEY_ROOTS } from '../shared/core/keys.js';

/** Prefix of user uploads; an object created under it starts a run (the ingest stage filters for the recording). */
export const RECORDINGS_KEY_PREFIX = KEY_ROOTS.recordings;
/** Large temporary files (the 16 kHz speech track), expired by lifecycle. */
export const INTERMEDIATE_KEY_PREFIX = KEY_ROOTS.intermediate;
/** Days an intermediate file is kept: long enough for a show's run and its retries, not for a library. */
export const INTERMEDIATE_EXPIRY_DAYS = 7;

/** Parts of a failed multipart upload (a 16 GB recording, an interrupted putFile) are billed until removed. */
const abortIncompleteUploads: LifecycleRule = { id: 'abort-incomplete-multipart-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) };

/**
 * Cross-origin reads of presigned clip URLs (ranged GET, HEAD). Any origin, because naming the workspace's
 * CloudFront origin here would close a cycle (the distribution's CSP names this bucket) and because it
 * opens nothing: the bucket stays private, and a presigned URL already lets whoever holds it download.
 */
export const PRESIGNED_READ_CORS: CorsRule = {
  allowedMethods: [HttpMethods.GET, HttpMethods.HEAD],
  allowedOrigins: ['*'],
  allowedHeaders: ['Range'],
  exposedHeaders: ['Content-Length', 'Content-Range', 'Accept-Ranges', 'ETag'],
  maxAge: 3600,
};

export class DataBuckets extends Construct {
  readonly recordings: Bucket;
  readonly outputs: Bucket;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.recordings = dataBucket(this, 'Recordings', [abortIncompleteUploads]);
    this.outputs = dataBucket(
      this,
      'Outputs',
      [abortIncompleteUploads, { id: 'expire-intermediate', prefix: INTERMEDIATE_KEY_PREFIX, expiration: Duration.days(INTERMEDIATE_EXPIRY_DAYS) }],
      [PRESIGNED_READ_CORS],
    );
  }

  /**
   * The https origins presigned URLs of the outputs bucket point at: the SDK signs virtual-hosted,
   * regional URLs (`<bucket>.s3.<region>.amazonaws.com`); the global form is listed for older signers.
   */
  outputsDownloadOrigins(): string[] {
    const { region, urlSuffix } = Stack.of(this);
    const bucket = this.outputs.bucketName;
    return [`https://${bucket}.s3.${region}.${urlSuffix}`, `https://${bucket}.s3.${urlSuffix}`];
  }

  /** Every object created under recordings/ becomes a message on the ingest queue. */
  notifyUploads(queue: IQueue): void {
    this.recordings.addEventNotification(EventType.OBJECT_CREATED, new SqsDestination(queue), { prefix: RECORDINGS_KEY_PREFIX });
  }
}

function dataBucket(scope: Construct, id: string, lifecycleRules: LifecycleRule[], cors?: CorsRule[]): Bucket {
  return new Bucket(scope, id, {
    ...(cors ? { cors } : {}),
    encryption: BucketEncryption.S3_MANAGED,
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    versioned: false,
    removalPolicy: RemovalPolicy.RETAIN,
    lifecycleRules,
  });
}
