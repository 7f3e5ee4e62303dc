/**
 * What a measuring child process (`pipeline.bench.ts --measure`) reports for one pipeline run: the shape shared by
 * the bench's parent side and the long-stream report.
 */
import type { StageName } from '../shared/pipeline/messages.js';
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
  readonly stageMs: Readonly<Record<StageName, number>>;
  readonly clips: readonly ClipTiming[];
  readonly memory: TreeMemoryReport;
  /** `process.resourceUsage().maxRSS` right after the run, KiB. */
  readonly nodeMaxRssKb: number;
  /** Best-of-N time of the analyze handler alone on the stored inputs (sentiment, signals, detector, compliance). */
  readonly analyzeAloneMs: number;
  readonly highlightsFound: number;
  readonly chatInput?: ChatInputReport;
  readonly chatParse?: ChatParseTiming;
}
