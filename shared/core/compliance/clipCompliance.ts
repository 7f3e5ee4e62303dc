import type { ComplianceStatus } from '../schemas/compliance.js';
import type { ComplianceFlag, TimeRange } from '../types.js';

/**
 * The flags a clip carries and its verdict: `block` when any flag in it blocks, `warn` when it has flags, else `clear`. A flag belongs to the clip when it starts before the clip
 * ends and ends at or after its start: a chat flag is a point (start = end), so one on the clip's first
 * second counts, while a flag that starts exactly at the clip's end is left to the next clip.
 */
export function clipCompliance(flags: readonly ComplianceFlag[], clip: TimeRange): { status: ComplianceStatus; flags: ComplianceFlag[] } {
  const inClip = flags.filter((flag) => flag.start < clip.end && flag.end >= clip.start);
  const status: ComplianceStatus = inClip.some((flag) => flag.severity === 'block') ? 'block' : inClip.length > 0 ? 'warn' : 'clear';
  return { status, flags: inClip };
}
