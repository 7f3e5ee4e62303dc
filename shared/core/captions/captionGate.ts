/**
 * Reliability gating: which captions may be burned. A caption whose words are not reliable is never
 * shown, and a clip whose speech is mostly unsure gets no burned captions at all: a few captions
 * flickering over long uncaptioned speech look broken, and a wrong caption is worse than none.
 */
import type { TranscriptEngine } from '../types.js';
import { cueWords, type CaptionCue } from './cueLayout.js';

/** A cue is shown when at least this share of its words is reliable ("most words"). @default 0.8 */
export const MIN_CUE_RELIABLE_SHARE = 0.8;
/** Captions are burned only when at least this share of the clip's speech time is in shown cues. @default 0.6 */
export const MIN_CLIP_RELIABLE_SHARE = 0.6;

/** The outcome of gating a clip's cues. */
export interface CaptionGate {
  /** The cues that may be shown (every reliable cue, even when the clip is not burned). */
  readonly reliableCues: readonly CaptionCue[];
  /** Share of the clip's speech time in reliable cues, 0..1 (0 when there is no speech). */
  readonly reliability: number;
  readonly burned: boolean;
  /** One plain line for the marketer. */
  readonly reason: string;
}

/** True when the cue's words are reliable enough to show. */
export function cueReliable(cue: CaptionCue): boolean {
  const words = cueWords(cue);
  if (words.length === 0) return false;
  return words.filter((word) => word.reliable).length / words.length >= MIN_CUE_RELIABLE_SHARE;
}

/** Gates cues (laid out, before display times are settled: their times are the speech). */
export function gateCues(cues: readonly CaptionCue[], engine: TranscriptEngine): CaptionGate {
  const spoken = (list: readonly CaptionCue[]): number => list.reduce((sum, cue) => sum + Math.max(0, cue.end - cue.start), 0);
  const reliableCues = cues.filter(cueReliable);
  const total = spoken(cues);
  if (engine === 'none' || cues.length === 0) {
    const reason = engine === 'none' ? 'not burned: no transcript (no speech engine for the language)' : 'not burned: no speech in the clip';
    return { reliableCues, reliability: 0, burned: false, reason };
  }
  // Cues of zero length (a word with no duration) count as reliable or not by number instead of time.
  const reliability = total > 0 ? spoken(reliableCues) / total : reliableCues.length / cues.length;
  const burned = reliability >= MIN_CLIP_RELIABLE_SHARE;
  return { reliableCues, reliability: Math.round(reliability * 1000) / 1000, burned, reason: gateReason(engine, reliability, burned) };
}

const SOURCE_NAMES: Readonly<Record<TranscriptEngine, string>> = {
  captions: "the platform's subtitles",
  openai: 'OpenAI speech recognition',
  'whisper-local': 'Whisper speech recognition',
  pocketsphinx: 'pocketsphinx speech recognition',
  none: 'no transcript',
};

function gateReason(engine: TranscriptEngine, reliability: number, burned: boolean): string {
  const unsure = 1 - reliability;
  const percent = unsure > 0 && unsure < 0.005 ? '<1%' : `${Math.round(unsure * 100)}%`;
  if (!burned) return `not burned: ${percent} of the speech was unsure`;
  if (unsure <= 0) return `captions from ${SOURCE_NAMES[engine]}`;
  return `captions from ${SOURCE_NAMES[engine]}; ${percent} of the speech was unsure and is left uncaptioned`;
}
