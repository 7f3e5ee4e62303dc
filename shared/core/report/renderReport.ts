/**
 * The show report: one self-contained HTML file (inline CSS and SVG, images as data URIs, no scripts, no external
 * URLs) that a planner can open offline or attach to an email. Every string from the show is escaped.
 */
import type {
  ComplianceFlag,
  Highlight,
  Language,
  ParseReport,
  SentimentTimeline,
  TopicSuggestion,
  TranscriptEngine,
} from '../types.js';
import { describeChatLag, type ChatLagSummary } from '../chat/describeChatLag.js';
import { isShowableChat } from '../chat/screenChatLine.js';
import type { CaptionState } from '../schemas/clipRender.js';
import { escapeHtml as esc } from './escapeHtml.js';
import { compareText } from '../topics/compareText.js';
import { formatClipClock, formatClock } from './formatClock.js';
import { timelineChart, timelineScale } from './timelineChart.js';
import type { ShowPlan, ShowReview } from '../schemas/review.js';
import { phaseLegend, phaseRibbon } from './phaseRibbon.js';
import { planSection } from './planSection.js';
import { numberFormats, reviewLabels } from './reportLabels.js';
import type { EvidenceContext } from './reviewEvidence.js';
import { reviewSection } from './reviewSection.js';

/** What the clip of a highlight was published with (from its meta.json). */
export interface ReportClip {
  readonly title: string;
  readonly description: string;
  readonly hashtags: readonly string[];
  /** Who wrote the copy: 'extractive' or a model's name. */
  readonly copyBy?: string;
  /** Whether captions were burned in, from which engine, how reliable, and why. Absent: not recorded. */
  readonly captions?: CaptionState;
  /** 1 as cut, more after edits. */
  readonly version?: number;
  /** A marketer's verdict on this version; absent: pending. */
  readonly review?: { readonly status: 'approved' | 'rejected'; readonly note?: string };
}

/** A highlight as the report shows it: with its thumbnail inlined and the relative paths of its clip files. */
export type ReportHighlight = Highlight & {
  /** `data:image/(png|jpeg|webp|gif);base64,...`; anything else is not rendered. */
  readonly thumbnailDataUri?: string;
  /** Paths relative to the report file; absolute paths and URLs are shown as text, not linked. */
  readonly clipFiles?: readonly { readonly label: string; readonly path: string }[];
  /** The clip's title, description, hashtags and caption state, when the clip was made. */
  readonly clip?: ReportClip;
};

/** Everything the report shows. */
export interface ReportData {
  readonly showId: string;
  /** The channel or account the show belongs to. */
  readonly channel?: string;
  readonly title: string;
  /** The recording the report was made from (file name or storage key). */
  readonly generatedFrom: string;
  /** Seconds. */
  readonly duration: number;
  readonly language: Language;
  readonly transcriptEngine: TranscriptEngine;
  /** The transcript's own note (e.g. "corrected by hand ..."), shown after the engine. */
  readonly transcriptNote?: string;
  readonly sentiment: SentimentTimeline;
  /** Per-second arrays: chat messages per second, loudness in LUFS, concurrent viewers. */
  readonly engagement: {
    readonly chatRate: readonly number[];
    readonly loudness: readonly number[];
    readonly viewers?: readonly number[];
  };
  readonly highlights: readonly ReportHighlight[];
  readonly compliance: readonly ComplianceFlag[];
  readonly topics: readonly TopicSuggestion[];
  readonly inputs: readonly { readonly name: string; readonly report: ParseReport }[];
  /** Chat lag measured on this show (recorded; not yet applied by the detector). */
  readonly chatLag?: ChatLagSummary;
  readonly stageTimings?: readonly { readonly stage: string; readonly ms: number }[];
  /** The show review (review.json); absent for shows reviewed before it existed. */
  readonly review?: ShowReview;
  /** The next show's plan (plan.json). */
  readonly plan?: ShowPlan;
}

/** Transcript lines shown per highlight. @default 4 */
const EXCERPT_LINES = 4;
/** Chat lines shown per highlight. @default 3 */
const CHAT_SAMPLE_LINES = 3;
/** Longest excerpt line, in characters. @default 240 */
const MAX_LINE_CHARS = 240;

const ENGINE_NOTES: Readonly<Record<TranscriptEngine, string>> = {
  captions: 'supplied captions',
  pocketsphinx: 'offline speech recognition (PocketSphinx)',
  openai: 'OpenAI transcription API',
  'whisper-local': 'local Whisper model',
  none: 'no transcript: speech signals were not available',
};

const THUMBNAIL_DATA_URI = /^data:image\/(?:png|jpeg|webp|gif);base64,[A-Za-z0-9+/]+=*$/;

// The review and the plan: KPI tiles, score bars, product table, phase legend, plan run sheet.
export const REVIEW_STYLE = `
.small{font-size:.85em}h4{margin:1em 0 .3em;font-size:1em}
.chart.ribbon{margin-top:-6px}.times{white-space:normal;font-size:.75em}
.kpis{display:grid;grid-template-columns:repeat(auto-fill,minmax(180px,1fr));gap:10px;margin:8px 0}
.kpi{border:1px solid #dee2e6;border-radius:8px;padding:8px 12px;background:#fff}
.kpi-label{color:#495057;font-size:.85em}.kpi-value{font-size:1.6em;font-weight:600;font-variant-numeric:tabular-nums;line-height:1.3}
.kpi.missing .kpi-value{color:#adb5bd}.kpi-sub{font-size:.8em}
.delta{font-size:.8em;font-weight:600}.delta .muted{font-weight:normal}.kpis.funnel{grid-template-columns:repeat(auto-fill,minmax(140px,1fr))}.kpis.funnel .kpi-value{font-size:1.3em}.delta.up,.up{color:#2b8a3e}.delta.down,.down{color:#c92a2a}.delta.flat{color:#495057}
.score{display:grid;grid-template-columns:160px 1fr;gap:16px;border:1px solid #dee2e6;border-radius:8px;padding:12px;margin:10px 0;background:#f8f9fa}
.score-big{font-size:2.6em;font-weight:700;line-height:1.1;color:#1864ab}.score-part{margin-bottom:8px}.score-num{font-weight:700}
.bar{height:6px;background:#e9ecef;border-radius:3px;margin:3px 0}.bar span{display:block;height:6px;background:#1c7ed6;border-radius:3px}
table.products td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
table.products tr.top td{background:#fff9db}table.products tr.top td:first-child{font-weight:700;color:#e67700}
table.products td.share{position:relative;white-space:nowrap;min-width:80px}
.sharebar{display:block;height:4px;background:#fab005;border-radius:2px;margin-bottom:2px}
.flag{display:inline-block;font-size:.8em;padding:0 6px;border-radius:8px;background:#ffe3e3;color:#c92a2a;margin:0 4px 2px 0}
ul.phase-legend{list-style:none;padding:0;margin:6px 0;display:flex;flex-wrap:wrap;gap:6px 18px;font-size:.92em}
.swatch{display:inline-block;width:14px;height:10px;border-radius:2px;margin-right:5px;vertical-align:baseline}
.swatch.hatch{background:repeating-linear-gradient(45deg,#212529 0 2px,#ced4da 2px 5px)}
ul.events{padding-left:18px}ul.events>li{margin-bottom:4px}
ol.fixes>li{margin-bottom:8px}
.clock{font-variant-numeric:tabular-nums;font-weight:600}.src{font-size:.8em;color:#6c757d;border:1px solid #dee2e6;border-radius:6px;padding:0 4px}
.plan-bar{display:flex;height:26px;border-radius:6px;overflow:hidden;margin:8px 0 12px;font-size:.8em}
.plan-bar span{display:flex;align-items:center;padding:0 6px;white-space:nowrap;overflow:hidden;border-right:2px solid #fff}
ol.plan-phases{list-style:none;padding:0}
.plan-phase{border-left:6px solid #ced4da;padding:2px 0 4px 12px;margin:10px 0}
.plan-phase h4{margin:0}.plan-phase .minutes{font-weight:normal;color:#495057}
.step{display:inline-block;width:1.4em;height:1.4em;line-height:1.4em;text-align:center;border-radius:50%;background:#343a40;color:#fff;font-size:.8em;margin-right:6px}
ul.plan-items{padding-left:18px}ul.plan-items>li{margin-bottom:4px}ul.avoid .kind{background:#ffe3e3;color:#c92a2a}
table.compare{width:auto;min-width:420px;margin-top:8px}table.compare td.num{text-align:right;font-variant-numeric:tabular-nums;min-width:90px}table.compare tbody th{font-weight:normal;background:none}
.trend-up{color:#2b8a3e;font-weight:600}.trend-down{color:#c92a2a;font-weight:600}
details.notes{margin:4px 0 8px;font-size:.9em}
`;

// Fonts: CJK faces are listed so Chinese chat and transcripts render with a matching font wherever one is installed.
const STYLE = `
:root{color-scheme:light}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;margin:0 auto;max-width:1000px;padding:16px 20px 48px;color:#212529;line-height:1.45}
h1{font-size:1.6em;margin:.2em 0}h2{font-size:1.2em;margin-top:1.8em;border-bottom:1px solid #dee2e6;padding-bottom:4px}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:8px 0}dl.facts dt{color:#495057}dl.facts dd{margin:0}
.chart{overflow-x:auto}.chart svg{max-width:100%;height:auto;font-family:inherit}
.highlight{display:grid;grid-template-columns:200px 1fr;gap:12px;border:1px solid #dee2e6;border-radius:6px;padding:10px;margin:10px 0}
.highlight img{width:200px;height:auto;border-radius:4px}.highlight .nothumb{width:200px;height:112px;background:#f1f3f5;border-radius:4px}
.highlight h3{margin:0 0 4px;font-size:1.05em}.muted{color:#6c757d}.tags{color:#1864ab}.copy{margin:4px 0}
blockquote{margin:4px 0;padding:2px 8px;border-left:3px solid #ced4da;color:#343a40;white-space:pre-wrap}
table{border-collapse:collapse;width:100%;font-size:.92em}th,td{border:1px solid #dee2e6;padding:4px 6px;text-align:left;vertical-align:top}th{background:#f8f9fa}
.sev-block{color:#c92a2a;font-weight:bold}.sev-warn{color:#e67700;font-weight:bold}
.kind{display:inline-block;font-size:.8em;padding:0 6px;border-radius:8px;background:#e7f5ff;color:#1864ab;margin-right:6px}
ul.evidence{margin:4px 0 0;padding-left:18px;font-size:.92em}
${REVIEW_STYLE}`;

/** The complete HTML report for one show. */
export function renderReport(data: ReportData): string {
  const page = PAGE_LABELS[data.language];
  const chart = timelineChart({
    duration: data.duration,
    chatRate: data.engagement.chatRate,
    loudness: data.engagement.loudness,
    ...(data.engagement.viewers === undefined ? {} : { viewers: data.engagement.viewers }),
    sentiment: data.sentiment,
    highlights: data.highlights,
  });
  const title = data.title.trim() === '' ? data.showId : data.title;
  // Evidence links to the clip cards of this report: a clip's id is its highlight's id.
  const context: EvidenceContext = {
    showId: data.showId,
    clipAnchors: new Map(data.highlights.map((highlight) => [highlight.id, `highlight-${highlight.rank}`])),
  };
  const review = data.review;
  const ribbon =
    review === undefined
      ? ''
      : `<div class="chart ribbon">${phaseRibbon(
          review,
          timelineScale({ duration: data.duration, chatRate: data.engagement.chatRate, loudness: data.engagement.loudness, ...(data.engagement.viewers === undefined ? {} : { viewers: data.engagement.viewers }), sentiment: data.sentiment }),
          reviewLabels(review.language),
          numberFormats(review.language),
        )}</div>${phaseLegend(review, reviewLabels(review.language), numberFormats(review.language))}`;
  return [
    '<!DOCTYPE html>',
    `<html lang="${data.language === 'zh' ? 'zh-CN' : 'en'}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // Nothing may load from anywhere: a stray URL in untrusted text can never become a request.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">`,
    `<title>${esc(title)} — postshow report</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    header(data, title, page),
    `<section id="timeline"><h2>${page.timeline}</h2>`,
    `<div class="chart">${chart}</div>${ribbon}</section>`,
    review === undefined ? '' : reviewSection(review, context),
    data.plan === undefined ? '' : planSection(data.plan, context),
    highlightsSection(data.highlights, page),
    complianceSection(data.compliance, page),
    topicsSection(data.topics, page),
    inputsSection(data.inputs, data.stageTimings, data.chatLag, page),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** The page's own headings and facts, in the show's language (the review and plan sections carry their own labels). */
const PAGE_LABELS = {
  en: {
    show: 'Show', channel: 'Channel', recording: 'Recording', duration: 'Duration', language: 'Language', engine: 'Transcript engine',
    highlights: 'Highlights', complianceFlags: 'Compliance flags', blocking: 'blocking', timeline: 'Timeline', noHighlights: 'No highlights were found.',
    compliance: 'Compliance', noFlags: 'No flagged claims.', topics: 'Topic suggestions', noTopics: 'No topic suggestions yet.', inputs: 'Inputs',
    languageName: { en: 'English (en)', zh: 'Chinese (zh)' },
  },
  zh: {
    show: '场次', channel: '账号', recording: '录像', duration: '时长', language: '语言', engine: '转写来源',
    highlights: '高光片段', complianceFlags: '合规提示', blocking: '条需删改', timeline: '时间线', noHighlights: '没有找到高光片段。',
    compliance: '合规', noFlags: '没有需要提示的说法。', topics: '选题建议', noTopics: '还没有选题建议。', inputs: '输入数据',
    languageName: { en: '英语 (en)', zh: '中文 (zh)' },
  },
} as const;
type PageLabels = (typeof PAGE_LABELS)[Language];

function header(data: ReportData, title: string, page: PageLabels): string {
  const blocking = data.compliance.filter((flag) => flag.severity === 'block').length;
  const facts: [string, string][] = [
    [page.show, data.showId],
    ...(data.channel ? [[page.channel, data.channel] as [string, string]] : []),
    [page.recording, data.generatedFrom],
    [page.duration, formatClock(data.duration)],
    [page.language, page.languageName[data.language]],
    [page.engine, `${data.transcriptEngine} — ${ENGINE_NOTES[data.transcriptEngine]}${data.transcriptNote ? `; ${data.transcriptNote}` : ""}`],
    [page.highlights, String(data.highlights.length)],
    [page.complianceFlags, `${data.compliance.length} (${blocking} ${page.blocking})`],
  ];
  return [
    '<header>',
    `<h1>${esc(title)}</h1>`,
    '<dl class="facts">',
    ...facts.map(([name, value]) => `<dt>${esc(name)}</dt><dd>${esc(value)}</dd>`),
    '</dl>',
    '</header>',
  ].join('\n');
}

function highlightsSection(highlights: readonly ReportHighlight[], page: PageLabels): string {
  if (highlights.length === 0) {
    return `<section id="highlights"><h2>${page.highlights}</h2><p class="muted">${page.noHighlights}</p></section>`;
  }
  const cards = [...highlights].sort((a, b) => a.rank - b.rank).map((highlight) => {
    const thumbnail =
      highlight.thumbnailDataUri !== undefined && THUMBNAIL_DATA_URI.test(highlight.thumbnailDataUri)
        ? `<img src="${esc(highlight.thumbnailDataUri)}" alt="${esc(`Thumbnail of highlight #${highlight.rank}`)}">`
        : '<div class="nothumb" aria-hidden="true"></div>';
    const reasons = highlight.signals.map(
      (signal) =>
        `<li><strong>${esc(signal.name)}</strong>: ${esc(signal.detail)} ` +
        `<span class="muted">(peak ${esc(signal.value.toFixed(2))} ≥ ${esc(signal.threshold.toFixed(2))} at ` +
        `${formatClipClock(signal.at)})</span></li>`,
    );
    const transcript = highlight.transcript.slice(0, EXCERPT_LINES).map((line) => `<blockquote>${esc(cut(line))}</blockquote>`);
    const unsure = (highlight.speech ?? []).filter((line) => !line.reliable).length;
    const chat = highlight.chat.filter(isShowableChat).slice(0, CHAT_SAMPLE_LINES).map((line) => `<li>${esc(cut(line))}</li>`);
    const files = highlight.clipFiles;
    const clip = highlight.clip;
    // Clip times as the CLI prints them, so a clip found in the terminal is found here.
    const times = `${formatClipClock(highlight.start)}–${formatClipClock(highlight.end)}`;
    return [
      `<article class="highlight" id="highlight-${highlight.rank}">`,
      thumbnail,
      '<div>',
      `<h3>#${highlight.rank} · ${clip === undefined ? '' : `${esc(clip.title)} · `}${times} ` +
        `<span class="muted">(${esc((highlight.end - highlight.start).toFixed(0))} s, score ${esc(highlight.score.toFixed(2))}` +
        `${highlight.moment === undefined ? '' : `, ${esc(highlight.moment)}`})</span></h3>`,
      clip === undefined ? '' : clipCopySection(clip),
      reasons.length > 0 ? `<ul class="reasons">${reasons.join('')}</ul>` : '<p class="muted">No signal details.</p>',
      transcript.length > 0 ? transcript.join('') : '<p class="muted">No reliable transcript in this window.</p>',
      unsure > 0 ? `<p class="muted">${unsure} line${unsure === 1 ? '' : 's'} of unsure speech recognition not shown or quoted.</p>` : '',
      chat.length > 0 ? `<p class="muted">Chat:</p><ul class="chat">${chat.join('')}</ul>` : '',
      highlight.products.length > 0 ? `<p>Products: ${highlight.products.map(esc).join(', ')}</p>` : '',
      files === undefined || files.length === 0 ? '' : `<p>Clip: ${files.map((file) => fileLink(file.path, file.label)).join(' · ')}</p>`,
      `<p class="muted">id ${esc(highlight.id)}</p>`,
      '</div>',
      '</article>',
    ].join('\n');
  });
  return `<section id="highlights"><h2>${page.highlights} (${highlights.length})</h2>\n${cards.join('\n')}\n</section>`;
}

/** The clip's published copy (description lines, hashtags, who wrote it) and its caption state. */
function clipCopySection(clip: ReportClip): string {
  const description = clip.description
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => esc(cut(line)))
    .join('<br>');
  const captions = clip.captions;
  const captionLine =
    captions === undefined
      ? ''
      : `<p class="muted">Captions: ${captions.burned ? 'burned in' : 'not burned'} · from ${esc(captions.source)} · ` +
        `${esc(String(Math.round(captions.reliability * 100)))}% reliable · style ${esc(captions.style)} — ${esc(captions.reason)}</p>`;
  return [
    description.length > 0 ? `<p class="copy">${description}</p>` : '',
    clip.hashtags.length > 0 ? `<p class="tags">${clip.hashtags.map(esc).join(' ')}</p>` : '',
    clip.copyBy === undefined ? '' : `<p class="muted">Copy by ${esc(clip.copyBy)}</p>`,
    captionLine,
    reviewLine(clip),
  ].join('');
}

/** "Version 2 · approved — ready to post": what happened to the clip since it was cut. */
function reviewLine(clip: ReportClip): string {
  const parts = [
    ...(clip.version !== undefined && clip.version > 1 ? [`Version ${esc(String(clip.version))} (edited)`] : []),
    ...(clip.review ? [`<strong>${esc(clip.review.status)}</strong>${clip.review.note ? ` — ${esc(clip.review.note)}` : ''}`] : []),
  ];
  return parts.length > 0 ? `<p class="muted">${parts.join(' · ')}</p>` : '';
}

/** A link to a clip file next to the report; anything that is not a plain relative path is shown as text only. */
function fileLink(path: string, label: string): string {
  const relative = path !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(path) && !/^[/\\]/.test(path);
  return relative ? `<a href="${esc(encodeURI(path))}">${esc(label)}</a>` : `${esc(label)}: <code>${esc(path)}</code>`;
}

function complianceSection(flags: readonly ComplianceFlag[], page: PageLabels): string {
  if (flags.length === 0) {
    return `<section id="compliance"><h2>${page.compliance}</h2><p class="muted">${page.noFlags}</p></section>`;
  }
  const rows = [...flags]
    .sort((a, b) => a.start - b.start)
    .map(
      (flag) =>
        `<tr><td>${formatClock(flag.start)}</td><td class="sev-${flag.severity}">${esc(flag.severity)}</td>` +
        `<td>${esc(flag.term)}</td><td>${esc(flag.rule)}</td><td>${esc(flag.source)}</td><td>${esc(cut(flag.text))}</td></tr>`,
    );
  return [
    `<section id="compliance"><h2>${page.compliance} (${flags.length})</h2>`,
    '<table><thead><tr><th>Time</th><th>Severity</th><th>Term</th><th>Rule</th><th>Source</th><th>Text</th></tr></thead>',
    `<tbody>${rows.join('\n')}</tbody></table></section>`,
  ].join('\n');
}

function topicsSection(topics: readonly TopicSuggestion[], page: PageLabels): string {
  if (topics.length === 0) {
    return `<section id="topics"><h2>${page.topics}</h2><p class="muted">${page.noTopics}</p></section>`;
  }
  const items = topics.map((topic) => {
    const evidence = topic.evidence.map(
      (item) =>
        `<li><span class="muted">${esc(item.showId)} @ ${formatClock(item.t)} · ${esc(item.source)}` +
        `${item.clipId === undefined ? '' : ` · clip ${esc(item.clipId)}`}</span> “${esc(cut(item.quote))}”</li>`,
    );
    return (
      `<li><span class="kind">${esc(topic.kind)}</span><strong>${esc(topic.topic)}</strong> ` +
      `<span class="muted">score ${esc(topic.score.toFixed(2))}</span><br>${esc(topic.why)}` +
      (evidence.length > 0 ? `<ul class="evidence">${evidence.join('')}</ul>` : '') +
      '</li>'
    );
  });
  return `<section id="topics"><h2>${page.topics} (${topics.length})</h2><ol>${items.join('\n')}</ol></section>`;
}

function inputsSection(
  inputs: ReportData['inputs'],
  stageTimings: ReportData['stageTimings'],
  chatLag: ReportData['chatLag'],
  page: PageLabels,
): string {
  const inputRows = inputs.map(({ name, report }) => {
    const reasons = Object.entries(report.skippedReasons)
      .sort(([a], [b]) => compareText(a, b))
      .map(([reason, count]) => `${reason}: ${count}`)
      .join('; ');
    const kinds = Object.entries(report.kinds ?? {}).filter(([, count]) => count > 0);
    // The breakdown only says something when the log has more than plain messages.
    const accepted = kinds.length > 1 || (kinds.length === 1 && kinds[0]?.[0] !== 'message')
      ? `${report.accepted} (${kinds.map(([kind, count]) => `${count} ${kind}`).join(', ')})`
      : String(report.accepted);
    return (
      `<tr><td>${esc(name)}</td><td>${esc(report.format)}</td><td>${esc(accepted)}</td>` +
      `<td>${report.skipped}</td><td>${esc(reasons)}</td></tr>`
    );
  });
  const parts = [
    `<section id="inputs"><h2>${page.inputs}</h2>`,
    inputRows.length === 0
      ? '<p class="muted">No side inputs (chat, metrics, captions) were given.</p>'
      : '<table><thead><tr><th>Input</th><th>Format</th><th>Accepted</th><th>Skipped</th><th>Skipped because</th></tr></thead>' +
        `<tbody>${inputRows.join('\n')}</tbody></table>`,
  ];
  if (chatLag !== undefined) {
    parts.push(`<p id="chat-lag">Chat lag: ${esc(describeChatLag(chatLag))}.</p>`);
  }
  if (stageTimings !== undefined && stageTimings.length > 0) {
    const rows = stageTimings.map(
      ({ stage, ms }) => `<tr><td>${esc(stage)}</td><td>${esc((ms / 1000).toFixed(1))} s</td></tr>`,
    );
    parts.push(
      '<h3>Stage timings</h3><table><thead><tr><th>Stage</th><th>Time</th></tr></thead>' +
        `<tbody>${rows.join('\n')}</tbody></table>`,
    );
  }
  parts.push('</section>');
  return parts.join('\n');
}

/** Cuts a line to MAX_LINE_CHARS characters (code points, so Chinese text is not split mid-character). */
function cut(text: string): string {
  const chars = [...text.trim()];
  return chars.length <= MAX_LINE_CHARS ? chars.join('') : `${chars.slice(0, MAX_LINE_CHARS - 1).join('')}…`;
}
