/**
 * The next show's plan: the five phases in script order with suggested minutes, and in each what to do, every
 * item backed by moments of the channel's earlier shows. Built from the stored reviews and topic evidence only
 * (no model), so the numbers in it are the channel's own.
 */
import { SHOW_PHASES, type PlanItem, type ReviewEvidence, type ShowPhase, type ShowPlan, type ShowReview } from '../schemas/review.js';
import type { ShowTopicEvidence, TopicSuggestion } from '../schemas/topics.js';
import { byAiring, channelShowOf, median } from '../review/channelComparison.js';
import { compareText } from '../topics/compareText.js';
import type { Language } from '../types.js';

/** Shows the plan learns from: the channel's most recent. @default 8 */
export const PLAN_SHOWS = 8;
/** Products featured. @default 3 */
export const FEATURED_PRODUCTS = 3;
/** Items per list (questions, lines, topics). @default 3 */
const ITEMS_PER_LIST = 3;

export interface PlanInputs {
  readonly channel: string;
  /** YYYY-MM-DD of the show planned. */
  readonly date: string;
  /** The channel's reviews (any order). */
  readonly reviews: readonly ShowReview[];
  /** Topic evidence of those shows (questions asked, topics mined). */
  readonly topicEvidence: readonly ShowTopicEvidence[];
  /** The latest topic suggestions for the channel. */
  readonly suggestions: readonly TopicSuggestion[];
}

export function planNextShow(inputs: PlanInputs): ShowPlan {
  const reviews = [...inputs.reviews].sort((a, b) => byAiring(channelShowOf(a), channelShowOf(b))).slice(-PLAN_SHOWS);
  const language: Language = reviews.at(-1)?.language ?? 'en';
  const zh = language === 'zh';
  const inPlan = new Set(reviews.map((r) => r.showId));
  const items = new Map<ShowPhase, PlanItem[]>(SHOW_PHASES.map((phase) => [phase, []]));
  const add = (phase: ShowPhase, item: PlanItem | undefined) => {
    if (item !== undefined && item.evidence.length > 0) items.get(phase)!.push(item);
  };

  // Minutes per phase: how the channel's better-selling half of shows spent their time.
  const minutes = phaseMinutes(reviews, zh);

  // Warm-up: answer what viewers asked and nobody answered; open with what the room talked about.
  for (const question of unansweredQuestions(inputs.topicEvidence.filter((e) => inPlan.has(e.showId)), zh)) add('warm-up', question);
  for (const topic of inputs.suggestions.filter((s) => s.kind !== 'product' && s.kind !== 'question').slice(0, ITEMS_PER_LIST)) {
    add('warm-up', {
      kind: 'topic',
      // The miner explains itself in English; a Chinese plan says what to do and lets the evidence speak.
      text: zh ? `聊聊「${topic.topic}」：往期观众对这个话题反应热烈` : `Talk about ${topic.topic}: ${topic.why}`,
      evidence: topic.evidence.filter((e) => inPlan.has(e.showId) || inPlan.size === 0).slice(0, 3).map(fromTopicEvidence),
    });
  }

  // Introduction and demonstration: the products that sold, and the ones the audience asked for.
  for (const product of featuredProducts(reviews, zh)) add('introduction', product);
  for (const product of demandedProducts(reviews, zh)) add('introduction', product);
  for (const drop of reviews.flatMap((r) => r.viewerDrops.filter((d) => d.phase === 'demonstration').map((d) => ({ r, d }))).slice(0, 2)) {
    add('demonstration', {
      kind: 'timing',
      text: zh
        ? `演示时在线掉了 ${Math.round(drop.d.share * 100)}%（${drop.d.product ?? ''}）：演示控制在 ${minutes.find((m) => m.phase === 'demonstration')!.minutes} 分钟内，边演示边讲福利。`
        : `Viewers fell ${Math.round(drop.d.share * 100)}% during a demonstration${drop.d.product ? ` of ${drop.d.product}` : ''}: keep demos within ${minutes.find((m) => m.phase === 'demonstration')!.minutes} min and tie them to the deal.`,
      evidence: drop.d.evidence,
    });
  }

  // Push: the lines after which orders came in.
  const lines = reviews.flatMap((r) => r.movingLines).sort((a, b) => b.excessOrders - a.excessOrders).slice(0, ITEMS_PER_LIST);
  for (const line of lines) {
    add('push', {
      kind: 'line',
      text: zh ? `再用这句：「${line.quote}」（之后一分钟 ${Math.round(line.orders)} 单）` : `Use this line again: "${line.quote}" (${Math.round(line.orders)} orders in the minute after)`,
      evidence: line.evidence,
    });
  }

  // Dead air: where it happened, a fallback is planned.
  const quiet = reviews.flatMap((r) => r.deadAir);
  for (const phase of SHOW_PHASES) {
    const here = quiet.filter((gap) => gap.phase === phase);
    if (here.length === 0) continue;
    const seconds = Math.round(here.reduce((sum, gap) => sum + gap.end - gap.start, 0));
    add(phase, {
      kind: 'timing',
      text: zh
        ? `这一段之前冷场 ${here.length} 次共 ${seconds} 秒：提前准备问答或福利预告。`
        : `${here.length} dead-air stretch${here.length === 1 ? '' : 'es'} (${seconds} s) fell in this phase before: have a Q&A or a deal teaser ready.`,
      evidence: here.slice(0, 3).flatMap((gap) => gap.evidence.slice(0, 1)),
    });
  }

  const avoid = avoidList(reviews, zh);
  return {
    channel: inputs.channel,
    date: inputs.date,
    language,
    basedOn: reviews.map((r) => r.showId),
    phases: minutes.map((m) => ({ ...m, items: items.get(m.phase)! })),
    avoid,
    writtenBy: 'planner',
  };
}

/** Suggested minutes per phase and why: the median over the channel's better-selling half of shows. */
function phaseMinutes(reviews: readonly ShowReview[], zh: boolean): { phase: ShowPhase; minutes: number; why: string }[] {
  const perMinute = (r: ShowReview) => (r.kpis.gmv ?? r.score.total) / Math.max(1, r.kpis.durationSeconds / 60);
  const ranked = [...reviews].sort((a, b) => perMinute(b) - perMinute(a));
  const best = ranked.slice(0, Math.max(1, Math.ceil(ranked.length / 2)));
  const names = best.map((r) => r.showId).join(', ');
  return SHOW_PHASES.map((phase) => {
    // Product phases are per product: a show's total divided by the products it presented.
    const perShow = best.map((r) => {
      const total = r.phaseSeconds[phase] ?? 0;
      const presented = Math.max(1, r.products.filter((p) => p.presentedSeconds > 0).length);
      return phase === 'warm-up' || phase === 'close' ? total : total / presented;
    });
    const seconds = median(perShow) ?? 0;
    // Half-minute steps read as a run sheet; a phase the shows had is never planned at 0.
    const minutes = seconds > 0 ? Math.max(0.5, Math.round((seconds / 60) * 2) / 2) : 0;
    const per = phase === 'warm-up' || phase === 'close' ? '' : zh ? '（每个商品）' : ' per product';
    const why =
      best.length === 0
        ? zh ? '还没有往期直播。' : 'No earlier shows yet.'
        : zh ? `${best.length} 场卖得最好的直播（${names}）的中位数${per}。` : `Median${per} of the ${best.length} best-selling show${best.length === 1 ? '' : 's'} per minute (${names}).`;
    return { phase, minutes, why };
  });
}

interface ProductTally {
  name: string;
  gmv: number;
  orders: number;
  shows: number;
  chatMentions: number;
  presented: number;
  evidence: ReviewEvidence[];
}

function tallyProducts(reviews: readonly ShowReview[]): ProductTally[] {
  const byName = new Map<string, ProductTally>();
  for (const review of reviews) {
    for (const product of review.products) {
      const tally = byName.get(product.name) ?? { name: product.name, gmv: 0, orders: 0, shows: 0, chatMentions: 0, presented: 0, evidence: [] };
      tally.gmv += product.gmv;
      tally.orders += product.orders;
      tally.shows += 1;
      tally.chatMentions += product.mentions.chat;
      if (product.presentedSeconds > 0) tally.presented += 1;
      tally.evidence.push(...product.evidence.slice(0, 1));
      byName.set(product.name, tally);
    }
  }
  return [...byName.values()];
}

function featuredProducts(reviews: readonly ShowReview[], zh: boolean): PlanItem[] {
  return tallyProducts(reviews)
    .filter((p) => p.presented > 0 && p.gmv > 0)
    .sort((a, b) => b.gmv - a.gmv || compareText(a.name, b.name))
    .slice(0, FEATURED_PRODUCTS)
    .map((p) => ({
      kind: 'product' as const,
      text: zh
        ? `主推「${p.name}」：${p.shows} 场共成交 ${fmt(p.gmv)}（${Math.round(p.orders)} 单）`
        : `Feature ${p.name}: ${fmt(p.gmv)} GMV from ${Math.round(p.orders)} orders over ${p.shows} show${p.shows === 1 ? '' : 's'}`,
      evidence: p.evidence.slice(-3),
    }));
}

/** Products the audience asked for that got little or no air time. */
function demandedProducts(reviews: readonly ShowReview[], zh: boolean): PlanItem[] {
  return tallyProducts(reviews)
    .filter((p) => p.chatMentions > 0 && p.presented < p.shows && p.evidence.some((e) => e.source === 'chat'))
    .sort((a, b) => b.chatMentions - a.chatMentions)
    .slice(0, 2)
    .map((p) => ({
      kind: 'product' as const,
      text: zh
        ? `安排讲解「${p.name}」：观众提到 ${p.chatMentions} 次，但 ${p.shows - p.presented} 场没有讲`
        : `Give ${p.name} a slot: viewers named it ${p.chatMentions} times but it went unpresented in ${p.shows - p.presented} show${p.shows - p.presented === 1 ? '' : 's'}`,
      evidence: p.evidence.filter((e) => e.source === 'chat').slice(0, 3),
    }));
}

/** Unanswered questions grouped by their keywords across shows, most askers first. */
function unansweredQuestions(evidence: readonly ShowTopicEvidence[], zh: boolean): PlanItem[] {
  const groups = new Map<string, { text: string; askers: number; evidence: ReviewEvidence[] }>();
  for (const show of evidence) {
    for (const q of show.questions) {
      if (q.answered) continue;
      const key = q.keywords.join(' ');
      const group = groups.get(key) ?? { text: q.text, askers: 0, evidence: [] };
      group.askers += q.askers;
      group.evidence.push({ showId: show.showId, at: Math.round(q.t * 10) / 10, quote: q.text, source: 'chat', ...(q.clipId === undefined ? {} : { clipId: q.clipId }) });
      groups.set(key, group);
    }
  }
  return [...groups.values()]
    .sort((a, b) => b.askers - a.askers || compareText(a.text, b.text))
    .slice(0, ITEMS_PER_LIST)
    .map((g) => ({
      kind: 'question' as const,
      text: zh ? `开场就回答：「${g.text}」（${g.askers} 位观众问过，没有得到回答）` : `Answer early: "${g.text}" (${g.askers} viewer${g.askers === 1 ? '' : 's'} asked; never answered)`,
      evidence: g.evidence.slice(0, 3),
    }));
}

function avoidList(reviews: readonly ShowReview[], zh: boolean): PlanItem[] {
  const byTerm = new Map<string, { term: string; rule: string; count: number; evidence: ReviewEvidence[] }>();
  for (const review of reviews) {
    for (const claim of review.flaggedClaims) {
      const entry = byTerm.get(claim.term.toLowerCase()) ?? { term: claim.term, rule: claim.rule, count: 0, evidence: [] };
      entry.count += claim.count;
      entry.evidence.push(...claim.evidence);
      byTerm.set(claim.term.toLowerCase(), entry);
    }
  }
  return [...byTerm.values()]
    .sort((a, b) => b.count - a.count || compareText(a.term, b.term))
    .map((e) => ({
      kind: 'avoid' as const,
      text: zh ? `不要说「${e.term}」（${e.rule}，说过 ${e.count} 次）` : `Do not say "${e.term}" (${e.rule}; said ${e.count} time${e.count === 1 ? '' : 's'})`,
      evidence: e.evidence.slice(0, 3),
    }));
}

function fromTopicEvidence(e: { showId: string; t: number; quote: string; source: 'speech' | 'chat' | 'metrics'; clipId?: string }): ReviewEvidence {
  return { showId: e.showId, at: Math.round(e.t * 10) / 10, quote: e.quote, source: e.source, ...(e.clipId === undefined ? {} : { clipId: e.clipId }) };
}

function fmt(value: number): string {
  return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}
