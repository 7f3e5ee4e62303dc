/** Small display helpers shared by the pages. */
import type { CatalogEntry } from './types.js';

export { formatClipClock as clock } from '../../shared/core/report/formatClock.js';

/** Why a clip was picked, in words a marketer reads: the signals that fired. */
const SIGNAL_WORDS: Readonly<Record<string, string>> = {
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

export function signalWords(names: readonly string[]): string {
  return names.map((name) => SIGNAL_WORDS[name] ?? name).join(' · ');
}

export const COMPLIANCE_WORDS = { clear: 'Clear', warn: 'Check claims', block: 'Blocked' } as const;
export const REVIEW_WORDS = { pending: 'Pending', approved: 'Approved', rejected: 'Rejected' } as const;

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
