/**
 * The show review (复盘) in report.html: KPI tiles against the channel median, the score, the product table, dead air
 * and viewer drops, the fixes and the channel chart. Labels follow the review's language. Every string is escaped.
 */
import type { ChannelComparison, ProductReview, ReviewFix, ShowKpis, ShowReview } from '../schemas/review.js';
import { channelChart, channelMetric } from './channelChart.js';
import { escapeHtml as esc } from './escapeHtml.js';
import { formatClipClock } from './formatClock.js';
import { type NumberFormats, type ReviewLabels, numberFormats, reviewLabels } from './reportLabels.js';
import { type EvidenceContext, evidenceList } from './reviewEvidence.js';

/** Products highlighted at the top of the table. @default 5 */
const TOP_PRODUCTS = 5;

type MedianKey = keyof ChannelComparison['vsMedian'];

interface Tile {
  readonly label: string;
  /** null: not measured, shown as "—". */
  readonly value: string | null;
  readonly sub?: string;
  readonly median?: MedianKey;
  readonly key: string;
}

/** The review section (and its sub-sections) as HTML. */
export function reviewSection(review: ShowReview, context: EvidenceContext): string {
  const labels = reviewLabels(review.language);
  const numbers = numberFormats(review.language);
  return [
    `<section id="review" lang="${review.language === 'zh' ? 'zh-CN' : 'en'}"><h2>${esc(labels.review)}</h2>`,
    scoreBlock(review, labels, numbers),
    kpiTiles(review, labels, numbers),
    notesBlock(review.notes, labels),
    productsTable(review.products, review.kpis, labels, numbers, context),
    phasesBlock(review, labels, numbers, context),
    fixesBlock(review.fixes, labels, context),
    channelBlock(review, labels, numbers),
    '</section>',
  ].join('\n');
}

function kpiTiles(review: ShowReview, labels: ReviewLabels, numbers: NumberFormats): string {
  const k = review.kpis;
  const count = (value: number | null) => (value === null ? null : numbers.integer(value));
  const amount = (value: number | null) => (value === null ? null : formatAmount(value, numbers));
  const tiles: Tile[] = [
    { key: 'gmv', label: labels.gmv, value: amount(k.gmv), median: 'gmv' },
    { key: 'orders', label: labels.orders, value: count(k.orders), median: 'orders' },
    { key: 'aov', label: labels.aov, value: amount(k.aov) },
    {
      key: 'peakViewers',
      label: labels.peakViewers,
      value: count(k.peakViewers),
      ...(k.peakViewersAt === null ? {} : { sub: labels.peakAt(formatClipClock(k.peakViewersAt)) }),
      median: 'peakViewers',
    },
    { key: 'avgViewers', label: labels.avgViewers, value: k.avgViewers === null ? null : numbers.integer(k.avgViewers), median: 'avgViewers' },
    { key: 'viewerMinutes', label: labels.viewerMinutes, value: count(k.viewerMinutes) },
    {
      key: 'comments',
      label: labels.comments,
      value: numbers.integer(k.comments),
      sub: [
        labels.commenters(numbers.integer(k.commenters)),
        ...(k.commentsPerViewerMinute === null ? [] : [labels.commentsPerViewerMinute(numbers.decimal(k.commentsPerViewerMinute, 2))]),
      ].join(' · '),
      median: 'comments',
    },
    { key: 'likes', label: labels.likes, value: count(k.likes) },
    {
      key: 'paid',
      label: `${labels.paidMessages} / ${labels.gifts}`,
      value: `${numbers.integer(k.paidMessages)} / ${numbers.integer(k.gifts)}`,
      ...(supportLine(k, numbers) === '' ? {} : { sub: supportLine(k, numbers) }),
    },
    {
      key: 'gpm',
      label: labels.gpm,
      value: amount(k.gpm),
      ...(k.gpmBasis === null ? {} : { sub: labels.gpmBasis[k.gpmBasis] }),
      median: 'gpm',
    },
  ];
  // The optional columns of the metrics: shown only when the show had them.
  const optional: [string, string, number | null, (v: number) => string][] = [
    ['uv', labels.uv, k.uv, numbers.integer],
    ['views', labels.views, k.views, numbers.integer],
    ['avgWatchMinutes', labels.avgWatchMinutes, k.avgWatchMinutes, (v) => numbers.decimal(v, 1)],
    ['productClicks', labels.productClicks, k.productClicks, numbers.integer],
    ['addToCart', labels.addToCart, k.addToCart, numbers.integer],
    ['follows', labels.follows, k.follows, numbers.integer],
    ['conversionRate', labels.conversionRate, k.conversionRate, (v) => numbers.percent(v, 2)],
  ];
  const funnel: Tile[] = optional
    .filter(([, , value]) => value !== null)
    .map(([key, label, value, format]) => ({
      key,
      label,
      value: format(value ?? 0),
      ...(key === 'conversionRate' && k.gpmBasis !== null ? { sub: labels.conversionBasis[k.gpmBasis] } : {}),
    }));
  const tileHtml = (tile: Tile) => {
    const delta = tile.median === undefined ? '' : deltaBadge(review.channel.vsMedian[tile.median], labels, numbers);
    const missing = tile.value === null;
    return (
      `<div class="kpi${missing ? ' missing' : ''}" data-kpi="${tile.key}"><div class="kpi-label">${esc(tile.label)}</div>` +
      `<div class="kpi-value">${missing ? '—' : esc(tile.value ?? '')}</div>` +
      (missing ? `<div class="kpi-sub muted">${esc(labels.missingMetrics)}</div>` : tile.sub ? `<div class="kpi-sub muted">${esc(tile.sub)}</div>` : '') +
      (missing ? '' : delta) +
      '</div>'
    );
  };
  return (
    `<h3>${esc(labels.kpis)} <span class="muted small">${esc(labels.duration)} ${formatClipClock(k.durationSeconds)}</span></h3>` +
    `<div class="kpis">${tiles.map(tileHtml).join('')}</div>` +
    (funnel.length === 0 ? '' : `<h4>${esc(labels.funnel)}</h4><div class="kpis funnel">${funnel.map(tileHtml).join('')}</div>`)
  );
}

/** Money: whole amounts without decimals, and large ones rounded; otherwise two decimals. */
function formatAmount(value: number, numbers: NumberFormats): string {
  return Number.isInteger(value) || Math.abs(value) >= 1000 ? numbers.integer(value) : numbers.decimal(value, 2);
}

function supportLine(k: ShowKpis, numbers: NumberFormats): string {
  return Object.entries(k.supportAmounts)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([unit, value]) => `${numbers.decimal(value, Number.isInteger(value) ? 0 : 2)} ${unit}`)
    .join(' · ');
}

/** "▲ +12% vs channel median", or nothing when there is no median. */
function deltaBadge(change: number | null, labels: ReviewLabels, numbers: NumberFormats): string {
  if (change === null || !Number.isFinite(change)) return '';
  const direction = change > 0.005 ? 'up' : change < -0.005 ? 'down' : 'flat';
  const arrow = direction === 'up' ? '▲' : direction === 'down' ? '▼' : '→';
  return `<div class="delta ${direction}">${arrow} ${esc(numbers.change(change))} <span class="muted">${esc(labels.vsMedian)}</span></div>`;
}

function scoreBlock(review: ShowReview, labels: ReviewLabels, numbers: NumberFormats): string {
  const total = Math.round(review.score.total);
  const parts = review.score.parts.map((part) => {
    const score = part.score === null ? null : Math.round(part.score);
    return (
      `<div class="score-part" data-part="${part.name}"><div><strong>${esc(labels.scoreParts[part.name])}</strong> ` +
      `<span class="score-num">${score === null ? '—' : score}</span> <span class="muted small">${esc(labels.weight)} ${esc(numbers.percent(part.weight))}</span></div>` +
      `<div class="bar"><span style="width:${score === null ? 0 : Math.max(0, Math.min(100, score))}%"></span></div>` +
      `<div class="muted small">${score === null ? `${esc(labels.noData)} · ` : ''}${esc(part.why)}</div></div>`
    );
  });
  const vs = deltaBadge(review.channel.vsMedian.score, labels, numbers);
  return (
    `<div class="score" id="review-score"><div class="score-total"><div class="kpi-label">${esc(labels.score)}</div>` +
    `<div class="score-big">${total}<span class="muted small">/100</span></div>${vs}</div>` +
    `<div class="score-parts">${parts.join('')}</div></div>`
  );
}

function notesBlock(notes: readonly string[], labels: ReviewLabels): string {
  if (notes.length === 0) return '';
  return `<details class="notes" open><summary class="muted">${esc(labels.notes)}</summary><ul>${notes.map((note) => `<li>${esc(note)}</li>`).join('')}</ul></details>`;
}

function productsTable(
  products: readonly ProductReview[],
  kpis: ShowKpis,
  labels: ReviewLabels,
  numbers: NumberFormats,
  context: EvidenceContext,
): string {
  // Without metrics a product's orders and GMV were not measured: "—", not 0.
  const hasGmv = kpis.gmv !== null;
  const hasOrders = kpis.orders !== null;
  const heading = `<h3 id="review-products">${esc(labels.products)}${products.length > 0 ? ` (${products.length})` : ''}</h3>`;
  if (products.length === 0) return `${heading}<p class="muted">${esc(labels.noProducts)}</p>`;
  const rows = [...products]
    .sort((a, b) => a.rank - b.rank)
    .map((product) => {
      const top = hasGmv && product.rank <= TOP_PRODUCTS && product.presentations.length > 0;
      const flags = product.flags.map((flag) => `<span class="flag">${esc(labels.flagNames[flag])}</span>`).join(' ');
      const times = product.presentations.map((p) => `${formatClipClock(p.start)}–${formatClipClock(p.end)}`).join(', ');
      return (
        `<tr class="${top ? 'top' : ''}${product.flags.length > 0 ? ' flagged' : ''}" data-rank="${product.rank}">` +
        `<td class="num">${product.rank}</td>` +
        `<td><strong>${esc(product.name)}</strong><div class="muted small">${esc(labels.mentions(product.mentions.speech, product.mentions.chat))}</div></td>` +
        `<td class="num">${product.presentedSeconds > 0 ? formatClipClock(product.presentedSeconds) : '—'}` +
        `${times === '' ? '' : `<div class="muted small times">${esc(times)}</div>`}</td>` +
        `<td class="num">${hasOrders ? esc(numbers.integer(product.orders)) : '—'}</td>` +
        `<td class="num">${hasGmv ? esc(formatAmount(product.gmv, numbers)) : '—'}</td>` +
        (hasGmv
          ? `<td class="share"><span class="sharebar" style="width:${Math.round(Math.max(0, Math.min(1, product.gmvShare)) * 100)}%"></span>${esc(numbers.percent(product.gmvShare, 1))}</td>`
          : '<td class="share">—</td>') +
        `<td class="num">${product.gpm === null ? '—' : esc(numbers.decimal(product.gpm, 1))}</td>` +
        `<td>${flags}${evidenceList(product.evidence, labels, context)}</td></tr>`
      );
    });
  return (
    heading +
    '<table class="products"><thead><tr>' +
    [labels.rank, labels.product, labels.presented, labels.orders, labels.gmv, labels.gmvShare, 'GPM', labels.flags]
      .map((name) => `<th>${esc(name)}</th>`)
      .join('') +
    `</tr></thead><tbody>${rows.join('\n')}</tbody></table>`
  );
}

function phasesBlock(review: ShowReview, labels: ReviewLabels, numbers: NumberFormats, context: EvidenceContext): string {
  const dead = review.deadAir.map(
    (item) =>
      `<li><strong>${formatClipClock(item.start)}–${formatClipClock(item.end)}</strong> ` +
      `<span class="muted">(${esc(labels.minutes(numbers.decimal((item.end - item.start) / 60)))} · ${esc(labels.chatPerMinute(numbers.decimal(item.chatPerMinute)))}` +
      `${item.phase ? ` · ${esc(labels.phaseNames[item.phase])}` : ''})</span>${evidenceList(item.evidence, labels, context)}</li>`,
  );
  const drops = review.viewerDrops.map(
    (item) =>
      `<li><strong>${formatClipClock(item.start)}–${formatClipClock(item.end)}</strong> ` +
      `${esc(numbers.integer(item.from))} → ${esc(numbers.integer(item.to))} <span class="down">▼${esc(numbers.percent(item.share))}</span> ` +
      `<span class="muted">${[
        ...(item.phase ? [labels.phaseNames[item.phase]] : []),
        ...(item.product ? [item.product] : []),
        ...(item.duringDeadAir ? [labels.duringDeadAir] : []),
      ]
        .map(esc)
        .join(' · ')}</span>${evidenceList(item.evidence, labels, context)}</li>`,
  );
  if (dead.length === 0 && drops.length === 0) return '';
  return [
    `<h3 id="review-phases">${esc(labels.deadAirAndDrops)}</h3>`,
    dead.length > 0 ? `<h4>${esc(labels.deadAirList)} (${dead.length})</h4><ul class="events">${dead.join('')}</ul>` : '',
    drops.length > 0 ? `<h4>${esc(labels.viewerDropList)} (${drops.length})</h4><ul class="events">${drops.join('')}</ul>` : '',
  ].join('\n');
}

function fixesBlock(fixes: readonly ReviewFix[], labels: ReviewLabels, context: EvidenceContext): string {
  const heading = `<h3 id="review-fixes">${esc(labels.fixes)}</h3>`;
  if (fixes.length === 0) return `${heading}<p class="muted">${esc(labels.noFixes)}</p>`;
  const items = [...fixes]
    .sort((a, b) => a.priority - b.priority)
    .map(
      (fix) =>
        `<li data-priority="${fix.priority}"><span class="kind">${esc(labels.fixKinds[fix.kind])}</span>${esc(fix.text)}` +
        `${evidenceList(fix.evidence, labels, context)}</li>`,
    );
  return `${heading}<ol class="fixes">${items.join('\n')}</ol>`;
}

function channelBlock(review: ShowReview, labels: ReviewLabels, numbers: NumberFormats): string {
  const channel = review.channel;
  const heading = `<h3 id="review-channel">${esc(labels.channel(channel.name))} <span class="muted small">${esc(labels.channelShows(channel.shows.length))}</span></h3>`;
  const earlier = channel.shows.filter((show) => show.showId !== review.showId);
  if (earlier.length === 0) return `${heading}<p class="muted">${esc(labels.noEarlierShows)}</p>`;
  const metric = channelMetric(channel);
  const best = channel.best;
  const bestValue = best === null ? null : metric === 'gmv' ? best.gmv : best.score;
  const facts = [
    `<dt>${esc(labels.trend)}</dt><dd class="trend-${channel.trend}">${esc(labels.trendNames[channel.trend])}</dd>`,
    ...(best === null
      ? []
      : [
          `<dt>${esc(labels.best)}</dt><dd>${esc(best.showId)} <span class="muted">${esc(best.airedAt.slice(0, 10))}</span> · ` +
            `${esc(metric === 'gmv' ? labels.gmv : labels.score)} ${bestValue === null ? '—' : esc(numbers.integer(bestValue))}</dd>`,
        ]),
  ];
  return [
    heading,
    `<p class="muted small">${esc(labels.chartMetric[metric])}</p>`,
    `<div class="chart">${channelChart(channel, review.showId, labels, numbers)}</div>`,
    `<dl class="facts">${facts.join('')}</dl>`,
    compareTable(review, labels, numbers),
  ].join('\n');
}

/** This show, the median of the earlier shows and the change, per headline number (电商罗盘's 对比账号中位数). */
function compareTable(review: ShowReview, labels: ReviewLabels, numbers: NumberFormats): string {
  const channel = review.channel;
  const k = review.kpis;
  const money = (value: number) => formatAmount(value, numbers);
  const rows: [MedianKey, string, number | null, (value: number) => string][] = [
    ['gmv', labels.gmv, k.gmv, money],
    ['orders', labels.orders, k.orders, numbers.integer],
    ['peakViewers', labels.peakViewers, k.peakViewers, numbers.integer],
    ['avgViewers', labels.avgViewers, k.avgViewers, numbers.integer],
    ['comments', labels.comments, k.comments, numbers.integer],
    ['gpm', labels.gpm, k.gpm, money],
    ['score', labels.score, review.score.total, numbers.integer],
  ];
  const body = rows
    .filter(([key, , value]) => value !== null || channel.median[key] !== null)
    .map(([key, label, value, format]) => {
      const median = channel.median[key];
      const change = channel.vsMedian[key];
      const direction = change === null ? '' : change > 0.005 ? 'up' : change < -0.005 ? 'down' : '';
      return (
        `<tr data-compare="${key}"><th>${esc(label)}</th><td class="num">${value === null ? '—' : esc(format(value))}</td>` +
        `<td class="num">${median === null ? '—' : esc(format(median))}</td>` +
        `<td class="num ${direction}">${change === null ? '—' : `${direction === 'up' ? '▲' : direction === 'down' ? '▼' : '→'} ${esc(numbers.change(change))}`}</td></tr>`
      );
    });
  if (body.length === 0) return '';
  return (
    `<table class="compare"><thead><tr>${labels.compareTable.map((name) => `<th>${esc(name)}</th>`).join('')}</tr></thead>` +
    `<tbody>${body.join('')}</tbody></table>`
  );
}
