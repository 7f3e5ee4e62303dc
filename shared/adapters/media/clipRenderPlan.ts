/**
 * Turns a RenderClipRequest into the one ffmpeg invocation that renders it: input seeking to the
 * clip's window, the graph of clipRenderGraph.ts, and one output per variant plus the thumbnail.
 * Pure, so the bench can run exactly the same command line with bare ffmpeg.
 */
import { DEFAULT_CAPTION_FONT } from '../../core/captions/captionStyle.js';
import { timelineDuration } from '../../core/clips/clipTimeline.js';
import { variantFit, variantSize, type FrameSize } from '../../core/clips/variantSize.js';
import { MediaError } from '../../core/errors.js';
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

export interface ClipRenderPlan {
  readonly source: string;
  /** Input options before `-i source` (seeking). */
  readonly inputOptions: readonly string[];
  readonly filterComplex: string;
  /** Per output, its options (maps, codecs) then its path; the thumbnail comes last. */
  readonly outputs: readonly { readonly path: string; readonly options: readonly string[] }[];
  readonly variants: readonly RenderedVariant[];
  /** Clip duration after trimming, seconds. */
  readonly duration: number;
}

/**
 * Read this much past the last kept second: decoders deliver the final frames a little late, and the
 * graph's trims end the clip exactly anyway.
 */
const READ_MARGIN_SECONDS = 0.5;

const sec = (value: number): string => value.toFixed(3);

export function planClipRender(request: RenderClipRequest, settings: ClipRenderSettings): ClipRenderPlan {
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
  const graph = buildClipGraph({
    spans: timeline.map((span) => ({ start: span.start - readStart, end: span.end - readStart })),
    ...(source ? { source } : {}),
    variants: variants.map((variant) => {
      const fit = variantFit(variant.aspect, source, variant.reframe.mode);
      const size = variantSize(settings.variantSizes[variant.aspect], source, fit);
      rendered.push({ aspect: variant.aspect, width: size.width, height: size.height, reframe: fit, path: variant.outPath });
      const graphFit: GraphFit = fit === 'subject' && variant.reframe.mode === 'subject' ? { mode: 'subject', track: variant.reframe.track } : { mode: fit as Exclude<GraphFit['mode'], 'subject'> };
      return { size, fit: graphFit, ...(variant.captionsPath ? { captionsPath: variant.captionsPath } : {}) };
    }),
    thumbnail: { variant: thumbIndex, at: request.thumbnail.at },
    fontsDir: settings.fontsDir,
    ...(settings.captionFont !== DEFAULT_CAPTION_FONT ? { fontOverride: settings.captionFont } : {}),
  });
  const encode = ['-c:v', 'libx264', '-preset', settings.x264Preset, '-crf', String(settings.crf), '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '128k', '-movflags', '+faststart'];
  return {
    source: request.source,
    inputOptions: ['-ss', sec(readStart), '-t', sec(last.end - readStart + READ_MARGIN_SECONDS)],
    filterComplex: graph.filterComplex,
    outputs: [
      ...graph.outputs.map((labels, i) => ({ path: variants[i]?.outPath as string, options: ['-map', labels.video, '-map', labels.audio, ...encode] })),
      { path: request.thumbnail.path, options: ['-map', graph.thumbnail, '-frames:v', '1', '-update', '1'] },
    ],
    variants: rendered,
    duration: Math.round(timelineDuration(timeline) * 1e6) / 1e6,
  };
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
