/**
 * Lambda's SQS event source mapping, on the local queues: long-poll a stage's queue, hand the batch to
 * the stage's handler as the exact SQSEvent Lambda builds, then delete what succeeded. Records listed
 * in `batchItemFailures`, and every record of an invocation that throws, stay on the queue and come
 * back after the visibility timeout, until the queue's redrive policy moves them to the DLQ.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { ChangeMessageVisibilityBatchCommand, DeleteMessageBatchCommand, ReceiveMessageCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { StageName } from '../../shared/pipeline/messages.js';
import { LOCAL_REGION } from './localTopology.js';

export type SqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

export interface MappedFunction {
  readonly stage: StageName;
  readonly queueUrl: string;
  readonly queueArn: string;
  readonly handler: SqsHandler;
  /** Records per invocation. @default 1 */
  readonly batchSize?: number;
  /** Invocations at once (the mapping's maximumConcurrency). @default 1 */
  readonly concurrency?: number;
  /** Timeout reported to the handler through `getRemainingTimeInMillis`. @default 900 */
  readonly timeoutSeconds?: number;
  /** The queue's visibility timeout: in-flight records are kept invisible at this pace while the handler runs. */
  readonly visibilityTimeoutSeconds?: number;
}

export interface Invocation {
  readonly stage: StageName;
  readonly records: number;
  readonly failures: number;
  readonly threw?: string;
  readonly startedMs: number;
  readonly ms: number;
}

export class LocalEventSourceMappings {
  readonly invocations: Invocation[] = [];
  private running = false;
  private inFlight = 0;
  private loops: Promise<void>[] = [];
  private readonly origin = performance.now();

  constructor(
    private readonly sqs: SQSClient,
    private readonly functions: readonly MappedFunction[],
  ) {}

  start(): void {
    this.running = true;
    for (const fn of this.functions) {
      for (let worker = 0; worker < (fn.concurrency ?? 1); worker += 1) this.loops.push(this.poll(fn));
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
    this.loops = [];
  }

  /** True while a handler is running. */
  get busy(): boolean {
    return this.inFlight > 0;
  }

  private async poll(fn: MappedFunction): Promise<void> {
    while (this.running) {
      let messages: Message[];
      try {
        const received = await this.sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: fn.queueUrl,
            MaxNumberOfMessages: fn.batchSize ?? 1,
            WaitTimeSeconds: 1,
            MessageSystemAttributeNames: ['All'],
            MessageAttributeNames: ['All'],
          }),
        );
        messages = received.Messages ?? [];
      } catch (error) {
        if (!this.running) return;
        throw error;
      }
      if (messages.length === 0) continue;
      this.inFlight += 1;
      try {
        await this.invoke(fn, messages);
      } finally {
        this.inFlight -= 1;
      }
    }
  }

  private async invoke(fn: MappedFunction, messages: readonly Message[]): Promise<void> {
    const event: SQSEvent = { Records: messages.map((message) => toRecord(message, fn.queueArn)) };
    const started = performance.now();
    let failedIds: Set<string>;
    let threw: string | undefined;
    const heartbeat = keepInvisible(this.sqs, fn, messages);
    try {
      const response = await fn.handler(event, lambdaContext(fn, started));
      failedIds = new Set(response.batchItemFailures.map((failure) => failure.itemIdentifier));
    } catch (error) {
      // The whole batch failed: Lambda deletes nothing.
      threw = (error as Error).message;
      failedIds = new Set(messages.map((message) => message.MessageId as string));
    } finally {
      await heartbeat.stop();
    }
    this.invocations.push({
      stage: fn.stage,
      records: messages.length,
      failures: failedIds.size,
      ...(threw ? { threw } : {}),
      startedMs: started - this.origin,
      ms: performance.now() - started,
    });
    const done = messages.filter((message) => !failedIds.has(message.MessageId as string));
    if (done.length > 0) {
      await this.sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: fn.queueUrl,
          Entries: done.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle as string })),
        }),
      );
    }
  }
}

/**
 * In AWS a record is never delivered again while its invocation runs: the stack sets each queue's
 * visibility timeout to six times the function's timeout (infra/stageConfig.ts). The simulator keeps
 * visibility short, so a failed record comes back in seconds, and instead renews it while the handler
 * runs. Without this, a handler slower than the visibility timeout (a clip render on a busy machine)
 * would run twice at once and could use up the receive count into the DLQ.
 */
function keepInvisible(sqs: SQSClient, fn: MappedFunction, messages: readonly Message[]): { stop(): Promise<void> } {
  const seconds = fn.visibilityTimeoutSeconds;
  if (!seconds) return { stop: async () => undefined };
  let renewing: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    renewing = sqs
      .send(
        new ChangeMessageVisibilityBatchCommand({
          QueueUrl: fn.queueUrl,
          Entries: messages.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle as string, VisibilityTimeout: seconds })),
        }),
      )
      .catch(() => undefined);
  }, (seconds * 1000) / 2);
  return {
    async stop() {
      clearInterval(timer);
      await renewing;
    },
  };
}

/** The record as Lambda's SQS poller shapes it (camelCase, attributes as strings). */
export function toRecord(message: Message, queueArn: string): SQSRecord {
  const attributes = message.Attributes ?? {};
  return {
    messageId: message.MessageId as string,
    receiptHandle: message.ReceiptHandle as string,
    body: message.Body ?? '',
    attributes: {
      ApproximateReceiveCount: attributes.ApproximateReceiveCount ?? '1',
      SentTimestamp: attributes.SentTimestamp ?? String(Date.now()),
      SenderId: attributes.SenderId ?? 'AIDAIENQZJOLO23YVJ4VO',
      ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
    },
    messageAttributes: Object.fromEntries(
      Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [
        name,
        { dataType: value.DataType ?? 'String', ...(value.StringValue !== undefined ? { stringValue: value.StringValue } : {}), stringListValues: [], binaryListValues: [] },
      ]),
    ),
    md5OfBody: message.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: LOCAL_REGION,
  };
}

function lambdaContext(fn: MappedFunction, started: number): Context {
  const timeoutMs = (fn.timeoutSeconds ?? 900) * 1000;
  const functionName = `postshow-${fn.stage}`;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${LOCAL_REGION}:000000000000:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, timeoutMs - (performance.now() - started)),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** Waits until `check` is true, polling; throws after `timeoutMs`. */
export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
    await sleep(200);
  }
}
