/**
 * Mines one show for topics: the keyphrases the host talked about and the products mentioned, each with the audience's
 * response while it was on air (chat rate, chat sentiment, orders) and quotes as evidence.
 */
import { isShowableChat } from '../chat/screenChatLine.js';
import { isCommonWord } from '../text/commonWords.js';
import type { TagWords, TaggedWord } from '../text/partOfSpeech.js';
import type { Language, MetricsPoint, ProductMention, SentimentScore, TimeRange, TopicEvidence } from '../types.js';
import { compareText } from './compareText.js';
import { round } from './round.js';
import { clipFor, lowerBound, mergeRanges, overlapSeconds } from './timeSpans.js';
import type { KeywordsOf, MinedTopic, ShowTopicEvidence, ShowTopicInputs, TopicResponse } from './topicTypes.js';
import { withoutSponsorReads } from './sponsorReads.js';
import { ANSWER_WINDOW_SECONDS, findAudienceQuestions } from './unansweredQuestions.js';

/** Mentions of a topic less than this many seconds apart belong to one discussion span. @default 60 */
export const SPAN_MERGE_GAP_SECONDS = 60;

/** Chat reacts late (stream delay plus typing), so a span's response window extends this far past it. @default 20 */
export const CHAT_LAG_SECONDS = 20;

/** A product mention is a point in time; it stands for this much discussion after it. @default 15 */
export const MENTION_SPAN_SECONDS = 15;

/** A keyphrase said only once is not a topic. @default 2 */
export const MIN_KEYPHRASE_MENTIONS = 2;

/** Topics kept per show. @default 30 */
export const MAX_TOPICS = 30;

/** Evidence quotes per topic. @default 5 */
export const MAX_EVIDENCE = 5;

/** Quotes longer than this many characters are cut with an ellipsis. @default 200 */
export const MAX_QUOTE_CHARS = 200;

/**
 * Added to every topic's response so that, in a show without chat or metrics, topics still rank by how much they were
 * discussed instead of all scoring 0.
 */
const RESPONSE_FLOOR = 0.1;

/** Only the most frequent keyphrase candidates get their response measured: keeps long shows cheap. */
const MAX_CANDIDATES = 200;

/** A number written in Chinese characters ("五十", "八十九"), or a unit count: not a topic. */
const SPELLED_NUMBER = /^[零一二三四五六七八九十百千万两]+[个块元件单]?$/u;

/** A number in digits ("24", "3.5"): a price or a count, never a topic on its own or in a pair. */
const DIGITS = /^\d+(?:[.,]\d+)?$/u;

/** A unigram mostly said as part of one bigram ("battery" in "battery life") is dropped in favour of the bigram. */
const BIGRAM_SUBSUMES_SHARE = 0.8;

type ScoredSegment = ShowTopicInputs['segments'][number];
type ScoredChat = ShowTopicInputs['chat'][number];

interface Candidate {
  readonly key: string;
  readonly label: string;
  readonly kind: MinedTopic['kind'];
  /** Words of a bigram, to test subsumption and match chat lines. */
  readonly parts: readonly string[];
  mentions: number;
  /** Ranges in which the topic was mentioned. */
  readonly occurrences: TimeRange[];
  /** Speech lines that mention it (evidence candidates). */
  readonly lines: ScoredSegment[];
}

/**
 * Topics and audience questions of one show.
 *
 * score = ln(1 + mentions) × (0.1 + chatRate × (1 + sentiment) + ln(1 + orders)):
 * how much the show discussed the topic (log, so repetition does not dominate) times how the audience responded:
 * relative chat rate (1 = show average) scaled by mood (1 + mean chat sentiment: all-negative chat cancels it),
 * plus orders gained (log). The 0.1 floor keeps chat-less shows ranked by mentions. `tagWords` (partOfSpeech.ts,
 * loaded by adapters/text/wordTagger.ts) keeps the keyphrases that name things; without it every frequent one stays.
 */
export function mineShowTopics(inputs: ShowTopicInputs, uncachedKeywordsOf: KeywordsOf, tagWords?: TagWords): ShowTopicEvidence {
  // The transcript is read twice (keyphrases, then answers to questions); segment it once.
  const keywordsOf = cachedKeywords(uncachedKeywordsOf);
  // Only reliable speech is quoted (callers filter too; the review module may not), and a sponsor read's words are the sponsor's.
  const segments = withoutSponsorReads(
    inputs.segments.filter((segment) => segment.reliable === true).sort((a, b) => a.start - b.start || a.end - b.end),
  );
  const chat = [...inputs.chat].sort((a, b) => a.t - b.t);
  const chatTimes = chat.map((message) => message.t);
  // Every topic looks through the chat in its windows: lower-case each message once, not once per topic.
  const lowerText = new Map(chat.map((message) => [message, message.text.trim().toLowerCase()] as const));
  const duration = Math.max(inputs.duration, segments.at(-1)?.end ?? 0, chatTimes.at(-1) ?? 0);
  const meanChatRate = duration > 0 ? chat.length / duration : 0;
  const orderGains = orderGainsOf(inputs.metrics);

  const candidates = [
    ...keyphraseCandidates(segments, inputs.language, keywordsOf, productTerms(inputs.mentions), tagWords),
    ...productCandidates(inputs.mentions, segments),
  ];

  const topics = candidates.map((candidate): MinedTopic => {
    const spans = mergeRanges(candidate.occurrences, SPAN_MERGE_GAP_SECONDS);
    const windows = mergeRanges(
      spans.map((span) => ({ start: Math.max(0, span.start), end: Math.min(duration, span.end + CHAT_LAG_SECONDS) })),
      0,
    ).filter((window) => window.end > window.start);
    const windowChat = chatIn(windows, chat, chatTimes);
    const windowGains = gainsIn(windows, orderGains);
    const response = responseOf(windows, windowChat, meanChatRate, windowGains);
    const score =
      Math.log1p(candidate.mentions) *
      (RESPONSE_FLOOR + response.chatRate * (1 + response.sentiment) + Math.log1p(response.orders));
    return {
      key: candidate.key,
      label: candidate.label,
      kind: candidate.kind,
      spans,
      mentions: candidate.mentions,
      response,
      score: round(score, 4),
      evidence: evidenceOf(candidate, spans, windowChat, windowGains, inputs, lowerText),
    };
  });

  topics.sort((a, b) => b.score - a.score || compareText(a.key, b.key));
  const linesOf = new Map(candidates.map((candidate) => [candidate.key, new Set(candidate.lines)]));
  const themes = foldIntoThemes(topics, (a, b) => sharesLines(linesOf.get(a.key), linesOf.get(b.key)));

  const questions = findAudienceQuestions(inputs.chat, segments, inputs.language, keywordsOf).map((question) => {
    const clipId = clipFor(question.t, { start: question.t, end: question.t + ANSWER_WINDOW_SECONDS }, inputs.clips);
    return clipId === undefined ? question : { ...question, clipId };
  });

  return { showId: inputs.showId, language: inputs.language, topics: themes.slice(0, MAX_TOPICS), questions };
}

/** Unigram and adjacent-bigram keyphrases said at least twice, most frequent first. */
function keyphraseCandidates(
  segments: readonly ScoredSegment[],
  language: Language,
  keywordsOf: KeywordsOf,
  excluded: readonly string[],
  tagWords: TagWords | undefined,
): Candidate[] {
  const byLabel = new Map<string, Candidate>();
  const add = (parts: readonly string[], segment: ScoredSegment): void => {
    const label = parts.join(language === 'zh' ? '' : ' ');
    let candidate = byLabel.get(label);
    if (candidate === undefined) {
      candidate = { key: `kw:${label}`, label, kind: 'keyphrase', parts, mentions: 0, occurrences: [], lines: [] };
      byLabel.set(label, candidate);
    }
    candidate.mentions += 1;
    if (candidate.lines.at(-1) !== segment) {
      candidate.lines.push(segment);
      candidate.occurrences.push({ start: segment.start, end: Math.max(segment.end, segment.start) });
    }
  };
  for (const segment of segments) {
    // Background vocabulary (家人们, "welcome", 链接) and spelled-out numbers (五十) are in every show: no topic.
    const words = keywordsOf(segment.text, language)
      .map((word) => word.toLowerCase())
      .filter((word) => !isCommonWord(word) && !SPELLED_NUMBER.test(word) && !DIGITS.test(word));
    words.forEach((word, i) => {
      add([word], segment);
      const next = words[i + 1];
      if (next !== undefined && next !== word) add([word, next], segment);
    });
  }

  // A keyphrase inside a product's name is the product; one holding a product word (每天精华) is about the product too.
  // Grammar first, then subsumption: 气色 stays a topic when the only pair it is said in (显得气色) names nothing.
  // Only the most said candidates are read, which bounds the tagging on a long show.
  const frequent = [...byLabel.values()]
    .filter(
      (candidate) =>
        candidate.mentions >= MIN_KEYPHRASE_MENTIONS &&
        !excluded.some((term) => contains(term, candidate.label) || (candidate.parts.length > 1 && candidate.parts.includes(term))),
    )
    .sort((a, b) => b.mentions - a.mentions || compareText(a.label, b.label))
    .slice(0, GRAMMAR_CHECKED_CANDIDATES)
    .filter(tagWords === undefined ? () => true : isAboutAThing(language, tagWords));
  const bigrams = frequent.filter((candidate) => candidate.parts.length === 2);
  return frequent
    .filter(
      (candidate) =>
        candidate.parts.length === 2 ||
        !bigrams.some(
          (bigram) =>
            bigram.parts.includes(candidate.label) && bigram.mentions >= BIGRAM_SUBSUMES_SHARE * candidate.mentions,
        ),
    )
    .slice(0, MAX_CANDIDATES);
}

/** Candidates whose grammar is read before bigrams subsume unigrams: twice those kept, as unigrams fall to bigrams. */
const GRAMMAR_CHECKED_CANDIDATES = 2 * MAX_CANDIDATES;

/** Lines per candidate whose grammar is read (tagging every line of a long show would cost seconds). */
const LINES_TAGGED_PER_CANDIDATE = 3;

/**
 * Whether a keyphrase names a thing, as its own lines say it: a noun ("texture", 颜色), or an adjective or noun right
 * before a noun ("light texture", "towel set"), in most of its first lines. Verbs and pronouns ("move", "comes",
 * "us", 继续, 放在) are how a host talks, not what a show is about, and two keywords with words between them
 * ("closer … camera") are no phrase. A line where the tagger split the words otherwise gives no vote; a candidate
 * without votes stays.
 */
function isAboutAThing(language: Language, tagWords: TagWords): (candidate: Candidate) => boolean {
  const taggedLines = new Map<ScoredSegment, TaggedWord[]>();
  const tagged = (segment: ScoredSegment) => {
    let words = taggedLines.get(segment);
    if (words === undefined) taggedLines.set(segment, (words = tagWords(segment.text, language)));
    return words;
  };
  return (candidate) => {
    let yes = 0;
    let no = 0;
    const { parts } = candidate;
    for (const line of candidate.lines.slice(0, LINES_TAGGED_PER_CANDIDATE)) {
      const words = tagged(line);
      if (!parts.every((part) => words.some((w) => w.word === part))) continue;
      const fits = words.some((_, i) =>
        parts.every((part, k) => {
          const word = words[i + k];
          if (word?.word !== part) return false;
          return k === parts.length - 1 ? word.role === 'noun' : word.role === 'noun' || word.role === 'adjective';
        }),
      );
      if (fits) yes++;
      else no++;
    }
    return yes >= no;
  };
}

/** Whether `phrase` occurs in `term`: as whole words for space-separated text, as a substring for Chinese. */
function contains(term: string, phrase: string): boolean {
  return / /.test(phrase) || /^[a-z0-9]/i.test(phrase) ? ` ${term} `.includes(` ${phrase} `) : term.includes(phrase);
}

/** Product names and the words they were matched by, lower-cased: keyphrases inside them are the product topic. */
function productTerms(mentions: readonly ProductMention[]): string[] {
  return [...new Set(mentions.flatMap((mention) => [mention.product, mention.matched]).map((s) => s.toLowerCase()))];
}

/** One candidate per product; spans come from speech mentions, or from chat mentions when the host never said it. */
function productCandidates(mentions: readonly ProductMention[], segments: readonly ScoredSegment[]): Candidate[] {
  const byProduct = new Map<string, ProductMention[]>();
  for (const mention of mentions) {
    const list = byProduct.get(mention.product) ?? [];
    list.push(mention);
    byProduct.set(mention.product, list);
  }
  return [...byProduct.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([product, all]) => {
      const spoken = all.filter((mention) => mention.source === 'speech');
      const used = (spoken.length > 0 ? spoken : all).sort((a, b) => a.t - b.t);
      const lines = [
        ...new Set(
          spoken.map((mention) => segments.find((s) => mention.t >= s.start && mention.t < s.end)).filter(isDefined),
        ),
      ];
      return {
        key: `product:${product.toLowerCase()}`,
        label: product,
        kind: 'product' as const,
        parts: [...new Set(all.map((mention) => mention.matched.toLowerCase()))],
        mentions: used.length,
        occurrences: used.map((mention) => ({ start: mention.t, end: mention.t + MENTION_SPAN_SECONDS })),
        lines,
      };
    });
}

/** Chat messages whose time falls inside the (merged, sorted) windows. */
function chatIn(windows: readonly TimeRange[], chat: readonly ScoredChat[], chatTimes: readonly number[]): ScoredChat[] {
  const inside: ScoredChat[] = [];
  for (const window of windows) {
    for (let i = lowerBound(chatTimes, window.start); i < chat.length; i++) {
      const message = chat[i];
      if (message === undefined || message.t >= window.end) break;
      inside.push(message);
    }
  }
  return inside;
}

/** An increase of the cumulative order count between two metrics samples. */
interface OrderGain extends TimeRange {
  readonly gain: number;
  readonly from: number;
  readonly to: number;
}

/** Increases of the cumulative `orders` column; drops (counter resets) are ignored. */
function orderGainsOf(metrics: readonly MetricsPoint[]): OrderGain[] {
  const points = metrics
    .filter((point): point is MetricsPoint & { orders: number } => Number.isFinite(point.orders))
    .sort((a, b) => a.t - b.t);
  const gains: OrderGain[] = [];
  for (let i = 1; i < points.length; i++) {
    const before = points[i - 1];
    const after = points[i];
    if (before === undefined || after === undefined || after.orders <= before.orders) continue;
    gains.push({ start: before.t, end: after.t, gain: after.orders - before.orders, from: before.orders, to: after.orders });
  }
  return gains;
}

/**
 * How much of each gain fell inside the windows: a gain is spread evenly over its sample interval, so a window covering
 * half of a 60 s interval gets half its orders. A gain between two samples at the same second counts if inside.
 */
function gainsIn(windows: readonly TimeRange[], gains: readonly OrderGain[]): { gain: OrderGain; orders: number }[] {
  return gains
    .map((gain) => {
      const length = gain.end - gain.start;
      const share = windows.reduce(
        (sum, window) =>
          sum + (length > 0 ? overlapSeconds(gain, window) / length : gain.end >= window.start && gain.end < window.end ? 1 : 0),
        0,
      );
      return { gain, orders: gain.gain * share };
    })
    .filter((attributed) => attributed.orders > 0);
}

function responseOf(
  windows: readonly TimeRange[],
  windowChat: readonly ScoredChat[],
  meanChatRate: number,
  gains: readonly { orders: number }[],
): TopicResponse {
  const seconds = windows.reduce((sum, window) => sum + (window.end - window.start), 0);
  const chatRate = seconds > 0 && meanChatRate > 0 ? windowChat.length / seconds / meanChatRate : 0;
  // Most chat lines hit no lexicon word; averaging their zeros in would flatten every topic to neutral.
  const felt = windowChat.filter((message) => message.sentiment.hits > 0);
  const sentiment = felt.length > 0 ? felt.reduce((sum, m) => sum + m.sentiment.score, 0) / felt.length : 0;
  return { chatRate: round(chatRate, 3), sentiment: round(sentiment, 3), orders: round(gains.reduce((sum, g) => sum + g.orders, 0), 2) };
}

/** Best speech line, the biggest order jump, then the strongest chat reactions: at most five, each with a clip. */
function evidenceOf(
  candidate: Candidate,
  spans: readonly TimeRange[],
  windowChat: readonly ScoredChat[],
  gains: readonly { gain: OrderGain; orders: number }[],
  inputs: ShowTopicInputs,
  lowerText: ReadonlyMap<ScoredChat, string>,
): TopicEvidence[] {
  const picked: Omit<TopicEvidence, 'showId' | 'clipId'>[] = [];

  const bestLine = [...candidate.lines].sort(
    (a, b) => strength(b.sentiment) - strength(a.sentiment) || b.text.length - a.text.length || a.start - b.start,
  )[0];
  if (bestLine !== undefined) picked.push({ t: bestLine.start, quote: quote(bestLine.text), source: 'speech' });

  const biggestGain = [...gains].sort((a, b) => b.orders - a.orders || a.gain.end - b.gain.end)[0]?.gain;
  if (biggestGain !== undefined) {
    picked.push({
      t: biggestGain.end,
      quote: `+${biggestGain.gain} orders (${biggestGain.from} → ${biggestGain.to})`,
      source: 'metrics',
    });
  }

  const label = candidate.label.toLowerCase();
  const mentionsTopic = (lower: string): boolean => lower.includes(label) || candidate.parts.some((part) => lower.includes(part));
  // The strongest reactions with distinct texts, kept as a running top list: a topic's windows can hold most
  // of a long show's chat, and mapping and sorting all of it per topic made memory and time grow with the show.
  const best = new TopReactions(MAX_EVIDENCE - picked.length);
  for (const message of windowChat) {
    const lower = lowerText.get(message) ?? message.text.trim().toLowerCase();
    // Evidence is shown in the report and to the model: no one's phone number or a spam link, even when loud.
    if (lower === '' || !isShowableChat(message.text)) continue;
    best.offer({ message, lower, weight: strength(message.sentiment) + (mentionsTopic(lower) ? 0.5 : 0) });
  }
  for (const { message } of best.ranked()) picked.push({ t: message.t, quote: quote(message.text), source: 'chat' });

  return picked.slice(0, MAX_EVIDENCE).map((item) => {
    const around = spans.find((span) => item.t >= span.start && item.t < span.end + CHAT_LAG_SECONDS) ??
      spans[0] ?? { start: item.t, end: item.t };
    const clipId = clipFor(item.t, around, inputs.clips);
    return { showId: inputs.showId, ...item, ...(clipId === undefined ? {} : { clipId }) };
  });
}

/** How strongly a text is felt: |score| weighted up by the number of lexicon hits (capped at 3). */
function strength(sentiment: SentimentScore): number {
  return Math.abs(sentiment.score) * (1 + Math.min(sentiment.hits, 3));
}

function quote(text: string): string {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  const chars = [...trimmed];
  return chars.length <= MAX_QUOTE_CHARS ? trimmed : `${chars.slice(0, MAX_QUOTE_CHARS - 1).join('')}…`;
}

function cachedKeywords(keywordsOf: KeywordsOf): KeywordsOf {
  const cache = new Map<string, string[]>();
  return (text, language) => {
    const key = `${language}\u0000${text}`;
    let words = cache.get(key);
    if (words === undefined) {
      words = keywordsOf(text, language);
      cache.set(key, words);
    }
    return words;
  };
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}

interface Reaction {
  readonly message: ScoredChat;
  /** Trimmed, lower-cased text: two messages with the same one are one piece of evidence. */
  readonly lower: string;
  readonly weight: number;
}

/** Heavier first, then earlier, then by text: a total order, so the evidence is deterministic. */
function ranksBefore(a: Reaction, b: Reaction): boolean {
  if (a.weight !== b.weight) return a.weight > b.weight;
  if (a.message.t !== b.message.t) return a.message.t < b.message.t;
  return compareText(a.message.text, b.message.text) < 0;
}

/**
 * The `size` best reactions with distinct texts, each text represented by its best message: exactly what sorting
 * every reaction and skipping repeated texts gives, in O(size) memory. A text pushed out can come back later with
 * a better message, which is then its best.
 */
class TopReactions {
  private readonly kept: Reaction[] = [];

  constructor(private readonly size: number) {}

  offer(reaction: Reaction): void {
    if (this.size <= 0) return;
    const same = this.kept.findIndex((kept) => kept.lower === reaction.lower);
    if (same >= 0) {
      const current = this.kept[same];
      if (current !== undefined && !ranksBefore(reaction, current)) return;
      this.kept.splice(same, 1);
    } else if (this.kept.length >= this.size) {
      const worst = this.kept.at(-1);
      if (worst !== undefined && !ranksBefore(reaction, worst)) return;
      this.kept.pop();
    }
    const at = this.kept.findIndex((kept) => ranksBefore(reaction, kept));
    this.kept.splice(at < 0 ? this.kept.length : at, 0, reaction);
  }

  ranked(): readonly Reaction[] {
    return this.kept;
  }
}

/** Two keyphrases said in the same lines at least half the time (of the rarer one) are one theme. @default 0.5 */
export const THEME_SHARED_LINES = 0.5;

function sharesLines(a: ReadonlySet<unknown> | undefined, b: ReadonlySet<unknown> | undefined): boolean {
  if (a === undefined || b === undefined || a.size === 0 || b.size === 0) return false;
  let shared = 0;
  for (const line of a) if (b.has(line)) shared++;
  return shared >= THEME_SHARED_LINES * Math.min(a.size, b.size);
}

/**
 * Folds keyphrases that travel together into themes: the strongest names the theme, the others become its
 * `related` phrases and add their quotes, so a planner reads "味道" once with what was said about it, not
 * 味道 · 味道很淡 · 几乎不到 as three topics. Products stay their own topics.
 */
function foldIntoThemes(ranked: readonly MinedTopic[], together: (a: MinedTopic, b: MinedTopic) => boolean): MinedTopic[] {
  const themes: { lead: MinedTopic; related: string[]; evidence: TopicEvidence[]; spans: TimeRange[] }[] = [];
  for (const topic of ranked) {
    const theme = topic.kind === 'keyphrase' ? themes.find((t) => t.lead.kind === 'keyphrase' && together(t.lead, topic)) : undefined;
    if (theme === undefined) {
      themes.push({ lead: topic, related: [], evidence: [...topic.evidence], spans: [...topic.spans] });
      continue;
    }
    theme.related.push(topic.label);
    for (const item of topic.evidence) {
      if (theme.evidence.length < MAX_EVIDENCE && !theme.evidence.some((e) => e.quote === item.quote && e.t === item.t)) theme.evidence.push(item);
    }
    theme.spans.push(...topic.spans);
  }
  return themes.map(({ lead, related, evidence, spans }) =>
    related.length === 0 ? lead : { ...lead, related, evidence, spans: mergeRanges(spans, SPAN_MERGE_GAP_SECONDS) },
  );
}
