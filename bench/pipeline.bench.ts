/**
 * Pipeline benchmark: every ratio the performance targets are set in, each against a baseline measured in the same
 * run, printed side by side with peak memory in one closing table (bench/ratioSummary.ts).
 *
 *   npm run bench                       # the 20-minute show, detector, clip render, workspace, long case 10 min to 6 h, whisper
 *   npx tsx bench/pipeline.bench.ts --only 20          # one short show, no long-stream case
 *   npx tsx bench/pipeline.bench.ts --minutes 5,30 --concurrency 1
 *   npx tsx bench/pipeline.bench.ts --no-long          # short shows and the detector only
 *   npx tsx bench/pipeline.bench.ts --long             # the long-stream case only
 *   npx tsx bench/pipeline.bench.ts --long --long-minutes 10,30   # quicker long-stream lengths (cuts of the longest)
 *   npx tsx bench/pipeline.bench.ts --render           # the clip render measurement only (--no-render skips it)
 *   npx tsx bench/pipeline.bench.ts --workspace        # the workspace home page with 1,000 clips only (--no-workspace skips it)
 *
 * Per show (English, 1280x720 at 2.5 Mbit/s with 2 s keyframes as a recorder writes it, captions and chat; generated
 * once under `.bench/shows/` and reused while the generator's params match), run at concurrency 2 as the CLI runs:
 * - decode baseline: ffmpeg's own audio-only decode of the file (best of 2), the floor any audio analysis pays;
 * - analysis: wall time from ingest's start to the first clip's start, with captions as the transcript (no ASR);
 * - clip cut: per-clip stage time and its real-time factor (cut seconds / clip seconds), default x264 settings;
 * - memory: peak RSS of the whole process tree (node + ffmpeg children, /proc every 100 ms) and node's maxRSS;
 * - detector: the highlight detector alone on a generated 2-hour show's signals (bench/detectorBench.ts).
 *
 * Clip render (bench/clipRenderBench.ts, after the short shows): one clip rendered by renderClip against a naive
 * single-pass ffmpeg making the same shapes, in the same run, with the 16:9 smart cut's SSIM; then the x264
 * preset/CRF trade-off of the vertical (bench/x264Tradeoff.ts). Source cached under `.bench/render/`.
 *
 * Long-stream case (bench/longStreamCase.ts): a lavfi-generated 6-hour 160x90 recording with Chinese captions
 * (bench/longShow.ts, cached under `.bench/long/`, generation time reported apart) plus the real bilibili danmaku
 * log `../shared/data/chat/.../2020.12.12 嘉然 首播.xml` (48.5k danmaku over 3.7 h) read in place (skipped with a
 * one-line reason when absent), language zh. Cuts of it at 10 min, 1 h and 4 h run too (stream copy; the parser
 * drops the danmaku after the end), so the table shows peak memory and stage times side by side with the longest
 * over the shortest. Reported per length: run wall time over the audio-only decode, per-stage seconds,
 * `parseChatLog` alone on the log, peak memory.
 *
 * Whisper (bench/whisperBench.ts): `base`'s realtime factor on real English speech, where the model file is present.
 *
 * Each show is measured in a fresh child process (this file with `--measure`): node's maxRSS is a lifetime maximum,
 * so measuring both shows (and the sample generation) in one process would make the second show report the first's
 * peak. Results go to stdout as a table and to `.bench/results.json`. No timing assertions: numbers are reported only.
 *
 * Imperative benchmark tooling (I/O, timing, child processes); not part of the functional core.
 */
import { spawn } from 'node:child_process';
import { build } from 'esbuild';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createLocalPipeline } from '../cli/localPipeline.js';
import { stageHandlers } from '../functions/index.js';
import { parseChatLog } from '../shared/core/inputs/chatLog.js';
import { showKeys } from '../shared/core/keys.js';
import { silentLogger } from '../shared/adapters/local/jsonLogger.js';
import { submitShow } from '../shared/adapters/local/submitShow.js';
import { SharpImages } from '../shared/adapters/images/sharpImages.js';
import { DEFAULT_FFMPEG_MEDIA_OPTIONS, FfmpegMedia } from '../shared/adapters/media/ffmpegMedia.js';
import { PocketsphinxTranscriber } from '../shared/adapters/transcription/pocketsphinxTranscriber.js';
import { highlightsFileSchema } from '../shared/pipeline/artifacts.js';
import { manifestSchema } from '../shared/pipeline/manifest.js';
import { STAGES, type StageName } from '../shared/pipeline/messages.js';
import { readJson } from '../shared/pipeline/storageJson.js';
import { FileCatalogIndex } from '../shared/adapters/local/fileCatalogIndex.js';
import { generateSampleShow, readCachedSampleShow, type SampleShow, type SampleShowOptions } from '../scripts/sampleShow.js';
import { benchClipRender, clipRenderSource, formatClipRenderBench, type ClipRenderBenchResult } from './clipRenderBench.js';
import { formatX264Tradeoff, measureX264Tradeoff } from './x264Tradeoff.js';
import { benchWorkspace, formatWorkspaceBench } from './workspaceBench.js';
import { formatRatioSummary, type SummaryInputs } from './ratioSummary.js';
import { benchWhisperBase, formatWhisperBench, type WhisperBenchResult } from './whisperBench.js';
import { benchDetector, formatDetectorBench, type DetectorBenchResult } from './detectorBench.js';
import { DEFAULT_LONG_SHOW, ensureLongShow, ensureLongShowCut, type LongShowParams } from './longShow.js';
import { formatLongTable, locateDanmakuLog, longGrowth, toLongRow, type LongRow } from './longStreamCase.js';
import { startProcessTreeSampler, type TreeMemoryReport, type TreeMemorySampler } from './processTreeMemory.js';
import {
  ANALYSIS_STAGES,
  round,
  runFigures,
  seconds,
  type ChatInputReport,
  type ChatParseTiming,
  type RunFigures,
  type ShowMeasurement,
} from './showMeasurement.js';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const BENCH_DIR = path.join(REPO_ROOT, '.bench');
const RESULTS_FILE = path.join(BENCH_DIR, 'results.json');
const LONG_DIR = path.join(BENCH_DIR, 'long');

/**
 * Fixed sample parameters: the issue's reference show, 720p with captions and chat (the audio-only decode barely
 * depends on the picture size; the scene pass and the clips do). Generated once under `.bench/shows/`.
 */
const SAMPLE = { language: 'en', seed: 42, width: 1280, height: 720 } as const;
/**
 * The two encodings of the reference show: the generator's flat studio (tiny files, cheap keyframes: the kind of file
 * the issue measured) and the same show as a recorder writes it (2.5 Mbit/s, a keyframe every 2 s, grain), where
 * every pass must demux ~375 MB and the scene pass decode 600 real keyframes.
 */
const SAMPLE_ENCODINGS = [
  { label: 'studio', videoBitrateKbps: undefined },
  { label: '2.5 Mbit/s', videoBitrateKbps: 2500 },
] as const;
type SampleEncoding = (typeof SAMPLE_ENCODINGS)[number];
const MAX_CLIPS = 8;
/** /proc sampling period for the process-tree peak, ms. */
const MEMORY_SAMPLE_MS = 100;
const DECODE_RUNS = 2;
/** Repetitions of the stand-alone analyze stage (best of). */
const ANALYZE_RUNS = 3;
/** Repetitions of the stand-alone chat parse in the long-stream case (first and best are reported). */
const CHAT_PARSE_RUNS = 3;


// ---------------------------------------------------------------------------------------------------------------
// Child mode: one pipeline run, measured

const measureSpecSchema = z.object({
  recording: z.string(),
  sideInputs: z.object({ chat: z.string(), metrics: z.string(), captions: z.string(), products: z.string() }).partial(),
  language: z.enum(['en', 'zh']),
  concurrency: z.number().int().min(1),
  /** Times `parseChatLog` alone on the chat file this many times after the run (0: not at all). */
  chatParseRuns: z.number().int().min(0).default(0),
});
type MeasureSpec = z.input<typeof measureSpecSchema>;

async function measureShow(spec: z.output<typeof measureSpecSchema>): Promise<ShowMeasurement> {
  const workspace = await mkdtemp(path.join(os.tmpdir(), 'postshow-bench-'));
  try {
    const media = new FfmpegMedia(); // x264 preset and every other option at their defaults
    const clipMs = new Map<string, number>();
    let sampler: TreeMemorySampler | undefined;
    let firstClipStarted: number | undefined;
    const pipeline = createLocalPipeline({
      workspace,
      concurrency: spec.concurrency,
      media,
      onEvent: (event) => {
        // Phases are exact at concurrency 1; with more, a peak is credited to the stage that started last.
        if (event.type === 'started') sampler?.phase(event.message.stage);
        // Analysis ends where cutting starts; a show with nothing to clip goes straight on to suggest.
        if (event.type === 'started' && (event.message.stage === 'clip' || event.message.stage === 'suggest')) firstClipStarted ??= performance.now();
        if (event.type === 'succeeded' && event.message.stage === 'clip') clipMs.set(event.message.clipId, event.ms);
      },
    });

    const submitStarted = performance.now();
    const { showId, message } = await submitShow(pipeline.storage, {
      recordingPath: spec.recording,
      sideInputs: spec.sideInputs,
      options: { maxClips: MAX_CLIPS, language: spec.language },
    });
    const submitMs = performance.now() - submitStarted;

    sampler = startProcessTreeSampler({ intervalMs: MEMORY_SAMPLE_MS });
    const runStarted = performance.now();
    let outcome: Awaited<ReturnType<typeof pipeline.run>>;
    let memory: TreeMemoryReport;
    try {
      outcome = await pipeline.run(message);
    } finally {
      memory = await sampler.stop();
    }
    const runWallMs = performance.now() - runStarted;
    if (firstClipStarted === undefined) throw new Error(`pipeline run of ${spec.recording} never reached clip or suggest`);
    const nodeMaxRssKb = process.resourceUsage().maxRSS;

    if (outcome.status.state !== 'succeeded' || outcome.deadLetters.length > 0) {
      const reason = outcome.status.error?.reason ?? outcome.deadLetters[0]?.reason ?? outcome.status.state;
      throw new Error(`pipeline run of ${spec.recording} did not succeed: ${reason}`);
    }
    const keys = showKeys(showId);
    const manifest = await readJson(pipeline.storage, keys.manifest, manifestSchema);
    // Guard the premise: with ASR in the run, "analysis excluding transcription" would be wrong.
    if (manifest.transcriptionSource !== 'captions') throw new Error(`expected captions as the transcript, got ${manifest.transcriptionSource}`);

    const { highlights } = await readJson(pipeline.storage, keys.highlights, highlightsFileSchema);
    const clips = highlights.map((highlight) => {
      const cutMs = clipMs.get(highlight.id);
      if (cutMs === undefined) throw new Error(`no clip timing for highlight ${highlight.id}`);
      return { clipId: highlight.id, clipSeconds: highlight.end - highlight.start, cutMs };
    });
    const stageMs = Object.fromEntries(STAGES.map((stage) => [stage, outcome.status.stages[stage].ms])) as Record<StageName, number>;

    const analyzeAloneMs = await timeAnalyzeAlone(pipeline.storage, showId, media, workspace);
    const duration = manifest.media.duration;
    const audioPassAloneMs = await bestOf(2, () => media.analyzeAudio(spec.recording, { duration }));
    const scenePassAloneMs = await bestOf(2, () => media.detectSceneChanges(spec.recording, { duration, ...(manifest.media.video ? { frame: manifest.media.video } : {}) }));
    const chatReport = manifest.inputs.chat?.report;
    const chatInput: ChatInputReport | undefined = chatReport && {
      format: chatReport.format,
      accepted: chatReport.accepted,
      skipped: chatReport.skipped,
      skippedReasons: chatReport.skippedReasons,
    };
    const chatParse = spec.sideInputs.chat && spec.chatParseRuns > 0 ? await timeChatParse(spec.sideInputs.chat, manifest.media.duration, spec.chatParseRuns) : undefined;
    return {
      probedSeconds: manifest.media.duration,
      submitMs,
      runWallMs,
      untilFirstClipMs: firstClipStarted - runStarted,
      stageMs,
      clips,
      memory,
      nodeMaxRssKb,
      analyzeAloneMs,
      audioPassAloneMs,
      scenePassAloneMs,
      highlightsFound: highlights.length,
      ...(chatInput ? { chatInput } : {}),
      ...(chatParse ? { chatParse } : {}),
    };
  } finally {
    await rm(workspace, { recursive: true, force: true });
  }
}

/** Best wall time of `runs` calls, ms. */
async function bestOf(runs: number, call: () => Promise<unknown>): Promise<number> {
  let best = Infinity;
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    await call();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

/** The analyze handler called directly on the stored inputs: no queue, no status writes, no other stages. */
async function timeAnalyzeAlone(
  storage: ReturnType<typeof createLocalPipeline>['storage'],
  showId: Parameters<typeof showKeys>[0],
  media: FfmpegMedia,
  workspace: string,
): Promise<number> {
  const workDir = await mkdtemp(path.join(workspace, 'analyze-'));
  const context = {
    storage, media, images: new SharpImages(), transcriber: new PocketsphinxTranscriber(media), catalogIndex: new FileCatalogIndex(storage),
    logger: silentLogger, workDir, attempt: 1, signal: new AbortController().signal,
  };
  return bestOf(ANALYZE_RUNS, () => stageHandlers.analyze({ stage: 'analyze', showId }, context));
}

/**
 * `parseChatLog` alone on the chat file, as ingest calls it (whole text, the recording's duration), so the chat
 * parse can be told apart from the rest of ingest (ffprobe, the other side inputs, writing the normalised JSON).
 */
async function timeChatParse(file: string, durationSeconds: number, runs: number): Promise<ChatParseTiming> {
  const readStarted = performance.now();
  const text = (await readFile(file)).toString('utf8');
  const readMs = performance.now() - readStarted;
  const times: number[] = [];
  let report: { accepted: number; skipped: number } = { accepted: 0, skipped: 0 };
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    ({ report } = parseChatLog(text, path.basename(file), { durationSeconds }));
    times.push(performance.now() - started);
  }
  return { readMs, firstMs: times[0] ?? 0, bestMs: Math.min(...times), runs, bytes: Buffer.byteLength(text), accepted: report.accepted, skipped: report.skipped };
}

// ---------------------------------------------------------------------------------------------------------------
// Parent mode: samples, baseline, one child per show, table and JSON

interface ShowRow extends RunFigures {
  readonly minutes: number;
  /** Which encoding of the reference show (SAMPLE_ENCODINGS). */
  readonly encoding: string;
  readonly durationSeconds: number;
  readonly generatedSeconds: number | null;
  readonly clips: number;
  readonly meanClipSeconds: number;
  readonly maxClipSeconds: number;
  readonly meanClipDurationSeconds: number;
  /** Total cut time over total clip duration (= mean cut time / mean clip duration). */
  readonly clipRtf: number;
  readonly clipTimings: readonly { clipId: string; clipSeconds: number; cutSeconds: number; rtf: number }[];
}

function sampleOptions(minutes: number, encoding: SampleEncoding): SampleShowOptions {
  const rate = encoding.videoBitrateKbps === undefined ? '' : `-${encoding.videoBitrateKbps}k`;
  return {
    outDir: path.join(BENCH_DIR, 'shows', `${SAMPLE.language}-${minutes}min-${SAMPLE.width}x${SAMPLE.height}${rate}`),
    minutes,
    ...SAMPLE,
    ...(encoding.videoBitrateKbps === undefined ? {} : { videoBitrateKbps: encoding.videoBitrateKbps }),
  };
}

/** The cached sample when its params.json matches, otherwise a freshly generated one (and how long that took). */
async function ensureSample(minutes: number, encoding: SampleEncoding): Promise<{ show: SampleShow; generatedMs: number | null }> {
  const options = sampleOptions(minutes, encoding);
  const cached = await readCachedSampleShow(options);
  if (cached) return { show: cached, generatedMs: null };
  process.stderr.write(`generating ${minutes}-minute sample show in ${path.relative(REPO_ROOT, options.outDir)} ...\n`);
  const started = performance.now();
  const show = await generateSampleShow(options);
  return { show, generatedMs: performance.now() - started };
}

/** Runs a command to completion; rejects with its stderr tail on a non-zero exit. Returns its stdout. */
function runCommand(command: string, args: readonly string[], stderr: 'pipe' | 'inherit' = 'pipe'): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', stderr] });
    let out = '';
    let err = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (err = (err + chunk).slice(-4000)));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${command} exited with ${code}: ${err.trim()}`))));
  });
}

/** Wall time of ffmpeg's audio-only decode to the null muxer, best of `runs`, ms. */
function decodeBaselineMs(recording: string, runs: number): Promise<number> {
  return bestOf(runs, () => runCommand('ffmpeg', ['-v', 'error', '-i', recording, '-map', '0:a:0', '-f', 'null', '-']));
}

/**
 * This file compiled to one ES module (esbuild, npm packages left as imports), as the CLI's bundle is: a child
 * under tsx would compile TypeScript as it runs and count the compiler in node's memory (about 200 MB more than
 * `postshow` itself holds). Built once per bench run, beside the results.
 */
let measureBundle: Promise<string> | undefined;
function compiledSelf(): Promise<string> {
  measureBundle ??= (async () => {
    const outfile = path.join(BENCH_DIR, 'measure.mjs');
    await mkdir(BENCH_DIR, { recursive: true });
    await build({ entryPoints: [fileURLToPath(import.meta.url)], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' });
    return outfile;
  })();
  return measureBundle;
}

/** Measures one show in a fresh node process running this file, compiled, with `--measure`. */
async function measureInChild(spec: MeasureSpec): Promise<ShowMeasurement> {
  const stdout = await runCommand(process.execPath, [await compiledSelf(), '--measure', JSON.stringify(spec)], 'inherit');
  const last = stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as ShowMeasurement;
}

function toRow(minutes: number, encoding: string, show: SampleShow, generatedMs: number | null, decodeMs: number, m: ShowMeasurement): ShowRow {
  const cutTotalMs = m.clips.reduce((total, clip) => total + clip.cutMs, 0);
  const clipTotalSeconds = m.clips.reduce((total, clip) => total + clip.clipSeconds, 0);
  const count = m.clips.length;
  return {
    minutes,
    encoding,
    durationSeconds: show.durationSeconds,
    generatedSeconds: generatedMs === null ? null : seconds(generatedMs),
    ...runFigures(m, decodeMs),
    clips: count,
    meanClipSeconds: count ? seconds(cutTotalMs / count) : 0,
    maxClipSeconds: count ? seconds(Math.max(...m.clips.map((clip) => clip.cutMs))) : 0,
    meanClipDurationSeconds: count ? round(clipTotalSeconds / count, 2) : 0,
    clipRtf: clipTotalSeconds > 0 ? round(cutTotalMs / 1000 / clipTotalSeconds, 2) : 0,
    clipTimings: m.clips.map((clip) => ({
      clipId: clip.clipId,
      clipSeconds: round(clip.clipSeconds, 2),
      cutSeconds: seconds(clip.cutMs),
      rtf: round(clip.cutMs / 1000 / clip.clipSeconds, 2),
    })),
  };
}

const COLUMNS: readonly { title: string; cell: (row: ShowRow) => string }[] = [
  { title: 'show', cell: (r) => `${r.minutes} min ${r.encoding}` },
  { title: 'decode s', cell: (r) => r.decodeBaselineSeconds.toFixed(2) },
  { title: 'analysis s', cell: (r) => r.analysisSeconds.toFixed(2) },
  { title: 'analysis/decode', cell: (r) => `${r.analysisOverDecode.toFixed(2)}x` },
  { title: 'clips', cell: (r) => String(r.clips) },
  { title: 'mean clip s', cell: (r) => r.meanClipSeconds.toFixed(2) },
  { title: 'clip RTF', cell: (r) => r.clipRtf.toFixed(2) },
  { title: 'peak tree RSS MB', cell: (r) => r.peakTreeRssMb.toFixed(1) },
  { title: 'node maxRSS MB', cell: (r) => r.nodeMaxRssMb.toFixed(1) },
];

function formatTable(rows: readonly ShowRow[]): string {
  const cells = rows.map((row) => COLUMNS.map((column) => column.cell(row)));
  const widths = COLUMNS.map((column, i) => Math.max(column.title.length, ...cells.map((line) => line[i]?.length ?? 0)));
  const line = (values: readonly string[]): string => values.map((value, i) => value.padStart(widths[i] ?? 0)).join('  ');
  return [line(COLUMNS.map((column) => column.title)), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// Sections: the short shows (with the detector) and the long-stream case

interface ShortSection {
  readonly settings: Record<string, unknown>;
  readonly shows: readonly ShowRow[];
  readonly growth: Record<string, number> | null;
  readonly detector: DetectorBenchResult;
}

async function runShortCases(sizes: readonly number[], concurrency: number): Promise<ShortSection> {
  const rows: ShowRow[] = [];
  for (const minutes of sizes) {
    for (const encoding of SAMPLE_ENCODINGS) {
      const { show, generatedMs } = await ensureSample(minutes, encoding);
      process.stderr.write(`${minutes} min ${encoding.label}: decode baseline ...\n`);
      const decodeMs = await decodeBaselineMs(show.recording, DECODE_RUNS);
      process.stderr.write(`${minutes} min ${encoding.label}: pipeline run ...\n`);
      const measurement = await measureInChild({
        recording: show.recording,
        sideInputs: { chat: show.chat, metrics: show.metrics, captions: show.captions, products: show.products },
        language: SAMPLE.language,
        concurrency,
      });
      rows.push(toRow(minutes, encoding.label, show, generatedMs, decodeMs, measurement));
    }
  }
  process.stderr.write('detector on a 2-hour show ...\n');
  const detector = await benchDetector(120);

  // Growth with the length, within one encoding (the studio's).
  const studio = rows.filter((row) => row.encoding === SAMPLE_ENCODINGS[0].label);
  const smallest = studio.reduce<ShowRow | undefined>((a, r) => (a && a.minutes <= r.minutes ? a : r), undefined);
  const largest = studio.reduce<ShowRow | undefined>((a, r) => (a && a.minutes >= r.minutes ? a : r), undefined);
  const growth =
    smallest && largest && smallest !== largest
      ? {
          from: smallest.minutes,
          to: largest.minutes,
          peakTreeRssRatio: round(largest.peakTreeRssMb / smallest.peakTreeRssMb, 2),
          peakAnalysisTreeRssRatio: round(largest.peakAnalysisTreeRssMb / smallest.peakAnalysisTreeRssMb, 2),
          nodeMaxRssRatio: round(largest.nodeMaxRssMb / smallest.nodeMaxRssMb, 2),
        }
      : null;
  const settings = {
    sample: SAMPLE,
    encodings: SAMPLE_ENCODINGS,
    maxClips: MAX_CLIPS,
    concurrency,
    x264Preset: DEFAULT_FFMPEG_MEDIA_OPTIONS.x264Preset,
    clipSize: "the source's shape and 9:16, 1080 px on the short side at most (variantSize)",
    decodeRuns: DECODE_RUNS,
    memorySampleMs: MEMORY_SAMPLE_MS,
    analysisStages: ANALYSIS_STAGES,
  };
  return { settings, shows: rows, growth, detector };
}

function printShortSection(section: ShortSection, concurrency: number): void {
  const { shows: rows, growth, detector } = section;
  console.log(`postshow pipeline bench: ${os.cpus().length} CPUs, concurrency ${concurrency}, maxClips ${MAX_CLIPS}, x264 ${DEFAULT_FFMPEG_MEDIA_OPTIONS.x264Preset}, captions as transcript (no ASR)`);
  console.log(formatTable(rows));
  for (const row of rows) {
    const stages = STAGES.map((stage) => `${stage} ${row.stageSeconds[stage].toFixed(2)}`).join(', ');
    console.log(`${row.minutes} min ${row.encoding} stages (s): ${stages}; run wall ${row.runWallSeconds.toFixed(1)} s; analyze stage alone ${row.analyzeAloneSeconds.toFixed(3)} s`);
    console.log(
      `${row.minutes} min ${row.encoding} audio stage, each pass alone over the decode: audio features ${row.audioPassOverDecode.toFixed(2)}x, ` +
        `intra-frame scene pass ${row.scenePassOverDecode.toFixed(2)}x (they run side by side, one core each)`,
    );
    console.log(`${row.minutes} min ${row.encoding} peak tree RSS (MB): analysis stages ${row.peakAnalysisTreeRssMb.toFixed(1)}, clip stage ${row.peakClipTreeRssMb.toFixed(1)}`);
  }
  if (growth) {
    console.log(
      `memory growth ${growth.to} min / ${growth.from} min: peak tree RSS ${growth.peakTreeRssRatio?.toFixed(2)}x ` +
        `(analysis stages only ${growth.peakAnalysisTreeRssRatio?.toFixed(2)}x), node maxRSS ${growth.nodeMaxRssRatio?.toFixed(2)}x`,
    );
  }
  console.log(formatDetectorBench(detector));
}

type LongSection =
  | { readonly skipped: string }
  | {
      readonly chatLog: string;
      readonly settings: { readonly recording: Omit<LongShowParams, 'seconds'>; readonly concurrency: number } & Record<string, unknown>;
      /** The longest recording's generation, seconds; null when it came from the cache. Not part of any ratio. */
      readonly generation: { readonly minutes: number; readonly seconds: number | null; readonly cacheDir: string };
      readonly rows: readonly LongRow[];
      readonly growth: ReturnType<typeof longGrowth>;
    };

/** The long-stream case at each length (minutes): the longest is generated, the others are cuts of it. */
async function runLongCases(lengths: readonly number[], concurrency: number): Promise<LongSection> {
  const log = locateDanmakuLog(REPO_ROOT);
  if ('skipped' in log) return { skipped: log.skipped };
  const minutes = [...new Set(lengths)].sort((a, b) => a - b);
  const longest = minutes.at(-1) ?? 240;
  const params: LongShowParams = { ...DEFAULT_LONG_SHOW, seconds: longest * 60 };

  process.stderr.write(`long-stream: ${longest}-minute recording in ${path.relative(REPO_ROOT, LONG_DIR)} (generated once, then reused) ...\n`);
  const full = await ensureLongShow(LONG_DIR, params);
  const rows: LongRow[] = [];
  for (const length of minutes) {
    const { show, generatedMs } = length === longest ? full : await ensureLongShowCut(LONG_DIR, params, length * 60);
    process.stderr.write(`long-stream ${length} min: decode baseline ...\n`);
    const decodeMs = await decodeBaselineMs(show.recording, DECODE_RUNS);
    process.stderr.write(`long-stream ${length} min: pipeline run ...\n`);
    const measurement = await measureInChild({
      recording: show.recording,
      sideInputs: { chat: log.path, captions: show.captions },
      language: 'zh',
      concurrency,
      chatParseRuns: CHAT_PARSE_RUNS,
    });
    rows.push(toLongRow(length, show, generatedMs, decodeMs, measurement));
  }
  const { seconds: _length, ...recording } = params;
  return {
    chatLog: path.relative(REPO_ROOT, log.path),
    settings: {
      recording,
      language: 'zh',
      maxClips: MAX_CLIPS,
      concurrency,
      x264Preset: DEFAULT_FFMPEG_MEDIA_OPTIONS.x264Preset,
      decodeRuns: DECODE_RUNS,
      chatParseRuns: CHAT_PARSE_RUNS,
      memorySampleMs: MEMORY_SAMPLE_MS,
    },
    generation: { minutes: longest, seconds: full.generatedMs === null ? null : seconds(full.generatedMs), cacheDir: path.relative(REPO_ROOT, LONG_DIR) },
    rows,
    growth: longGrowth(rows),
  };
}

function printLongSection(section: LongSection): void {
  if ('skipped' in section) {
    console.log(`long-stream case skipped: ${section.skipped}`);
    return;
  }
  const { rows, growth, generation } = section;
  const { recording } = section.settings;
  const longest = rows.at(-1);
  console.log(
    `long-stream case: generated ${recording.width}x${recording.height} ${recording.fps} fps recording with zh captions ` +
      `+ real danmaku ${section.chatLog}, language zh, concurrency ${section.settings.concurrency}, maxClips ${MAX_CLIPS}`,
  );
  console.log(
    generation.seconds === null
      ? `long-stream files: the ${generation.minutes}-minute recording came from the cache (${generation.cacheDir})`
      : `long-stream files: generating the ${generation.minutes}-minute recording took ${generation.seconds.toFixed(1)} s (not part of any ratio)`,
  );
  console.log(formatLongTable(rows));
  if (growth) {
    console.log(
      `long-stream peak memory ${growth.to} min / ${growth.from} min (${growth.lengthRatio.toFixed(2)}x the length): ` +
        `peak tree RSS ${growth.peakTreeRssRatio.toFixed(2)}x (all but clip ${growth.peakAnalysisTreeRssRatio.toFixed(2)}x), node maxRSS ${growth.nodeMaxRssRatio.toFixed(2)}x`,
    );
  }
  if (longest?.chatParse) {
    const parse = longest.chatParse;
    console.log(
      `chat parse alone at ${longest.minutes} min: ${parse.bestSeconds.toFixed(3)} s best of ${parse.runs} (first ${parse.firstSeconds.toFixed(3)} s; ` +
        `reading ${(parse.bytes / 2 ** 20).toFixed(1)} MB ${parse.readSeconds.toFixed(3)} s) for ${longest.chatAccepted} danmaku; ingest stage ${longest.stageSeconds.ingest.toFixed(2)} s`,
    );
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Results file: each run replaces the sections it measured and keeps the others

const previousResultsSchema = z.record(z.string(), z.unknown());

async function readPreviousResults(): Promise<Record<string, unknown>> {
  try {
    return previousResultsSchema.parse(JSON.parse(await readFile(RESULTS_FILE, 'utf8')));
  } catch {
    return {}; // none yet, or unreadable: nothing to keep
  }
}

async function writeResults(
  short: ShortSection | undefined,
  long: LongSection | undefined,
  totalSeconds: number,
  render?: ClipRenderBenchResult,
): Promise<void> {
  const previous = await readPreviousResults();
  const previousMeasuredAt = z.object({ short: z.string().nullable(), long: z.string().nullable() }).safeParse(previous.measuredAt);
  const now = new Date().toISOString();
  const ffmpegVersion = (await runCommand('ffmpeg', ['-version'])).split('\n')[0] ?? 'unknown';
  const keptShort = { settings: previous.settings, shows: previous.shows, growth: previous.growth, detector: previous.detector };
  const results = {
    createdAt: now,
    totalSeconds,
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', memoryMb: Math.round(os.totalmem() / 2 ** 20), node: process.version, ffmpeg: ffmpegVersion },
    /** When each section was measured: a run that skips one keeps the previous file's. */
    measuredAt: {
      short: short ? now : previousMeasuredAt.success ? previousMeasuredAt.data.short : typeof previous.createdAt === 'string' && previous.shows ? previous.createdAt : null,
      long: long ? now : previousMeasuredAt.success ? previousMeasuredAt.data.long : null,
    },
    ...(short ?? keptShort),
    long: long ?? previous.long ?? null,
    render: render ?? previous.render ?? null,
  };
  await mkdir(BENCH_DIR, { recursive: true });
  await writeFile(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
}

/** The render section's ratio against the naive single pass, for the summary. */
function renderSummary(render: ClipRenderBenchResult): NonNullable<SummaryInputs['render']> {
  return {
    overNaiveWall: render.overNaiveIssue.wallSeconds,
    overNaiveCpu: render.overNaiveIssue.cpuSeconds,
    sameEncoderWall: render.overNaive.wallSeconds,
    sameEncoderCpu: render.overNaive.cpuSeconds,
    peakTreeMb: render.peakTreeMb.render,
    naivePeakTreeMb: render.peakTreeMb.naive,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Arguments and entry point

const minutesList = (min: number, max: number) =>
  z
    .string()
    .transform((list) => list.split(',').map((item) => Number(item.trim())))
    .pipe(z.array(z.number().min(min).max(max)).min(1));

const argsSchema = z
  .object({
    minutes: minutesList(0.67, 600),
    only: z.coerce.number().min(0.67).max(600).optional(),
    concurrency: z.coerce.number().int().min(1).max(16),
    measure: z.string().optional(),
    long: z.boolean().optional(),
    'no-long': z.boolean().optional(),
    render: z.boolean().optional(),
    'no-render': z.boolean().optional(),
    workspace: z.boolean().optional(),
    'no-workspace': z.boolean().optional(),
    // Whole minutes (cuts are named by them); SRT times stop at 24 h.
    'long-minutes': minutesList(1, 1439).refine((list) => list.every(Number.isInteger), 'whole minutes'),
  })
  .refine((args) => !(args.long && args['no-long']), '--long and --no-long exclude each other')
  .refine((args) => !(args.render && args['no-render']), '--render and --no-render exclude each other')
  .refine((args) => !(args.render && (args.long || args.only !== undefined)), '--render runs only the clip render measurement')
  .refine((args) => !(args.long && args.only !== undefined), '--long runs only the long-stream case; --only picks one short show');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      minutes: { type: 'string', default: '20' },
      only: { type: 'string' },
      // 2, as the CLI runs: two clips encode at once, which is what the clip stage's memory limit is about
      // (a clip's RTF is then measured beside another encode).
      concurrency: { type: 'string', default: '2' },
      measure: { type: 'string' },
      long: { type: 'boolean' },
      'no-long': { type: 'boolean' },
      render: { type: 'boolean' },
      'no-render': { type: 'boolean' },
      workspace: { type: 'boolean' },
      'no-workspace': { type: 'boolean' },
      // 10 minutes to 6 hours: the memory of every stage must stay flat across them; 240 is the 3.7-hour log's show.
      'long-minutes': { type: 'string', default: '10,60,240,360' },
    },
    strict: true,
  });
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) {
    throw new Error(`invalid arguments: ${parsed.error.issues.map((i) => `${i.path.length > 0 ? `--${i.path.join('.')}: ` : ''}${i.message}`).join('; ')}`);
  }
  const args = parsed.data;

  if (args.measure !== undefined) {
    const measurement = await measureShow(measureSpecSchema.parse(JSON.parse(args.measure)));
    process.stdout.write(`${JSON.stringify(measurement)}\n`);
    return;
  }

  if (args.workspace === true) {
    console.log(formatWorkspaceBench(await benchWorkspace(path.join(BENCH_DIR, 'workspace'))));
    return;
  }
  // `--only` keeps its old meaning (one short show and nothing else); `--long` runs the long-stream case alone.
  const runShort = args.long !== true && args.render !== true;
  const runLong = args.long === true || (args.only === undefined && args['no-long'] !== true && args.render !== true);
  const runRender = args.render === true || (args.long !== true && args.only === undefined && args['no-render'] !== true);
  const benchStarted = performance.now();
  let short: ShortSection | undefined;
  if (runShort) {
    short = await runShortCases(args.only !== undefined ? [args.only] : [...new Set(args.minutes)], args.concurrency);
    // Written and shown before the long case starts: its hour-long run should not hold these back.
    await writeResults(short, undefined, seconds(performance.now() - benchStarted));
    printShortSection(short, args.concurrency);
  }
  let render: ClipRenderBenchResult | undefined;
  if (runRender) {
    process.stderr.write('clip render: one clip, vertical + smart-cut master, renderClip vs naive single pass and bare ffmpeg ...\n');
    render = await benchClipRender(path.join(BENCH_DIR, 'render'));
    await writeResults(short, undefined, seconds(performance.now() - benchStarted), render);
    console.log(formatClipRenderBench(render));
    process.stderr.write('x264 trade-off of the vertical: presets x CRFs ...\n');
    const { source, window } = await clipRenderSource(path.join(BENCH_DIR, 'render'));
    console.log(formatX264Tradeoff(await measureX264Tradeoff(source, window)));
  }
  if (args.only === undefined && args.long !== true && args.render !== true && args['no-workspace'] !== true) {
    process.stderr.write('workspace: the home page with 1,000 clips in Chromium ...\n');
    console.log(formatWorkspaceBench(await benchWorkspace(path.join(BENCH_DIR, 'workspace'))));
  }
  let long: LongSection | undefined;
  if (runLong) {
    long = await runLongCases(args['long-minutes'], args.concurrency);
    await writeResults(short, long, seconds(performance.now() - benchStarted), render);
    printLongSection(long);
  }
  let whisper: WhisperBenchResult | undefined;
  if (args.only === undefined && args.long !== true && args.render !== true) {
    process.stderr.write('whisper base realtime factor (when the model is present) ...\n');
    whisper = await benchWhisperBase(REPO_ROOT);
    console.log(formatWhisperBench(whisper));
  }
  console.log('');
  console.log(
    formatRatioSummary({
      ...(short ? { short: short.shows.map((row) => ({ ...row, label: `${row.minutes} min ${SAMPLE.width}x${SAMPLE.height} ${row.encoding}`, concurrency: args.concurrency })) } : {}),
      ...(render ? { render: renderSummary(render) } : {}),
      ...(long ? { long: 'skipped' in long ? long : long.rows } : {}),
      ...(whisper ? { whisper } : {}),
    }),
  );
  const totalSeconds = seconds(performance.now() - benchStarted);
  console.log(`bench took ${totalSeconds.toFixed(1)} s; results in ${path.relative(REPO_ROOT, RESULTS_FILE)}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
