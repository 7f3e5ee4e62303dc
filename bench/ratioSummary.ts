/**
 * The bench's last table: every ratio the performance issue sets a target for, side by side with the peak memory
 * of the same measurement, from the sections this run measured (a section not run prints as not measured).
 * Pure formatting; the numbers come from the sections.
 */
import { renderTextTable } from '../scripts/textTable.js';

export interface SummaryInputs {
  readonly short?: readonly { readonly label: string; readonly analysisOverDecode: number; readonly scenePassOverDecode: number; readonly peakAnalysisTreeRssMb: number; readonly peakClipTreeRssMb: number; readonly concurrency: number }[];
  readonly render?:
    | {
        /** Against the naive pass (x264 veryfast CRF 20). */
        readonly overNaiveWall: number;
        readonly overNaiveCpu: number;
        /** Against the naive pass at the renderer's own preset and CRF. */
        readonly sameEncoderWall: number;
        readonly sameEncoderCpu: number;
        readonly peakTreeMb: number;
        readonly naivePeakTreeMb: number;
      }
    | { readonly skipped: string };
  readonly long?: readonly { readonly minutes: number; readonly wallOverDecode: number; readonly peakTreeRssMb: number; readonly chatAccepted: number }[] | { readonly skipped: string };
  readonly whisper?: { readonly rtf: number; readonly threads: number } | { readonly skipped: string };
}

const MIB_LIMIT = 1024;

export function formatRatioSummary(inputs: SummaryInputs): string {
  const rows: string[][] = [];
  const notRun = (what: string): string[] => [what, '-', '-', '-', 'not measured in this run'];
  const verdict = (ok: boolean): string => (ok ? 'holds' : 'MISSED');

  if (inputs.short && inputs.short.length > 0) {
    for (const show of inputs.short) {
      rows.push([
        `analysis / audio-only decode (${show.label}, captions + chat)`,
        `${show.analysisOverDecode.toFixed(2)}x`, '<= 1.5x', show.peakAnalysisTreeRssMb.toFixed(0),
        `${verdict(show.analysisOverDecode <= 1.5)} (scene pass alone ${show.scenePassOverDecode.toFixed(2)}x)`,
      ]);
      rows.push([
        `clip stage process tree, ${show.concurrency} clips at once (${show.label})`,
        '-', `< ${MIB_LIMIT} MB`, show.peakClipTreeRssMb.toFixed(0), verdict(show.peakClipTreeRssMb < MIB_LIMIT),
      ]);
    }
  } else rows.push(notRun('analysis / audio-only decode'));

  if (!inputs.render) rows.push(notRun('clip render / naive single-pass ffmpeg'));
  else if ('skipped' in inputs.render) rows.push(['clip render / naive single-pass ffmpeg', '-', '<= 0.8x', '-', `skipped: ${inputs.render.skipped}`]);
  else {
    const render = inputs.render;
    rows.push(['clip render / naive single-pass ffmpeg, veryfast CRF 20 (wall)', `${render.overNaiveWall.toFixed(2)}x`, '<= 0.8x', render.peakTreeMb.toFixed(0), verdict(render.overNaiveWall <= 0.8)]);
    rows.push(['clip render / naive single-pass ffmpeg, veryfast CRF 20 (CPU)', `${render.overNaiveCpu.toFixed(2)}x`, '-', render.naivePeakTreeMb.toFixed(0), `naive's peak in the memory column`]);
    rows.push([
      'clip render / naive pass at the renderer\'s own preset and CRF (wall; CPU)',
      `${render.sameEncoderWall.toFixed(2)}x`, '-', '-', `CPU ${render.sameEncoderCpu.toFixed(2)}x: what the smart cut and one decode save alone`,
    ]);
  }

  if (!inputs.long) rows.push(notRun('long show run / audio-only decode'));
  else if ('skipped' in inputs.long) rows.push(['long show run / audio-only decode', '-', '<= 10x', '-', `skipped: ${inputs.long.skipped}`]);
  else {
    for (const row of inputs.long) {
      const target = row.minutes >= 200;
      rows.push([
        `long show run / audio-only decode (${row.minutes} min, ${row.chatAccepted} danmaku)`,
        `${row.wallOverDecode.toFixed(2)}x`, target ? '<= 10x' : '-', row.peakTreeRssMb.toFixed(0),
        target ? verdict(row.wallOverDecode <= 10 && row.peakTreeRssMb < MIB_LIMIT) : `peak ${verdict(row.peakTreeRssMb < MIB_LIMIT)} < ${MIB_LIMIT} MB`,
      ]);
    }
  }

  if (!inputs.whisper) rows.push(notRun('whisper base realtime factor'));
  else if ('skipped' in inputs.whisper) rows.push(['whisper base realtime factor', '-', '-', '-', `skipped: ${inputs.whisper.skipped}`]);
  else rows.push([`whisper base realtime factor (${inputs.whisper.threads} threads)`, `${inputs.whisper.rtf.toFixed(2)}x`, '-', '-', 'measured']);

  return `ratios (each against a baseline measured in this run)\n${renderTextTable(['measure', 'ratio', 'target', 'peak MB', ''], rows)}`;
}
