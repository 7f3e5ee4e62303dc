/**
 * The Queue port on SQS: each stage has its own queue (its own Lambda, concurrency cap and dead-letter
 * queue), so a message is routed by its `stage`. Sends in batches of ten, the SQS maximum.
 */
import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { StageMessage, StageName } from '../../pipeline/messages.js';
import { messageItem } from '../../pipeline/messages.js';
import type { Queue } from '../../pipeline/ports.js';

export interface SqsQueueOptions {
  readonly client: SQSClient;
  /** Queue URL per stage this sender may send to (a Lambda gets only its next stages' URLs). */
  readonly queueUrls: Readonly<Partial<Record<StageName, string>>>;
  /** Attempts for entries SQS reports as failed inside a successful batch call. @default 4 */
  readonly maxAttempts?: number;
}

const SQS_BATCH_LIMIT = 10;

export class SqsQueue implements Queue {
  constructor(private readonly options: SqsQueueOptions) {}

  async send(messages: readonly StageMessage[]): Promise<void> {
    const byQueue = new Map<string, StageMessage[]>();
    for (const message of messages) {
      const url = this.options.queueUrls[message.stage];
      // A stage sending somewhere it has no queue for is a wiring bug, never a user error: fail loudly.
      if (!url) throw new Error(`no queue URL configured for stage ${message.stage}`);
      const queued = byQueue.get(url);
      if (queued) queued.push(message);
      else byQueue.set(url, [message]);
    }
    for (const [url, queued] of byQueue) {
      for (let start = 0; start < queued.length; start += SQS_BATCH_LIMIT) {
        await this.sendBatch(url, queued.slice(start, start + SQS_BATCH_LIMIT));
      }
    }
  }

  private async sendBatch(url: string, batch: readonly StageMessage[]): Promise<void> {
    // Entry ids only need to be unique within the call; the message item is readable in logs.
    let pending = batch.map((message, index) => ({ Id: `${index}-${messageItem(message)}`.slice(0, 80), MessageBody: JSON.stringify(message) }));
    const maxAttempts = this.options.maxAttempts ?? 4;
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      const result = await this.options.client.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: pending }));
      const failed = new Set((result.Failed ?? []).map((entry) => entry.Id));
      if (failed.size === 0) return;
      const senderFault = (result.Failed ?? []).find((entry) => entry.SenderFault);
      if (senderFault || attempt >= maxAttempts) {
        throw new Error(`SQS refused ${failed.size} message(s): ${senderFault?.Message ?? (result.Failed ?? [])[0]?.Message ?? 'unknown reason'}`);
      }
      pending = pending.filter((entry) => failed.has(entry.Id));
      await sleep(Math.random() * 100 * 2 ** attempt);
    }
  }
}
