/**
 * Highlight evaluation harness: scores the detector against labelled shows.
 *
 *   npm run eval:highlights -- <set dir>                       # every sub-folder with a labels.json
 *   npm run eval:highlights -- <set dir> --json report.json --baseline previous.json
 *   npm run eval:highlights -- <set dir> --min-p5 0.8 --min-recall 0.7 --require-ablations
 *   npm run eval:highlights -- .eval/confounders --no-ablations --max-confounders-top-k 0 --min-coverage 0.88
 *
 * Prints per show and overall precision@3/5/10, recall, F1 and mean boundary error; the same at K = each show's
 * moments with opening coverage, lead-in and the distractors / confounders (truth.json) in the top K; the ablation table
 * (the fused detector, each signal removed, each signal alone); and sentiment accuracy on the labelled
 * short texts. Writes everything as JSON (default `<set dir>/eval-report.json`) so runs can be compared.
 * The labelled-show format is in docs/labelled-shows.md; `npm run gen:labelled` writes synthetic sets.
 *
 * Exit codes: 0 ok, 1 a gate (--min-p5, --min-recall, --require-ablations, --max-confounders-top-k, --min-coverage)
 * failed, 2 bad input.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError, Option } from 'commander';
import { PostshowError } from '../shared/core/errors.js';
import { DEFAULT_CHAT_LAG_SECONDS } from '../shared/core/chat/chatLag.js';
import { FfmpegMedia } from '../shared/adapters/media/ffmpegMedia.js';
import { PocketsphinxTranscriber } from '../shared/adapters/transcription/pocketsphinxTranscriber.js';
import { evaluateShows, type HighlightEvaluation } from './highlightEval/evaluateShows.js';
import { ablationsNotLower, formatAblationTable, formatMomentTable, formatShowTable } from './highlightEval/formatEvaluation.js';
import { listLabelledShows, loadLabelledShow, type LabelledShow } from './highlightEval/loadLabelledShow.js';
import { formatSentimentTable } from './sentimentEval/formatSentimentTable.js';
import { sentimentAccuracyReport } from './sentimentEval/labelledTexts.js';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

interface Options {
  readonly json?: string;
  readonly baseline?: string;
  readonly config?: string;
  readonly ablations: boolean;
  readonly chatLag: 'measured' | 'fixed';
  readonly chatDelay?: number;
  readonly minP5?: number;
  readonly minRecall?: number;
  readonly requireAblations?: boolean;
  readonly maxConfoundersTopK?: number;
  readonly minCoverage?: number;
}

const ratio = (value: string): number => {
  const parsed = Number(value);
  if (!(parsed >= 0 && parsed <= 1)) throw new InvalidArgumentError('expected a number from 0 to 1');
  return parsed;
};

const count = (value: string): number => {
  const parsed = Number(value);
  if (!(Number.isInteger(parsed) && parsed >= 0)) throw new InvalidArgumentError('expected a whole number, 0 or more');
  return parsed;
};

const seconds = (value: string): number => {
  const parsed = Number(value);
  if (!(parsed >= 0 && parsed <= 60)) throw new InvalidArgumentError('expected seconds from 0 to 60');
  return parsed;
};

async function main(argv: readonly string[]): Promise<number> {
  const program = new Command('eval:highlights')
    .description('Score the highlight detector against labelled shows (docs/labelled-shows.md).')
    .argument('<set>', 'folder of labelled shows (or one show folder)')
    .option('--json <file>', 'where to write the JSON report (default: <set>/eval-report.json)')
    .option('--baseline <file>', 'an earlier JSON report to compare the overall scores with')
    .option('--config <file>', 'partial highlight configuration (JSON) on top of the defaults')
    .option('--no-ablations', 'skip the ablation study')
    .option('--chat-delay <seconds>', 'delay every show\'s chat by this much first (player latency), to measure chat-lag calibration', seconds)
    .addOption(new Option('--chat-lag <mode>', `measured: calibrate each show's chat lag as the pipeline does; fixed: apply the default ${DEFAULT_CHAT_LAG_SECONDS} s to every show`).choices(['measured', 'fixed']).default('measured'))
    .option('--min-p5 <ratio>', 'exit 1 when overall precision@5 is below this', ratio)
    .option('--min-recall <ratio>', 'exit 1 when overall recall is below this', ratio)
    .option('--require-ablations', 'exit 1 unless every ablation variant scores a lower F1 than the fused detector')
    .option('--max-confounders-top-k <n>', 'exit 1 when any show has more than n confounders in its top K (K = its moments)', count)
    .option('--min-coverage <ratio>', "exit 1 when any show covers fewer than this share of its moments' first 11 s with a clip of at most 45 s", ratio)
    .showHelpAfterError();
  program.parse(argv, { from: 'user' });
  const setDir = path.resolve(program.args[0] ?? '.');
  const options = program.opts<Options>();

  const media = new FfmpegMedia();
  const tools = { media, transcriber: new PocketsphinxTranscriber(media) };
  const loadStarted = performance.now();
  const shows: LabelledShow[] = [];
  for (const dir of await listLabelledShows(setDir)) shows.push(await loadLabelledShow(dir, tools));
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  const config = options.config ? JSON.parse(await readFile(options.config, 'utf8')) : undefined;

  const started = performance.now();
  const evaluation = evaluateShows(shows, {
    config,
    ablations: options.ablations,
    chatLag: options.chatLag,
    ...(options.chatDelay === undefined ? {} : { chatDelaySeconds: options.chatDelay }),
  });
  const evaluateSeconds = (performance.now() - started) / 1000;
  const sentiment = await sentimentAccuracyReport(path.resolve(REPO_ROOT, '../shared'));

  const totalMinutes = evaluation.shows.reduce((sum, s) => sum + s.minutes, 0);
  const languages = ['en', 'zh'].map((l) => `${evaluation.shows.filter((s) => s.language === l).length} ${l}`).join(', ');
  console.log(`Highlight evaluation: ${shows.length} shows (${languages}), ${totalMinutes.toFixed(0)} min, ${evaluation.overall.labels} labelled moments`);
  console.log('A prediction is a hit when IoU >= 0.3 with an unclaimed label or it contains the label centre.\n');
  console.log(formatShowTable(evaluation));
  console.log('\nAt K = each show\'s labelled moments (covered: first 11 s inside one clip of at most 45 s; @K: top-K clips overlapping a truth.json span by 1 s or more):');
  console.log(formatMomentTable(evaluation));
  for (const show of shows) for (const note of show.notes) console.log(`note: ${show.name}: ${note}`);
  if (evaluation.ablations) {
    console.log('\nAblations (dF1: F1 minus the fused detector F1):');
    console.log(formatAblationTable(evaluation.ablations));
  }
  console.log('\nSentiment accuracy on labelled short texts:');
  console.log(formatSentimentTable(sentiment));
  const slowest = [...evaluation.shows].sort((a, b) => b.detectSeconds - a.detectSeconds)[0];
  if (slowest) {
    console.log(`\ndetector: slowest show ${slowest.name} (${slowest.minutes} min) in ${slowest.detectSeconds.toFixed(3)} s; loading ${loadSeconds.toFixed(1)} s, evaluation ${evaluateSeconds.toFixed(1)} s`);
  }

  if (options.baseline) await compareWithBaseline(options.baseline, evaluation);
  const jsonPath = path.resolve(options.json ?? path.join(setDir, 'eval-report.json'));
  await writeFile(jsonPath, `${JSON.stringify({ set: setDir, evaluation, sentiment }, null, 2)}\n`);
  console.log(`report: ${jsonPath}`);

  const failures: string[] = [];
  if (options.minP5 !== undefined && evaluation.overall.precisionAt[5] < options.minP5) {
    failures.push(`precision@5 ${evaluation.overall.precisionAt[5].toFixed(3)} < ${options.minP5}`);
  }
  if (options.minRecall !== undefined && evaluation.overall.recall < options.minRecall) {
    failures.push(`recall ${evaluation.overall.recall.toFixed(3)} < ${options.minRecall}`);
  }
  if (options.requireAblations && evaluation.ablations) {
    const notLower = ablationsNotLower(evaluation.ablations);
    if (notLower.length > 0) failures.push(`ablations not below the fused F1: ${notLower.map((a) => a.name).join(', ')}`);
  }
  if (options.maxConfoundersTopK !== undefined) {
    const over = evaluation.shows.filter((s) => s.atMoments.confoundersInTopK.total > (options.maxConfoundersTopK ?? 0));
    if (over.length > 0) failures.push(`confounders in the top K above ${options.maxConfoundersTopK}: ${over.map((s) => `${s.name} ${s.atMoments.confoundersInTopK.total}`).join(', ')}`);
  }
  if (options.minCoverage !== undefined) {
    const under = evaluation.shows.filter((s) => s.atMoments.coverage < (options.minCoverage ?? 0));
    if (under.length > 0) failures.push(`coverage below ${options.minCoverage}: ${under.map((s) => `${s.name} ${s.atMoments.covered}/${s.atMoments.k}`).join(', ')}`);
  }
  for (const failure of failures) console.error(`gate failed: ${failure}`);
  return failures.length > 0 ? 1 : 0;
}

async function compareWithBaseline(file: string, evaluation: HighlightEvaluation): Promise<void> {
  if (!existsSync(file)) throw new PostshowError(`baseline report not found: ${file}`, { permanent: true });
  const baseline = JSON.parse(await readFile(file, 'utf8')) as { evaluation?: HighlightEvaluation };
  const before = baseline.evaluation?.overall;
  if (!before) throw new PostshowError(`${file} is not an eval:highlights report`, { permanent: true });
  const after = evaluation.overall;
  const delta = (a: number, b: number) => `${b.toFixed(3)} -> ${a.toFixed(3)} (${a - b >= 0 ? '+' : ''}${(a - b).toFixed(3)})`;
  console.log(`\nagainst ${file}:`);
  console.log(`  p@5    ${delta(after.precisionAt[5], before.precisionAt[5])}`);
  console.log(`  recall ${delta(after.recall, before.recall)}`);
  console.log(`  F1     ${delta(after.f1, before.f1)}`);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`eval:highlights: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
