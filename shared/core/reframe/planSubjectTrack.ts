/**
 * The subject crop track: per-frame focal points -> a calm window path. Within a shot the window holds still
 * while the subject stays near its centre (a dead zone), follows at a capped pan speed when it leaves, and
 * ignores single-frame outliers (a median over neighbouring samples); at a cut it re-aims at once, since a
 * pan across a cut would sweep over a picture the subject is not in.
 */
import { clampCentre } from './cropGeometry.js';
import { shotsOf, MIN_SHOT_SECONDS, type Shot } from './shots.js';
import { simplifyTrack } from './simplifyTrack.js';
import { CUT_STEP_SECONDS, type CropSize, type CropTrack, type SubjectSample, type TrackPoint } from './types.js';

/** Tunables of {@link planSubjectTrack}, with the reasons for their defaults. */
export interface SubjectTrackOptions {
  /**
   * How far the subject may drift from the window's centre before the window follows, as a share of the
   * window's half-size on that axis. Scaled by the window so a wide 1:1 crop is as calm as a narrow 9:16 one;
   * below 1 so the followed subject still sits well inside. @default 0.35
   */
  readonly deadZone: number;
  /**
   * Fastest pan, window sizes per second: quick enough to keep a host who walks across the frame or swings a
   * product (0.75 lost such a subject for a second at a time in tests), slow enough to read as a camera move.
   * @default 1
   */
  readonly maxPanSpeed: number;
  /** Samples in the median that removes single-frame outliers (an attention flip to a passing object). Odd. @default 5 */
  readonly medianSamples: number;
  /**
   * Seconds at a shot's start (and end) whose median aims the shot, so one odd first frame does not set the aim;
   * short, since a subject already moving would drag a longer median ahead of it. @default 0.5
   */
  readonly aimSeconds: number;
  /** @default MIN_SHOT_SECONDS */
  readonly minShotSeconds: number;
  /** Most track points per second (the renderer's expression grows with each). @default 2 */
  readonly pointsPerSecond: number;
  /** Path deviation a dropped point may cause, share of the source size: a few pixels at 1080 p. @default 0.003 */
  readonly tolerance: number;
}

export const DEFAULT_SUBJECT_TRACK_OPTIONS: SubjectTrackOptions = {
  deadZone: 0.35,
  maxPanSpeed: 1,
  medianSamples: 5,
  aimSeconds: 0.5,
  minShotSeconds: MIN_SHOT_SECONDS,
  pointsPerSecond: 2,
  tolerance: 0.003,
};

/** What {@link planSubjectTrack} plans from. */
export interface SubjectTrackInput {
  /** Focal points of the sampled frames, clip seconds. */
  readonly samples: readonly SubjectSample[];
  /** Cuts in the clip, clip seconds. */
  readonly shotChanges: readonly number[];
  /** Clip length, seconds. */
  readonly duration: number;
  /** The window's size (cropSize). */
  readonly crop: CropSize;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

/** Running median over `size` neighbours, the window shrinking at the ends. */
function medianFilter(values: readonly number[], size: number): number[] {
  const half = Math.floor(size / 2);
  return values.map((_, i) => median(values.slice(Math.max(0, i - half), i + half + 1)));
}

/**
 * The dead-zone follower over `targets` at `times`, starting at `start`: holds while the target is within
 * `deadZone` of the window's centre, else moves just far enough to bring it back to the zone's edge, no faster
 * than `maxSpeed` (per second; times may run backwards, only their distance counts).
 */
function follow(times: readonly number[], targets: readonly number[], start: number, deadZone: number, maxSpeed: number): number[] {
  let position = start;
  let previousT = times[0] ?? 0;
  return targets.map((target, i) => {
    const t = times[i] as number;
    const slack = Math.abs(target - position) - deadZone;
    if (slack > 0) position += Math.sign(target - position) * Math.min(slack, maxSpeed * Math.abs(t - previousT));
    previousT = t;
    return position;
  });
}

/**
 * One axis of one shot: clamp the samples' focal points to where the window can go, median-filter them, then
 * follow them forwards from the aim at the shot's start and backwards from the aim at its end, and average.
 * A forward follower alone trails a moving subject by the dead zone; the backward one leads it by as much, so
 * their mean centres a steadily moving subject and starts a pan a little before a sudden move, as an operator
 * who knew the shot would. A still subject leaves both at rest. Returns the centre at the shot's start, then
 * at each sample.
 */
function followAxis(shotStart: number, times: readonly number[], values: readonly number[], extent: number, options: SubjectTrackOptions): number[] {
  const filtered = medianFilter(values.map((value) => clampCentre(value, extent)), options.medianSamples);
  const last = times[times.length - 1] as number;
  const aimOf = (inWindow: (t: number) => boolean, fallback: number): number => {
    const picked = filtered.filter((_, i) => inWindow(times[i] as number));
    return median(picked.length > 0 ? picked : [fallback]);
  };
  const startAim = aimOf((t) => t < shotStart + options.aimSeconds, filtered[0] as number);
  const endAim = aimOf((t) => t > last - options.aimSeconds, filtered[filtered.length - 1] as number);
  // The shot's start has no sample of its own: the aim is its target.
  const allTimes = [shotStart, ...times];
  const targets = [startAim, ...filtered];
  const deadZone = (options.deadZone * extent) / 2;
  const maxSpeed = options.maxPanSpeed * extent;
  const forward = follow(allTimes, targets, startAim, deadZone, maxSpeed);
  const backward = follow([...allTimes].reverse(), [...targets].reverse(), endAim, deadZone, maxSpeed).reverse();
  return forward.map((position, i) => (position + (backward[i] as number)) / 2);
}

/** The samples a shot plans from: its own, else the nearest one in time (a short shot between samples). */
function samplesOf(shot: Shot, samples: readonly SubjectSample[]): SubjectSample[] {
  const own = samples.filter((sample) => sample.t >= shot.start && sample.t < shot.end);
  if (own.length > 0 || samples.length === 0) return own;
  const middle = (shot.start + shot.end) / 2;
  const nearest = samples.reduce((best, sample) => (Math.abs(sample.t - middle) < Math.abs(best.t - middle) ? sample : best));
  return [{ ...nearest, t: shot.start }];
}

/** The shot's path at samples, resampled to the point rate: the start, every 1/pointsPerSecond, the end. */
function shotPath(shot: Shot, end: number, dense: readonly TrackPoint[], pointsPerSecond: number): TrackPoint[] {
  const path: TrackPoint[] = [];
  const step = 1 / pointsPerSecond;
  for (let t = shot.start; t < end - step / 2; t += step) path.push({ t, ...denseAt(dense, t) });
  path.push({ t: end, ...denseAt(dense, end) });
  return path;
}

function denseAt(dense: readonly TrackPoint[], t: number): { cx: number; cy: number } {
  let previous = dense[0] as TrackPoint;
  for (const point of dense) {
    if (point.t >= t) {
      const span = point.t - previous.t;
      const along = span > 0 ? (t - previous.t) / span : 1;
      return { cx: previous.cx + (point.cx - previous.cx) * along, cy: previous.cy + (point.cy - previous.cy) * along };
    }
    previous = point;
  }
  return { cx: previous.cx, cy: previous.cy };
}

const round4 = (value: number): number => Math.round(value * 10_000) / 10_000;

/**
 * The window centre over the clip, from the focal points of sampled frames and the cuts. Without samples the
 * window stays centred. At most `pointsPerSecond` points per second within a shot, plus two per cut.
 */
export function planSubjectTrack(input: SubjectTrackInput, options: Partial<SubjectTrackOptions> = {}): CropTrack {
  const settings = { ...DEFAULT_SUBJECT_TRACK_OPTIONS, ...options };
  const { crop, duration } = input;
  const samples = [...input.samples].filter((sample) => Number.isFinite(sample.x) && Number.isFinite(sample.y)).sort((a, b) => a.t - b.t);
  if (samples.length === 0 || duration <= 0) return [{ t: 0, cx: 0.5, cy: 0.5 }];
  const shots = shotsOf(input.shotChanges, duration, settings.minShotSeconds);
  const track: TrackPoint[] = [];
  shots.forEach((shot, index) => {
    const own = samplesOf(shot, samples);
    const times = own.map((sample) => sample.t);
    const x = followAxis(shot.start, times, own.map((sample) => sample.x), crop.width, settings);
    const y = followAxis(shot.start, times, own.map((sample) => sample.y), crop.height, settings);
    const dense = [shot.start, ...times].map((t, i) => ({ t, cx: x[i] as number, cy: y[i] as number }));
    // The last shot ends at the clip's end; any other one a hair before its cut, where the next shot's aim takes over.
    const end = index === shots.length - 1 ? duration : shot.end - CUT_STEP_SECONDS;
    const path = simplifyTrack(shotPath(shot, end, dense, settings.pointsPerSecond), settings.tolerance);
    // Rounded for a short expression, then clamped again: rounding may push a window at the edge a hair outside.
    track.push(...path.map((point) => ({ t: round4(point.t), cx: clampCentre(round4(point.cx), crop.width), cy: clampCentre(round4(point.cy), crop.height) })));
  });
  return track;
}
