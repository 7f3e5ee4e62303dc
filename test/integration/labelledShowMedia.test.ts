/**
 * `gen:labelled --media`: an 8-minute confounder show (the shortest that holds every confounder, a music break
 * among them) rendered as recording.mp4 and measured with the pipeline's own media adapter, as the evaluation
 * measures it: the speech is where the cues are and at the planned level, pauses read as silence, the music
 * break is loud with nobody speaking, and every planned cut is found.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FfmpegMedia } from '../../shared/adapters/media/ffmpegMedia.js';
import type { TimeRange } from '../../shared/core/types.js';
import { evaluateShows } from '../../scripts/highlightEval/evaluateShows.js';
import { loadLabelledShow, type LabelledShow } from '../../scripts/highlightEval/loadLabelledShow.js';
import { planConfounderSetShows, planShow, type ShowPlan } from '../../scripts/labelledShows/planShow.js';
import { generateLabelledSet, PLANNED_SIGNALS_FILE, resolveLabelledSetOptions, type GeneratedShowSummary } from '../../scripts/labelledShows/writeLabelledSet.js';

const SET = { set: 'confounders', count: 1, seed: 1, minMinutes: 8, maxMinutes: 8, languages: ['en'] } as const;
const FPS = 15;

/** Energy mean of the measured per-second loudness over the whole seconds inside [start, end], LUFS. */
function meanLoudness(loudness: readonly number[], start: number, end: number): number {
  const seconds = loudness.slice(Math.ceil(start), Math.floor(end));
  return 10 * Math.log10(seconds.reduce((sum, l) => sum + 10 ** (l / 10), 0) / Math.max(1, seconds.length));
}

const overlap = (a: TimeRange, b: TimeRange) => Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));

describe('labelled show rendered as a recording (--media)', () => {
  let outDir: string;
  let summary: GeneratedShowSummary;
  let plan: ShowPlan;
  let show: LabelledShow;
  const media = new FfmpegMedia();

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'labelled-media-'));
    const generated = await generateLabelledSet({ outDir, ...SET, languages: [...SET.languages], media: true });
    summary = generated.shows[0]!;
    const { outDir: _, ...options } = resolveLabelledSetOptions({ outDir, ...SET, languages: [...SET.languages] });
    const planned = planConfounderSetShows(options)[0]!;
    plan = planShow(planned.options, planned.seed);
    show = await loadLabelledShow(summary.dir, { media });
  });

  afterAll(async () => {
    await rm(outDir, { recursive: true, force: true });
  });

  it('writes a recording in place of signals.json, and the evaluation measures it', async () => {
    expect(existsSync(join(summary.dir, 'recording.mp4'))).toBe(true);
    expect(existsSync(join(summary.dir, 'signals.json'))).toBe(false);
    expect(existsSync(join(summary.dir, PLANNED_SIGNALS_FILE))).toBe(true);
    expect(show.measuredFrom).toBe('recording');
    expect(show.transcriptFrom).toBe('captions');

    const info = await media.probe(join(summary.dir, 'recording.mp4'), 'recording.mp4');
    expect(info.duration).toBeCloseTo(plan.duration, 0);
    expect(info.audio?.codec).toBe('aac');
    expect(info.video).toMatchObject({ codec: 'h264', width: 640, height: 360, fps: FPS });
    expect(show.evidence.duration).toBeGreaterThan(plan.duration - 0.5);
  });

  it('measured from the recording, the detector clips every moment on its opening and no confounder', () => {
    const [result] = evaluateShows([show]).shows;
    expect(result?.score.recall).toBe(1);
    expect(result?.atMoments.confoundersInTopK.total).toBe(0);
    expect(result?.atMoments.covered).toBe(result?.atMoments.k);
  });

  it('speaks every cue where it is, at the planned speech level, and the pauses read as silence', async () => {
    const { loudness, silences } = show.evidence.audio;
    const quiet = plan.cues.filter(
      (cue) => cue.end - cue.start >= 2.5 && cue.style === 'routine' && !plan.loudEvents.some((e) => overlap(e, cue) > 0),
    );
    expect(quiet.length).toBeGreaterThan(20);
    const levels = quiet.map((cue) => meanLoudness(loudness, cue.start + 0.3, cue.end - 0.3)).sort((a, b) => a - b);
    const median = levels[Math.floor(levels.length / 2)]!;
    expect(Math.abs(median - plan.baseLufs)).toBeLessThan(2);
    expect(levels[0]!).toBeGreaterThan(plan.baseLufs - 8);

    // The planned silences (pauses of 2 s or more) are found by silencedetect at the pipeline's settings, and read far below speech.
    const planned = (JSON.parse(await readFile(join(summary.dir, PLANNED_SIGNALS_FILE), 'utf8')) as { silences: TimeRange[] }).silences;
    expect(planned.length).toBeGreaterThan(5);
    for (const pause of planned) {
      const found = silences.reduce((sum, s) => sum + overlap(s, pause), 0);
      expect(found / (pause.end - pause.start), `pause ${pause.start}-${pause.end}`).toBeGreaterThan(0.75);
    }
    const gaps = planned.filter((p) => p.end - p.start >= 3).map((p) => meanLoudness(loudness, p.start + 0.5, p.end - 0.5));
    expect(Math.max(...gaps)).toBeLessThan(Math.min(median - 30, -55));
    // No silence is detected in the middle of a cue.
    for (const cue of quiet) {
      const inside = silences.filter((s) => overlap(s, { start: cue.start + 0.5, end: cue.end - 0.5 }) > 0.5);
      expect(inside, `${JSON.stringify(cue)}`).toEqual([]);
    }
  });

  it('plays loud music with no caption and no silence through the break', () => {
    const musicBreak = plan.confounders.find((c) => c.kind === 'music-break');
    expect(musicBreak).toBeDefined();
    const span = { start: musicBreak!.effects['musicStart']!, end: musicBreak!.end };
    expect(plan.cues.some((cue) => overlap(cue, span) > 0)).toBe(false);
    const { loudness, silences } = show.evidence.audio;
    const level = meanLoudness(loudness, span.start + 1, span.end - 1);
    expect(Math.abs(level - (plan.baseLufs + musicBreak!.effects['loudnessLu']!))).toBeLessThan(1.5);
    expect(silences.some((s) => overlap(s, span) > 0.5)).toBe(false);
  });

  it('cuts the picture at every planned scene change and nowhere else', () => {
    const detected = show.evidence.sceneChanges;
    expect(detected).toHaveLength(plan.sceneChanges.length);
    for (const cut of plan.sceneChanges) expect(detected.some((t) => t >= cut - 1e-3 && t - cut <= 1 / FPS + 1e-3), `cut at ${cut}`).toBe(true);
  });
});
