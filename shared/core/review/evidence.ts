/**
 * Evidence for the review: the line the host said, or the chat line written, at a moment. Only reliable speech
 * is quoted (a misheard line quoted as the host's words would be a guess presented as fact), and only chat that
 * may be shown (no personal data, links or @-mentions).
 */
import { isShowableChat } from '../chat/screenChatLine.js';
import { isViewerText } from '../chat/isViewerText.js';
import type { ReviewEvidence } from '../schemas/review.js';
import { clipFor } from '../topics/timeSpans.js';
import type { ChatMessage, Segment } from '../types.js';
import type { ReviewClip } from './reviewInputs.js';
import { REVIEW_TEXT } from './reviewText.js';
import type { Language } from '../types.js';

/** A quote is cut to this many characters. @default 160 */
export const MAX_EVIDENCE_QUOTE_CHARS = 160;
/** How far from a moment a line may be and still speak for it, seconds. @default 20 */
const NEAR_SECONDS = 20;

export function clampQuote(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length <= MAX_EVIDENCE_QUOTE_CHARS ? clean : `${clean.slice(0, MAX_EVIDENCE_QUOTE_CHARS - 1)}…`;
}

export class EvidenceFinder {
  private readonly speech: readonly Segment[];
  private readonly chat: readonly ChatMessage[];

  /** Measured evidence worded in the show's language. */
  readonly says: (typeof REVIEW_TEXT)[Language];

  constructor(
    private readonly showId: string,
    language: Language,
    reliableSegments: readonly Segment[],
    chat: readonly ChatMessage[],
    private readonly clips: readonly ReviewClip[],
  ) {
    this.says = REVIEW_TEXT[language];
    this.speech = [...reliableSegments].sort((a, b) => a.start - b.start);
    this.chat = chat.filter((line) => isViewerText(line) && line.text.trim() !== '' && isShowableChat(line.text));
  }

  /** Evidence at `at` with a given quote (a measurement, a chat line already chosen). */
  make(at: number, quote: string, source: ReviewEvidence['source']): ReviewEvidence {
    const clipId = clipFor(at, { start: at - 1, end: at + 1 }, this.clips);
    return { showId: this.showId, at: Math.round(at * 10) / 10, quote: clampQuote(quote), source, ...(clipId === undefined ? {} : { clipId }) };
  }

  /** The reliable line said at `at` (or the nearest within 20 s, before it first), if any. */
  speechAt(at: number, where: (segment: Segment) => boolean = () => true): ReviewEvidence | undefined {
    let best: Segment | undefined;
    let bestDistance = Infinity;
    for (const segment of this.speech) {
      if (segment.start > at + NEAR_SECONDS) break;
      if (!where(segment)) continue;
      const distance = at < segment.start ? segment.start - at : at > segment.end ? (at - segment.end) * 0.9 : 0;
      if (distance <= NEAR_SECONDS && distance < bestDistance) {
        best = segment;
        bestDistance = distance;
      }
    }
    return best === undefined ? undefined : this.make(best.start, best.text, 'speech');
  }

  /** The first showable chat line in [from, to) that `where` accepts. */
  chatIn(from: number, to: number, where: (line: ChatMessage) => boolean = () => true): ReviewEvidence | undefined {
    const line = this.chat.find((l) => l.t >= from && l.t < to && where(l));
    return line === undefined ? undefined : this.make(line.t, line.text, 'chat');
  }

  /** Speech at `at`, else chat near it: what the room heard or said then. */
  around(at: number): ReviewEvidence | undefined {
    return this.speechAt(at) ?? this.chatIn(at - NEAR_SECONDS, at + NEAR_SECONDS);
  }
}
