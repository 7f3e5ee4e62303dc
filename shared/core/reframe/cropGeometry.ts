/** The crop window a variant's aspect cuts out of the source, in normalised source coordinates. */
import type { Aspect } from '../schemas/clipRender.js';
import type { CropSize } from './types.js';

/** Width over height of each aspect. */
export const ASPECT_RATIO: Readonly<Record<Aspect, number>> = { '9:16': 9 / 16, '1:1': 1, '4:5': 4 / 5, '16:9': 16 / 9 };

/**
 * Relative difference of shape below which a source is taken as already having the variant's shape:
 * 1 % is under a pixel row of letterbox at 1080 p (1920x1088 encodes, 1366x768 screens).
 * @default 0.01
 */
export const SAME_SHAPE_TOLERANCE = 0.01;

/** True when the source's shape differs from the aspect enough to need a reframe. */
export function needsReframe(sourceWidth: number, sourceHeight: number, aspect: Aspect): boolean {
  const source = sourceWidth / sourceHeight;
  return Math.abs(ASPECT_RATIO[aspect] - source) / source > SAME_SHAPE_TOLERANCE;
}

/**
 * The largest window of the aspect's shape inside the source: full height for a narrower shape (16:9 -> 9:16),
 * full width for a wider one (a vertical phone recording -> 16:9 or 1:1).
 */
export function cropSize(sourceWidth: number, sourceHeight: number, aspect: Aspect): CropSize {
  const share = ASPECT_RATIO[aspect] / (sourceWidth / sourceHeight);
  return share <= 1 ? { width: share, height: 1 } : { width: 1, height: 1 / share };
}

/** A window centre moved so the window stays inside the frame. */
export function clampCentre(centre: number, extent: number): number {
  const half = Math.min(extent, 1) / 2;
  return Math.min(1 - half, Math.max(half, centre));
}
