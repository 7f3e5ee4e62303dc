/** The next show's plan (plan.json) in report.html: the five phases in order with minutes and items, and what to avoid. */
import type { PlanItem, ShowPlan } from '../schemas/review.js';
import { escapeHtml as esc } from './escapeHtml.js';
import { PHASE_COLORS } from './phaseRibbon.js';
import { type ReviewLabels, numberFormats, reviewLabels } from './reportLabels.js';
import { type EvidenceContext, evidenceList } from './reviewEvidence.js';

export function planSection(plan: ShowPlan, context: EvidenceContext): string {
  const labels = reviewLabels(plan.language);
  const numbers = numberFormats(plan.language);
  const totalMinutes = plan.phases.reduce((sum, phase) => sum + phase.minutes, 0);
  const phases = plan.phases.map((phase, index) => {
    const items = phase.items.map((item) => itemLine(item, labels, context));
    return (
      `<li class="plan-phase" data-phase="${phase.phase}" style="border-left-color:${PHASE_COLORS[phase.phase]}">` +
      `<h4><span class="step">${index + 1}</span>${esc(labels.phaseNames[phase.phase])} <span class="minutes">${esc(labels.minutes(numbers.decimal(phase.minutes, Number.isInteger(phase.minutes) ? 0 : 1)))}</span></h4>` +
      `<p class="muted small">${esc(phase.why)}</p>` +
      (items.length > 0 ? `<ul class="plan-items">${items.join('')}</ul>` : '') +
      '</li>'
    );
  });
  // The run sheet at a glance: one bar, each phase as wide as its minutes.
  const bar =
    totalMinutes > 0
      ? `<div class="plan-bar" aria-hidden="true">${plan.phases
          .map(
            (phase) =>
              `<span style="flex:${phase.minutes} 1 0;background:${PHASE_COLORS[phase.phase]}">${esc(labels.phaseNames[phase.phase])} ${esc(numbers.decimal(phase.minutes, Number.isInteger(phase.minutes) ? 0 : 1))}′</span>`,
          )
          .join('')}</div>`
      : '';
  const avoid =
    plan.avoid.length === 0
      ? `<p class="muted">${esc(labels.nothingToAvoid)}</p>`
      : `<ul class="plan-items avoid">${plan.avoid.map((item) => itemLine(item, labels, context)).join('')}</ul>`;
  return [
    `<section id="plan" lang="${plan.language === 'zh' ? 'zh-CN' : 'en'}"><h2>${esc(labels.plan)}</h2>`,
    '<dl class="facts">',
    `<dt>${esc(labels.planDate)}</dt><dd><strong>${esc(plan.date)}</strong> · ${esc(plan.channel)} · ${esc(labels.totalMinutes(numbers.decimal(totalMinutes, Number.isInteger(totalMinutes) ? 0 : 1)))}</dd>`,
    `<dt>${esc(labels.basedOn)}</dt><dd>${plan.basedOn.map(esc).join(', ') || '—'}</dd>`,
    `<dt>${esc(labels.writtenBy)}</dt><dd>${esc(plan.writtenBy)}</dd>`,
    '</dl>',
    bar,
    `<ol class="plan-phases">${phases.join('\n')}</ol>`,
    `<h3 id="plan-avoid">${esc(labels.avoid)}</h3>`,
    avoid,
    '</section>',
  ].join('\n');
}

function itemLine(item: PlanItem, labels: ReviewLabels, context: EvidenceContext): string {
  return `<li><span class="kind kind-${item.kind}">${esc(labels.itemKinds[item.kind])}</span>${esc(item.text)}${evidenceList(item.evidence, labels, context)}</li>`;
}
