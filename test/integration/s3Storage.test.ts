/**
 * The S3 and SQS adapters against a real S3/SQS protocol server (fauxqs, with S3 conditional writes):
 * the same Storage and Queue contracts the filesystem store and the in-process queue keep.
 */
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalCloudServers, type LocalCloudServers } from '../../scripts/localCloud/localCloudServers.js';
import { createLocalTopology, type LocalTopology } from '../../scripts/localCloud/localTopology.js';
import { S3Storage } from '../../shared/adapters/aws/s3Storage.js';
import { SqsQueue } from '../../shared/adapters/aws/sqsQueue.js';
import { ObjectNotFoundError } from '../../shared/adapters/storage/storageErrors.js';
import { InvalidKeyError } from '../../shared/core/errors.js';
import type { ShowId } from '../../shared/core/keys.js';
import type { StageMessage } from '../../shared/pipeline/messages.js';

describe('S3Storage and SqsQueue on a real protocol server', () => {
  let servers: LocalCloudServers;
  let topology: LocalTopology;
  let storage: S3Storage;
  let scratch: string;

  beforeAll(async () => {
    servers = await startLocalCloudServers();
    topology = await createLocalTopology(servers, { namePrefix: 'adapters' });
    storage = new S3Storage({ client: topology.s3, recordingsBucket: topology.recordingsBucket, outputsBucket: topology.outputsBucket });
    scratch = await mkdtemp(path.join(os.tmpdir(), 'postshow-s3-'));
  });
  afterAll(async () => {
    await servers?.close();
    await rm(scratch, { recursive: true, force: true });
  });

  it('routes recordings/ to the recordings bucket and everything else to the outputs bucket', async () => {
    await storage.put('recordings/show-a/job.json', '{}');
    await storage.put('shows/show-a/manifest.json', '{"a":1}');
    expect(storage.locate('recordings/show-a/job.json').Bucket).toBe(topology.recordingsBucket);
    expect(storage.locate('intermediate/show-a/audio/speech.wav').Bucket).toBe(topology.outputsBucket);
    expect(await storage.list('recordings/show-a/')).toEqual(['recordings/show-a/job.json']);
    expect(await storage.list('shows/show-a/')).toEqual(['shows/show-a/manifest.json']);
    // A delimited listing: the show ids, not every key under them.
    expect(await storage.listFolders('shows/')).toContain('show-a');
    expect(await storage.listFolders('recordings/')).toContain('show-a');
  });

  it('reads whole objects, ranges and heads, and reports missing keys the way the filesystem store does', async () => {
    await storage.put('shows/show-a/bytes.bin', Buffer.from('0123456789'));
    expect((await storage.get('shows/show-a/bytes.bin')).toString()).toBe('0123456789');
    expect((await storage.getRange('shows/show-a/bytes.bin', 2, 5)).toString()).toBe('234');
    expect((await storage.getRange('shows/show-a/bytes.bin', 8, 100)).toString()).toBe('89');
    expect(await storage.getRange('shows/show-a/bytes.bin', 50, 60)).toHaveLength(0);
    expect((await storage.head('shows/show-a/bytes.bin'))?.size).toBe(10);
    expect(await storage.head('shows/show-a/missing.bin')).toBeUndefined();
    expect(await storage.tryGet('shows/show-a/missing.bin')).toBeUndefined();
    await expect(storage.get('shows/show-a/missing.bin')).rejects.toBeInstanceOf(ObjectNotFoundError);
    await expect(storage.getRange('shows/show-a/missing.bin', 0, 1)).rejects.toBeInstanceOf(ObjectNotFoundError);
    await expect(storage.readLocation('shows/show-a/missing.bin')).rejects.toBeInstanceOf(ObjectNotFoundError);
    await storage.delete('shows/show-a/bytes.bin');
    expect(await storage.head('shows/show-a/bytes.bin')).toBeUndefined();
  });

  it('rejects hostile keys before any request', async () => {
    for (const key of ['../etc/passwd', '/abs/key', 'shows/a b/x.json', 'shows//x.json', 'shows/a\\b']) {
      await expect(storage.put(key, 'x'), key).rejects.toBeInstanceOf(InvalidKeyError);
    }
  });

  it('streams files up in parts and serves them through presigned URLs with range requests', async () => {
    const file = path.join(scratch, 'big.bin');
    const body = Buffer.alloc(20 * 1024 * 1024 + 123, 7);
    body.write('head', 0);
    body.write('tail', body.length - 4);
    await writeFile(file, body);
    await storage.putFile('shows/show-a/big.bin', file);
    expect((await storage.head('shows/show-a/big.bin'))?.size).toBe(body.length);
    const url = await storage.readLocation('shows/show-a/big.bin');
    expect(url).toMatch(/X-Amz-Signature=/);
    expect(url).toMatch(/X-Amz-Expires=3600/);
    const tail = await fetch(url, { headers: { range: `bytes=${body.length - 4}-` } });
    expect(tail.status).toBe(206);
    expect(await tail.text()).toBe('tail');
  });

  it('lets exactly one of many racing putIfAbsent calls create a key (S3 If-None-Match: *)', async () => {
    const results = await Promise.all(Array.from({ length: 12 }, (_, index) => storage.putIfAbsent('shows/show-a/claims/r1/analyze', JSON.stringify({ owner: index }))));
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = JSON.parse((await storage.get('shows/show-a/claims/r1/analyze')).toString()) as { owner: number };
    expect(results[winner.owner]).toBe(true);
    expect(await storage.putIfAbsent('shows/show-a/claims/r1/analyze', 'late')).toBe(false);
  });

  it('lists past one page of 1000 keys, sorted', async () => {
    await Promise.all(Array.from({ length: 1010 }, (_, index) => storage.put(`shows/show-many/status/part-${String(index).padStart(4, '0')}.json`, '{}')));
    const keys = await storage.list('shows/show-many/');
    expect(keys).toHaveLength(1010);
    expect(keys).toEqual([...keys].sort());
  });

  it('sends each stage message to its own stage queue, in batches of ten', async () => {
    const showId = 'show-a' as ShowId;
    const queue = new SqsQueue({ client: topology.sqs, queueUrls: { transcribe: topology.queues.transcribe.url, analyze: topology.queues.analyze.url } });
    const messages: StageMessage[] = [
      ...Array.from({ length: 23 }, (_, chunk) => ({ stage: 'transcribe' as const, showId, chunk })),
      { stage: 'analyze', showId },
    ];
    await queue.send(messages);
    const received: unknown[] = [];
    for (let tries = 0; tries < 10 && received.length < 23; tries += 1) {
      const page = await topology.sqs.send(new ReceiveMessageCommand({ QueueUrl: topology.queues.transcribe.url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
      received.push(...(page.Messages ?? []).map((message) => JSON.parse(message.Body ?? '')));
    }
    expect(received.map((message) => (message as { chunk: number }).chunk).sort((a, b) => a - b)).toEqual(Array.from({ length: 23 }, (_, chunk) => chunk));
    const analyze = await topology.sqs.send(new ReceiveMessageCommand({ QueueUrl: topology.queues.analyze.url, WaitTimeSeconds: 1 }));
    expect(JSON.parse(analyze.Messages?.[0]?.Body ?? '')).toEqual({ stage: 'analyze', showId });
    await expect(queue.send([{ stage: 'report', showId }])).rejects.toThrow(/no queue URL configured for stage report/);
  });
});
