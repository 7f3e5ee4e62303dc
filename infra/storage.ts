/**
 * The two data buckets. Both are retained (users' recordings, finished clips), private, encrypted
 * with S3-managed keys and refuse plain HTTP. No CORS: nobody talks to the buckets from a browser;
 * uploads and downloads go through presigned URLs that the API and the CLI hand out.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { BlockPublicAccess, Bucket, BucketEncryption, EventType, type LifecycleRule } from 'aws-cdk-lib/aws-s3';
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

export class DataBuckets extends Construct {
  readonly recordings: Bucket;
  readonly outputs: Bucket;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.recordings = dataBucket(this, 'Recordings', [abortIncompleteUploads]);
    this.outputs = dataBucket(this, 'Outputs', [
      abortIncompleteUploads,
      { id: 'expire-intermediate', prefix: INTERMEDIATE_KEY_PREFIX, expiration: Duration.days(INTERMEDIATE_EXPIRY_DAYS) },
    ]);
  }

  /** Every object created under recordings/ becomes a message on the ingest queue. */
  notifyUploads(queue: IQueue): void {
    this.recordings.addEventNotification(EventType.OBJECT_CREATED, new SqsDestination(queue), { prefix: RECORDINGS_KEY_PREFIX });
  }
}

function dataBucket(scope: Construct, id: string, lifecycleRules: LifecycleRule[]): Bucket {
  return new Bucket(scope, id, {
    encryption: BucketEncryption.S3_MANAGED,
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    versioned: false,
    removalPolicy: RemovalPolicy.RETAIN,
    lifecycleRules,
  });
}
