/**
 * `npm run simulate:cloud`: the deployed topology on local protocol servers (fauxqs for S3 and SQS,
 * dynalite for DynamoDB), every stage through its Lambda handler, on the bundled sample show (or a
 * recording you name). Prints per-stage invocations and timings, time to first and last clip, the
 * catalog as the API would list it, then edits and approves the top clip through the catalog API's
 * Lambda entry (timing the edit from request to re-render to catalog) and exports the show as FCPXML,
 * and any dead letters.
 *
 *   tsx scripts/simulateCloud.ts [recording --chat F --metrics F --products F --captions F --max-clips N]
 *
 * `--shows N` is the load run instead: N shows of the same inputs uploaded at once, then every show's
 * outcome, each stage's invocations and peak concurrency against its cap, dead letters and timings.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoCatalogIndex } from '../shared/adapters/aws/dynamoCatalogIndex.js';
import type { CatalogEntry } from '../shared/core/catalog/index.js';
import { parseShowId, showKeys, slugify, type ShowId } from '../shared/core/keys.js';
import { STAGES } from '../shared/pipeline/messages.js';
import type { SideInputKind } from '../shared/pipeline/sideInputs.js';
import { waitFor } from './localCloud/eventSourceMapping.js';
import { startLocalCloud, type LocalCloud } from './localCloud/localCloud.js';
import { formatLoadReport, runLoad, uploadBeforeRecording, uploadRecording } from './localCloud/loadRun.js';
import { generateSampleShow } from './sampleShow.js';
import { renderTextTable } from './textTable.js';

const SIDE_INPUTS = ['chat', 'metrics', 'products', 'captions'] as const satisfies readonly SideInputKind[];

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      chat: { type: 'string' },
      metrics: { type: 'string' },
      products: { type: 'string' },
      captions: { type: 'string' },
      'max-clips': { type: 'string', default: '3' },
      'timeout-minutes': { type: 'string', default: '20' },
      shows: { type: 'string' },
    },
  });
  const recording = positionals[0];
  // The demo's sample (same parameters as `npm run demo`, so its cache is shared).
  const sample = recording ? undefined : await generateSampleShow({ outDir: 'samples/demo', minutes: 3, language: 'en', seed: 42 });
  const inputs: { recording: string } & Partial<Record<(typeof SIDE_INPUTS)[number], string>> = sample
    ? { recording: sample.recording, chat: sample.chat, metrics: sample.metrics, products: sample.products }
    : { recording: recording as string, ...Object.fromEntries(SIDE_INPUTS.flatMap((kind) => (values[kind] ? [[kind, values[kind]]] : []))) };
  const showId = parseShowId(`sim-${slugify(path.parse(inputs.recording).name)}`.slice(0, 60));
  if (values.shows !== undefined) {
    await loadRun(inputs, Number(values.shows), Number(values['max-clips']), Number(values['timeout-minutes']));
    return;
  }

  process.stdout.write('starting fauxqs (S3, SQS) and dynalite (DynamoDB) on 127.0.0.1, creating the topology...\n');
  const cloud = await startLocalCloud({ visibilityTimeoutSeconds: 30 });
  try {
    const { recording: recordingFile, ...sideInputs } = inputs;
    await uploadBeforeRecording(cloud, showId, { sideInputs, options: { maxClips: Number(values['max-clips']) } });
    const uploaded = performance.now();
    await uploadRecording(cloud, showId, recordingFile);
    process.stdout.write(`uploaded ${inputs.recording} as ${showId}; waiting for the stages...\n\n`);
    const status = await cloud.settle(showId, Number(values['timeout-minutes']) * 60_000);
    const wall = (performance.now() - uploaded) / 1000;

    const invocations = cloud.mappings.invocations;
    const origin = invocations.find((invocation) => invocation.stage === 'ingest')?.startedMs ?? 0;
    const rows = STAGES.map((stage) => {
      const mine = invocations.filter((invocation) => invocation.stage === stage && invocation.records > 0);
      const handlerSeconds = mine.reduce((total, invocation) => total + invocation.ms, 0) / 1000;
      const first = Math.min(...mine.map((invocation) => invocation.startedMs));
      const last = Math.max(...mine.map((invocation) => invocation.startedMs + invocation.ms));
      return [
        stage,
        String(mine.length),
        String(status.stages[stage].items),
        status.stages[stage].state,
        handlerSeconds.toFixed(2),
        mine.length > 0 ? ((first - origin) / 1000).toFixed(2) : '-',
        mine.length > 0 ? ((last - origin) / 1000).toFixed(2) : '-',
      ];
    });
    process.stdout.write(`${renderTextTable(['stage', 'invocations', 'items', 'state', 'handler s', 'first start s', 'last end s'], rows)}\n\n`);
    const clipEnds = invocations.filter((invocation) => invocation.stage === 'clip' && !invocation.threw).map((invocation) => invocation.startedMs + invocation.ms - origin);
    if (clipEnds.length > 0) {
      process.stdout.write(`first clip ready ${(Math.min(...clipEnds) / 1000).toFixed(1)} s after the first upload notification, last ${(Math.max(...clipEnds) / 1000).toFixed(1)} s\n`);
    }
    process.stdout.write(`show ${status.state} in ${wall.toFixed(1)} s wall time${status.error ? `: ${status.error.stage}: ${status.error.reason}` : ''}\n\n`);

    const index = new DynamoCatalogIndex(DynamoDBDocumentClient.from(cloud.topology.dynamo), cloud.topology.catalogTable);
    const { entries } = await index.query({ show: showId });
    process.stdout.write(`catalog (DynamoDB, as GET /clips?show=${showId} lists it):\n`);
    for (const entry of entries) {
      process.stdout.write(`  #${entry.rank} ${entry.clipId}  ${entry.start.toFixed(1)}-${entry.end.toFixed(1)} s  score ${entry.score.toFixed(2)}  [${entry.compliance.status}]  ${entry.title}\n`);
    }
    const top = entries[0];
    if (status.state === 'succeeded' && top) await editThroughApi(cloud, showId, top);

    let deadLetters = 0;
    for (const stage of STAGES) deadLetters += (await cloud.deadLetters(stage)).length;
    process.stdout.write(`\ndead letters: ${deadLetters}\n`);
    if (status.state !== 'succeeded') process.exitCode = 1;
  } finally {
    await cloud.close();
  }
}

async function loadRun(inputs: { recording: string } & Partial<Record<SideInputKind, string>>, shows: number, maxClips: number, timeoutMinutes: number): Promise<void> {
  if (!Number.isInteger(shows) || shows < 1 || shows > 99) throw new Error('--shows must be a whole number from 1 to 99');
  process.stdout.write(`starting the simulated cloud; uploading ${shows} shows at once...\n`);
  const cloud = await startLocalCloud({ visibilityTimeoutSeconds: 30 });
  try {
    const { recording, ...sideInputs } = inputs;
    const report = await runLoad(cloud, { recording, sideInputs, options: { maxClips } }, shows, { prefix: 'sim-load', timeoutMs: timeoutMinutes * 60_000 });
    process.stdout.write(`${formatLoadReport(report)}\n`);
    const overCap = report.stages.filter((stage) => stage.peakConcurrency > stage.cap);
    if (report.shows.some((show) => show.state !== 'succeeded') || report.deadLetters > 0 || overCap.length > 0) process.exitCode = 1;
  } finally {
    await cloud.close();
  }
}

/**
 * The review loop on the simulated cloud: the top clip's span trimmed by a second at each end and a new
 * title, sent through the API; then an approval and the FCPXML export of the approved clips.
 */
async function editThroughApi(cloud: LocalCloud, showId: ShowId, entry: CatalogEntry): Promise<void> {
  const call = async (method: string, path: string, options: { query?: string; json?: unknown }, expected: number) => {
    const response = await cloud.callApi(method, path, options);
    if (response.statusCode !== expected) throw new Error(`${method} ${path} answered ${response.statusCode}: ${response.body}`);
    return response;
  };
  const title = `${entry.title} (edited)`.slice(0, 200);
  const span = { start: entry.start + 1, end: entry.end - 1 };
  process.stdout.write(`\nPOST /clips/${showId}/${entry.clipId}/edit ${JSON.stringify({ ...span, title })}\n`);
  const requested = performance.now();
  const accepted = JSON.parse((await call('POST', `/clips/${showId}/${entry.clipId}/edit`, { json: { ...span, title } }, 202)).body ?? '{}') as { version: number };
  const answered = performance.now();
  await waitFor(
    async () => {
      const meta = await cloud.topology.s3.send(new GetObjectCommand({ Bucket: cloud.topology.outputsBucket, Key: showKeys(showId).clipMeta(entry.clipId) }));
      return (JSON.parse(await (meta.Body as { transformToString(): Promise<string> }).transformToString()) as { version: number }).version === accepted.version;
    },
    600_000,
    'the edit to be rendered',
  );
  const rendered = performance.now();
  await waitFor(
    async () => {
      const listed = JSON.parse((await call('GET', '/clips', { query: `show=${showId}` }, 200)).body ?? '{}') as { entries: CatalogEntry[] };
      return listed.entries.some((candidate) => candidate.clipId === entry.clipId && candidate.title === title);
    },
    120_000,
    'the catalog to show the edit',
  );
  const catalogued = performance.now();
  const seconds = (from: number, to: number) => ((to - from) / 1000).toFixed(2);
  process.stdout.write(
    `  202 version ${accepted.version} in ${seconds(requested, answered)} s; re-rendered ${seconds(requested, rendered)} s after the request; in the catalog after ${seconds(requested, catalogued)} s\n`,
  );

  const approving = performance.now();
  await call('POST', `/clips/${showId}/${entry.clipId}/approve`, { json: { note: 'approved in the simulator' } }, 200);
  await waitFor(
    async () => (JSON.parse((await call('GET', '/clips', { query: `show=${showId}&status=approved` }, 200)).body ?? '{}') as { entries: unknown[] }).entries.length > 0,
    120_000,
    'the approval to reach the catalog',
  );
  process.stdout.write(`POST /clips/${showId}/${entry.clipId}/approve: in GET /clips?status=approved after ${seconds(approving, performance.now())} s\n`);
  const exported = await call('GET', `/shows/${showId}/export`, { query: 'format=fcpxml&approved=true' }, 200);
  process.stdout.write(`GET /shows/${showId}/export?format=fcpxml&approved=true: ${exported.headers?.['x-postshow-clips']} clip, ${exported.body?.length ?? 0} bytes of FCPXML\n`);
  await cloud.settle(showId, 120_000);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
