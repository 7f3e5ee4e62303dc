/**
 * Optional re-ranking of highlight candidates by a language model. It can only reorder the
 * candidates it is given (the answer's ids are an enum of theirs) and add a one-line reason; it can
 * never invent, drop or move a clip.
 */
import { z } from 'zod';
import type { Highlight } from '../../core/types.js';
import type { LanguageModel, Logger } from '../ports.js';
import { boundLines } from './boundedText.js';

export interface RerankResult {
  readonly highlights: Highlight[];
  /** 'detector' when the fused score decided, else the model's name. */
  readonly rankedBy: string;
  readonly reasons: Readonly<Record<string, string>>;
}

export async function rerankHighlights(highlights: readonly Highlight[], model: LanguageModel | undefined, logger: Logger, signal?: AbortSignal): Promise<RerankResult> {
  const byDetector: RerankResult = { highlights: [...highlights], rankedBy: 'detector', reasons: {} };
  if (!model || highlights.length < 2) return byDetector;
  const ids = highlights.map((highlight) => highlight.id) as [string, ...string[]];
  const schema = z.object({ order: z.array(z.object({ id: z.enum(ids), reason: z.string().min(1).max(160) })).max(ids.length) });
  try {
    const answer = await model.complete({
      task: 'rerank',
      instructions:
        'Rank these candidate clips from a live-commerce stream by how well each would work as a short video for marketing: a clear moment, a reaction, a product. Return every id once, best first, each with a one-line reason.',
      data: highlights.map((highlight) => ({
        id: highlight.id,
        seconds: Math.round(highlight.end - highlight.start),
        products: highlight.products,
        signals: highlight.signals.map((signal) => signal.detail),
        transcript: boundLines(highlight.transcript, 6),
        audience: boundLines(highlight.chat, 5),
      })),
      schema,
      maxOutputTokens: 60 * ids.length + 50,
      signal,
    });
    const seen = new Set<string>();
    const order = answer.order.filter((entry) => !seen.has(entry.id) && seen.add(entry.id));
    // Anything the model left out keeps its detector order after the ones it ranked.
    const ranked = [...order.map((entry) => entry.id), ...ids.filter((id) => !seen.has(id))];
    const byId = new Map(highlights.map((highlight) => [highlight.id, highlight]));
    return {
      highlights: ranked.map((id, index) => ({ ...(byId.get(id) as Highlight), rank: index + 1 })),
      rankedBy: model.name,
      reasons: Object.fromEntries(order.map((entry) => [entry.id, entry.reason])),
    };
  } catch (error) {
    if (signal?.aborted) throw error;
    logger.warn('re-ranking fell back to the detector order', { reason: (error as Error).message });
    return { ...byDetector, rankedBy: `detector (fallback: ${(error as Error).message.slice(0, 120)})` };
  }
}
