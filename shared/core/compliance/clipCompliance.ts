import type { ComplianceFlag, TimeRange } from '../types.js';

/** A clip's compliance verdict: `block` when any flag in it blocks, `warn` when it has flags, else `clear`. */
export type ClipComplianceStatus = 'clear' | 'warn' | 'block';

/**
 * The flags a clip carries and its verdict. A flag belongs to the clip when it starts before the clip
 * ends and ends at or after its start: a chat flag is a point (start = end), so one on the clip's first
 * second counts, while a flag that starts exactly at the clip's end is left to the next clip.
 */
export function clipCompliance(flags: readonly ComplianceFlag[], clip: TimeRange): { status: ClipComplianceStatus; flags: ComplianceFlag[] } {
  const inClip = flags.filter((flag) => flag.start < clip.end && flag.end >= clip.start);
  const status: ClipComplianceStatus = inClip.some((flag) => flag.severity === 'block') ? 'block' : inClip.length > 0 ? 'warn' : 'clear';
  return { status, flags: inClip };
}
