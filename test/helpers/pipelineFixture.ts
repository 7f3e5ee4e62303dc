/** Builds a throwaway workspace with the real local pipeline (real ffmpeg, filesystem store, in-process queue). */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createLocalPipeline, type LocalPipelineOptions } from '../../cli/localPipeline.js';
import { submitShow, type ShowSubmission } from '../../shared/adapters/local/submitShow.js';
import { FfmpegMedia } from '../../shared/adapters/media/ffmpegMedia.js';
import { generateSampleShow, type SampleShow, type SampleShowOptions } from '../../scripts/sampleShow.js';

/** Clip encodes dominate test time; ultrafast keeps them short without changing what is checked. */
export const testMedia = () => new FfmpegMedia({ x264Preset: 'ultrafast' });

export async function makeWorkspace(prefix = 'postshow-test-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export async function runShow(
  workspace: string,
  submission: ShowSubmission,
  options: Partial<LocalPipelineOptions> = {},
) {
  const pipeline = createLocalPipeline({ workspace, media: testMedia(), backoffMs: 10, ...options });
  const { showId, message } = await submitShow(pipeline.storage, submission);
  const result = await pipeline.run(message);
  const readJson = async <T = any>(key: string): Promise<T> => JSON.parse(await readFile(pipeline.storage.pathOf(key), 'utf8')) as T;
  return { pipeline, showId, ...result, readJson, pathOf: (key: string) => pipeline.storage.pathOf(key) };
}

/** A generated sample show, cached per name under the OS temp dir (the generator skips work when params match). */
export function sampleShow(name: string, options: Omit<SampleShowOptions, 'outDir'>): Promise<SampleShow> {
  return generateSampleShow({ outDir: path.join(os.tmpdir(), 'postshow-test-samples', name), ...options });
}

/** True when a highlight covers the planted window's centre or half of the window. */
export function covers(highlight: { start: number; end: number }, planted: { start: number; end: number }): boolean {
  const centre = (planted.start + planted.end) / 2;
  const overlap = Math.max(0, Math.min(highlight.end, planted.end) - Math.max(highlight.start, planted.start));
  return (highlight.start <= centre && centre <= highlight.end) || overlap >= (planted.end - planted.start) / 2;
}
