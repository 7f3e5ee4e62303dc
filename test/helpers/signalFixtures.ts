/** Hand-made detector inputs for signal tests: a quiet show, steady chat with bursts, and one signal measured alone. */
import { mulberry32 } from '../../scripts/prng.js';
import { DEFAULT_HIGHLIGHT_CONFIG, type HighlightConfig } from '../../shared/core/highlights/config.js';
import type { HighlightInputs } from '../../shared/core/highlights/highlightInputs.js';
import { signalContext, type Signal } from '../../shared/core/highlights/signals/signal.js';
import { softClamp } from '../../shared/core/highlights/signals/softClamp.js';
import type { ChatMessage, SentimentScore, SignalName } from '../../shared/core/types.js';

export const NEUTRAL: SentimentScore = { score: 0, hits: 0 };

/** A show of `duration` seconds with noisy speech loudness and nothing else; tests add what they need. */
export function quietShow(seed = 1, duration = 600): HighlightInputs {
  const random = mulberry32(seed);
  const n = Math.ceil(duration);
  return {
    showId: 'signals',
    duration,
    audio: {
      duration,
      loudness: Array.from({ length: n }, () => -23 + (random() - 0.5) * 4),
      silences: [],
      integratedLufs: -23,
    },
    segments: [],
    chat: [],
    supportEvents: [],
    metrics: [],
    mentions: [],
    ctaMentions: [],
    sceneChanges: [],
  };
}

/** Steady background chat (one message every 2 s) plus optional bursts of 40-ish fans, as posted. */
export function chatWith(bursts: readonly { at: number; count: number; score?: number }[], duration = 600): (ChatMessage & { sentiment: SentimentScore })[] {
  const chat = [];
  for (let t = 0.5; t < duration; t += 2) chat.push({ t, user: `bg${Math.round(t) % 97}`, text: 'ok', kind: 'message' as const, sentiment: NEUTRAL });
  for (const burst of bursts) {
    for (let k = 0; k < burst.count; k++) {
      const sentiment = burst.score === undefined ? NEUTRAL : { score: burst.score, hits: 2 };
      chat.push({ t: burst.at + (k * 8) / burst.count, user: `f${k}`, text: 'amazing', kind: 'message' as const, sentiment });
    }
  }
  return chat.sort((a, b) => a.t - b.t);
}

/** Steady chat with 16 viewers laughing from 200 s and 16 asking questions from 400 s (all mildly positive), as posted. */
export function laughterThenQuestions(): (ChatMessage & { sentiment: SentimentScore })[] {
  const burst = (at: number, texts: readonly string[]) =>
    Array.from({ length: 16 }, (_, k) => ({ t: at + k * 0.5, user: `v${k}`, text: texts[k % texts.length] ?? '', kind: 'message' as const, sentiment: { score: 0.6, hits: 1 } }));
  return [...chatWith([]), ...burst(200, ['哈哈哈哈', '233333', 'LUL', 'lmao 😂']), ...burst(400, ['多少钱?', 'link?', '有链接吗'])].sort((a, b) => a.t - b.t);
}

/** One signal measured alone: its soft-clamped values (as fused) and its evidence. */
export function measure<Name extends SignalName, Evidence>(
  signal: Signal<Name, Evidence>,
  inputs: HighlightInputs,
  config: HighlightConfig = DEFAULT_HIGHLIGHT_CONFIG,
): { values: number[]; evidence: Evidence } {
  const { z, evidence } = signal.measure(signalContext(inputs, config));
  return { values: z.map((v) => softClamp(v, config.signalCeiling)), evidence };
}

/** Index of the largest value (the first on ties). */
export const argmax = (values: readonly number[]) => values.reduce((best, v, i) => (v > (values[best] ?? -Infinity) ? i : best), 0);

/** Largest value in [from, to). */
export const peakIn = (values: readonly number[], from = 0, to = values.length) => Math.max(...values.slice(from, to));
