/** Evidence lines of the review and plan sections: a clock, the source, the quote, and a link to the clip card. */
import type { ReviewEvidence } from '../schemas/review.js';
import { escapeHtml as esc } from './escapeHtml.js';
import { formatClipClock } from './formatClock.js';
import type { ReviewLabels } from './reportLabels.js';

/** Longest quote shown, in characters. @default 200 */
const MAX_QUOTE_CHARS = 200;

/** What evidence needs from the report around it. */
export interface EvidenceContext {
  /** The show the report is about: its evidence is shown without the show id. */
  readonly showId: string;
  /** Clip id → element id of its card in this report (`highlight-<rank>`). */
  readonly clipAnchors: ReadonlyMap<string, string>;
}

/** `<ul class="evidence">` of the items, or '' when there are none. */
export function evidenceList(evidence: readonly ReviewEvidence[], labels: ReviewLabels, context: EvidenceContext): string {
  if (evidence.length === 0) return '';
  return `<ul class="evidence">${evidence.map((item) => `<li>${evidenceLine(item, labels, context)}</li>`).join('')}</ul>`;
}

export function evidenceLine(item: ReviewEvidence, labels: ReviewLabels, context: EvidenceContext): string {
  const clock = formatClipClock(item.at);
  const anchor = item.clipId === undefined || item.showId !== context.showId ? undefined : context.clipAnchors.get(item.clipId);
  const time = anchor === undefined ? `<span class="clock">${clock}</span>` : `<a class="clock" href="#${esc(anchor)}">${clock}</a>`;
  const show = item.showId === context.showId ? '' : `<span class="muted">${esc(item.showId)}</span> `;
  const clip =
    item.clipId === undefined
      ? ''
      : anchor === undefined
        ? ` <span class="muted">· ${esc(labels.clip)} ${esc(item.clipId)}</span>`
        : ` · <a href="#${esc(anchor)}">${esc(labels.clip)} #${esc(anchor.replace(/^highlight-/, ''))}</a>`;
  return `${show}${time} <span class="src">${esc(labels.source[item.source])}</span> “${esc(cutQuote(item.quote))}”${clip}`;
}

/** Cuts a quote to MAX_QUOTE_CHARS code points. */
export function cutQuote(text: string): string {
  const chars = [...text.trim()];
  return chars.length <= MAX_QUOTE_CHARS ? chars.join('') : `${chars.slice(0, MAX_QUOTE_CHARS - 1).join('')}…`;
}
