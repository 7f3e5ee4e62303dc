/**
 * The show's phases as a coloured ribbon drawn on the timeline chart's x scale (same width and margins, so it lines
 * up second for second under the chart), with dead air hatched and viewer drops marked, and an HTML legend with the
 * minutes of each phase.
 */
import type { ShowPhase, ShowReview } from '../schemas/review.js';
import { SHOW_PHASES } from '../schemas/showPhases.js';
import { escapeHtml as esc } from './escapeHtml.js';
import { formatClipClock } from './formatClock.js';
import type { NumberFormats, ReviewLabels } from './reportLabels.js';
import type { TimelineScale } from './timelineChart.js';

export const PHASE_COLORS: Readonly<Record<ShowPhase, string>> = {
  'warm-up': '#ffc078',
  introduction: '#74c0fc',
  demonstration: '#8ce99a',
  push: '#ff8787',
  close: '#b197fc',
};

const BAND_TOP = 6;
const BAND_HEIGHT = 26;
const DROP_TOP = BAND_TOP + BAND_HEIGHT + 4;
const HEIGHT = DROP_TOP + 22;

/** SVG of the ribbon. */
export function phaseRibbon(review: ShowReview, scale: TimelineScale, labels: ReviewLabels, numbers: NumberFormats): string {
  const { x, width, left, right } = scale;
  const parts: string[] = [
    `<svg class="phase-ribbon" viewBox="0 0 ${width} ${HEIGHT}" width="${width}" height="${HEIGHT}" role="img" ` +
      `aria-label="${esc(labels.phases)}">`,
    '<defs><pattern id="ps-dead-air" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">' +
      '<rect width="6" height="6" fill="#495057" fill-opacity="0.25"/><line x1="0" y1="0" x2="0" y2="6" stroke="#212529" stroke-width="2.5"/></pattern></defs>',
    `<rect x="${left}" y="${BAND_TOP}" width="${fmt(right - left)}" height="${BAND_HEIGHT}" fill="#f1f3f5"/>`,
    `<text x="${left - 4}" y="${BAND_TOP + 17}" text-anchor="end" font-size="10" fill="#495057">${esc(labels.ribbon)}</text>`,
  ];
  const texts: string[] = [];
  for (const span of [...review.phases].sort((a, b) => a.start - b.start)) {
    const x0 = x(span.start);
    const w = Math.max(1, x(span.end) - x0);
    const name = labels.phaseNames[span.phase];
    const title = `${name} ${formatClipClock(span.start)}–${formatClipClock(span.end)}${span.product ? ` · ${span.product}` : ''}`;
    // A label only where it fits: about 7 px per Latin character, 12 per Chinese one.
    const text = span.product ? `${name} · ${span.product}` : name;
    const fits = [...text].reduce((sum, c) => sum + (c.charCodeAt(0) > 0x2e80 ? 12 : 6.5), 0) + 6 <= w;
    const short = [...name].reduce((sum, c) => sum + (c.charCodeAt(0) > 0x2e80 ? 12 : 6.5), 0) + 6 <= w;
    const label = fits ? text : short ? name : '';
    parts.push(
      `<g class="phase" data-phase="${span.phase}"><title>${esc(title)}</title>` +
        `<rect x="${fmt(x0)}" y="${BAND_TOP}" width="${fmt(w)}" height="${BAND_HEIGHT}" fill="${PHASE_COLORS[span.phase]}" stroke="#fff" stroke-width="1"/></g>`,
    );
    // Labels go on top of the dead-air hatching, with a halo so they stay readable over it.
    if (label !== '') {
      texts.push(
        `<text x="${fmt(x0 + 4)}" y="${BAND_TOP + 17}" font-size="11" fill="#212529" stroke="#fff" stroke-width="3" ` +
          `stroke-opacity="0.8" paint-order="stroke" pointer-events="none">${esc(label)}</text>`,
      );
    }
  }
  for (const dead of review.deadAir) {
    const x0 = x(dead.start);
    const w = Math.max(2, x(dead.end) - x0);
    parts.push(
      `<g class="dead-air"><title>${esc(`${labels.deadAir} ${formatClipClock(dead.start)}–${formatClipClock(dead.end)} · ${labels.chatPerMinute(numbers.decimal(dead.chatPerMinute))}`)}</title>` +
        `<rect x="${fmt(x0)}" y="${BAND_TOP}" width="${fmt(w)}" height="${BAND_HEIGHT}" fill="url(#ps-dead-air)" stroke="#212529" stroke-width="1"/></g>`,
    );
  }
  parts.push(...texts);
  for (const drop of review.viewerDrops) {
    const x0 = x(drop.start);
    const x1 = Math.max(x0 + 2, x(drop.end));
    const mid = (x0 + x1) / 2;
    const text = `▼${numbers.percent(drop.share)}`;
    parts.push(
      `<g class="viewer-drop"><title>${esc(
        `${labels.viewerDrop} ${formatClipClock(drop.start)}–${formatClipClock(drop.end)}: ${numbers.integer(drop.from)} → ${numbers.integer(drop.to)}`,
      )}</title>` +
        `<rect x="${fmt(x0)}" y="${DROP_TOP}" width="${fmt(x1 - x0)}" height="4" fill="#c92a2a"/>` +
        `<text x="${fmt(mid)}" y="${DROP_TOP + 16}" font-size="10" fill="#c92a2a" font-weight="bold" text-anchor="${
          mid > right - 20 ? 'end' : mid < left + 20 ? 'start' : 'middle'
        }">${esc(text)}</text></g>`,
    );
  }
  parts.push('</svg>');
  return parts.join('');
}

/** The legend under the ribbon: each phase with its colour and total minutes, then dead air and drops. */
export function phaseLegend(review: ShowReview, labels: ReviewLabels, numbers: NumberFormats): string {
  const items = SHOW_PHASES.map((phase) => {
    const seconds = review.phaseSeconds[phase] ?? 0;
    return (
      `<li data-phase="${phase}"><span class="swatch" style="background:${PHASE_COLORS[phase]}"></span>` +
      `${esc(labels.phaseNames[phase])} <strong>${esc(labels.minutes(numbers.decimal(seconds / 60)))}</strong></li>`
    );
  });
  const deadSeconds = review.deadAir.reduce((sum, dead) => sum + Math.max(0, dead.end - dead.start), 0);
  items.push(
    `<li><span class="swatch hatch"></span>${esc(labels.deadAir)} <strong>${esc(labels.minutes(numbers.decimal(deadSeconds / 60)))}</strong>` +
      ` <span class="muted">(${review.deadAir.length})</span></li>`,
    `<li><span class="swatch" style="background:#c92a2a;height:4px"></span>${esc(labels.viewerDrop)} <span class="muted">(${review.viewerDrops.length})</span></li>`,
  );
  return `<ul class="phase-legend">${items.join('')}</ul>`;
}

function fmt(value: number): string {
  return String(Math.round(value * 10) / 10);
}
