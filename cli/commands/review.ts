/**
 * `postshow review <showId>` and `postshow plan`: the show review (复盘) against the channel's earlier shows, and
 * the channel's next-show plan. Both read what the suggest stage stored; the channel comparison and the plan
 * are recomputed from the workspace as it is now, so a show reviewed before later ones were run still compares
 * with every show that aired before it.
 */
import path from 'node:path';
import { InvalidArgumentError, type Command, type Option } from 'commander';
import { FsStorage } from '../../shared/adapters/storage/fsStorage.js';
import { parseShowId } from '../../shared/core/keys.js';
import type { ReviewEvidence, ShowPlan, ShowReview } from '../../shared/core/schemas/review.js';
import { readChannelPlan, readCurrentReview } from '../../shared/pipeline/showReview.js';
import { clock } from './format.js';

const GPM_BASIS = { views: 'views', uv: 'unique viewers', peakViewers: 'peak viewers' } as const;

const number = (value: number | null, digits = 0) =>
  value === null ? '—' : value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
const percent = (share: number | null) => (share === null ? '' : ` (${share >= 0 ? '+' : ''}${Math.round(share * 100)}% vs median)`);
const evidenceLine = (e: ReviewEvidence) => `      - ${e.showId} ${clock(e.at)} ${e.source}: "${e.quote}"${e.clipId ? ` (clip ${e.clipId})` : ''}`;

export function formatReview(review: ShowReview): string {
  const { kpis, channel } = review;
  const v = channel.vsMedian;
  const lines = [
    `review of ${review.showId} (channel ${channel.name}, aired ${review.airedAt.slice(0, 10)}): score ${review.score.total}/100`,
    `  GMV ${number(kpis.gmv, 2)}${percent(v.gmv)} · orders ${number(kpis.orders)}${percent(v.orders)} · AOV ${number(kpis.aov, 2)}`,
    `  peak viewers ${number(kpis.peakViewers)}${kpis.peakViewersAt === null ? '' : ` at ${clock(kpis.peakViewersAt)}`}${percent(v.peakViewers)} · average ${number(kpis.avgViewers)} · ${number(kpis.viewerMinutes)} viewer-minutes`,
    `  comments ${number(kpis.comments)} (${number(kpis.commentsPerViewerMinute, 3)} per viewer-minute) · likes ${number(kpis.likes)} · paid ${kpis.paidMessages} · gifts ${kpis.gifts}`,
    `  GPM ${number(kpis.gpm, 2)}${kpis.gpmBasis ? ` per 1,000 ${GPM_BASIS[kpis.gpmBasis]}` : ''}`,
    ...review.notes.map((note) => `  note: ${note}`),
    ...review.score.parts.map((part) => `  ${part.name} ${part.score === null ? '—' : part.score}: ${part.why}`),
  ];
  if (review.products.length > 0) {
    lines.push('products (by GMV):');
    for (const p of review.products) {
      lines.push(`  ${p.rank}. ${p.name}: on air ${clock(p.presentedSeconds)}, ${number(p.orders, 1)} orders, GMV ${number(p.gmv, 2)} (${Math.round(p.gmvShare * 100)}%)${p.flags.length ? ` [${p.flags.join(', ')}]` : ''}`);
    }
  }
  lines.push(`phases: ${review.phases.map((p) => `${clock(p.start)} ${p.phase}${p.product ? ` (${p.product})` : ''}`).join(' · ')}`);
  for (const gap of review.deadAir) lines.push(`dead air ${clock(gap.start)}-${clock(gap.end)} (${Math.round(gap.end - gap.start)} s${gap.phase ? `, ${gap.phase}` : ''})`);
  for (const drop of review.viewerDrops) lines.push(`viewers ${drop.from} → ${drop.to} at ${clock(drop.start)}${drop.product ? ` (${drop.phase}, ${drop.product})` : ''}`);
  if (channel.shows.length > 1) {
    lines.push(`channel ${channel.name}: ${channel.shows.length - 1} earlier show(s), median GMV ${number(channel.median.gmv, 2)}, best ${channel.best?.showId ?? '—'}, trend ${channel.trend}`);
  }
  lines.push('fixes:');
  for (const fix of review.fixes) lines.push(`  ${fix.priority}. ${fix.text}`, ...fix.evidence.slice(0, 2).map(evidenceLine));
  return `${lines.join('\n')}\n`;
}

export function formatPlan(plan: ShowPlan): string {
  const lines = [`plan for channel ${plan.channel}, show on ${plan.date} (from ${plan.basedOn.length} show(s): ${plan.basedOn.join(', ')})`];
  for (const phase of plan.phases) {
    lines.push(`${phase.phase}: ${phase.minutes} min  (${phase.why})`);
    for (const item of phase.items) lines.push(`  - [${item.kind}] ${item.text}`, ...item.evidence.slice(0, 2).map(evidenceLine));
  }
  if (plan.avoid.length > 0) lines.push('avoid:', ...plan.avoid.flatMap((item) => [`  - ${item.text}`, ...item.evidence.slice(0, 1).map(evidenceLine)]));
  return `${lines.join('\n')}\n`;
}

/** Adds `review` and `plan`; `workspace` makes the shared `--out` option. */
export function registerReviewCommands(program: Command, workspace: () => Option): void {
  program
    .command('review')
    .description("a show's review (复盘): KPIs, products, phases, dead air, score and fixes, against the channel's earlier shows")
    .argument('<showId>', 'show id printed by `postshow run`')
    .addOption(workspace())
    .option('--json', 'print review.json on stdout')
    .action(async (showId: string, flags: { out: string; json?: boolean }) => {
      const review = await readCurrentReview(new FsStorage(path.resolve(flags.out)), parseShowId(showId));
      if (review === undefined) throw new InvalidArgumentError(`no review of show ${showId} in ${flags.out}: run the show first`);
      process.stdout.write(flags.json ? `${JSON.stringify(review, null, 2)}\n` : formatReview(review));
    });

  program
    .command('plan')
    .description("the channel's next show: the five phases with minutes, products, questions, lines and words to avoid, each with evidence")
    .option('--channel <name>', 'channel (`postshow run --channel`)', 'default')
    .option('--date <YYYY-MM-DD>', 'date of the show planned, at least 3 days ahead', undefined)
    .addOption(workspace())
    .option('--json', 'print the plan as JSON')
    .action(async (flags: { out: string; channel: string; date?: string; json?: boolean }) => {
      const plan = await readChannelPlan(new FsStorage(path.resolve(flags.out)), flags.channel, flags.date, new Date());
      if (plan === undefined) throw new InvalidArgumentError(`no reviewed shows on channel ${flags.channel} in ${flags.out}: run a show with --channel ${flags.channel} first`);
      process.stdout.write(flags.json ? `${JSON.stringify(plan, null, 2)}\n` : formatPlan(plan));
    });
}
