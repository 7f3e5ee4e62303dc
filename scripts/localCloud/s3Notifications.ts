/**
 * Uploads to the recordings bucket and delivers the ObjectCreated notification to the ingest queue
 * exactly as S3 shapes it (no emulator sends them). The stack's real wiring, bucket -> ingest queue
 * for `recordings/`, is proven by the CDK assertion tests.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { UPLOAD_PART_BYTES } from '../../shared/adapters/aws/s3Storage.js';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { LOCAL_REGION, type LocalTopology } from './localTopology.js';

let sequence = 0;

/** S3's sequencer: hex, increasing for events on the same key. */
function nextSequencer(): string {
  sequence += 1;
  return `${Date.now().toString(16).toUpperCase()}${sequence.toString(16).toUpperCase().padStart(6, '0')}`;
}

/** Keys in S3 notifications are URL-encoded per segment, with `+` for spaces. */
export function encodeEventKey(key: string): string {
  return key
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/%20/g, '+'))
    .join('/');
}

export function objectCreatedEvent(options: { bucket: string; key: string; size: number; eTag: string; sequencer?: string; eventName?: string }): unknown {
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: LOCAL_REGION,
        eventTime: new Date().toISOString(),
        eventName: options.eventName ?? 'ObjectCreated:Put',
        userIdentity: { principalId: 'AWS:AIDAJDPLRKLG7UEXAMPLE' },
        requestParameters: { sourceIPAddress: '127.0.0.1' },
        responseElements: { 'x-amz-request-id': 'C3D13FE58DE4C810', 'x-amz-id-2': 'FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD' },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'postshow-recordings',
          bucket: { name: options.bucket, ownerIdentity: { principalId: 'A3NL1KOZZKExample' }, arn: `arn:aws:s3:::${options.bucket}` },
          object: { key: encodeEventKey(options.key), size: options.size, eTag: options.eTag, sequencer: options.sequencer ?? nextSequencer() },
        },
      },
    ],
  };
}

/** Puts a file or bytes under `key` in the recordings bucket, then notifies the ingest queue; returns the event body sent. */
export async function uploadRecordingsObject(topology: LocalTopology, key: string, source: { file: string } | { body: Buffer | string }): Promise<string> {
  const body = 'file' in source ? createReadStream(source.file) : source.body;
  const length = 'file' in source ? (await stat(source.file)).size : Buffer.byteLength(source.body);
  // Multipart like `aws s3 cp`, so recordings of any size fit the emulator's request limit.
  await new Upload({ client: topology.s3, params: { Bucket: topology.recordingsBucket, Key: key, Body: body }, partSize: UPLOAD_PART_BYTES, queueSize: 2 }).done();
  const head = await topology.s3.send(new HeadObjectCommand({ Bucket: topology.recordingsBucket, Key: key }));
  const event = JSON.stringify(
    objectCreatedEvent({
      bucket: topology.recordingsBucket,
      key,
      size: head.ContentLength ?? length,
      eTag: (head.ETag ?? '').replace(/"/g, ''),
      eventName: length > UPLOAD_PART_BYTES ? 'ObjectCreated:CompleteMultipartUpload' : 'ObjectCreated:Put',
    }),
  );
  await sendToIngest(topology, event);
  return event;
}

/** Delivers a notification body (again, for redelivery tests) to the ingest queue. */
export async function sendToIngest(topology: LocalTopology, body: string): Promise<void> {
  await topology.sqs.send(new SendMessageCommand({ QueueUrl: topology.queues.ingest.url, MessageBody: body }));
}
