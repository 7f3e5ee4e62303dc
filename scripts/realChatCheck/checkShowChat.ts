/**
 * Runs the real detector (default options unless given) over one real chat log paired with an audio analysis,
 * and profiles the chat of the clips it ranks and of the show's biggest echo floods. Pure: the caller measures
 * (or fakes) the audio. Same assembly as the analyze stage and the evaluation harness.
 */
import { assembleHighlightInputs, buildSignalSet, DEFAULT_HIGHLIGHT_CONFIG, detectHighlightsFromSignals, resolveHighlightConfig } from '../../shared/core/highlights/index.js';
import { countedMessages } from '../../shared/core/highlights/signals/countedMessages.js';
import { echoLines } from '../../shared/core/highlights/signals/echoLines.js';
import { secondsIn, streamSecond } from '../../shared/core/highlights/signals/secondIndex.js';
import type { AudioAnalysis, ChatMessage, Language } from '../../shared/core/types.js';
import { biggestEchoFloods, linesIn, overlappingRank, profileLines, type ClipChatProfile, type EchoFlood, type ProfiledLine } from './clipChatProfile.js';

export interface ShowChatInput {
  readonly name: string;
  readonly language: Language;
  readonly duration: number;
  readonly chat: readonly ChatMessage[];
  readonly audio: AudioAnalysis;
  /** Scene cuts of the paired recording, seconds. @default [] */
  readonly sceneChanges?: readonly number[];
  /** Partial highlight configuration on top of the defaults. */
  readonly config?: unknown;
}

export interface ProfiledClip extends ClipChatProfile {
  readonly rank: number;
  readonly start: number;
  readonly end: number;
  readonly score: number;
  readonly signals: readonly string[];
}

export interface RankedFlood extends EchoFlood {
  /** Best rank of a kept clip overlapping the flood, or undefined. */
  readonly rank: number | undefined;
}

export interface ShowChatCheck {
  readonly name: string;
  readonly duration: number;
  readonly chatLines: number;
  /** Share of the show's counted lines the detector marked as echo. */
  readonly echoShare: number;
  readonly chatLagSeconds: number;
  /** Every clip the detector keeps, in rank order. */
  readonly clips: readonly ProfiledClip[];
  readonly floods: readonly RankedFlood[];
}

/** Width of a flood window, seconds: half a minute holds one prompt and the crowd's answer. */
const FLOOD_WINDOW_SECONDS = 30;

/** Detects the show's clips and profiles their chat and the show's `floodCount` biggest echo floods. */
export function checkShowChat(show: ShowChatInput, floodCount = 5): ShowChatCheck {
  const config = resolveHighlightConfig(show.config ?? {});
  const { inputs, chatLag } = assembleHighlightInputs({
    showId: show.name,
    language: show.language,
    duration: show.duration,
    audio: show.audio,
    sceneChanges: show.sceneChanges ?? [],
    segments: [],
    chat: show.chat,
    metrics: [],
    products: [],
  });
  const signals = buildSignalSet(inputs, config);
  const highlights = detectHighlightsFromSignals(inputs, signals, config);

  // The default detector's echo marks, made as classifyChatLines makes them (signals/chatLines.ts). Always the
  // default rule: it is the yardstick, so a variant detector (the echo rule switched off) is judged by the same one.
  const n = secondsIn(inputs.duration);
  const counted = countedMessages(inputs.chat, DEFAULT_HIGHLIGHT_CONFIG);
  const echoed = echoLines(inputs.chat, counted, (index) => streamSecond(inputs.chat[index]!, n), n, {
    windowSeconds: DEFAULT_HIGHLIGHT_CONFIG.chatWindowSeconds,
    minLines: DEFAULT_HIGHLIGHT_CONFIG.echoMinLines,
    minShare: DEFAULT_HIGHLIGHT_CONFIG.echoMinShare,
  });
  // Only the lines the detector counts at all (a viewer's spam beyond their share is out of every signal).
  const lines: ProfiledLine[] = inputs.chat
    .flatMap((message, index) => (counted[index] === 1 ? [{ t: message.t, text: message.text, echoed: echoed[index] === 1 }] : []))
    .sort((a, b) => a.t - b.t);

  const clips = highlights.map((h) => ({
    rank: h.rank,
    start: h.start,
    end: h.end,
    score: h.score,
    signals: h.signals.map((s) => s.name),
    ...profileLines(linesIn(lines, h.start, h.end)),
  }));
  const floods = biggestEchoFloods(lines, inputs.duration, FLOOD_WINDOW_SECONDS, floodCount).map((flood) => ({ ...flood, rank: overlappingRank(flood, clips) }));
  return {
    name: show.name,
    duration: show.duration,
    chatLines: lines.length,
    echoShare: lines.length > 0 ? lines.filter((line) => line.echoed).length / lines.length : 0,
    chatLagSeconds: chatLag.appliedSeconds,
    clips,
    floods,
  };
}

/** A recording's audio as flat as a steady tone measures: the same loudness every second, no silences. */
export function flatAudio(duration: number, lufs = -23): AudioAnalysis {
  return { duration, loudness: new Array<number>(secondsIn(duration)).fill(lufs), silences: [], integratedLufs: lufs };
}
