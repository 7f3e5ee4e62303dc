/**
 * ASR evaluation: every transcription engine available on this machine against real speech with references.
 *
 *   npm run eval:asr
 *   npx tsx scripts/evalAsr.ts --verbose --json .bench/asr.json
 *   npx tsx scripts/evalAsr.ts --engines pocketsphinx --sets librivox,shared-en
 *
 * Sample sets: `librivox` (Debian pocketsphinx-testdata), `shared-en` and `shared-zh` (../shared/data/speech, with
 * trust levels from SPEECH_SOURCES.md). Per (engine, set): files, audio seconds, corpus WER (en) or CER (zh) over all
 * files and over trust A+B only, real-time factor (transcribe seconds / audio seconds, files run one at a time) and the
 * peak RSS of this process tree while that engine ran on that set (node itself included: see the baseline line).
 * A file whose transcription fails is scored as an empty transcript (all deletions), so a failing engine cannot look
 * better by skipping hard files; the failure is counted in the files column.
 *
 * Reliability (shared/core/transcript/reliability.ts): hypothesis words are aligned to the reference and grouped by
 * the engine's confidence; per (engine, set) the share of right words per confidence bucket, and the precision and
 * coverage of the words marked reliable and of the text `reliableText` would quote (reliable segments). A threshold
 * sweep per engine and language over all its sets is the data behind RELIABILITY_THRESHOLDS.
 *
 * Burned captions (asrEval/captionAccuracy.ts): each recording cut into 30 s clip windows, captioned by
 * buildClipCaptions with its reliability gate; per engine and language, the share of burned caption words that are
 * right, per recording and pooled, against the same share had every cue been burned.
 *
 * Environment: POSTSHOW_WHISPER_MODEL (local Whisper model file), OPENAI_API_KEY. Engines without them are listed
 * with the reason and skipped.
 *
 * Imperative evaluation tooling (I/O, timing, child processes); not part of the functional core.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { startProcessTreeSampler, type TreeMemoryReport } from '../bench/processTreeMemory.js';
import { markReliability, RELIABILITY_THRESHOLDS, type ReliabilityThreshold, type ScoredEngine } from '../shared/core/transcript/reliability.js';
import type { Language, Segment, TranscriptEngine } from '../shared/core/types.js';
import {
  CAPTION_EVAL_FRAME,
  CAPTION_WINDOW_SECONDS,
  poolCaptionAccuracy,
  recordingCaptionAccuracy,
  type CaptionAccuracy,
  type RecordingCaptionAccuracy,
} from './asrEval/captionAccuracy.js';
import { corpusErrorRate, countErrors, metricFor, type ErrorCount } from './asrEval/corpusScore.js';
import { EVAL_ENGINE_NAMES, resolveEngines, type EvalEngineName, type ResolvedEngine } from './asrEval/evalEngines.js';
import { prepareAsrWav } from './asrEval/prepareAudio.js';
import {
  precisionByBucket,
  scoreUnits,
  summariseReliability,
  sweepThresholds,
  type Bucket,
  type CalibrationSample,
  type ReliabilitySummary,
  type SweepRow,
} from './asrEval/reliabilityCalibration.js';
import { loadLibrivoxSet, loadSharedSpeechSet, type SpeechSample, type SpeechSet, type TrustLevel } from './asrEval/speechSets.js';
import { renderTextTable } from './textTable.js';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const SET_NAMES = ['librivox', 'shared-en', 'shared-zh'] as const;
type SetName = (typeof SET_NAMES)[number];
/** Trust levels counted in the "trusted" rate: corpus references and stated texts, not single-model guesses. */
const TRUSTED_LEVELS: ReadonlySet<TrustLevel> = new Set(['A', 'B']);
/** /proc sampling period for the memory peak, ms: short utterances finish in a second or two. */
const MEMORY_SAMPLE_MS = 50;
const KIB_PER_MIB = 1024;

const listOf = <T extends string>(names: readonly [T, ...T[]]) =>
  z
    .string()
    .transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean))
    .pipe(z.array(z.enum(names)).min(1));

const ArgsSchema = z.object({
  json: z.string().min(1).optional(),
  verbose: z.boolean(),
  engines: listOf(EVAL_ENGINE_NAMES),
  sets: listOf(SET_NAMES),
  shared: z.string().min(1),
});

/** A file prepared for the engines, with its reference. */
interface PreparedSample extends SpeechSample {
  readonly wavPath: string;
  readonly audioSeconds: number;
}

interface PreparedSet extends Omit<SpeechSet, 'samples'> {
  readonly samples: readonly PreparedSample[];
}

interface FileResult extends ErrorCount {
  readonly id: string;
  readonly trust?: TrustLevel;
  readonly audioSeconds: number;
  readonly processingSeconds: number;
  readonly rate: number | undefined;
  readonly reference: string;
  readonly hypothesis: string;
  readonly error?: string;
}

type RunResult =
  | { readonly engine: string; readonly set: string; readonly language: Language; readonly status: 'unsupported'; readonly reason: string }
  | {
      readonly engine: string;
      readonly set: string;
      readonly language: Language;
      readonly status: 'ran';
      readonly metric: 'WER' | 'CER';
      readonly model?: string;
      readonly files: number;
      readonly failedFiles: number;
      readonly audioSeconds: number;
      readonly processingSeconds: number;
      readonly realTimeFactor: number;
      readonly rate: number | undefined;
      /** Rate over files with trust A or B; undefined when the set has no trust levels. */
      readonly trustedRate: number | undefined;
      readonly trustedFiles: number;
      readonly edits: number;
      readonly referenceTokens: number;
      readonly peakMemoryMb: number;
      readonly peakBreakdownMb: Record<string, number>;
      /** The engine that produced the segments (a fallback may differ from the one asked for). */
      readonly transcriptEngine?: TranscriptEngine;
      readonly reliability: { readonly buckets: Bucket[]; readonly summary: ReliabilitySummary };
      /** Burned-caption precision per file, recordings cut into clip-sized windows (captionAccuracy.ts). */
      readonly captions: readonly RecordingCaptionAccuracy[];
      readonly perFile: FileResult[];
    };

/** Raw segments per file, kept out of the JSON report, for the threshold sweep. */
const calibrationSamples = new WeakMap<RunResult, CalibrationSample[]>();

const mib = (kib: number): number => round(kib / KIB_PER_MIB, 1);
function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
const formatRate = (rate: number | undefined): string => (rate === undefined ? '-' : rate.toFixed(3));

function parseArguments(): z.infer<typeof ArgsSchema> {
  const { values } = parseArgs({
    options: {
      json: { type: 'string' },
      verbose: { type: 'boolean', default: false },
      engines: { type: 'string', default: EVAL_ENGINE_NAMES.join(',') },
      sets: { type: 'string', default: SET_NAMES.join(',') },
      shared: { type: 'string', default: path.join(REPO_ROOT, '..', 'shared') },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(
      'usage: tsx scripts/evalAsr.ts [--verbose] [--json FILE] [--engines pocketsphinx,whisper-local,openai] [--sets librivox,shared-en,shared-zh] [--shared DIR]',
    );
    process.exit(0);
  }
  const { help: _help, ...rest } = values;
  const parsed = ArgsSchema.safeParse(rest);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `--${issue.path.join('.')}: ${issue.message}`).join('; ');
    console.error(`invalid arguments: ${problems}`);
    process.exit(2);
  }
  return parsed.data;
}

async function loadSet(name: SetName, sharedDir: string): Promise<SpeechSet> {
  const speechDir = path.join(sharedDir, 'data', 'speech');
  const sourcesPath = path.join(sharedDir, 'data', 'SPEECH_SOURCES.md');
  if (name === 'librivox') return loadLibrivoxSet();
  return loadSharedSpeechSet(speechDir, name === 'shared-zh' ? 'zh' : 'en', sourcesPath);
}

/** Converts what needs converting, once per set, before any engine runs (conversion time is not engine time). */
async function prepareSet(set: SpeechSet, tempRoot: string): Promise<PreparedSet> {
  const tempDir = path.join(tempRoot, set.name);
  await mkdir(tempDir, { recursive: true });
  const samples: PreparedSample[] = [];
  const notes = [...set.notes];
  let converted = 0;
  for (const sample of set.samples) {
    try {
      const audio = await prepareAsrWav(sample.audioPath, tempDir);
      if (audio.converted) converted += 1;
      samples.push({ ...sample, wavPath: audio.path, audioSeconds: audio.durationSeconds });
    } catch (error) {
      notes.push(`${sample.id}: could not prepare audio, skipped (${(error as Error).message.split('\n')[0]})`);
    }
  }
  if (converted > 0) notes.push(`${converted} of ${set.samples.length} files converted to 16 kHz mono WAV first`);
  return { ...set, samples, notes };
}

async function runEngineOnSet(engine: Extract<ResolvedEngine, { available: true }>, set: PreparedSet): Promise<RunResult> {
  const base = { engine: engine.name, set: set.name, language: set.language };
  if (!engine.transcriber.supports(set.language)) {
    return { ...base, status: 'unsupported', reason: `n/a (engine does not support ${set.language})` };
  }
  const sampler = startProcessTreeSampler({ intervalMs: MEMORY_SAMPLE_MS });
  const perFile: FileResult[] = [];
  const samples: CalibrationSample[] = [];
  let transcriptEngine: TranscriptEngine | undefined;
  let model = engine.model;
  let memory: TreeMemoryReport;
  try {
    for (const [index, sample] of set.samples.entries()) {
      process.stderr.write(`\r${engine.name} ${set.name} ${index + 1}/${set.samples.length}   `);
      const started = performance.now();
      let hypothesis = '';
      let segments: Segment[] = [];
      let error: string | undefined;
      try {
        const transcript = await engine.transcriber.transcribe({
          location: sample.wavPath,
          offset: 0,
          duration: sample.audioSeconds,
          language: set.language,
          silences: [],
        });
        hypothesis = transcript.segments.map((segment) => segment.text.trim()).filter(Boolean).join(' ');
        segments = transcript.segments;
        transcriptEngine = transcript.engine;
        model = transcript.model ?? model;
      } catch (caught) {
        error = (caught as Error).message.split('\n')[0]?.slice(0, 300) ?? String(caught);
      }
      const processingSeconds = (performance.now() - started) / 1000;
      const count = countErrors(sample.reference, hypothesis, set.language);
      samples.push({ segments, reference: sample.reference });
      perFile.push({
        id: sample.id,
        ...(sample.trust ? { trust: sample.trust } : {}),
        audioSeconds: sample.audioSeconds,
        processingSeconds,
        ...count,
        rate: corpusErrorRate([count]),
        reference: sample.reference,
        hypothesis,
        ...(error ? { error } : {}),
      });
    }
  } finally {
    memory = await sampler.stop();
    process.stderr.write('\r\x1b[K');
  }
  const trusted = perFile.filter((file) => file.trust && TRUSTED_LEVELS.has(file.trust));
  const hasTrust = perFile.some((file) => file.trust);
  const audioSeconds = perFile.reduce((sum, file) => sum + file.audioSeconds, 0);
  const processingSeconds = perFile.reduce((sum, file) => sum + file.processingSeconds, 0);
  const marked = samples.map((sample) => markReliability(sample.segments, transcriptEngine ?? 'none'));
  const units = samples.flatMap((sample, index) => scoreUnits(marked[index]!, sample.reference, set.language));
  const captions = perFile.map((file, index) =>
    recordingCaptionAccuracy({
      id: file.id,
      segments: marked[index]!,
      engine: transcriptEngine ?? 'none',
      language: set.language,
      reference: file.reference,
      durationSeconds: file.audioSeconds,
    }),
  );
  const result: RunResult = {
    ...base,
    status: 'ran',
    metric: metricFor(set.language),
    ...(model ? { model } : {}),
    files: perFile.length,
    failedFiles: perFile.filter((file) => file.error).length,
    audioSeconds: round(audioSeconds, 2),
    processingSeconds: round(processingSeconds, 2),
    realTimeFactor: audioSeconds > 0 ? round(processingSeconds / audioSeconds, 3) : 0,
    rate: corpusErrorRate(perFile),
    trustedRate: hasTrust ? corpusErrorRate(trusted) : undefined,
    trustedFiles: trusted.length,
    edits: perFile.reduce((sum, file) => sum + file.edits, 0),
    referenceTokens: perFile.reduce((sum, file) => sum + file.referenceTokens, 0),
    peakMemoryMb: mib(memory.peakKb),
    peakBreakdownMb: Object.fromEntries(Object.entries(memory.peakBreakdownKb).map(([name, kb]) => [name, mib(kb)])),
    ...(transcriptEngine ? { transcriptEngine } : {}),
    reliability: { buckets: precisionByBucket(units), summary: summariseReliability(units) },
    captions,
    perFile,
  };
  calibrationSamples.set(result, samples);
  return result;
}

const percent = (value: number | undefined): string => (value === undefined ? '-' : `${(value * 100).toFixed(1)}%`);

/** Share of right words per confidence bucket, and what the reliable verdicts let through. */
function reliabilityTable(result: Extract<RunResult, { status: 'ran' }>): string {
  const { buckets, summary } = result.reliability;
  const rows = buckets.map((bucket) => [
    bucket.from === undefined ? 'no confidence' : `${bucket.from.toFixed(1)}-${bucket.to?.toFixed(1)}`,
    String(bucket.tokens),
    percent(bucket.precision),
  ]);
  rows.push(['marked reliable (words)', String(summary.reliableWords.tokens), `${percent(summary.reliableWords.precision)} (coverage ${percent(summary.reliableWords.coverage)})`]);
  rows.push(['quoted (reliable segments)', String(summary.quoted.tokens), `${percent(summary.quoted.precision)} (coverage ${percent(summary.quoted.coverage)})`]);
  rows.push(['all heard', String(summary.all.tokens), percent(summary.all.precision)]);
  const judgedBy = result.transcriptEngine ?? result.engine;
  const threshold = judgedBy in RELIABILITY_THRESHOLDS ? RELIABILITY_THRESHOLDS[judgedBy as ScoredEngine] : undefined;
  const thresholdText = threshold ? `word >= ${threshold.word} with >= ${threshold.minLetters} letters, segment >= ${threshold.segment}, reliable words >= ${percent(threshold.segmentWordShare)}` : 'no threshold';
  return `\nreliability: ${result.engine} on ${result.set} (${thresholdText})\n${renderTextTable(['confidence', `${result.metric === 'CER' ? 'chars' : 'words'}`, 'right'], rows)}`;
}

/** Candidate thresholds: confidence levels with and without the table's letter minimum, then shares at the table's level. */
function candidateThresholds(current: ReliabilityThreshold): ReliabilityThreshold[] {
  const levels = [0.3, 0.5, 0.7, 0.8, 0.85, 0.9, 0.95];
  const minima = [...new Set([1, current.minLetters])];
  const byLevel = minima.flatMap((minLetters) => levels.map((level) => ({ ...current, word: level, segment: level, minLetters })));
  const byShare = [0.5, 0.6, 0.7, 0.9, 1].map((share) => ({ ...current, segmentWordShare: share }));
  return [...byLevel, ...byShare];
}

/** Threshold sweep per scored engine and language over every set it ran on. */
function sweepTables(results: readonly RunResult[]): string[] {
  const groups = new Map<string, { engine: ScoredEngine; language: Language; samples: CalibrationSample[] }>();
  for (const result of results) {
    if (result.status !== 'ran') continue;
    const engine = result.transcriptEngine ?? result.engine;
    if (!(engine in RELIABILITY_THRESHOLDS)) continue;
    const key = `${engine} ${result.language}`;
    const group = groups.get(key) ?? { engine: engine as ScoredEngine, language: result.language, samples: [] };
    group.samples.push(...(calibrationSamples.get(result) ?? []));
    groups.set(key, group);
  }
  return [...groups.entries()].map(([key, group]) => {
    const rows = sweepThresholds(group.samples, group.engine, candidateThresholds(RELIABILITY_THRESHOLDS[group.engine]), group.language).map((row: SweepRow) => [
      String(row.threshold.word),
      String(row.threshold.minLetters),
      String(row.threshold.segment),
      percent(row.threshold.segmentWordShare),
      `${percent(row.reliableWords.precision)} / ${percent(row.reliableWords.coverage)}`,
      `${percent(row.quoted.precision)} / ${percent(row.quoted.coverage)}`,
    ]);
    return `\nthreshold sweep: ${key} (${group.samples.length} files; precision / coverage of heard words)\n${renderTextTable(['word', 'min letters', 'segment', 'word share', 'reliable words', 'quoted segments'], rows)}`;
  });
}

/** One line: windows captioned, burned tokens right, and the precision had every cue been burned. */
function captionLine(pooled: CaptionAccuracy, unit: string): string {
  const { burned, ungated } = pooled;
  return (
    `${pooled.captionedWindows}/${pooled.windows} windows captioned, ${burned.right}/${burned.tokens} burned ${unit} right = ${percent(burned.precision)}; ` +
    `ungated ${percent(ungated.precision)} (${ungated.right}/${ungated.tokens})`
  );
}

/** Burned-caption precision per engine and language over every set it ran on, per recording and pooled. */
function captionTables(results: readonly RunResult[]): string[] {
  const groups = new Map<string, { unit: string; files: { set: string; accuracy: RecordingCaptionAccuracy }[] }>();
  for (const result of results) {
    if (result.status !== 'ran') continue;
    const key = `${result.transcriptEngine ?? result.engine} ${result.language}`;
    const group = groups.get(key) ?? { unit: result.metric === 'CER' ? 'chars' : 'words', files: [] };
    group.files.push(...result.captions.map((accuracy) => ({ set: result.set, accuracy })));
    groups.set(key, group);
  }
  return [...groups.entries()].map(([key, group]) => {
    const rows = group.files.map(({ set, accuracy }) => [
      `${set}/${accuracy.id}`,
      `${accuracy.captionedWindows}/${accuracy.windows}`,
      `${accuracy.burned.right}/${accuracy.burned.tokens}`,
      percent(accuracy.burned.precision),
      `${accuracy.ungated.right}/${accuracy.ungated.tokens}`,
      percent(accuracy.ungated.precision),
    ]);
    const pooled = poolCaptionAccuracy(group.files.map((file) => file.accuracy));
    const heading = `burned captions: ${key} (${CAPTION_WINDOW_SECONDS} s windows, bold style, ${CAPTION_EVAL_FRAME.width}x${CAPTION_EVAL_FRAME.height}): ${captionLine(pooled, group.unit)}`;
    return `\n${heading}\n${renderTextTable(['file', 'captioned', 'burned right', 'precision', 'ungated right', 'ungated'], rows)}`;
  });
}

function summaryRow(result: RunResult): string[] {
  if (result.status === 'unsupported') return [result.engine, result.set, result.reason];
  const files = result.failedFiles > 0 ? `${result.files} (${result.failedFiles} failed)` : String(result.files);
  const trusted = result.trustedRate === undefined ? '-' : `${formatRate(result.trustedRate)} (${result.trustedFiles})`;
  return [
    result.engine,
    result.set,
    files,
    result.audioSeconds.toFixed(1),
    result.metric,
    formatRate(result.rate),
    trusted,
    result.realTimeFactor.toFixed(3),
    result.peakMemoryMb.toFixed(0),
  ];
}

function perFileTable(result: Extract<RunResult, { status: 'ran' }>): string {
  const rows = result.perFile.map((file) => [
    file.id,
    file.trust ?? '-',
    file.audioSeconds.toFixed(2),
    String(file.referenceTokens),
    String(file.edits),
    formatRate(file.rate),
    (file.processingSeconds / Math.max(file.audioSeconds, 1e-9)).toFixed(3),
  ]);
  const table = renderTextTable(['file', 'trust', 'audio s', 'ref tokens', 'edits', result.metric, 'RTF'], rows);
  const texts = result.perFile.map((file) => `  ${file.id}\n    ref: ${file.reference}\n    hyp: ${file.hypothesis}${file.error ? `\n    error: ${file.error}` : ''}`);
  return `\n${result.engine} on ${result.set}${result.model ? ` (model ${result.model})` : ''}\n${table}\n${texts.join('\n')}`;
}

/** Tree RSS of this process with nothing running, MB: what every peak includes before an engine adds its share. */
async function baselineMemoryMb(): Promise<number> {
  const sampler = startProcessTreeSampler({ intervalMs: MEMORY_SAMPLE_MS });
  await new Promise((resolve) => setTimeout(resolve, 200));
  return mib((await sampler.stop()).peakKb);
}

async function main(): Promise<void> {
  const wallStarted = performance.now();
  const args = parseArguments();
  // The environment is read here only, once.
  const engines = await resolveEngines(args.engines as EvalEngineName[], { ...process.env });
  const tempRoot = await mkdtemp(path.join(os.tmpdir(), 'postshow-eval-asr-'));
  const results: RunResult[] = [];
  const sets: PreparedSet[] = [];
  let baselineMb = 0;
  try {
    for (const name of args.sets as SetName[]) sets.push(await prepareSet(await loadSet(name, args.shared), tempRoot));
    baselineMb = await baselineMemoryMb();
    for (const engine of engines) {
      if (!engine.available) continue;
      for (const set of sets) {
        if (set.samples.length === 0) continue;
        results.push(await runEngineOnSet(engine, set));
      }
    }
  } finally {
    await rm(tempRoot, { recursive: true, force: true });
  }

  const rows = results.map(summaryRow);
  if (rows.length > 0) console.log(renderTextTable(['engine', 'set', 'files', 'audio s', 'metric', 'rate', 'rate A+B (files)', 'RTF', 'peak MB'], rows));
  else console.log('no engine ran');
  for (const engine of engines) if (!engine.available) console.log(`${engine.name}: not run, ${engine.reason}`);
  for (const result of results) {
    if (result.status !== 'ran' || result.failedFiles === 0) continue;
    const first = result.perFile.find((file) => file.error);
    console.log(`${result.engine} on ${result.set}: ${result.failedFiles} file(s) failed, scored as empty transcripts; first: ${first?.id}: ${first?.error}`);
  }
  for (const set of sets) {
    if (set.samples.length === 0) console.log(`${set.name}: no files, ${set.notes.join('; ') || 'empty folder'}`);
    else for (const note of set.notes) console.log(`${set.name}: ${note}`);
  }
  console.log(
    `rate = corpus WER/CER (total edits / total reference tokens); RTF = transcribe seconds / audio seconds; ` +
      `peak MB = process-tree RSS while the engine ran (this node process alone: ${baselineMb.toFixed(0)} MB)`,
  );
  for (const result of results) if (result.status === 'ran') console.log(reliabilityTable(result));
  for (const table of sweepTables(results)) console.log(table);
  for (const table of captionTables(results)) console.log(table);
  if (args.verbose) for (const result of results) if (result.status === 'ran') console.log(perFileTable(result));

  const wallSeconds = round((performance.now() - wallStarted) / 1000, 1);
  if (args.json) {
    const report = {
      wallSeconds,
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', node: process.version, platform: `${os.platform()} ${os.release()}` },
      baselineMemoryMb: baselineMb,
      engines: engines.map((engine) => (engine.available ? { name: engine.name, available: true, model: engine.model } : { name: engine.name, available: false, reason: engine.reason })),
      sets: sets.map((set) => ({
        name: set.name,
        language: set.language,
        files: set.samples.length,
        audioSeconds: round(set.samples.reduce((sum, sample) => sum + sample.audioSeconds, 0), 2),
        notes: set.notes,
      })),
      results,
    };
    await mkdir(path.dirname(path.resolve(args.json)), { recursive: true });
    await writeFile(args.json, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`results written to ${args.json}`);
  }
  console.log(`wall time ${wallSeconds} s`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
