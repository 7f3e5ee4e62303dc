/**
 * What a measuring child process (`pipeline.bench.ts --measure`) reports for one pipeline run: the shape shared by
 * the bench's parent side and the long-stream report.
 */
import { STAGES, type StageName } from '../shared/pipeline/messages.js';
import type { TreeMemoryReport } from './processTreeMemory.js';

export interface ClipTiming {
  readonly clipId: string;
  readonly clipSeconds: number;
  readonly cutMs: number;
}

/** `parseChatLog` alone on the run's chat file, after the run (so it does not move the run's memory figures). */
export interface ChatParseTiming {
  /** Reading the file and decoding it to a string, ms. */
  readonly readMs: number;
  /** First and best of `runs` parses, ms. */
  readonly firstMs: number;
  readonly bestMs: number;
  readonly runs: number;
  readonly bytes: number;
  readonly accepted: number;
  readonly skipped: number;
}

/** The chat side input's parse report as ingest stored it in the manifest. */
export interface ChatInputReport {
  readonly format: string;
  readonly accepted: number;
  readonly skipped: number;
  readonly skippedReasons: Readonly<Record<string, number>>;
}

/** What the child process reports for one show. */
export interface ShowMeasurement {
  /** The recording's duration as ingest probed it, seconds. */
  readonly probedSeconds: number;
  readonly submitMs: number;
  readonly runWallMs: number;
  /** Wall time from the run's start (ingest) to the first clip stage's start (suggest's, when nothing is clipped): the analysis. */
  readonly untilFirstClipMs: number;
  readonly stageMs: Readonly<Record<StageName, number>>;
  readonly clips: readonly ClipTiming[];
  readonly memory: TreeMemoryReport;
  /** `process.resourceUsage().maxRSS` right after the run, KiB. */
  readonly nodeMaxRssKb: number;
  /** Best-of-N time of the analyze handler alone on the stored inputs (sentiment, signals, detector, compliance). */
  readonly analyzeAloneMs: number;
  /** The audio stage's two ffmpeg passes timed alone on the recording (best of 2): the audio features, and the intra-frame scene pass beside it. */
  readonly audioPassAloneMs: number;
  readonly scenePassAloneMs: number;
  readonly highlightsFound: number;
  readonly chatInput?: ChatInputReport;
  readonly chatParse?: ChatParseTiming;
}

/** Every stage except clip: the work that scales with the recording rather than with the number of clips (memory phases). */
export const ANALYSIS_STAGES = STAGES.filter((stage) => stage !== 'clip');

const KIB_PER_MIB = 1024;
export function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
export const mib = (kib: number): number => round(kib / KIB_PER_MIB, 1);
export const seconds = (ms: number, digits = 2): number => round(ms / 1000, digits);

/** What every bench row reports about one measured run, in seconds and MiB, against the run's decode baseline. */
export interface RunFigures {
  readonly decodeBaselineSeconds: number;
  readonly runWallSeconds: number;
  /** Wall time from ingest's start to the first clip's start (every stage before clip), and that over the decode baseline. */
  readonly analysisSeconds: number;
  readonly analysisOverDecode: number;
  readonly stageSeconds: Readonly<Record<StageName, number>>;
  readonly submitSeconds: number;
  readonly analyzeAloneSeconds: number;
  /** The audio stage's passes alone, over the decode baseline. */
  readonly audioPassOverDecode: number;
  readonly scenePassOverDecode: number;
  readonly peakTreeRssMb: number;
  /** Peak tree RSS while analysis stages ran (everything but clip), and while clips were cut. */
  readonly peakAnalysisTreeRssMb: number;
  readonly peakClipTreeRssMb: number;
  readonly nodeMaxRssMb: number;
  readonly peakBreakdownMb: Readonly<Record<string, number>>;
  readonly peakByStageMb: Readonly<Record<string, number>>;
  readonly maxProcesses: number;
  readonly memorySamples: number;
}

export function runFigures(m: ShowMeasurement, decodeMs: number): RunFigures {
  const analysisMs = m.untilFirstClipMs;
  return {
    decodeBaselineSeconds: seconds(decodeMs),
    runWallSeconds: seconds(m.runWallMs),
    analysisSeconds: seconds(analysisMs),
    analysisOverDecode: round(analysisMs / decodeMs, 2),
    stageSeconds: Object.fromEntries(STAGES.map((stage) => [stage, seconds(m.stageMs[stage])])) as Record<StageName, number>,
    submitSeconds: seconds(m.submitMs),
    analyzeAloneSeconds: seconds(m.analyzeAloneMs, 3),
    audioPassOverDecode: round(m.audioPassAloneMs / decodeMs, 2),
    scenePassOverDecode: round(m.scenePassAloneMs / decodeMs, 2),
    peakTreeRssMb: mib(m.memory.peakKb),
    peakAnalysisTreeRssMb: mib(Math.max(0, ...ANALYSIS_STAGES.map((stage) => m.memory.peakByPhaseKb[stage] ?? 0))),
    peakClipTreeRssMb: mib(m.memory.peakByPhaseKb.clip ?? 0),
    nodeMaxRssMb: mib(m.nodeMaxRssKb),
    peakBreakdownMb: Object.fromEntries(Object.entries(m.memory.peakBreakdownKb).map(([name, kb]) => [name, mib(kb)])),
    peakByStageMb: Object.fromEntries(Object.entries(m.memory.peakByPhaseKb).map(([phase, kb]) => [phase, mib(kb)])),
    maxProcesses: m.memory.maxProcesses,
    memorySamples: m.memory.samples,
  };
}
