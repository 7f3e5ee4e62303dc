/**
 * Load on the simulated cloud: 20 short shows uploaded at once. Every show succeeds, nothing is lost or
 * dead-lettered, and no stage runs more invocations at once than its event source mapping's cap. The
 * timings are printed (they are measurements, not assertions).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalCloud, type LocalCloud } from '../../scripts/localCloud/localCloud.js';
import { formatLoadReport, peakOverlap, runLoad, type LoadReport } from '../../scripts/localCloud/loadRun.js';
import type { SampleShow } from '../../scripts/sampleShow.js';
import { sampleShow } from '../helpers/pipelineFixture.js';

const SHOWS = 20;

describe(`${SHOWS} shows at once on the simulated cloud`, () => {
  let cloud: LocalCloud;
  let sample: SampleShow;
  let report: LoadReport;

  beforeAll(async () => {
    process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
    sample = await sampleShow('load-en', { minutes: 0.7, language: 'en', seed: 8, width: 160, height: 90 });
    // Visibility shorter than a busy clip render: the mapping must keep running records invisible.
    cloud = await startLocalCloud({ visibilityTimeoutSeconds: 3, extraEnv: { POSTSHOW_X264_PRESET: 'ultrafast' } });
    report = await runLoad(
      cloud,
      {
        recording: sample.recording,
        sideInputs: { chat: sample.chat, metrics: sample.metrics, products: sample.products, captions: sample.captions },
        options: { maxClips: 1, minClipSeconds: 8, maxClipSeconds: 12, aspects: ['9:16'] },
      },
      SHOWS,
      { timeoutMs: 600_000 },
    );
    process.stdout.write(`${formatLoadReport(report)}\n`);
  }, 660_000);
  afterAll(() => cloud?.close());

  it('finishes every show, with nothing in a dead-letter queue', () => {
    expect(report.shows.filter((show) => show.state !== 'succeeded')).toEqual([]);
    expect(report.deadLetters).toBe(0);
    // No record failed and came back: a busy stage's records were never delivered twice at once.
    expect(report.stages.filter((stage) => stage.failedInvocations > 0)).toEqual([]);
  });

  it("never runs a stage above its cap, and fills the cap of the stages with a backlog", () => {
    for (const stage of report.stages) expect(stage.peakConcurrency, stage.stage).toBeLessThanOrEqual(stage.cap);
    expect(report.stages.find((stage) => stage.stage === 'ingest')?.peakConcurrency).toBe(2);
  });

  it('counts overlapping invocations exactly', () => {
    expect(peakOverlap([])).toBe(0);
    expect(peakOverlap([{ startedMs: 0, ms: 10 }, { startedMs: 10, ms: 5 }])).toBe(1);
    expect(peakOverlap([{ startedMs: 0, ms: 10 }, { startedMs: 2, ms: 5 }, { startedMs: 3, ms: 1 }, { startedMs: 9, ms: 4 }])).toBe(3);
  });
});
