/**
 * Turns a RenderClipRequest into the one ffmpeg invocation that renders it: input seeking to the
 * clip's window, the graph of clipRenderGraph.ts, and one output per variant plus the thumbnail.
 * Pure, so the bench can run exactly the same command line with bare ffmpeg.
 */
import { DEFAULT_CAPTION_FONT } from '../../core/captions/captionStyle.js';
import { timelineDuration } from '../../core/clips/clipTimeline.js';
import { variantFit, variantSize, type FrameSize } from '../../core/clips/variantSize.js';
import { MediaError } from '../../core/errors.js';
import type { SmartCutPlan } from '../../core/clips/smartCut.js';
import type { Aspect } from '../../core/schemas/clipRender.js';
import type { RenderClipRequest, RenderedVariant } from '../../pipeline/ports.js';
import { buildClipGraph, type GraphFit } from './clipRenderGraph.js';

/** The media options a render reads (FfmpegMediaOptions has them all). */
export interface ClipRenderSettings {
  readonly x264Preset: string;
  readonly crf: number;
  readonly fontsDir: string;
  /**
   * The deployment's caption font (POSTSHOW_CAPTION_FONT). Where it is not the styles' default font it
   * replaces the style's font: libass has no fontconfig in Lambda, so only the font the layer ships exists.
   */
  readonly captionFont: string;
  /** Nominal size per aspect, before variantSize's no-absurd-upscale rule. */
  readonly variantSizes: Readonly<Record<Aspect, FrameSize>>;
}

/**
 * How a variant whose captions travel as a track (not burned) is put together after the main command: the
 * recording's whole GOPs stream-copied (`copies`, which need only the recording and can run beside the main
 * command), then the main command's re-encoded pieces, the copies and its audio joined by ffmpeg's concat
 * demuxer into the mp4, with the captions as a mov_text track. Without a smart cut there is one piece: the
 * whole clip, re-encoded.
 */
export interface VariantAssembly {
  readonly aspect: Aspect;
  readonly outPath: string;
  /** ffmpeg arguments (without the binary) of each stream copy. */
  readonly copies: readonly (readonly string[])[];
  /** The concat demuxer's list, to be written to `listPath` before `join` runs. */
  readonly listPath: string;
  readonly list: string;
  /** ffmpeg arguments of the join. */
  readonly join: readonly string[];
  /** Every file the assembly writes besides `outPath`, removed after it. */
  readonly temporaryFiles: readonly string[];
}

export interface ClipRenderPlan {
  readonly source: string;
  /** Input options before `-i source` (seeking). */
  readonly inputOptions: readonly string[];
  readonly filterComplex: string;
  /** Per output, its options (maps, codecs) then its path; the thumbnail comes last. */
  readonly outputs: readonly { readonly path: string; readonly options: readonly string[] }[];
  readonly variants: readonly RenderedVariant[];
  /** Variants finished after the main command (captions as a track, smart cut where planned). */
  readonly assemblies: readonly VariantAssembly[];
  /** Clip duration after trimming, seconds. */
  readonly duration: number;
}

/**
 * CRF of the pieces a smart cut re-encodes. They are spliced between the recording's own frames and last at
 * most a GOP each, so they get more bits than a whole variant (settings.crf) to look like the frames around them.
 */
export const SPLICE_CRF = 18;


/**
 * Read this much past the last kept second: decoders deliver the final frames a little late, and the
 * graph's trims end the clip exactly anyway.
 */
const READ_MARGIN_SECONDS = 0.5;

const sec = (value: number): string => value.toFixed(3);

/**
 * `smartCuts`: per variant whose captions travel as a track and whose picture is the recording's own (shape
 * and size), the smart cut planned from the recording's packets (smartCut.ts); such a variant without one is
 * re-encoded whole and joined the same way.
 */
export function planClipRender(request: RenderClipRequest, settings: ClipRenderSettings, smartCuts: ReadonlyMap<Aspect, SmartCutPlan> = new Map()): ClipRenderPlan {
  const { timeline, variants, sourceVideo } = request;
  const first = timeline[0];
  const last = timeline.at(-1);
  if (!first || !last) throw new MediaError('a clip render needs a timeline with at least one kept span', { permanent: true });
  if (variants.length === 0) throw new MediaError('a clip render needs at least one variant', { permanent: true });
  const aspects = variants.map((variant) => variant.aspect);
  const repeated = aspects.find((aspect, i) => aspects.indexOf(aspect) !== i);
  if (repeated) throw new MediaError(`variant ${repeated} is asked for twice`, { permanent: true });
  const thumbFrom = request.thumbnail.from ?? aspects[0];
  const thumbIndex = thumbFrom === undefined ? -1 : aspects.indexOf(thumbFrom);
  if (thumbIndex < 0) throw new MediaError(`thumbnail variant ${thumbFrom ?? '(none)'} is not rendered`, { permanent: true });

  // Input seeking (-ss before -i) plus re-encoding is frame-accurate: ffmpeg decodes from the keyframe
  // before and drops what precedes the seek point, which becomes time 0 of the graph.
  const readStart = first.start;
  const source = sourceVideo ? { width: sourceVideo.width, height: sourceVideo.height } : undefined;
  const rendered: RenderedVariant[] = [];
  const duration = Math.round(timelineDuration(timeline) * 1e6) / 1e6;
  // A smart cut that copies nothing is no smart cut: the variant is then re-encoded whole (and still assembled).
  const assembled = variants.map((variant) => {
    const smartCut = variant.captionsAs === 'track' ? smartCuts.get(variant.aspect) : undefined;
    return smartCut && smartCut.copiedSeconds > 0 ? smartCut : undefined;
  });
  const pieceRanges = variants.map((variant, i) => (variant.captionsAs === 'track' ? encodedRanges(assembled[i], duration) : undefined));
  const graph = buildClipGraph({
    spans: timeline.map((span) => ({ start: span.start - readStart, end: span.end - readStart })),
    ...(source ? { source } : {}),
    variants: variants.map((variant, i) => {
      const fit = variantFit(variant.aspect, source, variant.reframe.mode);
      const size = variantSize(settings.variantSizes[variant.aspect], source, fit);
      const smartCut = assembled[i];
      if (smartCut && (fit !== 'none' || size.width !== source?.width || size.height !== source.height)) {
        throw new MediaError(`variant ${variant.aspect} is not the recording's own picture and cannot be smart-cut`, { permanent: true });
      }
      const copied = smartCut?.copiedSeconds ?? 0;
      const split = variant.captionsAs === 'track' ? { copiedSeconds: copied, encodedSeconds: Math.max(0, duration - copied) } : {};
      rendered.push({ aspect: variant.aspect, width: size.width, height: size.height, reframe: fit, path: variant.outPath, captionsAs: variant.captionsAs ?? 'burned', ...split });
      const graphFit: GraphFit = fit === 'subject' && variant.reframe.mode === 'subject' ? { mode: 'subject', track: variant.reframe.track } : { mode: fit as Exclude<GraphFit['mode'], 'subject'> };
      const pieces = pieceRanges[i];
      return { size, fit: graphFit, ...(variant.captionsPath && !pieces ? { captionsPath: variant.captionsPath } : {}), ...(pieces ? { pieces } : {}) };
    }),
    thumbnail: { variant: thumbIndex, at: request.thumbnail.at },
    fontsDir: settings.fontsDir,
    ...(settings.captionFont !== DEFAULT_CAPTION_FONT ? { fontOverride: settings.captionFont } : {}),
  });
  const video = (crf: number): string[] => ['-c:v', 'libx264', '-preset', settings.x264Preset, '-crf', String(crf), '-pix_fmt', 'yuv420p'];
  const audio = ['-c:a', 'aac', '-b:a', '128k'];
  const outputs: { path: string; options: string[] }[] = [];
  const assemblies: VariantAssembly[] = [];
  graph.outputs.forEach((labels, i) => {
    const variant = variants[i]!;
    const ranges = pieceRanges[i];
    if (!ranges) {
      outputs.push({ path: variant.outPath, options: ['-map', labels.video[0]!, '-map', labels.audio, ...video(settings.crf), ...audio, '-movflags', '+faststart'] });
      return;
    }
    const smartCut = assembled[i];
    const files = assemblyFiles(variant.outPath, ranges.length);
    // Pieces spliced between copies reorder frames as the recording does; a lone whole-clip piece keeps x264's defaults.
    // Two x264 threads per piece: pieces are a GOP or two long, and every encoder's threads hold frames for the whole
    // command. Measured on a 12 s 720p clip with two pieces: x264's default (3 threads on 2 cores) 596 MB; 2 threads
    // 571 MB and the fastest; 1 thread 534 MB but 0.35 s slower, as its encode then stalls the command's main thread.
    const pieceOptions = smartCut ? [...video(SPLICE_CRF), ...x264ReorderOptions(smartCut.reorderFrames), '-threads', '2'] : video(settings.crf);
    labels.video.forEach((label, j) => outputs.push({ path: files.pieces[j]!, options: ['-map', label, '-an', ...pieceOptions] }));
    outputs.push({ path: files.audio, options: ['-map', labels.audio, '-vn', ...audio] });
    assemblies.push(planAssembly(request.source, variant, smartCut, duration, files));
  });
  outputs.push({ path: request.thumbnail.path, options: ['-map', graph.thumbnail, '-frames:v', '1', '-update', '1'] });
  return {
    source: request.source,
    inputOptions: ['-ss', sec(readStart), '-t', sec(last.end - readStart + READ_MARGIN_SECONDS)],
    filterComplex: graph.filterComplex,
    outputs,
    variants: rendered,
    assemblies,
    duration,
  };
}

/**
 * The clip-time ranges the main command encodes for an assembled variant: the smart cut's encoded segments,
 * cut half a frame inside a neighbouring copy (the copy starts on its keyframe, which must not be encoded
 * too); without a smart cut, the whole clip.
 */
function encodedRanges(smartCut: SmartCutPlan | undefined, duration: number): { start: number; end: number }[] {
  if (!smartCut) return [{ start: 0, end: duration }];
  const half = smartCut.frameSeconds / 2;
  const { segments } = smartCut;
  return segments.flatMap((segment, i) => {
    if (segment.kind !== 'encode') return [];
    const start = segments[i - 1]?.kind === 'copy' ? segment.clipStart - half : segment.clipStart;
    const end = segments[i + 1]?.kind === 'copy' ? segment.clipEnd - half : i === segments.length - 1 ? duration + half : segment.clipEnd;
    return [{ start: Math.max(0, start), end }];
  });
}

interface AssemblyFiles {
  readonly pieces: readonly string[];
  readonly copies: (index: number) => string;
  readonly audio: string;
  readonly list: string;
}

/** Temporary files sit beside the variant's mp4 (the clip's work directory), named after it. */
function assemblyFiles(outPath: string, pieces: number): AssemblyFiles {
  const stem = outPath.replace(/\.mp4$/i, '');
  return {
    pieces: Array.from({ length: pieces }, (_, j) => `${stem}.piece${j}.mp4`),
    copies: (index) => `${stem}.copy${index}.mp4`,
    audio: `${stem}.audio.m4a`,
    list: `${stem}.concat.txt`,
  };
}

function planAssembly(source: string, variant: RenderClipRequest['variants'][number], smartCut: SmartCutPlan | undefined, duration: number, files: AssemblyFiles): VariantAssembly {
  const segments = smartCut ? smartCut.segments : [{ kind: 'encode' as const, clipStart: 0, clipEnd: duration }];
  const copies: string[][] = [];
  const entries: string[] = [];
  const used: string[] = [];
  let piece = 0;
  for (const segment of segments) {
    let file: string;
    if (segment.kind === 'copy') {
      file = files.copies(copies.length);
      // Seeking to the keyframe's own time starts the copy on it; -frames:v counts packets in decode order,
      // which for a closed GOP are exactly the frames shown up to the next keyframe.
      copies.push(['-y', '-ss', segment.sourceStart.toFixed(6), '-i', source, '-map', '0:v:0', '-an', '-sn', '-dn', '-c', 'copy', '-frames:v', String(segment.packets), file]);
    } else {
      file = files.pieces[piece++]!;
    }
    used.push(file);
    // `duration` places the next file exactly: a piece's own length is whole frames, its clip range need not be.
    entries.push(`file ${concatQuoted(file)}`, `duration ${(segment.clipEnd - segment.clipStart).toFixed(6)}`);
  }
  const captions = variant.captionsPath;
  const join = [
    '-y', '-f', 'concat', '-safe', '0', '-i', files.list,
    '-i', files.audio,
    ...(captions ? ['-i', captions] : []),
    '-map', '0:v:0', '-map', '1:a:0', ...(captions ? ['-map', '2:s:0', '-c:s', 'mov_text'] : []),
    '-c:v', 'copy', '-c:a', 'copy', '-movflags', '+faststart', variant.outPath,
  ];
  return {
    aspect: variant.aspect,
    outPath: variant.outPath,
    copies,
    listPath: files.list,
    list: `ffconcat version 1.0\n${entries.join('\n')}\n`,
    join,
    temporaryFiles: [...used, files.audio, files.list],
  };
}

/** A path quoted for the concat demuxer's list: single quotes, a quote inside written as '\''. */
const concatQuoted = (file: string): string => `'${file.replaceAll("'", "'\\''")}'`;

/** x264 options that make an encode reorder frames `reorderFrames` deep (smartCut.ts), checked against x264's output. */
export function x264ReorderOptions(reorderFrames: number): string[] {
  switch (reorderFrames) {
    case 0:
      return ['-bf', '0'];
    case 1:
      return ['-bf', '2', '-x264-params', 'b-pyramid=none'];
    case 2:
      return ['-bf', '3', '-x264-params', 'b-pyramid=normal'];
    default:
      throw new MediaError(`x264 cannot be set to reorder ${reorderFrames} frames deep`, { permanent: true });
  }
}

/** The plan as ffmpeg's argument list (without the binary), for running it directly. */
export function clipRenderArgs(plan: ClipRenderPlan): string[] {
  return [
    '-y',
    ...plan.inputOptions,
    '-i', plan.source,
    '-filter_complex', plan.filterComplex,
    ...plan.outputs.flatMap((output) => [...output.options, output.path]),
  ];
}
