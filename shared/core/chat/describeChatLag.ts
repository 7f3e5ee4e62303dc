/** One readable sentence on a show's chat lag, shared by the report, `postshow run` and the status view. */
import type { ChatLagRecord } from '../types.js';

/** What is recorded about a show's chat lag (the analysis artifact's `chatLag`). */
export type ChatLagSummary = ChatLagRecord;

/**
 * E.g. "chat reacts 6.2 s after the stream (confidence 0.81, measured against loudness); clips use it", or,
 * when the measurement is not used, what was measured and what the detector applied instead.
 */
export function describeChatLag(lag: ChatLagSummary): string {
  const seconds = (value: number) => `${value.toFixed(1)} s`;
  const measured =
    lag.method === 'default'
      ? `not measured (${lag.reason ?? 'no evidence'})`
      : `measured ${seconds(lag.lagSeconds)} at confidence ${lag.confidence.toFixed(2)} against ${(lag.evidence ?? []).join(', ') || 'the stream'}`;
  switch (lag.appliedFrom) {
    case 'override':
      return `set to ${seconds(lag.appliedSeconds)} by the job; ${measured}`;
    case 'measured':
      return `chat reacts ${seconds(lag.lagSeconds)} after the stream (confidence ${lag.confidence.toFixed(2)}, measured against ${(lag.evidence ?? []).join(', ')}); the detector applies it`;
    case 'default':
      return lag.method === 'default'
        ? `${measured}; the detector assumes ${seconds(lag.appliedSeconds)}`
        : `${measured}, too uncertain to apply; the detector assumes ${seconds(lag.appliedSeconds)}`;
  }
}
