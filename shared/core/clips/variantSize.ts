/**
 * The pixel size of each rendered shape of a clip, and how the source is fitted into it. Pure: the
 * media adapter and the clip stage (for meta.json) both ask here, so they cannot disagree.
 */
import type { Aspect } from '../schemas/clipRender.js';

export interface FrameSize {
  readonly width: number;
  readonly height: number;
}

/** How the source fills a variant; `none` when the shapes already match. */
export type VariantFit = 'none' | 'center' | 'subject' | 'blur';

/** Sizes the platforms ask for: 1080 on the short side, 1920 on the long one. */
export const NOMINAL_VARIANT_SIZES: Readonly<Record<Aspect, FrameSize>> = {
  '9:16': { width: 1080, height: 1920 },
  '1:1': { width: 1080, height: 1080 },
  '4:5': { width: 1080, height: 1350 },
  '16:9': { width: 1920, height: 1080 },
};

/**
 * Largest enlargement of source pixels a cropped or fitted variant may get. A 9:16 crop of 1080p
 * needs 1.78x (the norm for verticals cut from landscape video); beyond 2x the picture only gets
 * blurrier, so the variant is rendered smaller instead. @default 2
 */
export const MAX_REFRAME_UPSCALE = 2;

/** Shapes within 1 % of each other count as the same: no reframing, just a scale. */
const SAME_SHAPE_TOLERANCE = 0.01;

/** Width over height of an aspect ('9:16' -> 0.5625). */
export function aspectRatio(aspect: Aspect): number {
  const [w, h] = aspect.split(':').map(Number);
  return (w ?? 1) / (h ?? 1);
}

/** Whether a frame of this size already has the aspect's shape. */
export function hasShape(size: FrameSize, aspect: Aspect): boolean {
  const ratio = aspectRatio(aspect);
  return Math.abs(size.width / size.height - ratio) / ratio <= SAME_SHAPE_TOLERANCE;
}

/** The fit actually used: `none` when the source already has the shape (or there is no source picture). */
export function variantFit(aspect: Aspect, source: FrameSize | undefined, requested: Exclude<VariantFit, 'none'>): VariantFit {
  return source === undefined || hasShape(source, aspect) ? 'none' : requested;
}

const even = (value: number): number => Math.max(2, 2 * Math.round(value / 2));

/**
 * The size of a variant: the nominal size, scaled down so that source pixels are enlarged at most
 * 1x when only scaled (`none`: a 720p source gives a 1280x720 16:9, the source height when smaller)
 * and at most {@link MAX_REFRAME_UPSCALE} when cropped or fitted. Never larger than nominal; even
 * dimensions (yuv420p). An audio-only clip (no source picture) gets the nominal size.
 */
export function variantSize(nominal: FrameSize, source: FrameSize | undefined, fit: VariantFit): FrameSize {
  if (!source) return { width: even(nominal.width), height: even(nominal.height) };
  const scaleX = nominal.width / source.width;
  const scaleY = nominal.height / source.height;
  // Cropping covers the variant (the larger scale); fitting (blur's foreground) the smaller one.
  const enlargement = fit === 'center' || fit === 'subject' ? Math.max(scaleX, scaleY) : Math.min(scaleX, scaleY);
  const limit = fit === 'none' ? 1 : MAX_REFRAME_UPSCALE;
  const k = Math.min(1, limit / enlargement);
  return { width: even(nominal.width * k), height: even(nominal.height * k) };
}

/** The largest window of the source with the variant's shape (what `center` and `subject` crop), even sizes. */
export function cropWindow(source: FrameSize, target: FrameSize): FrameSize {
  const ratio = target.width / target.height;
  const width = Math.min(source.width, source.height * ratio);
  const height = Math.min(source.height, source.width / ratio);
  return { width: Math.min(source.width, even(width)), height: Math.min(source.height, even(height)) };
}

/**
 * The shapes a clip is rendered in when none are asked for: the aspect nearest the source's own shape
 * (compared on the log of the ratio, so 4:3 is as far from 1:1 as from 16:9 and goes to the wider one)
 * and 9:16, the shape short-video feeds take. An audio-only source gets 9:16 and 16:9.
 */
export function defaultAspects(source: FrameSize | undefined): Aspect[] {
  if (!source) return ['9:16', '16:9'];
  const ratio = source.width / source.height;
  const distance = (aspect: Aspect): number => Math.abs(Math.log(ratio / aspectRatio(aspect)));
  // Ties go to the later (wider) aspect of ASPECTS_BY_WIDTH: a 4:3 webcam keeps its width.
  const nearest = ASPECTS_BY_WIDTH.reduce((best, aspect) => (distance(aspect) <= distance(best) + 1e-9 ? aspect : best));
  return nearest === '9:16' ? ['9:16'] : [nearest, '9:16'];
}

/** Every aspect, narrowest first. */
const ASPECTS_BY_WIDTH: readonly [Aspect, ...Aspect[]] = ['9:16', '4:5', '1:1', '16:9'];
