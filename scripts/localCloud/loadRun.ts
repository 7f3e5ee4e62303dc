/**
 * Many shows at once on the simulated cloud: every show's inputs uploaded together (the recording last,
 * its notification starting the run), then the whole backlog drained. Reports what a load test must know:
 * did every show succeed, did anything reach a dead-letter queue, how many invocations of each stage ran
 * at once against the stage's cap, and how long the shows took. Used by `npm run simulate:cloud -- --shows N`
 * and by test/integration/cloudLoad.test.ts.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseShowId, recordingPrefix, type ShowId } from '../../shared/core/keys.js';
import { parseJobOptions, type JobOptions } from '../../shared/pipeline/manifest.js';
import { STAGES, type StageName } from '../../shared/pipeline/messages.js';
import type { ShowStatus } from '../../shared/pipeline/status.js';
import { recordingFileName, sideInputFileName, type SideInputKind } from '../../shared/pipeline/sideInputs.js';
import { renderTextTable } from '../textTable.js';
import type { Invocation } from './eventSourceMapping.js';
import { LOCAL_MAPPING, type LocalCloud } from './localCloud.js';
import { uploadRecordingsObject } from './s3Notifications.js';

export interface LoadShowInputs {
  readonly recording: string;
  readonly sideInputs: Partial<Record<SideInputKind, string>>;
  readonly options?: Partial<Omit<JobOptions, 'sourceName'>>;
}

export interface StageLoad {
  readonly stage: StageName;
  readonly invocations: number;
  readonly failedInvocations: number;
  /** Most invocations of the stage running at the same moment. */
  readonly peakConcurrency: number;
  /** The event source mapping's cap the stage ran under. */
  readonly cap: number;
  readonly handlerSeconds: number;
}

export interface LoadReport {
  readonly shows: readonly { readonly showId: ShowId; readonly state: ShowStatus['state']; readonly seconds: number; readonly error?: string }[];
  readonly stages: readonly StageLoad[];
  readonly deadLetters: number;
  /** From the first upload to the last show settled. */
  readonly wallSeconds: number;
}

/** Uploads `count` shows of the same inputs at once (ids `{prefix}-01`...), waits for all, and measures. */
export async function runLoad(cloud: LocalCloud, inputs: LoadShowInputs, count: number, options: { prefix?: string; timeoutMs?: number } = {}): Promise<LoadReport> {
  const showIds = Array.from({ length: count }, (_, index) => parseShowId(`${options.prefix ?? 'load'}-${String(index + 1).padStart(2, '0')}`));
  const before = cloud.mappings.invocations.length;
  const started = performance.now();
  const finishedAt = new Map<ShowId, number>();
  await Promise.all(showIds.map((showId) => uploadShow(cloud, showId, inputs)));
  // Each show's time is when its own status turned final, not when the whole backlog drained.
  const deadline = started + (options.timeoutMs ?? 600_000);
  while (finishedAt.size < showIds.length && performance.now() < deadline) {
    for (const showId of showIds) {
      if (finishedAt.has(showId)) continue;
      const state = (await cloud.status(showId))?.state;
      if (state !== undefined && state !== 'running') finishedAt.set(showId, performance.now());
    }
    await sleep(250);
  }
  const statuses: ShowStatus[] = [];
  for (const showId of showIds) statuses.push(await cloud.settle(showId, Math.max(1000, deadline - performance.now())));
  const wallSeconds = (performance.now() - started) / 1000;
  const invocations = cloud.mappings.invocations.slice(before).filter((invocation) => invocation.records > 0);
  let deadLetters = 0;
  for (const stage of STAGES) deadLetters += (await cloud.deadLetters(stage)).length;
  return {
    shows: showIds.map((showId, index) => {
      const status = statuses[index] as ShowStatus;
      return {
        showId,
        state: status.state,
        seconds: ((finishedAt.get(showId) ?? started) - started) / 1000,
        ...(status.error ? { error: `${status.error.stage}: ${status.error.reason}` } : {}),
      };
    }),
    stages: STAGES.map((stage) => stageLoad(stage, invocations.filter((invocation) => invocation.stage === stage))),
    deadLetters,
    wallSeconds,
  };
}

async function uploadShow(cloud: LocalCloud, showId: ShowId, inputs: LoadShowInputs): Promise<void> {
  await uploadBeforeRecording(cloud, showId, inputs);
  await uploadRecording(cloud, showId, inputs.recording);
}

/** job.json and the side inputs: uploaded before the recording, whose notification starts the run (docs/deploy.md). */
export async function uploadBeforeRecording(cloud: LocalCloud, showId: ShowId, inputs: Omit<LoadShowInputs, 'recording'>): Promise<void> {
  const prefix = recordingPrefix(showId);
  await uploadRecordingsObject(cloud.topology, `${prefix}job.json`, { body: JSON.stringify(parseJobOptions({ ...inputs.options })) });
  for (const [kind, file] of Object.entries(inputs.sideInputs) as [SideInputKind, string | undefined][]) {
    if (file) await uploadRecordingsObject(cloud.topology, `${prefix}${sideInputFileName(kind, file)}`, { file });
  }
}

export async function uploadRecording(cloud: LocalCloud, showId: ShowId, recording: string): Promise<void> {
  await uploadRecordingsObject(cloud.topology, `${recordingPrefix(showId)}${recordingFileName(recording)}`, { file: recording });
}

function stageLoad(stage: StageName, invocations: readonly Invocation[]): StageLoad {
  return {
    stage,
    invocations: invocations.length,
    failedInvocations: invocations.filter((invocation) => invocation.failures > 0 || invocation.threw).length,
    peakConcurrency: peakOverlap(invocations),
    cap: LOCAL_MAPPING[stage].concurrency,
    handlerSeconds: invocations.reduce((total, invocation) => total + invocation.ms, 0) / 1000,
  };
}

/** Most intervals open at one instant (an end at the same instant as a start does not overlap it). */
export function peakOverlap(invocations: readonly Pick<Invocation, 'startedMs' | 'ms'>[]): number {
  const edges = invocations.flatMap((invocation) => [
    { at: invocation.startedMs, delta: 1 },
    { at: invocation.startedMs + invocation.ms, delta: -1 },
  ]);
  edges.sort((a, b) => a.at - b.at || a.delta - b.delta);
  let open = 0;
  let peak = 0;
  for (const edge of edges) {
    open += edge.delta;
    peak = Math.max(peak, open);
  }
  return peak;
}

export function formatLoadReport(report: LoadReport): string {
  const seconds = report.shows.map((show) => show.seconds).sort((a, b) => a - b);
  const at = (fraction: number) => seconds[Math.min(seconds.length - 1, Math.floor(fraction * seconds.length))] ?? 0;
  const succeeded = report.shows.filter((show) => show.state === 'succeeded').length;
  const table = renderTextTable(
    ['stage', 'invocations', 'failed', 'peak at once', 'cap', 'handler s'],
    report.stages.map((stage) => [stage.stage, String(stage.invocations), String(stage.failedInvocations), String(stage.peakConcurrency), String(stage.cap), stage.handlerSeconds.toFixed(1)]),
  );
  const failures = report.shows.filter((show) => show.state !== 'succeeded').map((show) => `  ${show.showId}: ${show.state}${show.error ? ` (${show.error})` : ''}`);
  return [
    `${report.shows.length} shows at once: ${succeeded} succeeded in ${report.wallSeconds.toFixed(1)} s wall; per show median ${at(0.5).toFixed(1)} s, p90 ${at(0.9).toFixed(1)} s, slowest ${at(1).toFixed(1)} s; dead letters ${report.deadLetters}`,
    table,
    ...failures,
  ].join('\n');
}
