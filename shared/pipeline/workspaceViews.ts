/**
 * What the workspace's pages read, assembled from a show's stored artifacts: the list of shows, one show's
 * overview (timeline series, highlights, compliance, topics) and one clip's detail (its meta, render state and
 * captions). The catalog API serves these as JSON, locally and in the cloud alike; the pages draw them.
 */
import { isShowableChat } from '../core/chat/screenChatLine.js';
import { KEY_ROOTS, parseShowId, showKeys, type ShowId } from '../core/keys.js';
import { clipReviewSchema, type ClipEdit, type ClipReview } from '../core/schemas/clipEdit.js';
import { showReviewSchema } from '../core/schemas/review.js';
import { suggestTopics } from '../core/topics/index.js';
import type { TopicSuggestion } from '../core/types.js';
import { analysisSchema, audioAnalysisSchema, catalogFileSchema, clipMetaSchema, highlightsFileSchema, topicsFileSchema, transcriptSchema, type ClipMeta } from './artifacts.js';
import { latestEdit } from './clipEdits.js';
import { manifestSchema } from './manifest.js';
import type { Storage } from './ports.js';
import { readChannelReviews } from './showReview.js';
import { showStatusSchema, statePartSchema, type ShowStatus } from './status.js';
import { tryReadJson } from './storageJson.js';
import { readWorkspaceTopicEvidence } from './workspace.js';

/** One row of the shows list. */
export interface ShowSummary {
  readonly showId: string;
  readonly title: string;
  readonly channel?: string;
  readonly language: 'en' | 'zh';
  readonly airedAt?: string;
  /** Seconds. */
  readonly duration: number;
  readonly state: ShowStatus['state'] | 'queued';
  readonly updatedAt?: string;
  readonly error?: string;
  readonly clips: number;
  /** The review's overall score (0-100) and GMV when the show has been reviewed. */
  readonly score?: number;
  readonly gmv?: number | null;
}

/**
 * Reads a show's status. The default is `status.json` as the stages wrote it; the local server passes one
 * that also knows whether the run's process is alive (`interrupted`).
 */
export type ShowStatusReader = (showId: ShowId) => Promise<ShowStatus | undefined>;

export function storedStatusReader(storage: Storage): ShowStatusReader {
  return (showId) => tryReadJson(storage, showKeys(showId).status, showStatusSchema);
}

/** Every show with a manifest, newest aired first (then by id). Unreadable files are skipped, not fatal. */
export async function listShows(storage: Storage, readStatus: ShowStatusReader = storedStatusReader(storage)): Promise<ShowSummary[]> {
  const shows: ShowSummary[] = [];
  for (const id of await storage.listFolders(KEY_ROOTS.shows)) {
    // A folder whose name is not a show id is not ours: skipped like an unreadable show.
    const summary = await Promise.resolve()
      .then(() => showSummary(storage, parseShowId(id), readStatus))
      .catch(() => undefined);
    if (summary) shows.push(summary.summary);
  }
  return shows.sort((a, b) => (b.airedAt ?? '').localeCompare(a.airedAt ?? '') || a.showId.localeCompare(b.showId));
}

async function showSummary(storage: Storage, showId: ShowId, readStatus: ShowStatusReader): Promise<{ summary: ShowSummary; status: ShowStatus | undefined } | undefined> {
  const keys = showKeys(showId);
  const manifest = await tryReadJson(storage, keys.manifest, manifestSchema);
  if (!manifest) return undefined;
  const status = await readStatus(showId).catch(() => undefined);
  const catalog = await tryReadJson(storage, keys.catalog, catalogFileSchema).catch(() => undefined);
  const review = await tryReadJson(storage, keys.review, showReviewSchema).catch(() => undefined);
  const summary: ShowSummary = {
    showId,
    title: manifest.sourceName,
    ...(manifest.options.channel ? { channel: manifest.options.channel } : {}),
    language: manifest.language,
    ...(manifest.airedAt ? { airedAt: manifest.airedAt } : {}),
    duration: manifest.media.duration,
    state: status?.state ?? 'queued',
    ...(status ? { updatedAt: status.updatedAt } : {}),
    ...(status?.error ? { error: `${status.error.stage}: ${status.error.reason}` } : {}),
    clips: catalog?.entries.length ?? 0,
    ...(review ? { score: review.score.total, gmv: review.kpis.gmv } : {}),
  };
  return { summary, status };
}

/** Per-second series the timeline draws (rounded: a 4-hour show stays a few hundred KB of JSON). */
export interface ShowOverview {
  readonly summary: ShowSummary;
  readonly status?: ShowStatus;
  readonly transcriptEngine?: string;
  readonly timeline?: {
    readonly duration: number;
    readonly chatRate: readonly number[];
    readonly loudness: readonly number[];
    readonly viewers?: readonly number[];
    readonly sentiment: unknown;
  };
  readonly highlights: readonly {
    readonly clipId: string;
    readonly rank: number;
    readonly start: number;
    readonly end: number;
    readonly score: number;
    readonly moment?: string;
    readonly title?: string;
    readonly thumbnail?: string;
    readonly reasons: readonly { readonly name: string; readonly detail: string }[];
    /** Reliable lines only: what may be quoted as said. */
    readonly transcript: readonly string[];
    readonly chat: readonly string[];
    readonly products: readonly string[];
  }[];
  readonly compliance: readonly { readonly term: string; readonly rule: string; readonly severity: string; readonly source: string; readonly t: number }[];
  readonly topics: readonly TopicSuggestion[];
}

const round = (values: readonly number[], digits: number) => values.map((value) => Number(value.toFixed(digits)));

/** One show as its page shows it; undefined for an unknown show. Thumbnails are storage keys the caller turns into links. */
export async function readShowOverview(
  storage: Storage,
  showId: ShowId,
  readStatus: ShowStatusReader = storedStatusReader(storage),
): Promise<ShowOverview | undefined> {
  const keys = showKeys(showId);
  const read = await showSummary(storage, showId, readStatus);
  if (!read) return undefined;
  const { summary, status } = read;
  const audio = await tryReadJson(storage, keys.audioAnalysis, audioAnalysisSchema).catch(() => undefined);
  const analysis = await tryReadJson(storage, keys.analysis, analysisSchema).catch(() => undefined);
  const transcript = await tryReadJson(storage, keys.transcript, transcriptSchema).catch(() => undefined);
  const highlights = (await tryReadJson(storage, keys.highlights, highlightsFileSchema).catch(() => undefined))?.highlights ?? [];
  const topics = (await tryReadJson(storage, keys.topics, topicsFileSchema).catch(() => undefined))?.topics ?? [];
  const rows = [];
  for (const highlight of [...highlights].sort((a, b) => a.rank - b.rank)) {
    const meta = await tryReadJson(storage, keys.clipMeta(highlight.id), clipMetaSchema).catch(() => undefined);
    rows.push({
      clipId: highlight.id,
      rank: highlight.rank,
      start: meta?.start ?? highlight.start,
      end: meta?.end ?? highlight.end,
      score: highlight.score,
      ...(highlight.moment ? { moment: highlight.moment } : {}),
      ...(meta ? { title: meta.title, thumbnail: meta.files.thumbnail } : {}),
      reasons: highlight.signals.map((signal) => ({ name: signal.name, detail: signal.detail })),
      transcript: highlight.transcript.slice(0, 4),
      chat: highlight.chat.filter(isShowableChat).slice(0, 3),
      products: highlight.products,
    });
  }
  return {
    summary,
    ...(status ? { status } : {}),
    ...(transcript ? { transcriptEngine: transcript.engine } : {}),
    ...(audio && analysis
      ? {
          timeline: {
            duration: audio.duration,
            chatRate: round(analysis.chatPerSecond, 2),
            loudness: round(audio.loudness, 1),
            ...(analysis.viewersPerSecond ? { viewers: round(analysis.viewersPerSecond, 0) } : {}),
            sentiment: analysis.sentiment,
          },
        }
      : {}),
    highlights: rows,
    compliance: (analysis?.compliance ?? []).map((flag) => ({ term: flag.term, rule: flag.rule, severity: flag.severity, source: flag.source, t: flag.start })),
    topics,
  };
}

/** Where a clip's render stands: `rendering` from an edit's request until its version is cut; `failed` when that render gave up. */
export interface ClipRenderState {
  readonly state: 'ready' | 'rendering' | 'failed';
  /** The version on disk. */
  readonly version: number;
  /** The version an edit asked for, while it renders or after it failed. */
  readonly requestedVersion?: number;
  readonly error?: string;
  /** 0..1 while rendering, where the runner reports progress (the local server does). */
  readonly progress?: number;
}

/** One clip as its page shows it. */
export interface ClipDetail {
  readonly meta: ClipMeta;
  readonly render: ClipRenderState;
  /** The verdict on the current version; pending when none (or it was given on an older version). */
  readonly review: { readonly status: ClipReview['status']; readonly note?: string; readonly at?: string };
  /** The SRT sidecar: the captions a marketer corrects (reliable cues only; empty when none were reliable). */
  readonly captionsSrt: string;
  /** Reliable transcript lines and a sample of the chat in the clip's window. */
  readonly transcript: readonly string[];
  readonly chat: readonly string[];
}

export async function readClipDetail(
  storage: Storage,
  showId: ShowId,
  clipId: string,
  progress?: (showId: ShowId, clipId: string) => number | undefined,
): Promise<ClipDetail | undefined> {
  const keys = showKeys(showId);
  const meta = await tryReadJson(storage, keys.clipMeta(clipId), clipMetaSchema);
  if (!meta) return undefined;
  const edit = await latestEdit(storage, showId, clipId);
  const storedReview = await tryReadJson(storage, keys.clipReview(clipId), clipReviewSchema).catch(() => undefined);
  const review = storedReview && storedReview.version === meta.version ? storedReview : undefined;
  const highlight = (await tryReadJson(storage, keys.highlights, highlightsFileSchema).catch(() => undefined))?.highlights.find((candidate) => candidate.id === clipId);
  const captions = await storage.tryGet(meta.files.captions);
  return {
    meta,
    render: await renderState(storage, showId, meta, edit, progress?.(showId, clipId)),
    review: review ? { status: review.status, ...(review.note ? { note: review.note } : {}), at: review.at } : { status: 'pending' },
    captionsSrt: captions?.toString('utf8') ?? '',
    transcript: highlight?.transcript ?? [],
    chat: (highlight?.chat ?? []).filter(isShowableChat).slice(0, 8),
  };
}

async function renderState(storage: Storage, showId: ShowId, meta: ClipMeta, edit: ClipEdit | undefined, progress: number | undefined): Promise<ClipRenderState> {
  if (!edit || edit.version <= meta.version) return { state: 'ready', version: meta.version };
  // The clip stage records each attempt under the clip's item; a final failure there is the edit's failure.
  const part = await storage.tryGet(showKeys(showId).statusPart(`clip-${meta.clipId}`));
  const parsed = part ? statePartSchema.safeParse(JSON.parse(part.toString('utf8'))) : undefined;
  if (parsed?.success && parsed.data.state === 'failed' && parsed.data.startedAt >= (edit.history.at(-1)?.at ?? '')) {
    return { state: 'failed', version: meta.version, requestedVersion: edit.version, error: parsed.data.error ?? 'the render failed' };
  }
  return { state: 'rendering', version: meta.version, requestedVersion: edit.version, ...(progress !== undefined ? { progress } : {}) };
}

/** Topic suggestions across the workspace's shows, or the shows of one channel. */
export async function workspaceSuggestions(storage: Storage, limit: number, channel?: string): Promise<TopicSuggestion[]> {
  const evidence = await readWorkspaceTopicEvidence(storage);
  if (channel === undefined) return suggestTopics(evidence, { limit });
  const shows = new Set((await readChannelReviews(storage, channel)).map((review) => review.showId));
  return suggestTopics(evidence.filter((show) => shows.has(show.showId)), { limit });
}
