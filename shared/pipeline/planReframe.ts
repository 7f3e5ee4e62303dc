/**
 * How each variant of a clip fills its shape: samples the clip's span once (FrameSampler), finds the subject in
 * every sample for each shape that needs a crop (SubjectLocator), and plans a smoothed crop track in the core
 * (`core/reframe`). `auto` keeps the track only when the subject is stable and gathered, else it is `blur`.
 */
import { AbortedError, reasonOf } from '../core/errors.js';
import {
  AUTO_MIN_CONCENTRATION,
  AUTO_MIN_SUBJECT_KEPT,
  autoChoosesSubject,
  cropSize,
  detailProfile,
  needsReframe,
  planSubjectTrack,
  trackEvidence,
  type AutoThresholds,
  type DetailProfile,
  type ReframePlan,
  type SubjectSample,
  type SubjectTrackOptions,
} from '../core/reframe/index.js';
import type { Aspect, ReframeMode } from '../core/schemas/clipRender.js';
import type { FrameSampler, SampledFrames, SubjectLocator } from './ports.js';

/** Tunables of {@link planReframe}, with the reasons for their defaults. */
export interface ReframeOptions {
  /** Frames sampled per second: enough for the median to outvote a stray frame, and the track needs no more than 2 points a second. @default 4 */
  readonly sampleFps: number;
  /**
   * Most frames sampled per clip: a long clip is sampled more sparsely (down to 1 a second) so its samples
   * stay near 80 MB at 320x180 (a 600 s clip at 4 fps would hold ~400 MB). @default 480
   */
  readonly maxSamples: number;
  /** Longer side of a sample, px: attention needs shapes, not detail, and 320 px keeps a sample at ~170 KB. @default 320 */
  readonly sampleMaxSide: number;
  /** @default DEFAULT_SUBJECT_TRACK_OPTIONS */
  readonly track: Partial<SubjectTrackOptions>;
  /** @default AUTO_MIN_SUBJECT_KEPT, AUTO_MIN_CONCENTRATION */
  readonly auto: AutoThresholds;
}

export const DEFAULT_REFRAME_OPTIONS: ReframeOptions = {
  sampleFps: 4,
  maxSamples: 480,
  sampleMaxSide: 320,
  track: {},
  auto: { minSubjectKept: AUTO_MIN_SUBJECT_KEPT, minConcentration: AUTO_MIN_CONCENTRATION },
};

export interface PlanReframeRequest {
  readonly media: FrameSampler;
  readonly images: SubjectLocator;
  /** Where ffmpeg reads the recording (a path or a presigned URL). */
  readonly location: string;
  /** The clip's span, source seconds; tracks are timed from `start`. */
  readonly start: number;
  readonly end: number;
  /** The recording's frame size, px (MediaInfo.video). */
  readonly sourceWidth: number;
  readonly sourceHeight: number;
  readonly aspects: readonly Aspect[];
  readonly mode: ReframeMode;
  readonly signal?: AbortSignal;
  readonly options?: Partial<ReframeOptions>;
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortedError(`reframe planning stopped: ${reasonOf(signal.reason)}`, { cause: signal.reason });
}

/** The subject track of one shape, from the shared samples; `auto` decides on its evidence. */
async function subjectPlan(sampled: SampledFrames, request: PlanReframeRequest, aspect: Aspect, options: ReframeOptions, profiles: readonly DetailProfile[]): Promise<ReframePlan> {
  const crop = cropSize(request.sourceWidth, request.sourceHeight, aspect);
  const samples: SubjectSample[] = [];
  for (const frame of sampled.frames) {
    throwIfAborted(request.signal);
    const focus = await request.images.locateSubject(frame, { width: crop.width * frame.width, height: crop.height * frame.height });
    samples.push({ t: frame.t, ...focus });
  }
  const duration = Math.max(0, request.end - request.start);
  const track = planSubjectTrack({ samples, shotChanges: sampled.shotChanges, duration, crop }, options.track);
  const evidence = trackEvidence(track, crop, samples, profiles, sampled.shotChanges);
  if (request.mode === 'subject' || autoChoosesSubject(evidence, options.auto)) return { mode: 'subject', track, evidence };
  return { mode: 'blur', evidence };
}

/**
 * One plan per requested aspect: `none` where the source already has the shape, the fixed fill for `blur` and
 * `center`, a measured crop track for `subject` and `auto` (which falls back to `blur`). The span is decoded
 * once whatever the number of aspects, and only when a shape needs a track; the recording must have a video
 * stream then (a permanent MediaError says so). An aborted signal stops it with an AbortedError.
 */
export async function planReframe(request: PlanReframeRequest): Promise<Map<Aspect, ReframePlan>> {
  const options = { ...DEFAULT_REFRAME_OPTIONS, ...request.options };
  const plans = new Map<Aspect, ReframePlan>();
  const tracked: Aspect[] = [];
  for (const aspect of request.aspects) {
    if (!needsReframe(request.sourceWidth, request.sourceHeight, aspect)) plans.set(aspect, { mode: 'none' });
    else if (request.mode === 'blur' || request.mode === 'center') plans.set(aspect, { mode: request.mode });
    else tracked.push(aspect);
  }
  if (tracked.length === 0) return plans;
  const sampled = await request.media.sampleFrames(request.location, {
    start: request.start,
    end: request.end,
    fps: Math.min(options.sampleFps, Math.max(1, options.maxSamples / Math.max(1, request.end - request.start))),
    sourceWidth: request.sourceWidth,
    sourceHeight: request.sourceHeight,
    maxSide: options.sampleMaxSide,
    signal: request.signal,
  });
  const profiles = sampled.frames.map((frame) => detailProfile(frame.data, frame.width, frame.height));
  for (const aspect of tracked) plans.set(aspect, await subjectPlan(sampled, request, aspect, options, profiles));
  return plans;
}
