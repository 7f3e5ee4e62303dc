/**
 * The report's timeline as inline SVG: chat rate, loudness (and viewers) in one panel, speech and chat sentiment in a
 * second, on a shared time axis, with highlight windows as shaded, ranked bands.
 */
import type { Highlight, SentimentTimeline, SentimentWindow } from '../types.js';
import { escapeHtml } from './escapeHtml.js';
import { formatClock } from './formatClock.js';

/** Most points drawn per series: about one per pixel-and-a-half of a 960 px chart. @default 600 */
export const MAX_CHART_POINTS = 600;

/** Lowest loudness the chart shows, in LUFS: the audio stage clamps silence here. */
const SILENCE_LUFS = -70;

/** Tick spacings (seconds) tried in order; the first giving at most 10 ticks wins. */
const TICK_STEPS = [5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200] as const;

const COLORS = {
  chatRate: '#d9480f',
  loudness: '#1c7ed6',
  viewers: '#2f9e44',
  speechSentiment: '#7048e8',
  chatSentiment: '#c2255c',
  band: '#fab005',
} as const;

/** What the timeline draws. Per-second arrays: `values[i]` covers second [i, i+1). */
export interface TimelineChartInput {
  /** Seconds. */
  readonly duration: number;
  /** Chat messages per second. */
  readonly chatRate: readonly number[];
  /** Short-term loudness in LUFS. */
  readonly loudness: readonly number[];
  readonly viewers?: readonly number[];
  readonly sentiment: SentimentTimeline;
  readonly highlights: readonly Pick<Highlight, 'start' | 'end' | 'rank'>[];
  /** Pixel width of the drawing. @default 960 */
  readonly width?: number;
  /** Add the SVG namespace so the markup also works as a standalone .svg file. @default false (inline in HTML) */
  readonly standalone?: boolean;
}

interface Point {
  readonly t: number;
  readonly value: number;
}

const MARGIN = { left: 44, right: 12, top: 22, bottom: 26 } as const;
const ACTIVITY_HEIGHT = 140;
const PANEL_GAP = 22;
const SENTIMENT_HEIGHT = 96;

/** The chart's horizontal scale, so drawings under it (the phase ribbon) line up second for second. */
export interface TimelineScale {
  readonly width: number;
  /** Seconds the axis covers. */
  readonly duration: number;
  readonly left: number;
  readonly right: number;
  /** Seconds → x pixel, clamped to the axis. */
  readonly x: (t: number) => number;
}

/** The x scale `timelineChart` uses for the same input. */
export function timelineScale(
  input: Pick<TimelineChartInput, 'duration' | 'chatRate' | 'loudness' | 'viewers' | 'sentiment' | 'width'>,
): TimelineScale {
  const width = input.width ?? 960;
  const plotWidth = width - MARGIN.left - MARGIN.right;
  // The axis covers whatever is longest; a non-finite duration must not turn every coordinate into NaN.
  const duration = Math.max(
    1,
    ...[
      input.duration,
      input.chatRate.length,
      input.loudness.length,
      input.viewers?.length ?? 0,
      input.sentiment.speech.at(-1)?.end ?? 0,
      input.sentiment.chat.at(-1)?.end ?? 0,
    ].filter(Number.isFinite),
  );
  const x = (t: number): number => MARGIN.left + (Math.min(Math.max(t, 0), duration) / duration) * plotWidth;
  return { width, duration, left: MARGIN.left, right: width - MARGIN.right, x };
}

/** SVG markup of the timeline chart. */
export function timelineChart(input: TimelineChartInput): string {
  const { width, duration, x } = timelineScale(input);
  const height = MARGIN.top + ACTIVITY_HEIGHT + PANEL_GAP + SENTIMENT_HEIGHT + MARGIN.bottom;
  const plotWidth = width - MARGIN.left - MARGIN.right;

  const activityTop = MARGIN.top;
  const activityBottom = activityTop + ACTIVITY_HEIGHT;
  const sentimentTop = activityBottom + PANEL_GAP;
  const sentimentBottom = sentimentTop + SENTIMENT_HEIGHT;
  // Each activity series is scaled to its own range: they have different units, the shape is what matters.
  const activityY = (fraction: number): number => activityBottom - fraction * ACTIVITY_HEIGHT;
  const sentimentY = (score: number): number => sentimentTop + ((1 - Math.max(-1, Math.min(1, score))) / 2) * SENTIMENT_HEIGHT;

  const parts: string[] = [];
  const namespace = input.standalone === true ? ' xmlns="http://www.w3.org/2000/svg"' : '';
  parts.push(
    `<svg${namespace} class="timeline" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" ` +
      `role="img" aria-label="Timeline of chat rate, loudness and sentiment with highlight windows">`,
  );

  // Bands first so the lines draw over them.
  for (const highlight of [...input.highlights].sort((a, b) => a.start - b.start || a.rank - b.rank)) {
    const left = x(highlight.start);
    const bandWidth = Math.max(1, x(highlight.end) - left);
    const label = `#${highlight.rank}`;
    parts.push(
      `<g class="highlight-band" data-rank="${highlight.rank}">` +
        `<title>${escapeHtml(`${label} ${formatClock(highlight.start)}–${formatClock(highlight.end)}`)}</title>` +
        `<rect x="${fmt(left)}" y="${activityTop}" width="${fmt(bandWidth)}" height="${sentimentBottom - activityTop}" ` +
        `fill="${COLORS.band}" fill-opacity="0.25"/>` +
        `<text x="${fmt(left + bandWidth / 2)}" y="${activityTop - 6}" text-anchor="middle" font-size="11" ` +
        `font-weight="bold">${label}</text></g>`,
    );
  }

  // Panel frames and the sentiment zero line.
  parts.push(
    `<rect x="${MARGIN.left}" y="${activityTop}" width="${plotWidth}" height="${ACTIVITY_HEIGHT}" fill="none" stroke="#ced4da"/>`,
    `<rect x="${MARGIN.left}" y="${sentimentTop}" width="${plotWidth}" height="${SENTIMENT_HEIGHT}" fill="none" stroke="#ced4da"/>`,
    `<line x1="${MARGIN.left}" x2="${MARGIN.left + plotWidth}" y1="${fmt(sentimentY(0))}" y2="${fmt(sentimentY(0))}" ` +
      `stroke="#adb5bd" stroke-dasharray="3 3"/>`,
    axisLabel(MARGIN.left - 4, activityTop + 10, 'max'),
    axisLabel(MARGIN.left - 4, activityBottom, 'min'),
    axisLabel(MARGIN.left - 4, sentimentTop + 10, '+1'),
    axisLabel(MARGIN.left - 4, fmt(sentimentY(0) + 4), '0'),
    axisLabel(MARGIN.left - 4, sentimentBottom, '−1'),
  );

  // Chat rate and viewers keep their peaks (max per bucket); loudness is averaged, its peaks are short and noisy.
  const chat = downsample(input.chatRate, 'max');
  const loud = downsample(
    input.loudness.map((lufs) => Math.max(SILENCE_LUFS, lufs)),
    'mean',
  );
  const viewers = input.viewers === undefined ? [] : downsample(input.viewers, 'max');
  parts.push(
    seriesPath(normalise(loud), (p) => x(p.t), (p) => activityY(p.value), COLORS.loudness, 'loudness'),
    seriesPath(normalise(chat, 0), (p) => x(p.t), (p) => activityY(p.value), COLORS.chatRate, 'chat-rate'),
    seriesPath(normalise(viewers, 0), (p) => x(p.t), (p) => activityY(p.value), COLORS.viewers, 'viewers'),
    seriesPath(sentimentPoints(input.sentiment.speech), (p) => x(p.t), (p) => sentimentY(p.value), COLORS.speechSentiment, 'speech-sentiment'),
    seriesPath(sentimentPoints(input.sentiment.chat), (p) => x(p.t), (p) => sentimentY(p.value), COLORS.chatSentiment, 'chat-sentiment'),
  );

  // Time axis.
  const step = TICK_STEPS.find((candidate) => duration / candidate <= 10) ?? Math.ceil(duration / 10 / 3600) * 3600;
  for (let t = 0; t <= duration + 1e-9; t += step) {
    const tickX = fmt(x(t));
    parts.push(
      `<line x1="${tickX}" x2="${tickX}" y1="${sentimentBottom}" y2="${sentimentBottom + 4}" stroke="#495057"/>`,
      // The last label would spill past the right edge if centred.
      `<text x="${tickX}" y="${sentimentBottom + 16}" text-anchor="${x(t) > width - MARGIN.right - 20 ? 'end' : 'middle'}" ` +
        `font-size="10">${formatClock(t)}</text>`,
    );
  }

  // Legend with the peak values, so normalised lines can still be read in real units.
  const legend: [string, string][] = [
    [COLORS.chatRate, `chat ${peakLabel(input.chatRate, 1)} msgs/s peak`],
    [COLORS.loudness, `loudness ${peakLabel(input.loudness, 0)} LUFS peak`],
    ...(input.viewers !== undefined ? [[COLORS.viewers, `viewers ${peakLabel(input.viewers, 0)} peak`] as [string, string]] : []),
    [COLORS.speechSentiment, 'speech sentiment'],
    [COLORS.chatSentiment, 'chat sentiment'],
  ];
  let legendX = MARGIN.left;
  const legendY = activityBottom + PANEL_GAP / 2 + 4;
  for (const [color, text] of legend) {
    parts.push(
      `<rect x="${legendX}" y="${legendY - 8}" width="10" height="3" fill="${color}"/>`,
      `<text x="${legendX + 14}" y="${legendY - 4}" font-size="10">${escapeHtml(text)}</text>`,
    );
    legendX += 24 + text.length * 5.5;
  }

  parts.push('</svg>');
  return parts.join('');
}

/** Reduces a per-second series to at most MAX_CHART_POINTS points at bucket centres. */
function downsample(values: readonly number[], mode: 'max' | 'mean'): Point[] {
  const finite = values.map((value) => (Number.isFinite(value) ? value : 0));
  const bucket = Math.max(1, Math.ceil(finite.length / MAX_CHART_POINTS));
  const points: Point[] = [];
  for (let start = 0; start < finite.length; start += bucket) {
    const slice = finite.slice(start, start + bucket);
    const value = mode === 'max' ? Math.max(...slice) : slice.reduce((sum, v) => sum + v, 0) / slice.length;
    points.push({ t: start + slice.length / 2, value });
  }
  return points;
}

/** Scales values to [0, 1] over [floor ?? min, max]; a flat series sits at 0. */
function normalise(points: readonly Point[], floor?: number): Point[] {
  if (points.length === 0) return [];
  const low = floor ?? Math.min(...points.map((p) => p.value));
  const high = Math.max(...points.map((p) => p.value));
  const span = high - low;
  return points.map((p) => ({ t: p.t, value: span > 0 ? (p.value - low) / span : 0 }));
}

/** Window midpoints; windows without texts become gaps (null) instead of a misleading 0. */
function sentimentPoints(windows: readonly SentimentWindow[]): (Point | null)[] {
  return windows.map((w) => (w.count > 0 ? { t: (w.start + w.end) / 2, value: w.mean } : null));
}

function seriesPath(
  points: readonly (Point | null)[],
  px: (p: Point) => number,
  py: (p: Point) => number,
  color: string,
  name: string,
): string {
  let d = '';
  let pen: 'up' | 'down' = 'up';
  for (const point of points) {
    if (point === null) {
      pen = 'up';
      continue;
    }
    d += `${pen === 'up' ? 'M' : 'L'}${fmt(px(point))} ${fmt(py(point))}`;
    pen = 'down';
  }
  return d === '' ? '' : `<path class="series ${name}" d="${d}" fill="none" stroke="${color}" stroke-width="1.5"/>`;
}

function axisLabel(xPos: number, yPos: number | string, text: string): string {
  return `<text x="${xPos}" y="${yPos}" text-anchor="end" font-size="10" fill="#495057">${text}</text>`;
}

function peakLabel(values: readonly number[], digits: number): string {
  const finite = values.filter(Number.isFinite);
  return finite.length === 0 ? '–' : finite.reduce((max, v) => Math.max(max, v), -Infinity).toFixed(digits);
}

/** One decimal is sub-pixel precision; keeps the markup small. */
function fmt(value: number): string {
  return String(Math.round(value * 10) / 10);
}
