/**
 * A stage about to hit the Lambda timeout on its last delivery records itself as failed first (Lambda
 * then kills it and SQS redrives the message to the DLQ; without this the status would say "running"
 * for ever). Driven through the audio stage's real handler on the local cloud, with the invocation's
 * context saying little time is left on the third and last delivery.
 */
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../scripts/localCloud/eventSourceMapping.js';
import { startLocalCloud, type LocalCloud } from '../../scripts/localCloud/localCloud.js';
import { uploadRecordingsObject } from '../../scripts/localCloud/s3Notifications.js';
import { sampleShow } from '../helpers/pipelineFixture.js';

describe('last-attempt deadline', () => {
  let cloud: LocalCloud;
  let seen: { state: string; error?: string } | undefined;

  beforeAll(async () => {
    process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
    const sample = await sampleShow('cloud-en', { minutes: 1.5, language: 'en', seed: 21, width: 320, height: 180 });
    cloud = await startLocalCloud({
      extraEnv: { POSTSHOW_TRANSCRIBER: 'captions' },
      wrapHandler: (stage, handler) =>
        stage !== 'audio'
          ? handler
          : (event, context) =>
              handler(
                { Records: event.Records.map((record) => ({ ...record, attributes: { ...record.attributes, ApproximateReceiveCount: '3' } })) },
                { ...context, getRemainingTimeInMillis: () => 100 },
              ),
    });
    await uploadRecordingsObject(cloud.topology, 'recordings/deadline-show/captions.srt', { file: sample.captions });
    await uploadRecordingsObject(cloud.topology, 'recordings/deadline-show/recording.mp4', { file: sample.recording });
  }, 120_000);
  afterAll(async () => cloud?.close());

  it('writes a failed status with the reason before the timeout would kill the invocation', async () => {
    await waitFor(
      async () => {
        const body = await cloud.topology.s3
          .send(new GetObjectCommand({ Bucket: cloud.topology.outputsBucket, Key: 'shows/deadline-show/status.json' }))
          .then((result) => (result.Body as { transformToString(): Promise<string> }).transformToString())
          .catch(() => undefined);
        const status = body ? (JSON.parse(body) as { state: string; error?: { stage: string; reason: string } }) : undefined;
        if (status?.error?.stage === 'audio') seen = { state: status.state, error: status.error.reason };
        return seen !== undefined;
      },
      60_000,
      'the audio stage to record its timeout',
    );
    expect(seen?.state).toBe('failed');
    expect(seen?.error).toMatch(/the audio stage ran out of time on all 3 attempts/);
  });
});
