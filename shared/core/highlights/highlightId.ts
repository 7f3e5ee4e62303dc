import { createHash } from 'node:crypto';

/**
 * Deterministic highlight id: 'h' + the first 10 hex digits of sha256(`${showId}|${start}|${end}`),
 * boundaries to 2 decimals, so a re-run over the same show yields the same ids (idempotent outputs).
 */
export function highlightId(showId: string, start: number, end: number): string {
  const digest = createHash('sha256').update(`${showId}|${start.toFixed(2)}|${end.toFixed(2)}`).digest('hex');
  return `h${digest.slice(0, 10)}`;
}
