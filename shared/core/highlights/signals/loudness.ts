import type { AudioAnalysis } from '../../types.js';
import { median, movingAverage, robustSpread, rollingMedian } from '../robustStats.js';
import { signed, valueAt } from './evidenceText.js';
import { defineSignal } from './signal.js';

/** LUFS value the audio stage uses for silence. */
const SILENCE_LUFS = -70;
/**
 * Loudness below integrated − 20 LU is treated as "quiet" and raised to that gate, so long silences
 * cannot drag the rolling baseline down and make ordinary speech after a break look like a peak.
 */
const LOUDNESS_GATE_BELOW_INTEGRATED_LU = 20;
/** Smallest loudness spread, LU: below ~1 LU nobody hears a difference. */
const MIN_LOUDNESS_SPREAD_LU = 1;
/**
 * With a transcript, a loud second counts only within this many seconds of speech: music over a break or an
 * empty set (loud, no one talking) is no excitement, while a laugh or a cheer between a host's words is.
 */
const SPEECH_REACH_SECONDS = 3;

/** Loudness excitement: short-term loudness above a rolling median baseline, in robust spreads. */
export const loudness = defineSignal({
  name: 'loudness',
  measure({ inputs: { audio, segments }, seconds: n, config }) {
    const raw = Array.from({ length: n }, (_, i) => {
      const v = audio.loudness[i];
      return v !== undefined && Number.isFinite(v) ? v : SILENCE_LUFS;
    });
    const gate = loudnessGate(audio, raw);
    const smoothed = movingAverage(
      raw.map((v) => Math.max(v, gate)),
      config.smoothingSeconds,
    );
    // Quiet seconds are no measurement of the show's level: leave them out of the baseline, so speech
    // right after a long break is compared with speech, not with the silence before it.
    const audible = smoothed.map((v, i) => ((raw[i] ?? SILENCE_LUFS) > gate ? v : Number.NaN));
    const baseline = rollingMedian(audible, config.baselineWindowSeconds);
    const excess = smoothed.map((v, i) => {
      const b = baseline[i] ?? Number.NaN;
      return Number.isFinite(b) && (raw[i] ?? SILENCE_LUFS) > gate ? v - b : 0;
    });
    const spoken = nearSpeech(segments, n);
    if (spoken) excess.forEach((e, i) => (excess[i] = spoken[i] === 1 ? e : Math.min(e, 0)));
    const spread = robustSpread(excess, MIN_LOUDNESS_SPREAD_LU, 0);
    return {
      z: excess.map((e) => e / spread),
      evidence: {
        /** Smoothed loudness minus its rolling median baseline, LU (0 for quiet seconds). */
        excessLu: excess,
      },
    };
  },
  explain: ({ excessLu }, at) => `loudness ${signed(valueAt(excessLu, at), 1)} LU over baseline`,
});

/** Level below which a second counts as quiet: integrated − 20 LU, or (without a usable integrated level) the audible median − 20 LU. */
function loudnessGate(audio: AudioAnalysis, raw: readonly number[]): number {
  if (Number.isFinite(audio.integratedLufs) && audio.integratedLufs > SILENCE_LUFS) {
    return audio.integratedLufs - LOUDNESS_GATE_BELOW_INTEGRATED_LU;
  }
  const audible = raw.filter((v) => v > SILENCE_LUFS + 10);
  return audible.length > 0 ? median(audible) - LOUDNESS_GATE_BELOW_INTEGRATED_LU : SILENCE_LUFS;
}

/**
 * 1 for the seconds within SPEECH_REACH_SECONDS of a transcript segment, 0 elsewhere; undefined without a
 * transcript (no captions, a language the engine cannot hear), where loudness is all there is to go on.
 */
function nearSpeech(segments: readonly { readonly start: number; readonly end: number }[], n: number): Uint8Array | undefined {
  if (segments.length === 0) return undefined;
  const near = new Uint8Array(n);
  for (const { start, end } of segments) {
    if (!(Number.isFinite(start) && Number.isFinite(end))) continue;
    const from = Math.max(0, Math.floor(start - SPEECH_REACH_SECONDS));
    const to = Math.min(n - 1, Math.ceil(end + SPEECH_REACH_SECONDS));
    for (let i = from; i <= to; i++) near[i] = 1;
  }
  return near;
}
