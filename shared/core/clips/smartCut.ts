/**
 * The smart cut of a clip's source-shape variant: which parts of the clip are stream-copied from the
 * recording (whole GOPs, so they keep the recording's own quality and cost no encoding) and which are
 * re-encoded (the partial GOPs at each kept span's ends). Pure: the media adapter lists the recording's
 * video packets around the kept spans and renders what this plans.
 *
 * A copied run goes from a keyframe to a later keyframe of the same span; its packets are exactly the
 * frames shown in between only when GOPs are closed (no frame of one GOP references another), which
 * every recorder's H.264 keyframe (IDR) guarantees. The re-encoded pieces are spliced in front of and
 * behind it, so they must reorder frames by the same depth as the recording does (`reorderFrames`):
 * decode times then stay increasing across every joint (x264 can match 0, 1 or 2 frames).
 */
import type { TimeRange } from '../types.js';
import type { ClipTimeline } from './clipTimeline.js';

/** One video packet of the recording: presentation and decode time (seconds), keyframe or not. */
export interface VideoPacket {
  readonly pts: number;
  readonly dts: number;
  readonly key: boolean;
}

export type SmartCutSegment =
  /** Re-encoded: the clip's frames in [clipStart, clipEnd). */
  | { readonly kind: 'encode'; readonly clipStart: number; readonly clipEnd: number }
  /** Stream-copied: `packets` packets from the keyframe at `sourceStart` (the next keyframe, `sourceEnd`, excluded). */
  | { readonly kind: 'copy'; readonly clipStart: number; readonly clipEnd: number; readonly sourceStart: number; readonly sourceEnd: number; readonly packets: number };

export interface SmartCutPlan {
  /** In clip order, back to back from 0 to the clip's duration; adjacent encoded parts are merged. */
  readonly segments: readonly SmartCutSegment[];
  /** How many frames the recording's decoder holds back for reordering (B-frames): 0, 1 or 2. */
  readonly reorderFrames: number;
  /** One frame's duration, seconds (the recording's most common packet spacing). */
  readonly frameSeconds: number;
  /** Seconds copied, and seconds re-encoded. */
  readonly copiedSeconds: number;
  readonly encodedSeconds: number;
}

export interface SmartCutOptions {
  /** Copied runs shorter than this are re-encoded instead: each copy costs a process start. @default 1 */
  readonly minCopySeconds?: number;
}

/** Reordering depths the re-encoded pieces can match with x264 (clipRenderPlan.ts `x264ReorderOptions`). */
const MATCHABLE_REORDER_FRAMES = [0, 1, 2] as const;
/** Times closer than this are the same instant (ffprobe prints microseconds). */
const SAME_INSTANT = 2e-6;

/**
 * Plans the smart cut of `timeline` from the recording's packets (at least those within the kept spans).
 * Where nothing can be copied (too few keyframes, a reordering depth x264 cannot match, no packets) the
 * whole clip is one encoded segment.
 */
export function planSmartCut(timeline: ClipTimeline, packets: readonly VideoPacket[], options: SmartCutOptions = {}): SmartCutPlan {
  const minCopy = options.minCopySeconds ?? 1;
  const sorted = [...packets].sort((a, b) => a.pts - b.pts);
  const frameSeconds = commonSpacing(sorted.map((packet) => packet.pts));
  const duration = timeline.reduce((sum, span) => sum + (span.end - span.start), 0);
  const wholeEncode = (reorderFrames: number): SmartCutPlan => ({
    segments: duration > 0 ? [{ kind: 'encode', clipStart: 0, clipEnd: duration }] : [],
    reorderFrames,
    frameSeconds,
    copiedSeconds: 0,
    encodedSeconds: duration,
  });
  const keyframes = sorted.filter((packet) => packet.key);
  if (!(frameSeconds > 0) || keyframes.length < 2) return wholeEncode(0);

  const runs: { span: TimeRange; clipOffset: number; first: VideoPacket; last: VideoPacket }[] = [];
  let clipOffset = 0;
  for (const span of timeline) {
    const inside = keyframes.filter((key) => key.pts >= span.start - SAME_INSTANT && key.pts <= span.end + SAME_INSTANT);
    const first = inside[0];
    const last = inside.at(-1);
    if (first && last && last.pts - first.pts >= minCopy - SAME_INSTANT) runs.push({ span, clipOffset, first, last });
    clipOffset += span.end - span.start;
  }
  // The copied packets decode `pts - dts` ahead of showing; the pieces must be encoded to the same depth.
  const depths = new Set(runs.map((run) => Math.round((run.first.pts - run.first.dts) / frameSeconds)));
  const reorderFrames = depths.size === 1 ? [...depths][0]! : -1;
  const exact = runs.every((run) => Math.abs((run.first.pts - run.first.dts) / frameSeconds - reorderFrames) < 0.1);
  if (runs.length === 0 || !exact || !(MATCHABLE_REORDER_FRAMES as readonly number[]).includes(reorderFrames)) return wholeEncode(Math.max(0, reorderFrames));

  const segments: SmartCutSegment[] = [];
  const encode = (clipStart: number, clipEnd: number): void => {
    if (clipEnd - clipStart <= SAME_INSTANT) return;
    const previous = segments.at(-1);
    if (previous?.kind === 'encode' && Math.abs(previous.clipEnd - clipStart) <= SAME_INSTANT) segments[segments.length - 1] = { ...previous, clipEnd };
    else segments.push({ kind: 'encode', clipStart, clipEnd });
  };
  let done = 0; // clip seconds planned so far
  for (const run of runs) {
    const toClip = (source: number): number => run.clipOffset + (source - run.span.start);
    const copyStart = Math.max(toClip(run.first.pts), run.clipOffset);
    encode(done, copyStart);
    const copyEnd = toClip(run.last.pts);
    const shown = sorted.filter((packet) => packet.pts >= run.first.pts - SAME_INSTANT && packet.pts < run.last.pts - SAME_INSTANT);
    const decoded = sorted.filter((packet) => packet.dts >= run.first.dts - SAME_INSTANT && packet.dts < run.last.dts - SAME_INSTANT);
    // An open GOP shows frames of the next GOP before its keyframe: the run's packets in decode order are not
    // the frames it shows, so it cannot be copied on its own.
    if (shown.length !== decoded.length || shown.some((packet) => packet.dts < run.first.dts - SAME_INSTANT || packet.dts >= run.last.dts - SAME_INSTANT)) {
      return wholeEncode(reorderFrames);
    }
    const count = shown.length;
    segments.push({ kind: 'copy', clipStart: copyStart, clipEnd: copyEnd, sourceStart: run.first.pts, sourceEnd: run.last.pts, packets: count });
    done = copyEnd;
  }
  encode(done, duration);
  const copiedSeconds = segments.reduce((sum, segment) => sum + (segment.kind === 'copy' ? segment.clipEnd - segment.clipStart : 0), 0);
  return { segments, reorderFrames, frameSeconds, copiedSeconds, encodedSeconds: Math.max(0, duration - copiedSeconds) };
}

/** The most common positive spacing of ascending times (a frame's duration), rounded to microseconds; 0 without any. */
function commonSpacing(times: readonly number[]): number {
  const counts = new Map<number, number>();
  for (let i = 1; i < times.length; i++) {
    const gap = Math.round(((times[i] as number) - (times[i - 1] as number)) * 1e6) / 1e6;
    if (gap > 0) counts.set(gap, (counts.get(gap) ?? 0) + 1);
  }
  let best = 0;
  let bestCount = 0;
  for (const [gap, count] of counts) if (count > bestCount || (count === bestCount && gap < best)) [best, bestCount] = [gap, count];
  return best;
}
