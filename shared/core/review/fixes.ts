/**
 * Fixes for the next show, most important first. Each comes from a measured problem of this show and carries
 * its evidence; the order is by what the problem cost, in viewer-seconds at risk, so a 40-second silence in
 * front of 800 viewers outranks one in front of 50. A blocking compliance claim always comes first.
 */
import type { AudienceQuestion } from '../schemas/topics.js';
import type { DeadAir, PhaseSpan, ProductReview, ReviewFix, ShowKpis, ViewerDrop } from '../schemas/review.js';
import type { ComplianceFlag, Language } from '../types.js';
import { formatClock } from '../report/formatClock.js';
import type { EvidenceFinder } from './evidence.js';
import type { ViewerSeries } from './metricSeries.js';

/** Most fixes listed. @default 10 */
export const MAX_FIXES = 10;
/** Unanswered questions among the fixes. @default 3 */
export const MAX_QUESTION_FIXES = 3;
/** A warm-up longer than this share of the show (and 3 minutes) is a slow start. @default 0.15 */
export const SLOW_START_SHARE = 0.15;

export interface FixInputs {
  readonly language: Language;
  readonly kpis: ShowKpis;
  readonly products: readonly ProductReview[];
  readonly phases: readonly PhaseSpan[];
  readonly deadAir: readonly DeadAir[];
  readonly viewerDrops: readonly ViewerDrop[];
  readonly questions: readonly AudienceQuestion[];
  readonly compliance: readonly ComplianceFlag[];
  readonly viewers: ViewerSeries;
  readonly evidence: EvidenceFinder;
}

const PHASE_NAMES: Readonly<Record<Language, Readonly<Record<PhaseSpan['phase'], string>>>> = {
  en: { 'warm-up': 'warm-up', introduction: 'introduction', demonstration: 'demonstration', push: 'push', close: 'close' },
  zh: { 'warm-up': '预热', introduction: '产品介绍', demonstration: '演示', push: '逼单', close: '收尾' },
};

export function recommendFixes(inputs: FixInputs): ReviewFix[] {
  const { language: lang, evidence, viewers } = inputs;
  const zh = lang === 'zh';
  const audience = (from: number, to: number) => (viewers.present ? Math.max(1, viewers.mean(from, to)) : 1);
  const phaseName = (phase: PhaseSpan['phase'] | undefined) => (phase === undefined ? '' : PHASE_NAMES[lang][phase]);
  const candidates: { impact: number; fix: Omit<ReviewFix, 'priority'> }[] = [];

  for (const flag of inputs.compliance) {
    if (flag.severity !== 'block' || flag.source !== 'speech') continue;
    candidates.push({
      impact: Number.POSITIVE_INFINITY,
      fix: {
        kind: 'compliance',
        text: zh ? `删掉违规说法「${flag.term}」（${flag.rule}）：平台会限流或处罚。` : `Drop the claim "${flag.term}" (${flag.rule}): platforms restrict or penalise it.`,
        evidence: [evidence.make(flag.start, flag.text, 'speech')],
      },
    });
  }

  for (const gap of inputs.deadAir) {
    const seconds = Math.round(gap.end - gap.start);
    const when = `${formatClock(gap.start)}–${formatClock(gap.end)}`;
    candidates.push({
      impact: seconds * audience(gap.start, gap.end),
      fix: {
        kind: 'dead-air',
        text: zh
          ? `${when} 冷场 ${seconds} 秒（${phaseName(gap.phase)}）：准备备用话术（问答、福利预告、试用演示），不让直播间安静下来。`
          : `${seconds} s of dead air at ${when} (${phaseName(gap.phase)}): keep a fallback ready (viewer Q&A, a teaser of the next deal, a demo) so the room never goes quiet.`,
        evidence: gap.evidence,
      },
    });
  }

  for (const drop of inputs.viewerDrops) {
    const share = Math.round(drop.share * 100);
    const what = drop.duringDeadAir ? (zh ? '冷场时' : 'during dead air') : `${phaseName(drop.phase)}${drop.product ? ` · ${drop.product}` : ''}`;
    candidates.push({
      impact: (drop.from - drop.to) * 60,
      fix: {
        kind: 'viewer-drop',
        text: zh
          ? `${formatClock(drop.start)} 在线人数下降 ${share}%（${drop.from} → ${drop.to}，${what}）：这一段要更快进入卖点或福利。`
          : `Viewers fell ${share}% (${drop.from} → ${drop.to}) at ${formatClock(drop.start)}, ${what}: get to the selling point or the deal sooner here.`,
        evidence: drop.evidence,
      },
    });
  }

  for (const product of inputs.products) {
    if (product.flags.includes('long-while-orders-fell')) {
      const longest = [...product.presentations].sort((a, b) => b.end - b.start - (a.end - a.start))[0]!;
      const minutes = Math.round((longest.end - longest.start) / 60);
      candidates.push({
        impact: 0.5 * (longest.end - longest.start) * audience(longest.start, longest.end),
        fix: {
          kind: 'long-presentation',
          text: zh
            ? `「${product.name}」讲了 ${minutes} 分钟，后半段订单下滑：缩短讲解，提前上链接逼单。`
            : `${product.name} ran ${minutes} min while its orders fell: cut the talk and go to the push sooner.`,
          evidence: product.evidence,
        },
      });
    }
    if (product.flags.includes('never-presented')) {
      candidates.push({
        impact: 60 * (1 + product.mentions.chat),
        fix: {
          kind: 'never-presented',
          text: zh
            ? `「${product.name}」在商品清单里却没有讲解${product.mentions.chat > 0 ? `，观众提到了 ${product.mentions.chat} 次` : ''}：下场安排讲解或移出清单。`
            : `${product.name} was listed but never presented${product.mentions.chat > 0 ? ` (viewers named it ${product.mentions.chat} time${product.mentions.chat === 1 ? '' : 's'})` : ''}: give it a slot next show or drop it from the list.`,
          evidence: product.evidence,
        },
      });
    }
    const presented = product.presentations.length > 0;
    const pushed = inputs.phases.some((p) => p.phase === 'push' && p.product === product.name);
    if (presented && product.orders === 0 && inputs.kpis.orders !== null) {
      const first = product.presentations[0]!;
      candidates.push({
        impact: 0.3 * (first.end - first.start) * audience(first.start, first.end),
        fix: {
          kind: 'weak-push',
          text: zh
            ? `「${product.name}」讲解后没有成交${pushed ? '' : '，也没有明确的上链接/逼单'}：加上价格、库存和倒数。`
            : `${product.name} sold nothing after its presentation${pushed ? '' : ' and had no clear call to action'}: add the price, the stock left and a countdown.`,
          evidence: product.evidence,
        },
      });
    }
  }

  // The most-asked few: a list of every question belongs in the plan, not in the fixes.
  const unanswered = inputs.questions.filter((q) => !q.answered && q.askers >= 2).sort((a, b) => b.askers - a.askers || a.t - b.t);
  for (const question of unanswered.slice(0, MAX_QUESTION_FIXES)) {
    candidates.push({
      impact: question.askers * 120,
      fix: {
        kind: 'unanswered-question',
        text: zh
          ? `${question.askers} 位观众问「${question.text}」，主播没有回答：下场开头就回答。`
          : `${question.askers} viewers asked "${question.text}" and the host never answered: answer it early next show.`,
        evidence: [evidence.make(question.t, question.text, 'chat')],
      },
    });
  }

  const warmUp = inputs.phases[0];
  const duration = inputs.kpis.durationSeconds;
  if (warmUp?.phase === 'warm-up' && warmUp.end - warmUp.start > Math.max(180, SLOW_START_SHARE * duration) && inputs.products.some((p) => p.presentedSeconds > 0)) {
    const first = inputs.phases.find((p) => p.phase === 'introduction');
    const said = first === undefined ? undefined : evidence.speechAt(first.start);
    candidates.push({
      impact: 0.5 * (warmUp.end - warmUp.start) * audience(warmUp.start, warmUp.end),
      fix: {
        kind: 'slow-start',
        text: zh
          ? `第一个商品 ${formatClock(warmUp.end)} 才开讲：预热控制在 3 分钟内，先抛出今天的福利。`
          : `The first product came on at ${formatClock(warmUp.end)}: keep the warm-up under 3 minutes and open with today's best deal.`,
        evidence: [said ?? evidence.make(warmUp.end, evidence.says.firstProduct, 'metrics')],
      },
    });
  }

  return candidates
    .sort((a, b) => b.impact - a.impact)
    .slice(0, MAX_FIXES)
    .map((candidate, index) => ({ priority: index + 1, ...candidate.fix }));
}
