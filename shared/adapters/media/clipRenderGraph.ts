/**
 * The filter graph that renders every shape of a clip from one decode: the kept spans are cut out of
 * the input once, then `split`/`asplit` feed one fitting chain per variant (scale, centre or subject
 * crop, blurred fill), each with its own burned captions, plus one branch that picks the thumbnail
 * frame. Pure string building, so it is unit-tested without ffmpeg.
 */
import { cropWindow, type FrameSize } from '../../core/clips/variantSize.js';
import { MediaError } from '../../core/errors.js';
import type { TimeRange } from '../../core/types.js';
import { cropTrackExpressions, type SubjectPoint } from './cropTrackExpression.js';

/** How one variant is filled from the source picture. */
export type GraphFit =
  | { readonly mode: 'none' }
  | { readonly mode: 'center' }
  | { readonly mode: 'blur' }
  | { readonly mode: 'subject'; readonly track: readonly SubjectPoint[] };

export interface GraphVariant {
  readonly size: FrameSize;
  readonly fit: GraphFit;
  /** ASS (or SRT) file timed in clip seconds, burned in; absent: no captions. */
  readonly captionsPath?: string;
  /**
   * Only these clip-time ranges of the variant's picture are encoded, each to its own output (the smart
   * cut's re-encoded pieces, spliced between stream-copied GOPs); no captions are burned. Ranges are cut
   * half a frame inside a neighbouring copy's keyframe, so no frame lands in both.
   */
  readonly pieces?: readonly TimeRange[];
}

export interface ClipGraphInput {
  /** Kept spans in input seconds (0 is where the input read starts), ascending and disjoint. */
  readonly spans: readonly TimeRange[];
  /** The source picture; absent for an audio-only source, which gets a plain background. */
  readonly source?: FrameSize;
  readonly variants: readonly GraphVariant[];
  /** The thumbnail: a frame of variant `variant` (captions included) at clip second `at`. */
  readonly thumbnail: { readonly variant: number; readonly at: number };
  /** Where libass loads caption fonts from. */
  readonly fontsDir: string;
  /** A font family that replaces every caption style's font (a deployment whose fonts directory holds only that font). */
  readonly fontOverride?: string;
}

export interface ClipGraph {
  readonly filterComplex: string;
  /** Output labels per variant, in the order given: its whole picture, or one label per piece asked for. */
  readonly outputs: readonly { readonly video: readonly string[]; readonly audio: string }[];
  readonly thumbnail: string;
}

/** Background of clips cut from audio-only sources, and its frame rate. */
export const AUDIO_ONLY_BACKGROUND = { color: '0x1d2233', fps: 25 } as const;

/** Blurring at a quarter of the size keeps the blur cheap; the fill is scaled back up anyway. */
const BLUR_DOWNSCALE = 4;

const sec = (value: number): string => String(Math.round(value * 1e6) / 1e6);
const even = (value: number): number => Math.max(2, 2 * Math.round(value / 2));

/**
 * A path for a quoted ffmpeg filter argument (`subtitles=filename='...'`). Inside quotes the graph
 * parser takes everything literally, so only a quote itself cannot be carried: such paths are refused.
 */
export function filterPath(value: string): string {
  if (value.includes("'")) throw new MediaError(`path ${value} cannot be passed to an ffmpeg filter`, { permanent: true });
  return value;
}

/** Clip duration of the spans. */
const spansDuration = (spans: readonly TimeRange[]): number => spans.reduce((sum, span) => sum + (span.end - span.start), 0);

/**
 * Video: keep frames inside a span and close the gaps by moving each frame back by the time removed
 * before it, so a frame lands exactly where toClipTime puts it (no frame counting, which a variable
 * frame rate would break). Audio: `atrim` per span is sample-exact and concat adds the lengths exactly;
 * `aselect` would cut on whole audio frames (about 21 ms) and drift against the picture.
 */
function timelineFilters(spans: readonly TimeRange[]): { video: string; audio: string[] } {
  const first = spans[0] as TimeRange;
  const keep = spans.map((s) => `gte(t,${sec(s.start)})*lt(t,${sec(s.end)})`).join('+');
  const shift = [sec(first.start), ...spans.slice(1).map((s, i) => `gte(T,${sec(s.start)})*${sec(s.start - (spans[i] as TimeRange).end)}`)].join('+');
  const video = `select='${keep}',setpts='PTS-(${shift})/TB'`;
  const trim = (s: TimeRange) => `atrim=start=${sec(s.start)}:end=${sec(s.end)},asetpts=PTS-${sec(s.start)}/TB`;
  if (spans.length === 1) return { video, audio: [`[0:a:0]${trim(first)}[clipa]`] };
  const pieces = spans.map((_, i) => `[ap${i}]`);
  return {
    video,
    audio: [
      `[0:a:0]asplit=${spans.length}${pieces.join('')}`,
      ...spans.map((s, i) => `[ap${i}]${trim(s)}[at${i}]`),
      `${spans.map((_, i) => `[at${i}]`).join('')}concat=n=${spans.length}:v=0:a=1[clipa]`,
    ],
  };
}

/** The filters that fit the source picture into one variant, from input label `from` to `to`. */
function fitFilters(from: string, to: string, source: FrameSize, variant: GraphVariant, index: number): string[] {
  const { width: w, height: h } = variant.size;
  const { fit } = variant;
  switch (fit.mode) {
    case 'none':
      return [`${from}scale=${w}:${h}${to}`];
    case 'center': {
      const crop = cropWindow(source, variant.size);
      return [`${from}crop=${crop.width}:${crop.height},scale=${w}:${h}${to}`];
    }
    case 'subject': {
      const crop = cropWindow(source, variant.size);
      const { x, y } = cropTrackExpressions(fit.track, source, crop);
      return [`${from}crop=w=${crop.width}:h=${crop.height}:x='${x}':y='${y}',scale=${w}:${h}${to}`];
    }
    case 'blur': {
      // A blurred copy covers the frame behind the whole picture, centred (the look of the original vertical cut).
      const bw = even(w / BLUR_DOWNSCALE);
      const bh = even(h / BLUR_DOWNSCALE);
      const k = Math.min(w / source.width, h / source.height);
      const fg = { width: Math.min(w, even(source.width * k)), height: Math.min(h, even(source.height * k)) };
      return [
        `${from}split=2[bgsrc${index}][fgsrc${index}]`,
        `[bgsrc${index}]scale=${bw}:${bh}:force_original_aspect_ratio=increase,crop=${bw}:${bh},boxblur=10:2,scale=${w}:${h}[bg${index}]`,
        `[fgsrc${index}]scale=${fg.width}:${fg.height}[fg${index}]`,
        `[bg${index}][fg${index}]overlay=(W-w)/2:(H-h)/2${to}`,
      ];
    }
  }
}

/** The whole filter_complex for one clip render; see the module comment. */
export function buildClipGraph(input: ClipGraphInput): ClipGraph {
  const { spans, variants, source, fontsDir, fontOverride } = input;
  if (spans.length === 0) throw new MediaError('a clip needs at least one kept span', { permanent: true });
  if (spans.some((s, i) => !(s.end > s.start) || s.start < 0 || (i > 0 && s.start < (spans[i - 1] as TimeRange).end))) {
    throw new MediaError('kept spans must be non-empty, ascending and disjoint', { permanent: true });
  }
  if (variants.length === 0) throw new MediaError('a clip render needs at least one variant', { permanent: true });
  const thumbOf = input.thumbnail.variant;
  if (!Number.isInteger(thumbOf) || thumbOf < 0 || thumbOf >= variants.length) {
    throw new MediaError(`thumbnail variant ${thumbOf} is not one of the ${variants.length} variants`, { permanent: true });
  }
  const duration = spansDuration(spans);
  const timeline = timelineFilters(spans);
  const n = variants.length;
  const lines: string[] = [...timeline.audio, `[clipa]asplit=${n}${variants.map((_, i) => `[aout${i}]`).join('')}`];
  // A smart-cut variant whose every frame is copied needs no picture from this graph (unless it gives the thumbnail).
  const pictured = variants.map((variant, i) => variant.pieces === undefined || variant.pieces.length > 0 || i === thumbOf);
  const pictures = variants.flatMap((_, i) => (pictured[i] ? [`[src${i}]`] : []));
  if (source) lines.push(`[0:v:0]${timeline.video},split=${pictures.length}${pictures.join('')}`);

  const videoOutputs = variants.map((variant, i): string[] => {
    if (!pictured[i]) return [];
    const { width: w, height: h } = variant.size;
    const captions =
      variant.captionsPath && !variant.pieces
        ? `,subtitles=filename='${filterPath(variant.captionsPath)}':fontsdir='${filterPath(fontsDir)}'${fontOverride ? `:force_style='FontName=${filterPath(fontOverride)}'` : ''}`
        : '';
    const labels = variant.pieces ? variant.pieces.map((_, j) => `[piece${i}_${j}]`) : [`[vout${i}]`];
    // The thumbnail branch is split off after the captions: the thumbnail shows what the clip shows.
    const branches = variant.pieces ? variant.pieces.map((_, j) => `[cut${i}_${j}]`) : [`[vout${i}]`];
    if (i === thumbOf) branches.push('[thumbsrc]');
    const finish = branches.length === 1 ? `null${branches[0]}` : `split=${branches.length}${branches.join('')}`;
    if (source) {
      lines.push(...fitFilters(`[src${i}]`, `[fit${i}]`, source, variant, i));
      lines.push(`[fit${i}]setsar=1${captions},${finish}`);
    } else {
      const { color, fps } = AUDIO_ONLY_BACKGROUND;
      lines.push(`color=c=${color}:s=${w}x${h}:r=${fps}:d=${sec(duration)},setsar=1${captions},${finish}`);
    }
    variant.pieces?.forEach((piece, j) => lines.push(`[cut${i}_${j}]trim=start=${sec(piece.start)}:end=${sec(piece.end)},setpts=PTS-STARTPTS${labels[j]}`));
    return labels;
  });
  // A frame well inside the clip: the last frame may end before the audio does.
  const at = Math.max(0, Math.min(input.thumbnail.at, duration - 0.1));
  lines.push(`[thumbsrc]select='gte(t,${sec(at)})',trim=end_frame=1[thumb]`);
  return {
    filterComplex: lines.join(';'),
    outputs: variants.map((_, i) => ({ video: videoOutputs[i] ?? [], audio: `[aout${i}]` })),
    thumbnail: '[thumb]',
  };
}
