/**
 * In-process queue for local runs: bounded concurrency, retries with capped exponential backoff,
 * a dead-letter list, and a test switch that delivers every message twice (at-least-once made visible).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { isPermanent, reasonOf } from '../../core/errors.js';
import type { StageMessage } from '../../pipeline/messages.js';
import type { Queue } from '../../pipeline/ports.js';

export interface LocalQueueOptions {
  /** Messages processed at once. @default 2 (one per core on the reference machine) */
  readonly concurrency: number;
  /** Deliveries before a transient failure goes to the dead-letter list. @default 3 */
  readonly maxAttempts: number;
  /** First retry delay, ms; doubles per attempt, capped at 30 s, with full jitter. @default 250 */
  readonly backoffMs: number;
  /** Deliver every message twice, to prove idempotency. @default false */
  readonly deliverTwice: boolean;
  /** The run was stopped (Ctrl-C): a failure is final and waiting retries end, so the process exits at once. */
  readonly signal?: AbortSignal;
}

export const DEFAULT_LOCAL_QUEUE_OPTIONS: LocalQueueOptions = { concurrency: 2, maxAttempts: 3, backoffMs: 250, deliverTwice: false };

export interface DeadLetter {
  readonly message: StageMessage;
  readonly attempts: number;
  readonly reason: string;
}

type Consumer = (message: StageMessage, attempt: number) => Promise<unknown>;

interface Delivery {
  readonly message: StageMessage;
  readonly attempt: number;
}

export class LocalQueue implements Queue {
  readonly options: LocalQueueOptions;
  readonly deadLetters: DeadLetter[] = [];
  private consumer: Consumer | undefined;
  private readonly pending: Delivery[] = [];
  private active = 0;
  private delayed = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(options: Partial<LocalQueueOptions> = {}) {
    this.options = { ...DEFAULT_LOCAL_QUEUE_OPTIONS, ...options };
  }

  /** Sets the function that processes each delivery (the pipeline's processMessage). */
  consume(consumer: Consumer): void {
    this.consumer = consumer;
  }

  async send(messages: readonly StageMessage[]): Promise<void> {
    for (const message of messages) {
      this.pending.push({ message, attempt: 1 });
      if (this.options.deliverTwice) this.pending.push({ message: structuredClone(message), attempt: 1 });
    }
    this.pump();
  }

  /** Resolves when nothing is pending, running or waiting to be retried. */
  drain(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private isIdle(): boolean {
    return this.pending.length === 0 && this.active === 0 && this.delayed === 0;
  }

  private pump(): void {
    if (!this.consumer) return;
    while (this.active < this.options.concurrency && this.pending.length > 0) {
      const delivery = this.pending.shift() as Delivery;
      this.active += 1;
      void this.deliver(delivery).finally(() => {
        this.active -= 1;
        this.pump();
        if (this.isIdle()) this.idleWaiters.splice(0).forEach((resolve) => resolve());
      });
    }
  }

  private async deliver(delivery: Delivery): Promise<void> {
    try {
      await (this.consumer as Consumer)(delivery.message, delivery.attempt);
    } catch (error) {
      const stopped = this.options.signal?.aborted === true;
      if (stopped || isPermanent(error) || delivery.attempt >= this.options.maxAttempts) {
        this.deadLetters.push({ message: delivery.message, attempts: delivery.attempt, reason: reasonOf(error) });
        return;
      }
      const cap = Math.min(30_000, this.options.backoffMs * 2 ** (delivery.attempt - 1));
      this.delayed += 1;
      void sleep(Math.random() * cap, undefined, this.options.signal ? { signal: this.options.signal } : {}).then(
        () => {
          this.delayed -= 1;
          this.pending.push({ message: delivery.message, attempt: delivery.attempt + 1 });
          this.pump();
        },
        () => {
          // Stopped while waiting: the retry will not come, so the failure is final.
          this.delayed -= 1;
          this.deadLetters.push({ message: delivery.message, attempts: delivery.attempt, reason: reasonOf(error) });
          if (this.isIdle()) this.idleWaiters.splice(0).forEach((resolve) => resolve());
        },
      );
    }
  }
}
