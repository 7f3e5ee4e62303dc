/**
 * Turns the mined topics and questions of this and earlier shows into ranked suggestions for upcoming shows.
 */
import type { TopicEvidence, TopicSuggestion } from '../types.js';
import { compareText } from './compareText.js';
import { round } from './round.js';
import type { AudienceQuestion, MinedTopic, ShowTopicEvidence } from './topicTypes.js';
import { ANSWER_WINDOW_SECONDS } from './unansweredQuestions.js';

/** Suggestions returned when no limit is given. @default 15 */
export const DEFAULT_SUGGESTION_LIMIT = 15;

/** Evidence items kept per suggestion. @default 5 */
export const MAX_SUGGESTION_EVIDENCE = 5;

/** Orders are what a product topic is for, so they weigh twice what chat does in its score. */
const PRODUCT_ORDER_WEIGHT = 2;

/** Each viewer asking an unanswered question adds this much: about one show-average burst of chat. */
const QUESTION_SCORE_PER_ASKER = 1;

/** Options of `suggestTopics`. */
export interface SuggestTopicsOptions {
  /** Most suggestions to return. @default 15 */
  readonly limit?: number;
}

/**
 * Ranked topic suggestions (score desc, then topic asc) across shows:
 * - keyphrases: sum of the per-show topic scores, so topics that recur and draw strong response rank higher;
 * - products: per show, chatRate × (1 + sentiment) + 2 × ln(1 + orders), summed over shows;
 * - questions: unanswered questions grouped by keyword set, one point per viewer who asked.
 */
export function suggestTopics(
  shows: readonly ShowTopicEvidence[],
  options: SuggestTopicsOptions = {},
): TopicSuggestion[] {
  const limit = Math.max(0, options.limit ?? DEFAULT_SUGGESTION_LIMIT);
  const byRank = (a: TopicSuggestion, b: TopicSuggestion) => b.score - a.score || compareText(a.topic, b.topic) || compareText(a.kind, b.kind);
  const topics = topicSuggestions(shows).sort(byRank);
  const questions = questionSuggestions(shows).sort(byRank);
  // Questions score on a different scale (viewers asking) from topics (audience response), so a
  // share of the list is reserved for them: an unanswered question is a ready-made segment idea.
  const questionSlots = Math.min(questions.length, Math.ceil(limit * QUESTION_SHARE));
  const chosen = [...topics.slice(0, limit - questionSlots), ...questions.slice(0, questionSlots)];
  const rest = [...topics.slice(limit - questionSlots), ...questions.slice(questionSlots)].sort(byRank);
  return [...chosen, ...rest].slice(0, limit).sort(byRank);
}

/** Share of the suggestion list kept for unanswered audience questions when there are any. @default 1/3 */
export const QUESTION_SHARE = 1 / 3;

interface Appearance {
  readonly showId: string;
  readonly language: ShowTopicEvidence['language'];
  readonly topic: MinedTopic;
}

function topicSuggestions(shows: readonly ShowTopicEvidence[]): TopicSuggestion[] {
  const byKey = new Map<string, Appearance[]>();
  for (const show of shows) {
    for (const topic of show.topics) {
      const list = byKey.get(topic.key) ?? [];
      list.push({ showId: show.showId, language: show.language, topic });
      byKey.set(topic.key, list);
    }
  }
  return [...byKey.values()].map((appearances) => {
    // The strongest appearance names the topic and leads the evidence.
    const ranked = [...appearances].sort(
      (a, b) => b.topic.score - a.topic.score || compareText(a.showId, b.showId),
    );
    const lead = ranked[0]!.topic;
    const showCount = new Set(appearances.map((a) => a.showId)).size;
    const orders = sum(appearances.map((a) => a.topic.response.orders));
    const chatRate = mean(appearances.map((a) => a.topic.response.chatRate));
    const sentiment = mean(appearances.map((a) => a.topic.response.sentiment));
    const mentions = sum(appearances.map((a) => a.topic.mentions));
    const score =
      lead.kind === 'product'
        ? sum(
            appearances.map(
              ({ topic: { response } }) =>
                response.chatRate * (1 + response.sentiment) + PRODUCT_ORDER_WEIGHT * Math.log1p(response.orders),
            ),
          )
        : sum(appearances.map((a) => a.topic.score));
    const shows = `${showCount} show${showCount === 1 ? '' : 's'}`;
    const zh = ranked[0]!.language === 'zh';
    const related = [...new Set(appearances.flatMap((a) => a.topic.related ?? []))].filter((label) => label !== lead.label).slice(0, 3);
    const base = zh
      ? `「${lead.label}」在 ${showCount} 场直播里${lead.kind === 'product' ? '被提到' : '聊到'} ${mentions} 次，期间弹幕是平均的 ${formatNumber(chatRate)} 倍（情绪 ${signed(sentiment)}）` +
        (orders > 0 ? `，随后 ${formatNumber(orders)} 单。` : '。')
      : lead.kind === 'product'
        ? `"${lead.label}" was mentioned ${mentions} times in ${shows}: ${formatNumber(orders)} orders came in while it ` +
          `was on air and chat ran at ${formatNumber(chatRate)}x the show average (mean sentiment ${signed(sentiment)}).`
        : `"${lead.label}" came up ${mentions} times in ${shows}; chat ran at ${formatNumber(chatRate)}x the show ` +
          `average while it was discussed (mean sentiment ${signed(sentiment)})` +
          (orders > 0 ? ` and ${formatNumber(orders)} orders followed.` : '.');
    // A theme names the other ways it was said, so the planner sees what the one label stands for.
    const why = related.length === 0 ? base : zh ? `${base}相关说法：${related.join('、')}。` : `${base} Also said as: ${related.join(', ')}.`;
    return {
      topic: lead.label,
      kind: lead.kind,
      score: round(score, 4),
      why,
      evidence: interleave(ranked.map((a) => a.topic.evidence)).slice(0, MAX_SUGGESTION_EVIDENCE),
    };
  });
}

/**
 * Unanswered questions grouped into themes: each question joins the theme of its keyword that the most viewers
 * asked about across all questions ("为什么不是嘉然站c位？" and "队长不是嘉然？" are one theme, 嘉然), so a
 * planner sees one thing to answer with every wording of it, not ten near-duplicates.
 */
function questionSuggestions(shows: readonly ShowTopicEvidence[]): TopicSuggestion[] {
  const asked = shows.flatMap((show) => show.questions.filter((question) => !question.answered).map((question) => ({ showId: show.showId, language: show.language, question })));
  const askersOf = new Map<string, number>();
  for (const { question } of asked) for (const keyword of question.keywords) askersOf.set(keyword, (askersOf.get(keyword) ?? 0) + question.askers);
  const themeOf = (question: AudienceQuestion) =>
    [...question.keywords].sort((a, b) => (askersOf.get(b) ?? 0) - (askersOf.get(a) ?? 0) || compareText(a, b))[0] ?? question.text;
  const byTheme = new Map<string, typeof asked>();
  for (const ask of asked) {
    const theme = themeOf(ask.question);
    byTheme.set(theme, [...(byTheme.get(theme) ?? []), ask]);
  }
  return [...byTheme.entries()].map(([theme, asks]) => {
    // The most-asked wording stands for the group; earliest first on ties.
    const ranked = [...asks].sort(
      (a, b) =>
        b.question.askers - a.question.askers || compareText(a.showId, b.showId) || a.question.t - b.question.t,
    );
    const lead = ranked[0]!.question;
    const zh = ranked[0]!.language === 'zh';
    const askers = sum(asks.map((a) => a.question.askers));
    const showCount = new Set(asks.map((a) => a.showId)).size;
    const wordings = new Set(asks.map((a) => a.question.text)).size;
    const evidence = ranked.slice(0, MAX_SUGGESTION_EVIDENCE).map(
      ({ showId, question }): TopicEvidence => ({
        showId,
        t: question.t,
        quote: question.text,
        source: 'chat',
        ...(question.clipId === undefined ? {} : { clipId: question.clipId }),
      }),
    );
    return {
      topic: zh ? `回答：${lead.text}` : `Answer: ${lead.text}`,
      kind: 'question' as const,
      score: round(askers * QUESTION_SCORE_PER_ASKER, 4),
      why: zh
        ? `${askers} 位观众在 ${showCount} 场直播里问到「${theme}」${wordings > 1 ? `（${wordings} 种问法）` : ''}，主播 ${ANSWER_WINDOW_SECONDS / 60} 分钟内没有回答。`
        : `${askers} viewer${askers === 1 ? '' : 's'} asked about ${theme} in ${showCount} show${showCount === 1 ? '' : 's'}` +
          `${wordings > 1 ? ` (${wordings} wordings)` : ''} and the host did not answer within ${ANSWER_WINDOW_SECONDS / 60} minutes.`,
      evidence,
    };
  });
}

/** Takes the first item of each list, then the second of each, and so on: evidence from every show, best first. */
function interleave<T>(lists: readonly (readonly T[])[]): T[] {
  const out: T[] = [];
  const longest = Math.max(0, ...lists.map((list) => list.length));
  for (let i = 0; i < longest; i++) {
    for (const list of lists) {
      const item = list[i];
      if (item !== undefined) out.push(item);
    }
  }
  return out;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : sum(values) / values.length;
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

function signed(value: number): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(2)}`;
}
