/**
 * A Chinese show with platform captions and a custom compliance rule file: Chinese captions are
 * burned with a CJK font, keywords are segmented words (not characters), and the rule file's
 * flags reach the clip and the catalog.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SampleShow } from '../../scripts/sampleShow.js';
import { filterCatalog } from '../../shared/core/catalog/index.js';
import { showKeys } from '../../shared/core/keys.js';
import { extractFrame, variantFile, whiteShareInBand } from '../helpers/frames.js';
import { covers, makeWorkspace, runShow, sampleShow } from '../helpers/pipelineFixture.js';

describe('Chinese show with captions and a custom compliance rule file', () => {
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  let sample: SampleShow;
  let run: Awaited<ReturnType<typeof runShow>>;

  beforeAll(async () => {
    workspace = await makeWorkspace();
    sample = await sampleShow('captions-zh', { minutes: 1, language: 'zh', seed: 3, width: 320, height: 180 });
    const rules = path.join(workspace.dir, 'rules.json');
    // The host's countdown "冲" is treated as a blocked pressure-selling phrase by this shop's own rules.
    await writeFile(rules, JSON.stringify({
      includeDefaults: true,
      rules: [{ id: 'shop-pressure', language: 'zh', pattern: '只剩\\d*[五十百千]*单', severity: 'block', rule: 'scarcity pressure (shop policy)' }],
    }));
    run = await runShow(path.join(workspace.dir, 'ws'), {
      recordingPath: sample.recording,
      sideInputs: { chat: sample.chat, metrics: sample.metrics, products: sample.products, captions: sample.captions, rules },
      options: { maxClips: 2, minClipSeconds: 8, maxClipSeconds: 20 },
    });
  });
  afterAll(() => workspace?.cleanup());

  it('processes the show in Chinese from its captions', async () => {
    expect(run.status.state).toBe('succeeded');
    const manifest = await run.readJson(showKeys(run.showId).manifest);
    expect(manifest).toMatchObject({ language: 'zh', languageSource: 'captions', transcriptionSource: 'captions' });
    expect(manifest.inputs.rules.report.accepted).toBeGreaterThan(1);
    const { highlights } = await run.readJson(showKeys(run.showId).highlights);
    for (const planted of sample.planted) expect(highlights.some((h: { start: number; end: number }) => covers(h, planted))).toBe(true);
  });

  it('burns the Chinese captions into the vertical clip and titles it in Chinese', async () => {
    const { highlights } = await run.readJson(showKeys(run.showId).highlights);
    const meta = await run.readJson(showKeys(run.showId).clipMeta(highlights[0].id));
    expect(meta.title).toMatch(/\p{Script=Han}/u);
    expect(meta.hashtags.some((tag: string) => /^#\p{Script=Han}{2,}/u.test(tag))).toBe(true);
    const srt = await readFile(run.pathOf(meta.files.captions), 'utf8');
    const cue = /(\d\d):(\d\d):(\d\d),(\d\d\d) --> (\d\d):(\d\d):(\d\d),(\d\d\d)\n(.+)/.exec(srt);
    expect(cue?.[9]).toMatch(/\p{Script=Han}/u);
    const at = Number(cue?.[2]) * 60 + Number(cue?.[3]) + Number(cue?.[4]) / 1000 + 0.3;
    const frame = await extractFrame(run.pathOf(variantFile(meta, '9:16')), at, workspace.dir, 'zh-vertical');
    expect(await whiteShareInBand(frame, 0.7, 0.98)).toBeGreaterThan(0.002);
  });

  it('mines segmented Chinese words as topics', async () => {
    const evidence = await run.readJson(showKeys(run.showId).topicEvidence);
    const keyphrases = evidence.topics.filter((topic: { kind: string }) => topic.kind === 'keyphrase');
    expect(keyphrases.length).toBeGreaterThan(0);
    // jieba words, not single characters.
    expect(keyphrases.every((topic: { label: string }) => [...topic.label.replace(/\s/g, '')].length >= 2)).toBe(true);
  });

  it("applies the shop's rule file and lets marketers filter blocked clips out", async () => {
    const analysis = await run.readJson(showKeys(run.showId).analysis);
    const pressure = analysis.compliance.filter((flag: { rule: string }) => flag.rule === 'scarcity pressure (shop policy)');
    expect(pressure.length).toBeGreaterThan(0);
    expect(pressure[0].severity).toBe('block');
    const { entries } = await run.readJson(showKeys(run.showId).catalog);
    // Every clip that contains a flagged line carries the block status.
    const containing = entries.filter((entry: { start: number; end: number }) =>
      pressure.some((flag: { start: number; end: number }) => flag.start < entry.end && flag.end >= entry.start));
    expect(containing.length).toBeGreaterThan(0);
    for (const entry of containing) expect(entry.compliance.status).toBe('block');
    expect(filterCatalog(entries, { compliance: 'not-blocked' }).every((entry) => entry.compliance.status !== 'block')).toBe(true);
  });
});
