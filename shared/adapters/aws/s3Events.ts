/**
 * S3 event notifications as SQS delivers them to the ingest queue, validated at the edge and turned
 * into ingest messages. Only a recording's upload starts a run: side inputs and job.json are uploaded
 * first (docs/deploy.md), and their own events are acknowledged and ignored.
 */
import { z } from 'zod';
import { InputError } from '../../core/errors.js';
import { parseShowId, validateKey } from '../../core/keys.js';
import type { StageMessage } from '../../pipeline/messages.js';
import { JOB_FILE, sideInputKind } from '../../pipeline/sideInputs.js';

const s3RecordSchema = z.object({
  eventSource: z.literal('aws:s3'),
  eventName: z.string(),
  s3: z.object({
    bucket: z.object({ name: z.string() }),
    object: z.object({
      // URL-encoded as in a form: `+` is a space, `%2B` a plus.
      key: z.string(),
      size: z.number().optional(),
      // Hex, increasing per key: orders events, and names the run so redeliveries share it.
      sequencer: z.string().regex(/^[0-9A-Fa-f]{1,64}$/),
    }),
  }),
});

const s3EventSchema = z.object({ Records: z.array(s3RecordSchema).min(1) });

export type S3EventOutcome =
  | { readonly kind: 'start'; readonly message: Extract<StageMessage, { stage: 'ingest' }> }
  | { readonly kind: 'ignore'; readonly key: string; readonly reason: string };

/** True when a queue body looks like an S3 notification (rather than a stage message sent by hand). */
export function isS3Notification(body: unknown): boolean {
  return (typeof body === 'object' && body !== null && 'Records' in body) || isS3TestEvent(body);
}

function isS3TestEvent(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (body as { Event?: unknown }).Event === 's3:TestEvent';
}

/**
 * One outcome per record. Throws InputError (permanent) for a notification that is not an S3 event or
 * a key outside the `recordings/{showId}/{file}` layout, so the message lands in the dead-letter queue
 * with the reason instead of being retried.
 */
export function readS3Notification(body: unknown): S3EventOutcome[] {
  // Sent once when the notification is configured: nothing to do.
  if (isS3TestEvent(body)) return [{ kind: 'ignore', key: '', reason: 's3:TestEvent' }];
  const parsed = s3EventSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(`not an S3 event notification: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}`.trim());
  }
  return parsed.data.Records.map((record) => {
    const key = decodeS3Key(record.s3.object.key);
    if (!record.eventName.startsWith('ObjectCreated:')) return { kind: 'ignore', key, reason: `event ${record.eventName}` };
    const [root, rawShowId, fileName, ...rest] = key.split('/');
    if (root !== 'recordings' || !rawShowId || !fileName || rest.length > 0) {
      throw new InputError(`uploaded key ${JSON.stringify(key.slice(0, 200))} is not recordings/{showId}/{file}`);
    }
    const showId = parseShowId(rawShowId);
    validateKey(key);
    if (fileName === JOB_FILE || sideInputKind(fileName)) return { kind: 'ignore', key, reason: 'a side input, not a recording' };
    return { kind: 'start', message: { stage: 'ingest', showId, recordingKey: key, runId: `s${record.s3.object.sequencer}` } };
  });
}

function decodeS3Key(encoded: string): string {
  try {
    return decodeURIComponent(encoded.replace(/\+/g, ' '));
  } catch {
    throw new InputError(`uploaded key ${JSON.stringify(encoded.slice(0, 200))} is not valid URL encoding`);
  }
}
