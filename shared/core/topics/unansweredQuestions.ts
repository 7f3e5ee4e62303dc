/**
 * Finds the questions viewers asked in chat, merges repeats, and checks whether the host answered them.
 */
import { isQuestion } from '../chat/isQuestion.js';
import { isViewerText } from '../chat/isViewerText.js';
import { isShowableChat } from '../chat/screenChatLine.js';
import type { ChatMessage, Language, Segment } from '../types.js';
import { compareText } from './compareText.js';
import { lowerBound } from './timeSpans.js';
import type { AudienceQuestion, KeywordsOf } from './topicTypes.js';

/** How long after a question the host may take to answer it, in seconds. @default 180 (three minutes) */
export const ANSWER_WINDOW_SECONDS = 180;

/** Share of a question's keywords the transcript must cover to count as an answer. @default 0.5 */
export const ANSWER_KEYWORD_SHARE = 0.5;

/** Re-exported: topic mining and the highlight detector share one notion of a question. */
export { isQuestion };

interface SegmentKeywords {
  readonly start: number;
  readonly end: number;
  readonly keywords: ReadonlySet<string>;
}

/**
 * Questions in chat, one per distinct keyword set (repeats counted in `count`), in time order.
 * A question is answered when the transcript overlapping [t, t + 180 s] contains at least half its keywords (min 1);
 * questions whose text yields no keywords ("??", "吗") are ignored because nothing could answer them.
 */
export function findAudienceQuestions(
  chat: readonly ChatMessage[],
  segments: readonly Segment[],
  language: Language,
  keywordsOf: KeywordsOf,
): AudienceQuestion[] {
  const transcript = indexTranscript(segments, language, keywordsOf);
  const ordered = chat
    .map((message, index) => ({ message, index }))
    .filter(({ message }) => isViewerText(message))
    .sort((a, b) => a.message.t - b.message.t || a.index - b.index)
    .map(({ message }) => message);

  const groups = new Map<string, { first: AudienceQuestion; count: number; users: Set<string>; answeredAt?: number }>();
  for (const message of ordered) {
    // A question is shown as a topic: one carrying personal data or a link is left out.
    if (!isQuestion(message.text) || !isShowableChat(message.text)) continue;
    const keywords = [...new Set(keywordsOf(message.text, language))].sort();
    if (keywords.length === 0) continue;
    const groupKey = keywords.join('\u0000');
    const answeredAt = findAnswer(message.t, keywords, transcript);
    const group = groups.get(groupKey);
    if (group === undefined) {
      groups.set(groupKey, {
        first: {
          t: message.t,
          user: message.user,
          text: message.text.trim(),
          keywords,
          count: 1,
          askers: 1,
          answered: false,
        },
        count: 1,
        users: new Set([message.user]),
        ...(answeredAt === undefined ? {} : { answeredAt }),
      });
    } else {
      group.count += 1;
      group.users.add(message.user);
      // A repeat that the host answered later still answers the earlier askers.
      if (answeredAt !== undefined && (group.answeredAt === undefined || answeredAt < group.answeredAt)) {
        group.answeredAt = answeredAt;
      }
    }
  }

  return [...groups.values()]
    .map(({ first, count, users, answeredAt }) => ({
      ...first,
      count,
      askers: users.size,
      answered: answeredAt !== undefined,
      ...(answeredAt === undefined ? {} : { answeredAt }),
    }))
    .sort((a, b) => a.t - b.t || compareText(a.text, b.text));
}

interface TranscriptIndex {
  readonly segments: readonly SegmentKeywords[];
  /** Segment start times, ascending, for binary search. */
  readonly starts: readonly number[];
  /** Longest segment, so a binary search on start times can still find segments that began before t. */
  readonly maxDuration: number;
}

function indexTranscript(segments: readonly Segment[], language: Language, keywordsOf: KeywordsOf): TranscriptIndex {
  const indexed = segments
    .map((segment) => ({
      start: segment.start,
      end: segment.end,
      keywords: new Set(keywordsOf(segment.text, language)),
    }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const maxDuration = indexed.reduce((max, s) => Math.max(max, s.end - s.start), 0);
  return { segments: indexed, starts: indexed.map((s) => s.start), maxDuration };
}

/** Second at which the transcript after `t` has covered enough of `keywords`, or undefined. */
function findAnswer(t: number, keywords: readonly string[], transcript: TranscriptIndex): number | undefined {
  const needed = Math.max(1, Math.ceil(keywords.length * ANSWER_KEYWORD_SHARE));
  const windowEnd = t + ANSWER_WINDOW_SECONDS;
  const wanted = new Set(keywords);
  const covered = new Set<string>();
  const { segments } = transcript;
  for (let i = lowerBound(transcript.starts, t - transcript.maxDuration); i < segments.length; i++) {
    const segment = segments[i];
    if (segment === undefined || segment.start >= windowEnd) break;
    if (segment.end <= t) continue;
    for (const keyword of segment.keywords) if (wanted.has(keyword)) covered.add(keyword);
    if (covered.size >= needed) return Math.max(t, segment.start);
  }
  return undefined;
}
