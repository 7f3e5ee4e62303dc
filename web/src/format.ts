/** Small display helpers shared by the pages. */
import { t, uiLanguage } from './i18n.js';
import type { CatalogEntry } from './types.js';

export { formatClipClock as clock } from '../../shared/core/report/formatClock.js';

/** Why a clip was picked, in words a marketer reads: the signals that fired. */
const SIGNAL_WORDS_EN: Readonly<Record<string, string>> = {
  loudness: 'loud moment',
  speechRate: 'fast talk',
  speechSentiment: 'upbeat speech',
  mentions: 'product on air',
  chatRate: 'chat burst',
  chatSentiment: 'happy chat',
  reactions: 'reactions',
  questions: 'viewer questions',
  paidMessages: 'paid messages',
  gifts: 'gifts',
  viewers: 'viewers joined',
  orders: 'orders',
  scenes: 'scene change',
};

const SIGNAL_WORDS_ZH: Readonly<Record<string, string>> = {
  loudness: '音量高', speechRate: '语速快', speechSentiment: '主播情绪高', mentions: '讲解商品', chatRate: '弹幕爆发', chatSentiment: '弹幕好评',
  reactions: '观众反应', questions: '观众提问', paidMessages: '付费留言', gifts: '礼物', viewers: '观众涌入', orders: '下单', scenes: '画面切换',
};

export function signalWords(names: readonly string[]): string {
  const words = uiLanguage === 'zh' ? SIGNAL_WORDS_ZH : SIGNAL_WORDS_EN;
  return names.map((name) => words[name] ?? name).join(' · ');
}

export const COMPLIANCE_WORDS = { clear: t('clear'), warn: t('checkClaims'), block: t('blocked') } as const;
export const REVIEW_WORDS = { pending: t('pending'), approved: t('approved'), rejected: t('rejected') } as const;

export function seconds(value: number): string {
  return `${value.toFixed(value < 10 ? 1 : 0)} s`;
}

export function clipHref(entry: Pick<CatalogEntry, 'showId' | 'clipId'>): string {
  return `/clips/${encodeURIComponent(entry.showId)}/${encodeURIComponent(entry.clipId)}`;
}

export function showHref(showId: string): string {
  return `/shows/${encodeURIComponent(showId)}`;
}

export function date(iso: string | undefined): string {
  if (iso === undefined) return '—';
  const parsed = new Date(iso);
  return Number.isNaN(parsed.getTime()) ? iso : parsed.toISOString().slice(0, 10);
}
