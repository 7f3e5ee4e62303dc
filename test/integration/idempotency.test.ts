/**
 * At-least-once delivery made visible: every message delivered twice, and the same show run again,
 * must give the same outputs with no duplicate clips.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SampleShow } from '../../scripts/sampleShow.js';
import { FsStorage } from '../../shared/adapters/storage/fsStorage.js';
import { showKeys } from '../../shared/core/keys.js';
import { claimFanIn } from '../../shared/pipeline/claims.js';
import { makeWorkspace, runShow, sampleShow } from '../helpers/pipelineFixture.js';

describe('idempotency under at-least-once delivery', () => {
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  let sample: SampleShow;

  beforeAll(async () => {
    workspace = await makeWorkspace();
    sample = await sampleShow('idempotency-en', { minutes: 1.5, language: 'en', seed: 11, width: 320, height: 180 });
  });
  afterAll(() => workspace?.cleanup());

  const submission = () => ({
    recordingPath: sample.recording,
    sideInputs: { chat: sample.chat, metrics: sample.metrics, products: sample.products, captions: sample.captions },
    options: { maxClips: 2, minClipSeconds: 8, maxClipSeconds: 16 },
  });

  /** Outputs with run ids and timings removed: what must be identical between runs. */
  async function outputsOf(run: Awaited<ReturnType<typeof runShow>>) {
    const keys = showKeys(run.showId);
    const strip = ({ runId: _runId, ...rest }: Record<string, unknown>) => rest;
    return {
      highlights: strip(await run.readJson(keys.highlights)),
      catalog: strip(await run.readJson(keys.catalog)),
      topics: await run.readJson(keys.topics),
      transcript: await run.readJson(keys.transcript),
      analysis: await run.readJson(keys.analysis),
      clipFolders: [...new Set((await run.pipeline.storage.list(keys.clipsPrefix)).map((key) => key.split('/')[3]))].sort(),
    };
  }

  it('gives identical outputs when every message is delivered twice, and when the show is run again', async () => {
    const dir = path.join(workspace.dir, 'ws');
    const once = await runShow(dir, submission());
    expect(once.status.state).toBe('succeeded');
    const first = await outputsOf(once);
    expect((first.highlights.highlights as unknown[]).length).toBeGreaterThan(0);

    const twice = await runShow(dir, submission(), { deliverTwice: true });
    expect(twice.showId).toBe(once.showId);
    expect(twice.status.state).toBe('succeeded');
    expect(twice.deadLetters).toEqual([]);
    const second = await outputsOf(twice);
    expect(second).toEqual(first);

    const entries = second.catalog.entries as { clipId: string }[];
    expect(new Set(entries.map((entry) => entry.clipId)).size).toBe(entries.length);
    expect(second.clipFolders).toHaveLength(entries.length);
    // Fan-in ran exactly once per run: one analyze and one suggest, however often messages arrived.
    expect(twice.status.stages.analyze.items).toBe(1);
    expect(twice.status.stages.suggest.items).toBe(1);
  });
});

describe('claimFanIn', () => {
  it('lets exactly one owner through, and lets that owner through again on redelivery', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'postshow-claims-'));
    try {
      const storage = new FsStorage(dir);
      const key = 'shows/s1/claims/r1234/transcript';
      const results = await Promise.all(['chunk-0', 'chunk-1', 'chunk-2', 'chunk-3'].map((owner) => claimFanIn(storage, key, owner)));
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = ['chunk-0', 'chunk-1', 'chunk-2', 'chunk-3'][results.indexOf(true)] as string;
      expect(await claimFanIn(storage, key, winner)).toBe(true);
      expect(await claimFanIn(storage, key, winner === 'chunk-0' ? 'chunk-1' : 'chunk-0')).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
