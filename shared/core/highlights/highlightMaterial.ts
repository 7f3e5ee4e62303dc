/**
 * The material of a highlight: what the copy, the report and the language model may say about the moment.
 * Trust decides what goes in. Transcript lines are quoted only where the engine was reliable; a product is
 * on air only when reliable speech or the chat names it; the moment's kind comes from its fired signals.
 */
import type { FiredSignal, Highlight, Segment, TimeRange } from '../types.js';
import type { HighlightInputs } from './highlightInputs.js';
import { momentKind } from './momentKind.js';
import type { OnStreamClock } from './streamClock.js';

/** Most transcript lines kept per highlight. */
const MAX_TRANSCRIPT_LINES = 20;
/** Most chat lines kept per highlight (an evenly spread sample when there are more). */
const MAX_CHAT_LINES = 15;

export type HighlightMaterial = Pick<Highlight, 'transcript' | 'chat' | 'products' | 'moment' | 'speech'>;

/** The material of the clip [start, end] given the signals that fired in it. */
export function highlightMaterial(window: TimeRange, inputs: HighlightInputs, signals: readonly FiredSignal[]): HighlightMaterial {
  const { start, end } = window;
  const said = speechMaterial(window, inputs.segments);
  const chatLines = inputs.chat
    .filter((m) => inWindow(m, start, end))
    .map((m, order) => ({ postedAt: m.postedAt, order, text: m.text.trim() }))
    .filter((m) => m.text.length > 0)
    .sort((a, b) => a.postedAt - b.postedAt || a.order - b.order)
    .map((m) => m.text);
  const products = productsOnAir(inputs, start, end);
  const chat = evenSample(chatLines, MAX_CHAT_LINES);
  // Field order is what highlights.json stores (writeJson writes values as built).
  return {
    transcript: said.transcript,
    chat,
    products,
    moment: momentKind(signals, chatLines, products.length),
    speech: said.speech,
  };
}

/**
 * The transcript part of the material: every line in the window marked, and the reliable ones that may be
 * quoted. The clip stage calls it again when a clip's window or the show's transcript was corrected.
 */
export function speechMaterial(window: TimeRange, segments: readonly Segment[]): { transcript: string[]; speech: { text: string; reliable: boolean }[] } {
  const speech = [...segments]
    .filter((s) => s.start < window.end && s.end > window.start)
    .sort((a, b) => a.start - b.start)
    .map((s) => ({ text: s.text.trim(), reliable: s.reliable === true }))
    .filter((line) => line.text.length > 0)
    .slice(0, MAX_TRANSCRIPT_LINES);
  return { transcript: speech.filter((line) => line.reliable).map((line) => line.text), speech };
}

/**
 * Whether a chat line or mention belongs to the clip [start, end]: posted from its start, about a moment up to
 * its end. So a clip shows what viewers wrote while it ran plus their reactions to its last seconds.
 */
function inWindow(item: OnStreamClock<{ readonly t: number }>, start: number, end: number): boolean {
  return item.postedAt >= start && item.t <= end;
}

/**
 * Distinct product names on air in the window, most mentioned first. A speech mention counts only when the
 * segment it was found in (speech mentions are timed at their segment's start) is reliable: a misheard
 * "serum" must not put the serum in a title.
 */
function productsOnAir(inputs: HighlightInputs, start: number, end: number): string[] {
  const reliable = inputs.segments.filter((s) => s.reliable === true);
  const stats = new Map<string, { count: number; first: number }>();
  for (const mention of inputs.mentions) {
    if (!inWindow(mention, start, end)) continue;
    if (mention.source === 'speech' && !reliable.some((s) => s.start <= mention.t && mention.t <= s.end)) continue;
    const name = mention.product.trim();
    if (name.length === 0) continue;
    const seen = stats.get(name);
    if (seen === undefined) stats.set(name, { count: 1, first: mention.postedAt });
    else stats.set(name, { count: seen.count + 1, first: Math.min(seen.first, mention.postedAt) });
  }
  return [...stats.entries()]
    .sort(([nameA, a], [nameB, b]) => b.count - a.count || a.first - b.first || (nameA < nameB ? -1 : 1))
    .map(([name]) => name);
}

/** At most `limit` items spread evenly over the list, in order. */
function evenSample<T>(items: readonly T[], limit: number): T[] {
  if (items.length <= limit) return [...items];
  return Array.from({ length: limit }, (_, k) => items[Math.floor((k * items.length) / limit)]).filter(
    (item): item is T => item !== undefined,
  );
}
