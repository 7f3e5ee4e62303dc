/**
 * The long-stream bench case: a generated multi-hour recording with captions (bench/longShow.ts) plus a real
 * bilibili danmaku log (48,504 danmaku over about 3 h 40 min), run at several lengths cut from the same show so
 * peak memory at 1 h and 4 h sits side by side. This module locates the log, turns a child's measurement into a
 * row, and prints the rows as one table with a last-over-first ratio column.
 *
 * The log is real data outside the repository (`../shared/data/...` from the repo root) and is read in place,
 * never copied; without it the case is skipped with a one-line reason.
 */
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import { renderTextTable } from '../scripts/textTable.js';
import { STAGES } from '../shared/pipeline/messages.js';
import { round, runFigures, seconds, type RunFigures, type ShowMeasurement } from './showMeasurement.js';

/** The danmaku log, relative to the repository root. */
export const DANMAKU_LOG_FROM_REPO = path.join('..', 'shared', 'data', 'chat', 'bilibili-ZJStatistics2-live', '2020.12.12 嘉然 首播.xml');

export type DanmakuLog = { readonly path: string } | { readonly skipped: string };

/** The danmaku log's absolute path when it is a readable file, else why the long case cannot run. */
export function locateDanmakuLog(repoRoot: string): DanmakuLog {
  const file = path.resolve(repoRoot, DANMAKU_LOG_FROM_REPO);
  try {
    if (!statSync(file).isFile()) return { skipped: `${DANMAKU_LOG_FROM_REPO} is not a file` };
    accessSync(file, constants.R_OK);
    return { path: file };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { skipped: `danmaku log ${DANMAKU_LOG_FROM_REPO} ${code === 'ENOENT' ? 'not found' : `not readable (${code ?? String(error)})`}` };
  }
}

export interface LongRow extends RunFigures {
  readonly minutes: number;
  readonly durationSeconds: number;
  /** Generating (or cutting) this length's files, seconds; null when they came from the cache. */
  readonly generatedSeconds: number | null;
  readonly captionCues: number;
  readonly chatAccepted: number;
  readonly chatSkipped: number;
  readonly chatSkippedReasons: Readonly<Record<string, number>>;
  readonly wallOverDecode: number;
  readonly chatParse: { readonly readSeconds: number; readonly firstSeconds: number; readonly bestSeconds: number; readonly runs: number; readonly bytes: number } | null;
  readonly clips: number;
  readonly highlightsFound: number;
}

export function toLongRow(
  minutes: number,
  show: { readonly cues: number },
  generatedMs: number | null,
  decodeMs: number,
  m: ShowMeasurement,
): LongRow {
  return {
    ...runFigures(m, decodeMs),
    minutes,
    durationSeconds: round(m.probedSeconds, 2),
    generatedSeconds: generatedMs === null ? null : seconds(generatedMs, 1),
    captionCues: show.cues,
    chatAccepted: m.chatInput?.accepted ?? 0,
    chatSkipped: m.chatInput?.skipped ?? 0,
    chatSkippedReasons: m.chatInput?.skippedReasons ?? {},
    wallOverDecode: round(m.runWallMs / decodeMs, 2),
    chatParse: m.chatParse
      ? { readSeconds: seconds(m.chatParse.readMs, 3), firstSeconds: seconds(m.chatParse.firstMs, 3), bestSeconds: seconds(m.chatParse.bestMs, 3), runs: m.chatParse.runs, bytes: m.chatParse.bytes }
      : null,
    clips: m.clips.length,
    highlightsFound: m.highlightsFound,
  };
}

export interface LongGrowth {
  readonly from: number;
  readonly to: number;
  readonly lengthRatio: number;
  readonly runWallRatio: number;
  readonly analysisRatio: number;
  readonly peakTreeRssRatio: number;
  readonly peakAnalysisTreeRssRatio: number;
  readonly nodeMaxRssRatio: number;
}

/** Longest over shortest row; null with fewer than two lengths. */
export function longGrowth(rows: readonly LongRow[]): LongGrowth | null {
  const sorted = [...rows].sort((a, b) => a.minutes - b.minutes);
  const first = sorted[0];
  const last = sorted.at(-1);
  if (!first || !last || first === last) return null;
  return {
    from: first.minutes,
    to: last.minutes,
    lengthRatio: round(last.durationSeconds / first.durationSeconds, 2),
    runWallRatio: round(last.runWallSeconds / first.runWallSeconds, 2),
    analysisRatio: round(last.analysisSeconds / first.analysisSeconds, 2),
    peakTreeRssRatio: round(last.peakTreeRssMb / first.peakTreeRssMb, 2),
    peakAnalysisTreeRssRatio: round(last.peakAnalysisTreeRssMb / first.peakAnalysisTreeRssMb, 2),
    nodeMaxRssRatio: round(last.nodeMaxRssMb / first.nodeMaxRssMb, 2),
  };
}

/** A table row: label, and a number per length (undefined prints as '-'); `ratio` adds the last/first column. */
interface Line {
  readonly label: string;
  readonly value: (row: LongRow) => number | undefined;
  readonly digits: number;
  readonly ratio?: boolean;
}

const LINES: readonly Line[] = [
  { label: 'recording s', value: (r) => r.durationSeconds, digits: 0, ratio: true },
  { label: 'caption cues', value: (r) => r.captionCues, digits: 0 },
  { label: 'danmaku accepted', value: (r) => r.chatAccepted, digits: 0, ratio: true },
  { label: 'files generated s (- = cached)', value: (r) => r.generatedSeconds ?? undefined, digits: 1 },
  { label: 'audio-only decode s', value: (r) => r.decodeBaselineSeconds, digits: 2, ratio: true },
  { label: 'run wall s', value: (r) => r.runWallSeconds, digits: 2, ratio: true },
  { label: 'run wall / decode', value: (r) => r.wallOverDecode, digits: 2 },
  { label: 'until first clip s', value: (r) => r.analysisSeconds, digits: 2, ratio: true },
  { label: 'until first clip / decode', value: (r) => r.analysisOverDecode, digits: 2 },
  ...STAGES.map((stage): Line => ({ label: `  ${stage} s`, value: (r) => r.stageSeconds[stage], digits: 2, ratio: true })),
  { label: 'chat parse alone s (best)', value: (r) => r.chatParse?.bestSeconds, digits: 3, ratio: true },
  { label: 'analyze alone s (best)', value: (r) => r.analyzeAloneSeconds, digits: 3, ratio: true },
  { label: 'audio features pass / decode', value: (r) => r.audioPassOverDecode, digits: 2 },
  { label: 'scene pass / decode', value: (r) => r.scenePassOverDecode, digits: 2 },
  { label: 'clips', value: (r) => r.clips, digits: 0 },
  { label: 'peak tree RSS MB', value: (r) => r.peakTreeRssMb, digits: 1, ratio: true },
  { label: '  during all but clip MB', value: (r) => r.peakAnalysisTreeRssMb, digits: 1, ratio: true },
  // Per stage, so growth with the length can be pinned on the stage that holds it.
  ...STAGES.map((stage): Line => ({ label: `  during ${stage} MB`, value: (r) => r.peakByStageMb[stage], digits: 1, ratio: true })),
  { label: 'node maxRSS MB', value: (r) => r.nodeMaxRssMb, digits: 1, ratio: true },
];

/** Lengths as columns, measures as lines, and the longest over the shortest when there are two or more. */
export function formatLongTable(rows: readonly LongRow[]): string {
  const sorted = [...rows].sort((a, b) => a.minutes - b.minutes);
  const first = sorted[0];
  const last = sorted.at(-1);
  const withRatio = first !== undefined && last !== undefined && first !== last;
  const header = ['', ...sorted.map((row) => lengthLabel(row.minutes)), ...(withRatio ? [`${lengthLabel(last.minutes)} / ${lengthLabel(first.minutes)}`] : [])];
  const body = LINES.map((line) => {
    const cells = sorted.map((row) => {
      const value = line.value(row);
      return value === undefined ? '-' : value.toFixed(line.digits);
    });
    let ratio = '';
    if (withRatio && line.ratio) {
      const a = line.value(first);
      const b = line.value(last);
      ratio = a !== undefined && b !== undefined && a > 0 ? `${(b / a).toFixed(2)}x` : '-';
    }
    return [line.label, ...cells, ...(withRatio ? [ratio] : [])];
  });
  return renderTextTable(header, body);
}

function lengthLabel(minutes: number): string {
  return minutes % 60 === 0 ? `${minutes / 60} h` : `${minutes} min`;
}
