/** Shapes shared by the reframing modules: where the subject was seen, and the crop plan per variant. */

/** A point of a crop track: the crop window's centre in normalised source coordinates (0..1) at clip second `t`. */
export interface TrackPoint {
  readonly t: number;
  readonly cx: number;
  readonly cy: number;
}

/**
 * A crop window's centre over the clip, piecewise-linear between points, `t` ascending from 0. A cut is two
 * points {@link CUT_STEP_SECONDS} apart (the old aim, then the new one), so the crop jumps instead of panning.
 */
export type CropTrack = readonly TrackPoint[];

/** Seconds between the last point of a shot and the first of the next: a jump the renderer cannot see as a pan. */
export const CUT_STEP_SECONDS = 0.001;

/** The subject's focal point in one sampled frame, normalised source coordinates. */
export interface SubjectSample {
  /** Clip seconds. */
  readonly t: number;
  readonly x: number;
  readonly y: number;
}

/** The crop window's size as a share of the source's width and height (one of them is 1). */
export interface CropSize {
  readonly width: number;
  readonly height: number;
}

/** What a track was judged on: measured on the sampled frames, for logs and for `auto`. */
export interface ReframeEvidence {
  /** Frames sampled. */
  readonly samples: number;
  /** Shot changes found in the span (clip seconds). */
  readonly shotChanges: readonly number[];
  /** Share of samples whose subject focal point lies inside the planned crop window, 0..1. */
  readonly subjectKept: number;
  /**
   * Median over samples of how much more of the frame's detail the planned window holds than its area:
   * 0 when detail is spread evenly (or the frame is flat), 1 when all of it is inside. 0..1.
   */
  readonly concentration: number;
}

/**
 * How one variant fills its shape. `none`: the source already has the variant's shape. `subject`: a moving
 * crop (window size from `cropSize`, centre from `track`). `blur`/`center`: the renderer's fixed fills.
 */
export type ReframePlan =
  | { readonly mode: 'none' }
  | { readonly mode: 'subject'; readonly track: CropTrack; readonly evidence?: ReframeEvidence }
  | { readonly mode: 'blur'; readonly evidence?: ReframeEvidence }
  | { readonly mode: 'center' };
