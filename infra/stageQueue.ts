/**
 * A stage's work queue and its dead-letter queue. SQS redrives a message after MAX_ATTEMPTS
 * receives; the handlers move permanent failures there at once (DEAD_LETTER_QUEUE_URL).
 */
import { Duration } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { MAX_ATTEMPTS } from './stageConfig.js';

/**
 * How long dead letters wait for someone to look (SQS's maximum). A message keeps its original
 * enqueue time when it is dead-lettered, so the DLQ keeps longer than the work queue (4 days).
 */
export const DEAD_LETTER_RETENTION = Duration.days(14);

export interface StageQueueProps {
  /** Strictly above the consumer's timeout (see visibilityTimeoutFor). */
  readonly visibilityTimeout: Duration;
}

export class StageQueue extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: StageQueueProps) {
    super(scope, id);
    const common = { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true } as const;
    this.deadLetterQueue = new Queue(this, 'DeadLetters', { ...common, retentionPeriod: DEAD_LETTER_RETENTION });
    this.queue = new Queue(this, 'Queue', {
      ...common,
      visibilityTimeout: props.visibilityTimeout,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: MAX_ATTEMPTS },
    });
  }
}
