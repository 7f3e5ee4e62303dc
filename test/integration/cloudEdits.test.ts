/**
 * Clip edits, reviews and exports through the catalog API on the simulated cloud (fauxqs for S3 and SQS,
 * dynalite for DynamoDB): a small show runs through every stage's Lambda handler, then the API's Lambda
 * entry takes an edit, whose message the clip stage renders as version 2 and the catalog stage indexes;
 * an approval reaches GET /clips?status=approved, and the export names the edited clip. Prints the edit's
 * timings (request, render, catalog).
 */
import { performance } from 'node:perf_hooks';
import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../scripts/localCloud/eventSourceMapping.js';
import { startLocalCloud, type LocalCloud } from '../../scripts/localCloud/localCloud.js';
import { uploadRecordingsObject } from '../../scripts/localCloud/s3Notifications.js';
import type { CatalogEntry } from '../../shared/core/catalog/index.js';
import type { ShowStatus } from '../../shared/pipeline/status.js';
import { sampleShow } from '../helpers/pipelineFixture.js';

const SHOW = 'cloud-edit-show';
const EDITED_TITLE = 'Glow Serum, the part everyone asked about';

interface ClipMeta {
  version: number;
  start: number;
  end: number;
  title: string;
  variants: { aspect: string; file: string }[];
  files: Record<string, string>;
}

describe('clip edits through the catalog API on the simulated cloud', () => {
  let cloud: LocalCloud;
  let status: ShowStatus;
  let original: CatalogEntry;
  let recordingSeconds: number;

  beforeAll(async () => {
    process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
    // The same sample as cloudPipeline.test.ts (cached once for both).
    const sample = await sampleShow('cloud-edits-en', { minutes: 1.5, language: 'en', seed: 21, width: 320, height: 180 });
    recordingSeconds = sample.durationSeconds;
    cloud = await startLocalCloud({ visibilityTimeoutSeconds: 30, extraEnv: { POSTSHOW_X264_PRESET: 'ultrafast' } });
    const prefix = `recordings/${SHOW}/`;
    // One clip in one shape, and captions instead of speech recognition: what is checked is the edit's path.
    await uploadRecordingsObject(cloud.topology, `${prefix}job.json`, { body: JSON.stringify({ maxClips: 1, minClipSeconds: 8, maxClipSeconds: 14, aspects: ['16:9'] }) });
    await uploadRecordingsObject(cloud.topology, `${prefix}chat.jsonl`, { file: sample.chat });
    await uploadRecordingsObject(cloud.topology, `${prefix}metrics.csv`, { file: sample.metrics });
    await uploadRecordingsObject(cloud.topology, `${prefix}products.json`, { file: sample.products });
    await uploadRecordingsObject(cloud.topology, `${prefix}captions.srt`, { file: sample.captions });
    await uploadRecordingsObject(cloud.topology, `${prefix}recording.mp4`, { file: sample.recording });
    status = await cloud.settle(SHOW, 180_000);
    const listed = await api('GET', '/clips', { query: `show=${SHOW}` });
    original = (listed.entries as CatalogEntry[])[0]!;
  }, 240_000);

  afterAll(async () => {
    await cloud?.close();
  });

  /** Calls the API and parses its JSON answer; fails the test on an unexpected status. */
  async function api(method: string, path: string, options: { query?: string; json?: unknown } = {}, expected = 200): Promise<Record<string, unknown>> {
    const response = await cloud.callApi(method, path, options);
    expect(response.statusCode, `${method} ${path}: ${response.body}`).toBe(expected);
    return JSON.parse(response.body ?? 'null') as Record<string, unknown>;
  }

  async function readOutput(key: string): Promise<string> {
    const result = await cloud.topology.s3.send(new GetObjectCommand({ Bucket: cloud.topology.outputsBucket, Key: key }));
    return (result.Body as { transformToString(): Promise<string> }).transformToString();
  }

  it('ran the show to one catalogued clip', () => {
    expect(status.state).toBe('succeeded');
    expect(original).toBeDefined();
    expect(original.variants.map((variant) => variant.aspect)).toEqual(['16:9']);
  });

  it('re-renders an edit sent through the API as version 2 and updates the catalog, printing the timings', async () => {
    const metaKey = original.files.meta;
    // A new span a second later and longer, inside the recording.
    const start = Math.max(0, original.start - 1);
    const end = Math.min(recordingSeconds, original.end + 2);
    const requested = performance.now();
    const accepted = await api('POST', `/clips/${SHOW}/${original.clipId}/edit`, { json: { start, end, title: EDITED_TITLE, hashtags: ['#glowserum'] } }, 202);
    const answeredMs = performance.now() - requested;
    expect(accepted).toEqual({ clipId: original.clipId, version: 2, status: 'rendering' });

    let meta: ClipMeta | undefined;
    await waitFor(
      async () => {
        meta = JSON.parse(await readOutput(metaKey)) as ClipMeta;
        return meta.version === 2;
      },
      120_000,
      'the edit to be rendered',
    );
    const renderedMs = performance.now() - requested;
    let entry: CatalogEntry | undefined;
    await waitFor(
      async () => {
        entry = ((await api('GET', '/clips', { query: `show=${SHOW}` })).entries as CatalogEntry[]).find((candidate) => candidate.clipId === original.clipId);
        return entry?.title === EDITED_TITLE;
      },
      60_000,
      'the catalog to show the edit',
    );
    const cataloguedMs = performance.now() - requested;
    const clipRender = cloud.mappings.invocations.filter((invocation) => invocation.stage === 'clip').at(-1);
    console.log(
      `cloud edit of ${original.clipId} (${(end - start).toFixed(1)} s, 16:9): API answered 202 in ${answeredMs.toFixed(0)} ms; ` +
        `re-rendered (meta.json v2) after ${(renderedMs / 1000).toFixed(2)} s (clip handler ${((clipRender?.ms ?? 0) / 1000).toFixed(2)} s); ` +
        `catalog (DynamoDB) updated after ${(cataloguedMs / 1000).toFixed(2)} s`,
    );

    expect(meta).toMatchObject({ version: 2, title: EDITED_TITLE });
    expect(meta!.start).toBeCloseTo(start, 1);
    expect(meta!.end).toBeCloseTo(end, 1);
    expect(entry).toMatchObject({ title: EDITED_TITLE, hashtags: ['#glowserum'] });
    expect(entry!.start).toBeCloseTo(start, 1);
    expect(meta!.variants.map((variant) => variant.file)).toEqual([`shows/${SHOW}/clips/${original.clipId}/v2/16x9.mp4`]);
    for (const key of [...meta!.variants.map((variant) => variant.file), ...Object.values(meta!.files).filter((file) => !file.endsWith('.srt'))]) {
      const head = await cloud.topology.s3.send(new HeadObjectCommand({ Bucket: cloud.topology.outputsBucket, Key: key }));
      expect(head.ContentLength, key).toBeGreaterThan(0);
    }
    // The first version's video is gone; the edit record stays beside the clip.
    const keys = await cloud.outputKeys(`shows/${SHOW}/clips/${original.clipId}/`);
    expect(keys).not.toContain(original.variants[0]!.file);
    expect(keys).toContain(`shows/${SHOW}/clips/${original.clipId}/edits/v2.json`);
    await cloud.settle(SHOW, 60_000);
  });

  it('approves through the API: GET /clips?status=approved lists the clip with the review', async () => {
    const requested = performance.now();
    const answer = await api('POST', `/clips/${SHOW}/${original.clipId}/approve`, { json: { note: 'ship it' } });
    expect(answer).toMatchObject({ clipId: original.clipId, version: 2, review: { status: 'approved', version: 2, note: 'ship it' } });
    let approved: CatalogEntry[] = [];
    await waitFor(
      async () => {
        approved = (await api('GET', '/clips', { query: `show=${SHOW}&status=approved` })).entries as CatalogEntry[];
        return approved.length > 0;
      },
      60_000,
      'the approval to reach the catalog',
    );
    console.log(`cloud approve of ${original.clipId}: in GET /clips?status=approved after ${((performance.now() - requested) / 1000).toFixed(2)} s`);
    expect(approved.map((entry) => [entry.clipId, entry.review.status, entry.review.note])).toEqual([[original.clipId, 'approved', 'ship it']]);
    expect((await api('GET', '/clips', { query: `show=${SHOW}&status=pending` })).entries).toEqual([]);
    await cloud.settle(SHOW, 60_000);
  });

  it('exports the approved clip as FCPXML and WebVTT over the API', async () => {
    const fcpxml = await cloud.callApi('GET', `/shows/${SHOW}/export`, { query: 'format=fcpxml&approved=true' });
    expect(fcpxml.statusCode, fcpxml.body).toBe(200);
    expect(fcpxml.headers).toMatchObject({ 'content-type': 'application/xml; charset=utf-8', 'content-disposition': `attachment; filename="${SHOW}-approved.fcpxml"` });
    expect(fcpxml.body).toMatch(/^<\?xml[^>]*\?>\s*<!DOCTYPE fcpxml>\s*<fcpxml /);
    expect(fcpxml.body).toContain(EDITED_TITLE);
    expect(fcpxml.body).toContain('file:///recording.mp4');
    const vtt = (await cloud.callApi('GET', `/shows/${SHOW}/export`, { query: 'format=vtt' })) as APIGatewayProxyStructuredResultV2;
    expect(vtt.statusCode, vtt.body).toBe(200);
    expect(vtt.headers?.['content-type']).toBe('text/vtt; charset=utf-8');
    expect(vtt.body).toMatch(/^WEBVTT/);
  });

  it("serves the show's review and the channel's next-show plan", async () => {
    const review = await api('GET', `/shows/${SHOW}/review`);
    expect(review).toMatchObject({ showId: SHOW, channel: { name: 'default' } });
    expect((review.kpis as { gmv: number }).gmv).toBeGreaterThan(0);
    const plan = await api('GET', '/channels/default/plan');
    expect((plan.phases as { phase: string }[]).map((phase) => phase.phase)).toEqual(['warm-up', 'introduction', 'demonstration', 'push', 'close']);
    expect(plan.basedOn).toEqual([SHOW]);
    await api('GET', '/channels/default/plan', { query: 'date=2000-01-01' }, 400);
    await api('GET', '/channels/nobody/plan', {}, 404);
    await api('GET', '/shows/unknown-show/review', {}, 404);
  });

  it('leaves no dead letters', async () => {
    for (const stage of ['clip', 'catalog', 'report'] as const) expect(await cloud.deadLetters(stage), stage).toHaveLength(0);
  });
});
