import type { FiredSignal, SignalName, TimeRange } from '../types.js';
import type { HighlightConfig } from './config.js';
import { SIGNAL_NAMES } from './config.js';
import type { SignalEvidence, SignalSet } from './signals.js';

/**
 * Every signal whose peak inside `range` reaches its threshold, with the evidence in words, strongest
 * contribution first (ties in SIGNAL_NAMES order).
 */
export function explainSignals(range: TimeRange, signals: SignalSet, config: HighlightConfig): FiredSignal[] {
  const fired: (FiredSignal & { contribution: number; order: number })[] = [];
  for (const series of signals.series) {
    const from = Math.max(0, Math.floor(range.start));
    const to = Math.min(series.values.length, Math.max(from + 1, Math.ceil(range.end)));
    let at = -1;
    let value = -Infinity;
    for (let i = from; i < to; i++) {
      const v = series.values[i] ?? 0;
      if (v > value) [at, value] = [i, v];
    }
    const threshold = config.thresholds[series.name];
    if (at < 0 || value < threshold || value <= 0) continue;
    fired.push({
      name: series.name,
      value: round(value, 2),
      threshold,
      at,
      detail: explainSignal(series.name, at, value, signals.evidence, config),
      contribution: config.weights[series.name] * value,
      order: SIGNAL_NAMES.indexOf(series.name),
    });
  }
  fired.sort((a, b) => b.contribution - a.contribution || a.order - b.order);
  return fired.map(({ name, value, threshold, at, detail }) => ({ name, value, threshold, at, detail }));
}

/** One human-readable line saying why `name` is high at second `at`, e.g. "orders +12 in 30 s". */
export function explainSignal(
  name: SignalName,
  at: number,
  value: number,
  evidence: SignalEvidence,
  config: HighlightConfig,
): string {
  const ev = (series: readonly number[]) => series[at] ?? 0;
  const z = value.toFixed(1);
  const chatWindow = `${formatNumber(config.chatWindowSeconds)} s`;
  switch (name) {
    case 'loudness':
      return `loudness ${signed(ev(evidence.loudnessExcessLu), 1)} LU over baseline`;
    case 'speechRate':
      return `speech rate ${ev(evidence.speechRate).toFixed(1)}/s (usually ${ev(evidence.speechRateBaseline).toFixed(1)}/s), z=${z}`;
    case 'reactions':
      return `reactions z=${z} (${Math.round(ev(evidence.reactionCount))} laughter/emote msgs in ${chatWindow})`;
    case 'questions':
      return `questions z=${z} (${Math.round(ev(evidence.questionCount))} audience questions in ${chatWindow})`;
    case 'paidMessages': {
      const amount = ev(evidence.paidAmount);
      const spent = amount > 0 && evidence.paidCurrency !== '' ? `, ${formatAmount(amount)} ${evidence.paidCurrency}` : '';
      return `paid messages z=${z} (${Math.round(ev(evidence.paidCount))} in ${chatWindow}${spent})`;
    }
    case 'gifts':
      return `gifts z=${z} (${Math.round(ev(evidence.giftCount))} gifts or memberships in ${chatWindow})`;
    case 'scenes':
      return `${Math.round(ev(evidence.sceneCuts))} scene cut(s) in ${formatNumber(config.sceneWindowSeconds)} s`;
    case 'chatRate':
      return `chat rate z=${z} (${Math.round(ev(evidence.chatCount))} msgs in ${chatWindow}, usually ${formatNumber(ev(evidence.chatBaseline))})`;
    case 'chatSentiment':
      return `chat sentiment z=${z} (${Math.round(ev(evidence.chatPositive))} positive, ${Math.round(ev(evidence.chatNegative))} negative msgs in ${chatWindow})`;
    case 'speechSentiment': {
      const score = ev(evidence.speechScore);
      return `speech sentiment z=${z} (${score >= 0 ? 'positive' : 'negative'}, score ${signed(score, 2)})`;
    }
    case 'viewers':
      return `viewers ${signed(ev(evidence.viewersDelta), 0)} in ${formatNumber(config.metricsHorizonSeconds)} s`;
    case 'orders':
      return `orders ${signed(ev(evidence.ordersDelta), 0)} in ${formatNumber(config.metricsHorizonSeconds)} s`;
    case 'mentions':
      return `mentions z=${z} (${Math.round(ev(evidence.productMentions))} product, ${Math.round(ev(evidence.ctaMentions))} call-to-action in ${formatNumber(config.mentionWindowSeconds)} s)`;
  }
}

function signed(value: number, digits: number): string {
  const text = value.toFixed(digits);
  return value >= 0 ? `+${text}` : text;
}

function formatAmount(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
