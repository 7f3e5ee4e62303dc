import { describe, expect, it } from 'vitest';
import { isS3Notification, readS3Notification } from '../../shared/adapters/aws/s3Events.js';
import { encodeEventKey, objectCreatedEvent } from '../../scripts/localCloud/s3Notifications.js';

const event = (key: string, extra: Record<string, unknown> = {}) => {
  const body = objectCreatedEvent({ bucket: 'rec', key, size: 10, eTag: 'e', sequencer: '00A1B2C3D4' }) as { Records: Record<string, unknown>[] };
  Object.assign(body.Records[0] as object, extra);
  return body;
};

describe('S3 upload notifications', () => {
  it('starts a run for a recording, named by the event sequencer so redeliveries share it', () => {
    expect(readS3Notification(event('recordings/spring-sale/recording.mp4'))).toEqual([
      { kind: 'start', message: { stage: 'ingest', showId: 'spring-sale', recordingKey: 'recordings/spring-sale/recording.mp4', runId: 's00A1B2C3D4' } },
    ]);
  });

  it('decodes keys as S3 encodes them (+ is a space, %2B a plus) before validating', () => {
    expect(encodeEventKey('recordings/a b/c+d.mp4')).toBe('recordings/a+b/c%2Bd.mp4');
    expect(() => readS3Notification({ Records: [{ ...event('x').Records[0], s3: { bucket: { name: 'rec' }, object: { key: 'recordings/a+b/recording.mp4', sequencer: '01' } } }] })).toThrow(
      /show id may only contain/,
    );
  });

  it('ignores side inputs, job.json, other event types and the test event', () => {
    expect(readS3Notification(event('recordings/show-1/chat.jsonl'))[0]?.kind).toBe('ignore');
    expect(readS3Notification(event('recordings/show-1/job.json'))[0]?.kind).toBe('ignore');
    expect(readS3Notification(event('recordings/show-1/recording.mp4', { eventName: 'ObjectRemoved:Delete' }))[0]?.kind).toBe('ignore');
    expect(readS3Notification({ Service: 'Amazon S3', Event: 's3:TestEvent', Bucket: 'rec' })).toEqual([{ kind: 'ignore', key: '', reason: 's3:TestEvent' }]);
    expect(isS3Notification({ stage: 'ingest' })).toBe(false);
    expect(isS3Notification({ Event: 's3:TestEvent' })).toBe(true);
  });

  it('rejects keys outside recordings/{showId}/{file} and malformed notifications as permanent input errors', () => {
    for (const key of ['recordings/../../etc/passwd', 'recordings/show/nested/recording.mp4', 'uploads/show/recording.mp4', 'recordings/show']) {
      expect(() => readS3Notification(event(key)), key).toThrow(/not recordings\/\{showId\}\/\{file\}|relative segments/);
    }
    expect(() => readS3Notification({ Records: [{ eventSource: 'aws:s3' }] })).toThrow(/not an S3 event notification/);
    expect(() => readS3Notification({ Records: [{ ...event('x').Records[0], s3: { bucket: { name: 'b' }, object: { key: '%E0%A4%A', sequencer: '01' } } }] })).toThrow(
      /not valid URL encoding/,
    );
  });
});
