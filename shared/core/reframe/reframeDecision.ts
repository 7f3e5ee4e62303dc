/** What `auto` makes of a measured track: follow the subject, or show the whole frame over a blurred fill. */
import type { ReframeEvidence } from './types.js';

/**
 * Least share of sampled frames whose subject the planned window keeps, for `auto` to crop: below it the
 * saliency jumps between places (two people, a busy shot) and a crop would lose the subject too often.
 * @default 0.85
 */
export const AUTO_MIN_SUBJECT_KEPT = 0.85;

/**
 * Least detail concentration (ReframeEvidence.concentration) for `auto` to crop: the window must hold
 * clearly more of the picture's detail than its area would by chance, else the crop cuts away content
 * (a slide, a product table) that the blurred fill would keep. @default 0.4
 */
export const AUTO_MIN_CONCENTRATION = 0.4;

/** Thresholds of {@link autoChoosesSubject}. */
export interface AutoThresholds {
  /** @default AUTO_MIN_SUBJECT_KEPT */
  readonly minSubjectKept: number;
  /** @default AUTO_MIN_CONCENTRATION */
  readonly minConcentration: number;
}

/** True when the subject is stable and gathered enough for `auto` to follow it with a crop. */
export function autoChoosesSubject(
  evidence: ReframeEvidence,
  thresholds: AutoThresholds = { minSubjectKept: AUTO_MIN_SUBJECT_KEPT, minConcentration: AUTO_MIN_CONCENTRATION },
): boolean {
  return evidence.samples > 0 && evidence.subjectKept >= thresholds.minSubjectKept && evidence.concentration >= thresholds.minConcentration;
}
