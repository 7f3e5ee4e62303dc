/** Shapes the API answers with (the server's own types, imported for their names only). */
import type { CatalogEntry } from '../../shared/core/catalog/catalogEntry.js';
import type { ShowPlan, ShowReview } from '../../shared/core/schemas/review.js';
import type { TopicSuggestion } from '../../shared/core/types.js';
import type { ClipRenderState, ShowOverview, ShowSummary } from '../../shared/pipeline/workspaceViews.js';
import type { ClipMeta } from '../../shared/core/types.js';

export type { CatalogEntry, ClipRenderState, ShowOverview, ShowPlan, ShowReview, ShowSummary, TopicSuggestion };

export interface ClipPage {
  readonly entries: CatalogEntry[];
  readonly thumbnails: Record<string, string>;
  readonly cursor?: string;
}

export interface ClipResponse {
  readonly entry: CatalogEntry;
  readonly downloads: {
    readonly thumbnail: string;
    readonly captions: string;
    readonly variants: Record<string, string>;
    readonly saveAs: Record<string, string>;
  };
  readonly render?: ClipRenderState;
  readonly review?: { readonly status: 'pending' | 'approved' | 'rejected'; readonly note?: string; readonly at?: string };
  readonly captionsSrt?: string;
  readonly transcript?: readonly string[];
  readonly chat?: readonly string[];
  readonly history?: ClipMeta['history'];
  readonly captions?: ClipMeta['captions'];
  readonly reasons?: ClipMeta['reasons'];
}

export type ShowResponse = ShowOverview & { readonly thumbnails: Record<string, string> };
