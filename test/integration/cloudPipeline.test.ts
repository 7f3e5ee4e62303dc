/**
 * The deployed topology end to end on real protocol servers (fauxqs for S3 and SQS, dynalite for
 * DynamoDB): every stage runs through its Lambda handler and the real AWS SDK clients, driven by an
 * emulated SQS event source mapping, starting from an S3 ObjectCreated notification shaped as AWS
 * sends it. Faults injected: the notification delivered twice, a clip handler killed mid-encode (its
 * own process, SIGKILL), a corrupt recording, hostile keys.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalCloud, type LocalCloud } from '../../scripts/localCloud/localCloud.js';
import { sendToIngest, uploadRecordingsObject, objectCreatedEvent } from '../../scripts/localCloud/s3Notifications.js';
import type { SampleShow } from '../../scripts/sampleShow.js';
import { DynamoCatalogIndex } from '../../shared/adapters/aws/dynamoCatalogIndex.js';
import type { ShowId } from '../../shared/core/keys.js';
import type { ShowStatus } from '../../shared/pipeline/status.js';
import { makeRandomBytesFile } from '../helpers/media.js';
import { sampleShow } from '../helpers/pipelineFixture.js';

const SHOW = 'cloud-show' as ShowId;
const KILLED_SHOW_ITEMS = new Set<string>();

describe('cloud topology on local protocol servers', () => {
  let cloud: LocalCloud;
  let sample: SampleShow;
  let scratch: string;
  let status: ShowStatus;
  let killedClipMessage: string | undefined;
  let killedMessageId: string | undefined;
  let resumed: { receiveCount: number; failures: number } | undefined;

  beforeAll(async () => {
    // The handlers' structured logs are for CloudWatch; the assertions below read status and DLQs.
    process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
    scratch = await mkdtemp(path.join(os.tmpdir(), 'postshow-cloud-'));
    sample = await sampleShow('cloud-en', { minutes: 1.5, language: 'en', seed: 21, width: 320, height: 180 });
    cloud = await startLocalCloud({
      visibilityTimeoutSeconds: 4,
      // Clip encodes dominate; what is checked does not depend on the x264 preset.
      extraEnv: { POSTSHOW_X264_PRESET: 'ultrafast' },
      // The first clip invocation runs the real entry file in its own process and is killed mid-stage.
      wrapHandler: (stage, handler, env) =>
        stage !== 'clip'
          ? handler
          : async (event, context) => {
              if (killedClipMessage !== undefined) {
                const response = await handler(event, context);
                const record = event.Records[0];
                if (record?.messageId === killedMessageId) {
                  resumed = { receiveCount: Number(record?.attributes.ApproximateReceiveCount), failures: response.batchItemFailures.length };
                }
                return response;
              }
              killedClipMessage = event.Records[0]?.body ?? '';
              killedMessageId = event.Records[0]?.messageId;
              await runAndKillMidStage(cloud, env, JSON.stringify(event), JSON.parse(killedClipMessage) as { clipId: string });
              throw new Error('the function was killed (timeout or lost container)');
            },
    });
    const prefix = `recordings/${SHOW}/`;
    await uploadRecordingsObject(cloud.topology, `${prefix}job.json`, { body: JSON.stringify({ maxClips: 2, minClipSeconds: 8, maxClipSeconds: 14 }) });
    await uploadRecordingsObject(cloud.topology, `${prefix}chat.jsonl`, { file: sample.chat });
    await uploadRecordingsObject(cloud.topology, `${prefix}metrics.csv`, { file: sample.metrics });
    await uploadRecordingsObject(cloud.topology, `${prefix}products.json`, { file: sample.products });
    // No captions: the transcribe stage runs speech recognition (pocketsphinx is on this machine's ffmpeg).
    const event = await uploadRecordingsObject(cloud.topology, `${prefix}recording.mp4`, { file: sample.recording });
    // S3 notifications are delivered at least once: the same event again must not start a second run.
    await sendToIngest(cloud.topology, event);
    status = await cloud.settle(SHOW, 240_000);
  }, 300_000);

  afterAll(async () => {
    await cloud?.close();
    await rm(scratch, { recursive: true, force: true });
  });

  it('runs every stage to success from the upload notification', () => {
    expect(status.error).toBeUndefined();
    expect(status.state).toBe('succeeded');
    for (const [stage, stageStatus] of Object.entries(status.stages)) expect(stageStatus.state, stage).toBe('succeeded');
    expect(status.stages.transcribe.summary ?? status.stages.transcribe.items).toBeTruthy();
  });

  it('writes clips, catalog entries and the report to the outputs bucket, and the speech track under intermediate/', async () => {
    const catalog = JSON.parse(await readOutput(cloud, `shows/${SHOW}/catalog.json`)) as { entries: { clipId: string; files: Record<string, string> }[] };
    expect(catalog.entries).toHaveLength(2);
    for (const entry of catalog.entries) {
      // The SRT sidecar holds only reliable cues: empty when the speech engine was unsure of it all.
      for (const key of Object.values(entry.files).filter((file) => !file.endsWith('captions.srt'))) {
        const head = await cloud.topology.s3.send(new HeadObjectCommand({ Bucket: cloud.topology.outputsBucket, Key: key }));
        expect(head.ContentLength, key).toBeGreaterThan(0);
      }
    }
    expect(await cloud.outputKeys(`intermediate/${SHOW}/`)).toEqual([`intermediate/${SHOW}/audio/speech.wav`]);
    expect(await readOutput(cloud, `shows/${SHOW}/report.html`)).toContain('<html');
    const transcript = JSON.parse(await readOutput(cloud, `shows/${SHOW}/transcript.json`)) as { engine: string; segments: unknown[] };
    expect(transcript.engine).toBe('pocketsphinx');
    expect(transcript.segments.length).toBeGreaterThan(3);
  });

  it('indexes exactly the show\'s clips in DynamoDB, once, despite the duplicate notification and the killed clip', async () => {
    const index = new DynamoCatalogIndex(DynamoDBDocumentClient.from(cloud.topology.dynamo), cloud.topology.catalogTable);
    const page = await index.query({ show: SHOW });
    const catalog = JSON.parse(await readOutput(cloud, `shows/${SHOW}/catalog.json`)) as { entries: { clipId: string }[] };
    expect(page.entries.map((entry) => entry.clipId).sort()).toEqual(catalog.entries.map((entry) => entry.clipId).sort());
    // Six ingest invocations: four side inputs (ignored), the recording, and its duplicate notification.
    const ingests = cloud.mappings.invocations.filter((invocation) => invocation.stage === 'ingest');
    expect(ingests).toHaveLength(6);
    expect(status.stages.clip.items).toBe(2);
    const clipFolders = new Set((await cloud.outputKeys(`shows/${SHOW}/clips/`)).map((key) => key.split('/')[3]));
    expect(clipFolders.size).toBe(2);
  });

  it('resumes the killed clip on redelivery (a second attempt) and leaves no dead letters', async () => {
    expect(killedClipMessage).toBeDefined();
    const { clipId } = JSON.parse(killedClipMessage as string) as { clipId: string };
    // The killed process had started the stage; SQS redelivered the same message, which then succeeded.
    expect(KILLED_SHOW_ITEMS.has(`clip-${clipId}`)).toBe(true);
    expect(resumed).toEqual({ receiveCount: 2, failures: 0 });
    const part = JSON.parse(await readOutput(cloud, `shows/${SHOW}/status/clip-${clipId}.json`)) as { state: string };
    expect(part.state).toBe('succeeded');
    for (const stage of ['ingest', 'audio', 'transcribe', 'analyze', 'clip', 'suggest', 'catalog', 'report'] as const) {
      expect(await cloud.deadLetters(stage), stage).toHaveLength(0);
    }
  });

  it('fails a corrupt recording with a readable reason in status and moves its message to the ingest DLQ', async () => {
    const corrupt = await makeRandomBytesFile(scratch, 'corrupt.mp4');
    await uploadRecordingsObject(cloud.topology, 'recordings/corrupt-show/recording.mp4', { file: corrupt });
    const failed = await cloud.settle('corrupt-show', 60_000);
    expect(failed.state).toBe('failed');
    expect(failed.error?.stage).toBe('ingest');
    expect(failed.error?.reason).toMatch(/not a readable media file/);
    const letters = await cloud.deadLetters('ingest');
    const reasons = letters.map((letter) => letter.MessageAttributes?.reason?.StringValue ?? '');
    expect(reasons.some((reason) => /not a readable media file/.test(reason))).toBe(true);
  });

  it('sends notifications for hostile keys to the ingest DLQ with the reason, without touching outputs', async () => {
    const before = await cloud.outputKeys('');
    const hostile = ['recordings/../../etc/passwd', 'recordings/Bad Show!/recording.mp4', 'recordings/show/nested/recording.mp4'];
    for (const key of hostile) {
      await sendToIngest(cloud.topology, JSON.stringify(objectCreatedEvent({ bucket: cloud.topology.recordingsBucket, key, size: 10, eTag: 'x' })));
    }
    let reasons: string[] = [];
    for (let tries = 0; tries < 50 && reasons.length < 4; tries += 1) {
      await sleep(200);
      reasons = (await cloud.deadLetters('ingest')).map((letter) => letter.MessageAttributes?.reason?.StringValue ?? '');
    }
    expect(reasons.filter((reason) => /relative segments|not recordings\/\{showId\}|show id may only contain/.test(reason)).length).toBe(3);
    expect(await cloud.outputKeys('')).toEqual(before);
  });
});

async function readOutput(cloud: LocalCloud, key: string): Promise<string> {
  const result = await cloud.topology.s3.send(new GetObjectCommand({ Bucket: cloud.topology.outputsBucket, Key: key }));
  return (result.Body as { transformToString(): Promise<string> }).transformToString();
}

/**
 * Runs the clip entry file in a child process with the stage's environment and SIGKILLs it once the
 * stage has started work (its status part says running), as a Lambda timeout or a lost container would.
 */
async function runAndKillMidStage(cloud: LocalCloud, env: Record<string, string>, event: string, message: { clipId: string }): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/localCloud/invokeLambda.ts', 'clip'], {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  child.stdin.end(event);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const item = `clip-${message.clipId}`;
  for (let tries = 0; tries < 300; tries += 1) {
    const part = await readOutput(cloud, `shows/${SHOW}/status/${item}.json`).catch(() => undefined);
    if (part && (JSON.parse(part) as { state: string }).state === 'running') {
      KILLED_SHOW_ITEMS.add(item);
      break;
    }
    await sleep(100);
  }
  // Into the encode, then gone.
  await sleep(500);
  child.kill('SIGKILL');
  await exited;
}
