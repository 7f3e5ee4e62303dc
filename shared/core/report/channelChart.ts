/**
 * The channel's shows as inline SVG bars: GMV per show (score when the shows have no GMV), this show highlighted,
 * the median of the earlier shows as a dashed line.
 */
import type { ChannelComparison } from '../schemas/review.js';
import { escapeHtml as esc } from './escapeHtml.js';
import type { NumberFormats, ReviewLabels } from './reportLabels.js';

const WIDTH = 960;
const HEIGHT = 220;
const MARGIN = { left: 56, right: 16, top: 22, bottom: 40 } as const;
/** Most shows drawn: the latest ones. @default 30 */
const MAX_SHOWS = 30;

/** Which number the chart draws: GMV when this show has one, else the score. */
export function channelMetric(channel: ChannelComparison): 'gmv' | 'score' {
  const last = channel.shows.at(-1);
  return last !== undefined && last.gmv !== null ? 'gmv' : 'score';
}

export function channelChart(channel: ChannelComparison, showId: string, labels: ReviewLabels, numbers: NumberFormats): string {
  const metric = channelMetric(channel);
  const shows = channel.shows.slice(-MAX_SHOWS);
  const values = shows.map((show) => (metric === 'gmv' ? show.gmv : show.score));
  const median = metric === 'gmv' ? channel.median.gmv : channel.median.score;
  const high = Math.max(1, ...values.filter((v): v is number => v !== null && Number.isFinite(v)), median ?? 0) * 1.12;
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const bottom = MARGIN.top + plotHeight;
  const y = (value: number) => bottom - (Math.max(0, value) / high) * plotHeight;
  const slot = plotWidth / Math.max(1, shows.length);
  const barWidth = Math.min(56, slot * 0.7);
  const parts: string[] = [
    `<svg class="channel-chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${esc(labels.chartMetric[metric])}">`,
    `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${bottom}" y2="${bottom}" stroke="#868e96"/>`,
    `<text x="${MARGIN.left - 6}" y="${MARGIN.top + 4}" text-anchor="end" font-size="10" fill="#495057">${esc(numbers.integer(high / 1.12))}</text>`,
    `<line x1="${MARGIN.left - 3}" x2="${MARGIN.left}" y1="${fmt(y(high / 1.12))}" y2="${fmt(y(high / 1.12))}" stroke="#868e96"/>`,
    `<text x="${MARGIN.left - 6}" y="${bottom}" text-anchor="end" font-size="10" fill="#495057">0</text>`,
  ];
  const labelEvery = Math.ceil(shows.length / 12);
  shows.forEach((show, i) => {
    const value = values[i] ?? null;
    const isThis = show.showId === showId;
    const cx = MARGIN.left + slot * (i + 0.5);
    const date = show.airedAt.slice(0, 10);
    const title = `${show.showId} · ${date} · ${value === null ? '—' : numbers.integer(value)}`;
    parts.push(`<g class="channel-show${isThis ? ' this' : ''}" data-show="${esc(show.showId)}"><title>${esc(title)}</title>`);
    if (value === null) {
      parts.push(`<text x="${fmt(cx)}" y="${bottom - 4}" text-anchor="middle" font-size="10" fill="#868e96">—</text>`);
    } else {
      parts.push(
        `<rect x="${fmt(cx - barWidth / 2)}" y="${fmt(y(value))}" width="${fmt(barWidth)}" height="${fmt(bottom - y(value))}" ` +
          `fill="${isThis ? '#1c7ed6' : '#ced4da'}" rx="2"/>`,
      );
      if (isThis || shows.length <= 12) {
        parts.push(
          `<text x="${fmt(cx)}" y="${fmt(y(value) - 4)}" text-anchor="middle" font-size="10" stroke="#fff" stroke-width="3" paint-order="stroke" ${isThis ? 'font-weight="bold" fill="#1864ab"' : 'fill="#495057"'}>${esc(numbers.integer(value))}</text>`,
        );
      }
    }
    if (isThis || i % labelEvery === 0) {
      parts.push(
        `<text x="${fmt(cx)}" y="${bottom + 14}" text-anchor="middle" font-size="10" ${isThis ? 'font-weight="bold"' : ''}>${esc(date.slice(5))}</text>`,
      );
      if (isThis) parts.push(`<text x="${fmt(cx)}" y="${bottom + 28}" text-anchor="middle" font-size="10" font-weight="bold" fill="#1864ab">${esc(labels.thisShow)}</text>`);
    }
    parts.push('</g>');
  });
  if (median !== null && Number.isFinite(median)) {
    const my = fmt(y(median));
    parts.push(
      `<g class="median"><line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${my}" y2="${my}" stroke="#e8590c" stroke-dasharray="6 4" stroke-width="1.5"/>` +
        `<text x="${MARGIN.left + 4}" y="${fmt(y(median) - 5)}" font-size="10" fill="#e8590c" stroke="#fff" stroke-width="3" paint-order="stroke">${esc(`${labels.median} ${numbers.integer(median)}`)}</text></g>`,
    );
  }
  parts.push('</svg>');
  return parts.join('');
}

function fmt(value: number): string {
  return String(Math.round(value * 10) / 10);
}
