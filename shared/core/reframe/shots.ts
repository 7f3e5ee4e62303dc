/** The shots of a clip: spans between the cuts a crop may jump at. */

/** A shot in clip seconds, [start, end). */
export interface Shot {
  readonly start: number;
  readonly end: number;
}

/**
 * Shots shorter than this do not get their own aim, seconds: a flash frame or a sub-second insert would
 * make the crop jump twice in a blink. The cut that would start one is ignored, so the previous aim holds.
 * @default 0.5
 */
export const MIN_SHOT_SECONDS = 0.5;

/** Splits [0, duration) at the cuts, dropping cuts that would leave a shot under `minShotSeconds`. */
export function shotsOf(cuts: readonly number[], duration: number, minShotSeconds = MIN_SHOT_SECONDS): Shot[] {
  const starts = [0];
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    const previous = starts[starts.length - 1] as number;
    if (cut - previous >= minShotSeconds && duration - cut >= minShotSeconds) starts.push(cut);
  }
  return starts.map((start, i) => ({ start, end: starts[i + 1] ?? duration }));
}
