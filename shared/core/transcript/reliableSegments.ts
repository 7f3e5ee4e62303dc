import type { Segment, Transcript } from '../types.js';

/**
 * A transcript's segments with their reliability settled: captions are what the platform published, so they
 * are reliable even when stored before the flag existed; engine output is reliable only where marked so.
 */
export function segmentsWithReliability(transcript: Pick<Transcript, 'engine' | 'segments'>): Segment[] {
  if (transcript.engine !== 'captions') return [...transcript.segments];
  return transcript.segments.map((segment) => (segment.reliable === undefined ? { ...segment, reliable: true } : segment));
}
