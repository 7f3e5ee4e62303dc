/**
 * The two ports reframing needs, kept apart from `Media` and `Images` so their test doubles need not grow:
 * FfmpegMedia implements FrameSampler and SharpImages implements SubjectLocator, so a composition root passes
 * its `media` and `images` as they are.
 */
import type { MediaRunOptions } from './ports.js';

/** Which frames of a span to sample, and how small. */
export interface SampleFramesRequest extends Pick<MediaRunOptions, 'signal'> {
  /** Source seconds. */
  readonly start: number;
  readonly end: number;
  /** Frames per second sampled. */
  readonly fps: number;
  /** The source's frame size, px (probe), to size the samples. */
  readonly sourceWidth: number;
  readonly sourceHeight: number;
  /** Longer side of a sample, px. */
  readonly maxSide: number;
}

/** Packed RGB pixels (3 bytes a pixel, rows top to bottom). */
export interface RgbFrame {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** Low-resolution frames of a span, with the span's cuts. */
export interface SampledFrames {
  /** Frames at `t` = 0, 1/fps, 2/fps, ... seconds from the span's start. */
  readonly frames: readonly (RgbFrame & { readonly t: number })[];
  /** Seconds from the span's start where the picture cuts to another shot, measured on every frame. */
  readonly shotChanges: readonly number[];
}

/** Samples frames of a span in one decode (FfmpegMedia). */
export interface FrameSampler {
  sampleFrames(location: string, request: SampleFramesRequest): Promise<SampledFrames>;
}

/** Finds where the eye goes in a frame (SharpImages). */
export interface SubjectLocator {
  /**
   * The focal point of the most salient window of `crop` pixels (the variant's shape at the frame's scale),
   * in normalised frame coordinates 0..1.
   */
  locateSubject(frame: RgbFrame, crop: { readonly width: number; readonly height: number }): Promise<{ x: number; y: number }>;
}
