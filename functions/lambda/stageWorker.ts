/**
 * The Lambda shell around a stage: an SQS batch in, partial batch failures out. Each record is parsed
 * at the edge (a stage message, or for ingest an S3 notification), run through the same
 * `processMessage` the local runner uses, and then:
 * - success: acknowledged (deleted by the event source mapping);
 * - permanent failure (bad input): moved to this stage's dead-letter queue at once with the reason,
 *   and acknowledged, since retrying cannot help;
 * - transient failure: reported as a batch item failure, so SQS redelivers it after the visibility
 *   timeout; the delivery that reaches maxReceiveCount is redriven to the dead-letter queue by SQS.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { isPermanent, reasonOf } from '../../shared/core/errors.js';
import { isS3Notification, readS3Notification } from '../../shared/adapters/aws/s3Events.js';
import type { StageName } from '../../shared/pipeline/messages.js';
import { InvalidMessageError, processMessage } from '../../shared/pipeline/processMessage.js';
import { createCloudRuntime, type CloudRuntime } from './cloudRuntime.js';

export interface StageHandlerOptions {
  /** The Lambda's environment (`process.env` in the entry files; the simulator passes each stage its own). */
  readonly env: Readonly<Record<string, string | undefined>>;
}

export type SqsStageHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

/** The handler a stage's Lambda exports. The runtime (clients, secret, providers) is built once per container. */
export function createStageHandler(stage: StageName, options: StageHandlerOptions): SqsStageHandler {
  let runtime: Promise<CloudRuntime> | undefined;
  const processor = new BatchProcessor(EventType.SQS);
  return async (event, context) => {
    // A failed cold start (bad env, unreadable secret) is retried on the next invocation, not cached.
    runtime ??= createCloudRuntime(stage, options.env).catch((error: unknown) => {
      runtime = undefined;
      throw error;
    });
    const ready = await runtime;
    ready.logger.addContext(context);
    try {
      return await processPartialResponse(event, (record: SQSRecord) => processRecord(stage, record, ready, context), processor, { context });
    } finally {
      // Ignored uploads add no metrics; publishing nothing would only log a warning.
      if (ready.metrics.hasStoredMetrics()) ready.metrics.publishStoredMetrics();
    }
  };
}

async function processRecord(stage: StageName, record: SQSRecord, runtime: CloudRuntime, context: Context): Promise<void> {
  const attempt = Math.max(1, Number(record.attributes.ApproximateReceiveCount) || 1);
  try {
    for (const message of messagesOf(stage, record, runtime)) {
      await processMessage(message, attempt, runtime.deps, { deadline: invocationDeadline(context) });
    }
  } catch (error) {
    if (!isPermanent(error)) throw error;
    await moveToDeadLetterQueue(record, reasonOf(error), attempt, runtime);
  }
}

/** Time kept back before the function's timeout to stop the stage and record the outcome. */
const DEADLINE_MARGIN_MS = 10_000;

/**
 * When the stage must stop: Lambda kills the invocation at its timeout without running any of our
 * code, so the stage is aborted a margin before (a tenth of the time left when that is shorter), its
 * ffmpeg killed and its outcome recorded; on the last delivery SQS then redrives the message to the
 * dead-letter queue, and the show's status says why instead of "running" for ever.
 */
function invocationDeadline(context: Context): number {
  const remaining = context.getRemainingTimeInMillis();
  return Date.now() + Math.max(0, remaining - Math.min(DEADLINE_MARGIN_MS, remaining / 10));
}

/** The stage messages a record carries: one, or for ingest one per recording in an S3 notification. */
function messagesOf(stage: StageName, record: SQSRecord, runtime: CloudRuntime): unknown[] {
  let body: unknown;
  try {
    body = JSON.parse(record.body);
  } catch {
    throw new InvalidMessageError('body is not JSON');
  }
  if (stage !== 'ingest' || !isS3Notification(body)) return [body];
  const messages: unknown[] = [];
  for (const outcome of readS3Notification(body)) {
    if (outcome.kind === 'start') messages.push(outcome.message);
    else runtime.logger.info('upload ignored', { key: outcome.key, reason: outcome.reason });
  }
  return messages;
}

async function moveToDeadLetterQueue(record: SQSRecord, reason: string, attempt: number, runtime: CloudRuntime): Promise<void> {
  runtime.logger.error('permanent failure, moved to the dead-letter queue', { messageId: record.messageId, reason });
  runtime.metrics.addMetric('MessagesDeadLettered', MetricUnit.Count, 1);
  await runtime.sqs.send(
    new SendMessageCommand({
      QueueUrl: runtime.deadLetterQueueUrl,
      MessageBody: record.body,
      MessageAttributes: {
        reason: { DataType: 'String', StringValue: reason.slice(0, 1000) },
        stage: { DataType: 'String', StringValue: runtime.stage },
        attempts: { DataType: 'Number', StringValue: String(attempt) },
        sourceMessageId: { DataType: 'String', StringValue: record.messageId },
      },
    }),
  );
}
