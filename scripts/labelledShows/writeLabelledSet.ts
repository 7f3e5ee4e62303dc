/**
 * Writes a labelled set: one sub-directory per show with show.json, labels.json, signals.json, captions.srt,
 * chat.jsonl, metrics.csv, products.json and truth.json. Options are validated here (the edge); planning and
 * rendering are pure, so the same options give byte-identical files. With `media`, each show gets a rendered
 * `recording.mp4` instead of signals.json (kept as signals.planned.json, which the evaluation does not read).
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { InputError } from '../../shared/core/errors.js';
import type { Language } from '../../shared/core/types.js';
import {
  CONFOUNDER_SET_DEFAULTS,
  MIN_CONFOUNDER_SHOW_MINUTES,
  planConfounderSetShows,
  planSetShows,
  planShow,
  type LabelledSetOptions,
} from './planShow.js';
import { renderRecording, type RecordingReport } from './renderRecording.js';
import { LABELLED_SHOW_FILES, renderShowFiles } from './renderSignals.js';

/** Where a `--media` set keeps the planned signals, for reference: a name the evaluation never reads. */
export const PLANNED_SIGNALS_FILE = 'signals.planned.json';

/** Options of {@link generateLabelledSet}; everything but `outDir` has a default. */
export interface GenerateLabelledSetOptions extends Partial<LabelledSetOptions> {
  readonly outDir: string;
  /** Render each show as `recording.mp4` instead of writing signals.json. @default false */
  readonly media?: boolean;
}

/** One generated show, as the CLI prints it. */
export interface GeneratedShowSummary {
  readonly id: string;
  readonly dir: string;
  readonly language: Language;
  readonly durationSeconds: number;
  readonly chatRate: number;
  readonly baseLufs: number;
  readonly audience: number;
  readonly moments: number;
  readonly distractors: number;
  /** Distractors planned before a short show ran out of room. */
  readonly distractorsWanted: number;
  readonly confounders: number;
  /** With `media`: what the render did and how long it took, seconds. */
  readonly recording?: RecordingReport & { readonly wallSeconds: number };
}

/** What {@link generateLabelledSet} wrote. */
export interface GeneratedSetSummary {
  readonly outDir: string;
  readonly options: LabelledSetOptions;
  readonly shows: readonly GeneratedShowSummary[];
}

/** Schema of the set options, with the documented defaults. */
export const labelledSetOptionsSchema = z
  .object({
    outDir: z.string().min(1),
    count: z.number().int().min(1).max(1000).default(20),
    seed: z.number().int().min(0).max(0xffffffff).default(1),
    // 4 minutes is the shortest show that holds the minimum of 5 labelled moments.
    minMinutes: z.number().min(4).max(600).default(5),
    maxMinutes: z.number().min(4).max(600).default(120),
    languages: z.array(z.enum(['en', 'zh'])).min(1).default(['en', 'zh']),
    set: z.enum(['default', 'confounders']).default('default'),
  })
  .refine((o) => o.minMinutes <= o.maxMinutes, { message: 'minMinutes must not exceed maxMinutes', path: ['minMinutes'] })
  .refine((o) => o.set !== 'confounders' || o.minMinutes >= MIN_CONFOUNDER_SHOW_MINUTES, {
    message: `confounder shows need at least ${MIN_CONFOUNDER_SHOW_MINUTES} minutes`,
    path: ['minMinutes'],
  });

/**
 * Validates set options and fills in the defaults: the confounder set has its own count and lengths
 * ({@link CONFOUNDER_SET_DEFAULTS}), which options given explicitly override. @throws InputError naming the bad field.
 */
export function resolveLabelledSetOptions(options: unknown): LabelledSetOptions & { outDir: string } {
  const given = typeof options === 'object' && options !== null ? Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) : options;
  const withSetDefaults =
    typeof given === 'object' && given !== null && (given as { set?: unknown }).set === 'confounders' ? { ...CONFOUNDER_SET_DEFAULTS, ...given } : given;
  const result = labelledSetOptionsSchema.safeParse(withSetDefaults);
  if (result.success) return result.data;
  const reasons = result.error.issues.map((issue) => `${issue.path.join('.') || '(options)'}: ${issue.message}`).join('; ');
  throw new InputError(`invalid labelled-set options: ${reasons}`, { cause: result.error });
}

/**
 * Generates a labelled set into `outDir` (created if needed). Each show directory is replaced as a whole; other
 * entries of `outDir` (e.g. shows of an earlier, larger run) are left alone.
 */
export async function generateLabelledSet(options: GenerateLabelledSetOptions): Promise<GeneratedSetSummary> {
  const resolved = resolveLabelledSetOptions(options);
  const { outDir, ...setOptions } = resolved;
  await mkdir(outDir, { recursive: true });
  const shows: GeneratedShowSummary[] = [];
  const confounderSet = setOptions.set === 'confounders';
  for (const { options: showOptions, seed } of confounderSet ? planConfounderSetShows(setOptions) : planSetShows(setOptions)) {
    const plan = planShow(showOptions, seed);
    const files = renderShowFiles(plan, {
      setSeed: setOptions.seed,
      momentKindOffset: showOptions.momentKindOffset ?? 0,
      distractorKindOffset: showOptions.distractorKindOffset ?? 0,
      // Only the confounder set names itself, so the default set's files stay as they were.
      ...(confounderSet ? { set: 'confounders' } : {}),
    });
    const dir = join(outDir, plan.id);
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    let recording: GeneratedShowSummary['recording'];
    if (options.media === true) {
      for (const name of LABELLED_SHOW_FILES) await writeFile(join(dir, name === 'signals.json' ? PLANNED_SIGNALS_FILE : name), files[name]);
      const started = performance.now();
      const report = await renderRecording(plan, join(dir, 'recording.mp4'));
      recording = { ...report, wallSeconds: (performance.now() - started) / 1000 };
    } else {
      for (const name of LABELLED_SHOW_FILES) await writeFile(join(dir, name), files[name]);
    }
    shows.push({
      id: plan.id,
      dir,
      language: plan.language,
      durationSeconds: plan.duration,
      chatRate: plan.chatRate,
      baseLufs: plan.baseLufs,
      audience: plan.audience,
      moments: plan.moments.length,
      distractors: plan.distractors.length,
      distractorsWanted: plan.distractorsWanted,
      confounders: plan.confounders.length,
      ...(recording === undefined ? {} : { recording }),
    });
  }
  return { outDir, options: setOptions, shows };
}
