/** How well a planned track serves the sampled frames: the numbers `auto` decides on and logs report. */
import { windowConcentration, type DetailProfile } from './detailProfile.js';
import { trackAt } from './trackAt.js';
import type { CropSize, CropTrack, ReframeEvidence, SubjectSample } from './types.js';

const median = (values: readonly number[]): number => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

/** True when the point lies inside the window of size `crop` centred at `centre` (edges included). */
export function insideWindow(point: { x: number; y: number }, crop: CropSize, centre: { cx: number; cy: number }): boolean {
  return Math.abs(point.x - centre.cx) <= crop.width / 2 && Math.abs(point.y - centre.cy) <= crop.height / 2;
}

/** Evidence for a track: `profiles` are the detail profiles of the sampled frames, index-aligned with `samples`. */
export function trackEvidence(
  track: CropTrack,
  crop: CropSize,
  samples: readonly SubjectSample[],
  profiles: readonly DetailProfile[],
  shotChanges: readonly number[],
): ReframeEvidence {
  const kept = samples.filter((sample) => insideWindow(sample, crop, trackAt(track, sample.t))).length;
  const concentration = median(samples.map((sample, i) => (profiles[i] ? windowConcentration(profiles[i], crop, trackAt(track, sample.t)) : 0)));
  const round3 = (value: number): number => Math.round(value * 1000) / 1000;
  return {
    samples: samples.length,
    shotChanges: [...shotChanges],
    subjectKept: samples.length > 0 ? round3(kept / samples.length) : 0,
    concentration: round3(concentration),
  };
}
