/**
 * Scores the clips a real `postshow run` cut against a labelled show: the end-to-end check of what the eval harness
 * measures on the detector alone (issue 18's "all nine moments clipped with default options").
 *
 *   npm run gen:labelled -- --out .eval/heldout-media --set confounders --seed 2 --count 2 --max-minutes 30 --media
 *   npx postshow run .eval/heldout-media/c01-en-30m/recording.mp4 --captions .../captions.srt --chat .../chat.jsonl \
 *       --metrics .../metrics.csv --products .../products.json --out .eval/heldout-run
 *   npm run eval:run -- .eval/heldout-media/c01-en-30m .eval/heldout-run/shows/<show id>
 *
 * Prints every labelled moment with the clip that covers it (its first 11 s inside one clip of at most 45 s) or the
 * nearest one, every confounder a clip lands on, and the scores at K = the moments. Reads the run's catalog.json (the
 * clips as cut, with their files), not its highlights, so a clip that failed to render counts as missing.
 * Exit codes: 0 ok, 1 a clip file listed in the catalog is missing, 2 bad input.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import { InputError, reasonOf } from '../shared/core/errors.js';
import { coversOpening, parseLabels, scoreAtMoments, scoreShow } from '../shared/core/evaluation/index.js';
import { catalogFileSchema } from '../shared/pipeline/artifacts.js';
import { decoysOf, parsed, truthFileSchema } from './highlightEval/loadLabelledShow.js';
import { renderTextTable } from './textTable.js';

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new InputError(`${file}: ${reasonOf(error)}`, { cause: error });
  }
}

const clock = (t: number) => `${Math.floor(t / 60)}:${(t % 60).toFixed(1).padStart(4, '0')}`;
const span = (r: { start: number; end: number }) => `${clock(r.start)}-${clock(r.end)}`;

async function main(labelledDir: string, runShowDir: string): Promise<number> {
  const labels = parseLabels(await readJson(path.join(labelledDir, 'labels.json')), path.basename(labelledDir));
  const truthFile = path.join(labelledDir, 'truth.json');
  const truth = existsSync(truthFile) ? parsed(truthFileSchema, await readJson(truthFile), truthFile) : undefined;
  const decoys = decoysOf(truth);
  const catalogFile = path.join(runShowDir, 'catalog.json');
  const catalog = parsed(catalogFileSchema, await readJson(catalogFile), catalogFile);
  const clips = [...catalog.entries].sort((a, b) => a.rank - b.rank);

  // Catalog file paths are relative to the run's output folder (two levels above shows/<id>).
  const outDir = path.resolve(runShowDir, '..', '..');
  const missingFiles = clips.flatMap((c) => c.variants.map((v) => v.file)).filter((file) => !existsSync(path.join(outDir, file)));

  const score = scoreShow(clips, labels);
  const atK = scoreAtMoments(clips, labels, score.matches, decoys);
  const momentRows = labels.map((label, i) => {
    const covering = clips.find((c) => coversOpening(c, label));
    const matched = clips[score.matches.indexOf(i)];
    const clip = covering ?? matched;
    return [
      String(i + 1),
      label.kind ?? '',
      span(label),
      clip ? `#${clip.rank} ${span(clip)} (${clip.duration.toFixed(0)} s)` : 'none',
      covering ? 'covered' : matched ? 'found, opening not held' : 'missed',
      clip?.title ?? '',
    ];
  });
  console.log(renderTextTable(['#', 'kind', 'moment', 'clip', 'opening', 'title'], momentRows));
  const onDecoys = clips.slice(0, labels.length).flatMap((clip) =>
    [...decoys.confounders, ...decoys.distractors]
      .filter((d) => Math.min(clip.end, d.end) - Math.max(clip.start, d.start) >= 1)
      .map((d) => `#${clip.rank} ${span(clip)} on ${d.kind} ${span(d)}`),
  );
  console.log(onDecoys.length > 0 ? `top-${labels.length} clips on decoys:\n  ${onDecoys.join('\n  ')}` : `no clip of the top ${labels.length} lands on a distractor or a confounder`);
  console.log(
    `clips ${clips.length}, K ${atK.k}, p@K ${atK.precisionAtK.toFixed(2)}, recall ${score.recall.toFixed(2)}, covered ${atK.covered}/${atK.k}, ` +
      `confounders@K ${atK.confoundersInTopK.total}, distractors@K ${atK.distractorsInTopK.total}, longest clip ${Math.max(0, ...clips.map((c) => c.duration)).toFixed(1)} s`,
  );
  if (missingFiles.length > 0) {
    console.error(`missing clip files: ${missingFiles.join(', ')}`);
    return 1;
  }
  return 0;
}

new Command('eval:run')
  .description("Score a postshow run's clips against a labelled show (labels.json, truth.json).")
  .argument('<labelled show>', 'folder with labels.json (and truth.json)')
  .argument('<run show>', 'the run\'s show folder: <out>/shows/<show id>')
  .action(async (labelledDir: string, runShowDir: string) => {
    process.exitCode = await main(labelledDir, runShowDir);
  })
  .parseAsync()
  .catch((error: unknown) => {
    console.error(`eval:run: ${reasonOf(error)}`);
    process.exitCode = error instanceof InputError ? 2 : 1;
  });
