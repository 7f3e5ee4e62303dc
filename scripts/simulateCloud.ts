/**
 * `npm run simulate:cloud`: the deployed topology on local protocol servers (fauxqs for S3 and SQS,
 * dynalite for DynamoDB), every stage through its Lambda handler, on the bundled sample show (or a
 * recording you name). Prints per-stage invocations and timings, time to first and last clip, the
 * catalog as the API would list it, and any dead letters.
 *
 *   tsx scripts/simulateCloud.ts [recording --chat F --metrics F --products F --captions F --max-clips N]
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoCatalogIndex } from '../shared/adapters/aws/dynamoCatalogIndex.js';
import { parseShowId, slugify } from '../shared/core/keys.js';
import { parseJobOptions } from '../shared/pipeline/manifest.js';
import { STAGES } from '../shared/pipeline/messages.js';
import { recordingFileName, sideInputFileName, type SideInputKind } from '../shared/pipeline/sideInputs.js';
import { startLocalCloud } from './localCloud/localCloud.js';
import { uploadRecordingsObject } from './localCloud/s3Notifications.js';
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
    },
  });
  const recording = positionals[0];
  // The demo's sample (same parameters as `npm run demo`, so its cache is shared).
  const sample = recording ? undefined : await generateSampleShow({ outDir: 'samples/demo', minutes: 3, language: 'en', seed: 42 });
  const inputs: { recording: string } & Partial<Record<(typeof SIDE_INPUTS)[number], string>> = sample
    ? { recording: sample.recording, chat: sample.chat, metrics: sample.metrics, products: sample.products }
    : { recording: recording as string, ...Object.fromEntries(SIDE_INPUTS.flatMap((kind) => (values[kind] ? [[kind, values[kind]]] : []))) };
  const showId = parseShowId(`sim-${slugify(path.parse(inputs.recording).name)}`.slice(0, 60));

  process.stdout.write('starting fauxqs (S3, SQS) and dynalite (DynamoDB) on 127.0.0.1, creating the topology...\n');
  const cloud = await startLocalCloud({ visibilityTimeoutSeconds: 30 });
  try {
    const prefix = `recordings/${showId}/`;
    // Side inputs first, the recording last: its notification starts the run (docs/deploy.md).
    await uploadRecordingsObject(cloud.topology, `${prefix}job.json`, { body: JSON.stringify(parseJobOptions({ maxClips: Number(values['max-clips']) })) });
    for (const kind of SIDE_INPUTS) {
      const file = inputs[kind];
      if (file) await uploadRecordingsObject(cloud.topology, `${prefix}${sideInputFileName(kind, file)}`, { file });
    }
    const uploaded = performance.now();
    await uploadRecordingsObject(cloud.topology, `${prefix}${recordingFileName(inputs.recording)}`, { file: inputs.recording });
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
    let deadLetters = 0;
    for (const stage of STAGES) deadLetters += (await cloud.deadLetters(stage)).length;
    process.stdout.write(`\ndead letters: ${deadLetters}\n`);
    if (status.state !== 'succeeded') process.exitCode = 1;
  } finally {
    await cloud.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
