/** Paid messages and gifts for signal tests, on a 15-minute show with flat loudness. */
import type { HighlightInputs } from '../../shared/core/highlights/highlightInputs.js';
import type { ChatMessage } from '../../shared/core/types.js';
import { posted } from './streamClock.js';

const DURATION = 900;

export const paid = (t: number, user: string, amount: number, currency = 'CNY'): ChatMessage => ({ t, user, text: '冲', kind: 'paid', amount, currency });
export const gift = (t: number, user: string, amount: number, currency = 'CNY'): ChatMessage => ({ t, user, text: '告白气球 x1', kind: 'gift', amount, currency });

/** A show whose only audience input is `supportEvents`, as posted (with the default lag). */
export function supportShow(supportEvents: readonly ChatMessage[]): HighlightInputs {
  return {
    showId: 'support',
    duration: DURATION,
    audio: { duration: DURATION, loudness: new Array<number>(DURATION).fill(-23), silences: [], integratedLufs: -23 },
    segments: [],
    chat: [],
    supportEvents: posted(supportEvents),
    metrics: [],
    mentions: [],
    ctaMentions: [],
    sceneChanges: [],
  };
}
