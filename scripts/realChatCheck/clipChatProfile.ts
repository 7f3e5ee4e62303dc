/**
 * What a span of chat says, in numbers a person can check: how diverse it is, what its most common line is, how
 * much of it the detector took for participation (echo floods) and whether it is a lottery. Pure; the echo token
 * is the core's own (signals/echoLines.ts), so "the same line" here means what it means to the detector.
 */
import { echoToken } from '../../shared/core/highlights/signals/echoLines.js';

/** One chat line on the stream's clock, with whether the detector marked it as an echo (participation). */
export interface ProfiledLine {
  readonly t: number;
  readonly text: string;
  readonly echoed: boolean;
}

export interface ClipChatProfile {
  readonly lines: number;
  /** Distinct line keys / lines (1: every line different). */
  readonly distinctRatio: number;
  /** The most common line key and its share of the span's lines. */
  readonly topLine: string;
  readonly topShare: number;
  /** Share of the span's lines the detector marked as echo / participation. */
  readonly echoShare: number;
  /** Share of lines that are lottery / giveaway participation (see isLotteryLine). */
  readonly lotteryShare: number;
  /** The lottery words found in the span, most frequent first. */
  readonly lotteryWords: readonly string[];
  /** A few lines spread over the span, truncated. */
  readonly samples: readonly string[];
}

/** Words of bilibili draws and giveaways: 抽奖 (draw), 天选 (the 天选时刻 lottery), 扣1 (type 1), 中奖, 福利, 红包. */
export const LOTTERY_WORDS = ['抽奖', '天选', '扣1', '中奖', '福利', '红包'] as const;

/**
 * A line of ones only ("1", "111"): what 扣1 asks for. Other digit runs are reactions in bilibili chat (666 praise,
 * 8888 applause, 5555 crying) and are not counted as lottery.
 */
const ONES_ONLY = /^1+$/u;

/** The lottery word a line carries ('1' for a line of ones only), or undefined. */
export function lotteryWordOf(text: string): string | undefined {
  const normalised = text.normalize('NFKC').toLowerCase().trim();
  if (ONES_ONLY.test(normalised)) return '1';
  return LOTTERY_WORDS.find((word) => normalised.includes(word));
}

/** The key lines are compared by: the core's echo token for short lines, the trimmed text for longer ones. */
export function lineKey(text: string): string {
  return echoToken(text) ?? text.trim();
}

/** Profiles the chat lines of one span (in time order). */
export function profileLines(lines: readonly ProfiledLine[], sampleCount = 5, sampleChars = 24): ClipChatProfile {
  const keys = new Map<string, number>();
  const words = new Map<string, number>();
  let echoed = 0;
  let lottery = 0;
  for (const line of lines) {
    const key = lineKey(line.text);
    keys.set(key, (keys.get(key) ?? 0) + 1);
    if (line.echoed) echoed += 1;
    const word = lotteryWordOf(line.text);
    if (word !== undefined) {
      lottery += 1;
      words.set(word, (words.get(word) ?? 0) + 1);
    }
  }
  const [topLine, topCount] = mostCommon(keys);
  const share = (count: number) => (lines.length > 0 ? count / lines.length : 0);
  return {
    lines: lines.length,
    distinctRatio: share(keys.size),
    topLine,
    topShare: share(topCount),
    echoShare: share(echoed),
    lotteryShare: share(lottery),
    lotteryWords: [...words.entries()].sort((a, b) => b[1] - a[1]).map(([word]) => word),
    samples: spread(lines, sampleCount).map((line) => truncate(line.text.trim(), sampleChars)),
  };
}

/** A window of the show where the detector saw an echo flood. */
export interface EchoFlood {
  readonly start: number;
  readonly end: number;
  /** Echo lines in the window. */
  readonly echoLines: number;
  /** All lines in the window. */
  readonly lines: number;
  /** The most common echoed token. */
  readonly token: string;
}

/**
 * The `count` windows of `windowSeconds` holding the most echo lines, greedily, none overlapping another:
 * where the show's biggest participation floods are.
 */
export function biggestEchoFloods(lines: readonly ProfiledLine[], duration: number, windowSeconds: number, count: number): EchoFlood[] {
  const n = Math.max(1, Math.ceil(duration));
  const echoPerSecond = new Array<number>(n).fill(0);
  for (const line of lines) {
    const at = Math.floor(line.t);
    if (line.echoed && at >= 0 && at < n) echoPerSecond[at] = (echoPerSecond[at] ?? 0) + 1;
  }
  const prefix = [0];
  for (const value of echoPerSecond) prefix.push(prefix[prefix.length - 1]! + value);
  const sumFrom = (start: number) => prefix[Math.min(n, start + windowSeconds)]! - prefix[start]!;
  const taken: { start: number; end: number }[] = [];
  const floods: EchoFlood[] = [];
  while (floods.length < count) {
    let best = -1;
    let bestSum = 0;
    for (let start = 0; start < n; start++) {
      const end = start + windowSeconds;
      if (taken.some((span) => start < span.end && span.start < end)) continue;
      const sum = sumFrom(start);
      if (sum > bestSum) {
        best = start;
        bestSum = sum;
      }
    }
    if (best < 0) break;
    const span = { start: best, end: Math.min(n, best + windowSeconds) };
    taken.push(span);
    const inside = linesIn(lines, span.start, span.end);
    const tokens = new Map<string, number>();
    for (const line of inside) {
      if (!line.echoed) continue;
      const key = lineKey(line.text);
      tokens.set(key, (tokens.get(key) ?? 0) + 1);
    }
    floods.push({ ...span, echoLines: bestSum, lines: inside.length, token: mostCommon(tokens)[0] });
  }
  return floods;
}

/** Lines with start <= t < end. */
export function linesIn<T extends { readonly t: number }>(lines: readonly T[], start: number, end: number): T[] {
  return lines.filter((line) => line.t >= start && line.t < end);
}

/** Rank of the first (best) clip overlapping [start, end), or undefined when none does. */
export function overlappingRank(span: { readonly start: number; readonly end: number }, clips: readonly { readonly rank: number; readonly start: number; readonly end: number }[]): number | undefined {
  const ranks = clips.filter((clip) => clip.start < span.end && span.start < clip.end).map((clip) => clip.rank);
  return ranks.length > 0 ? Math.min(...ranks) : undefined;
}

function mostCommon(counts: ReadonlyMap<string, number>): [string, number] {
  let best: [string, number] = ['', 0];
  for (const entry of counts) if (entry[1] > best[1]) best = entry;
  return best;
}

function spread<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  return Array.from({ length: count }, (_, i) => items[Math.floor(((i + 0.5) * items.length) / count)]!);
}

function truncate(text: string, chars: number): string {
  const points = [...text];
  return points.length <= chars ? text : `${points.slice(0, chars - 1).join('')}…`;
}
