/** The summary `postshow run` prints: human-readable by default, JSON with --json. */
import type { FsStorage } from '../../shared/adapters/storage/fsStorage.js';
import { describeChatLag } from '../../shared/core/chat/index.js';
import { showKeys, type ShowId } from '../../shared/core/keys.js';
import { orderedVariants } from '../../shared/core/schemas/clipRender.js';
import type { ParseReport } from '../../shared/core/types.js';
import { analysisSchema, clipMetaSchema, highlightsFileSchema, topicsFileSchema, transcriptSchema, type ChatLagRecord } from '../../shared/pipeline/artifacts.js';
import { manifestSchema } from '../../shared/pipeline/manifest.js';
import type { ShowStatus } from '../../shared/pipeline/status.js';
import { tryReadJson } from '../../shared/pipeline/storageJson.js';
import { showReviewSchema } from '../../shared/core/schemas/review.js';
import { clock } from './format.js';
import type { NoHighlightsReason } from '../../shared/core/highlights/index.js';

export interface RunSummary {
  readonly showId: string;
  /** The channel the show belongs to (`--channel`). */
  readonly channel?: string;
  readonly status: ShowStatus['state'];
  readonly error?: ShowStatus['error'];
  readonly transcriptEngine?: string;
  readonly transcriptNote?: string;
  readonly outputs: Record<string, string>;
  /** Why there are no highlights, when there are none. */
  readonly noHighlights?: NoHighlightsReason;
  readonly highlights: { id: string; rank: number; start: number; end: number; score: number; signals: string[] }[];
  readonly clips: {
    id: string;
    title: string;
    hashtags: readonly string[];
    /** Path of each rendered shape, by aspect ratio ("9:16": ...). */
    variants: Record<string, string>;
    thumbnail: string;
    captions: string;
    /** Whether captions were burned in, and why (not). */
    captionsBurned: boolean;
    captionsReason: string;
    compliance: string;
  }[];
  readonly topics: { topic: string; kind: string; score: number }[];
  /** The review's headline: score, sales, the top product and the most important fix (`postshow review` has it all). */
  readonly review?: { score: number; gmv: number | null; orders: number | null; topProduct?: string; topFix?: string };
  readonly stages: Record<string, { state: string; items: number; ms: number }>;
  /** How late chat reacts to the stream, as measured (recorded; not yet applied by the detector). */
  readonly chatLag?: ChatLagRecord;
  /** Each side input's parse report: format detected, accepted (by kind for chat), skipped and why. */
  readonly inputs?: Readonly<Record<string, ParseReport>>;
  /** Which speech recognition and language model were configured (the outputs say which really ran). */
  readonly providers?: { readonly transcriber: string; readonly languageModel: string };
}

const chatLagOnly = analysisSchema.unwrap().pick({ chatLag: true });

export async function runSummary(storage: FsStorage, showId: ShowId, status: ShowStatus): Promise<RunSummary> {
  const keys = showKeys(showId);
  const transcript = await tryReadJson(storage, keys.transcript, transcriptSchema).catch(() => undefined);
  const highlightsFile = await tryReadJson(storage, keys.highlights, highlightsFileSchema).catch(() => undefined);
  const highlights = highlightsFile?.highlights ?? [];
  const topics = (await tryReadJson(storage, keys.topics, topicsFileSchema).catch(() => undefined))?.topics ?? [];
  const manifest = await tryReadJson(storage, keys.manifest, manifestSchema).catch(() => undefined);
  // Only the lag: validating the whole analysis (per-second series of a long show) would be wasted work.
  const chatLag = manifest?.inputs.chat ? (await tryReadJson(storage, keys.analysis, chatLagOnly).catch(() => undefined))?.chatLag : undefined;
  const clips: RunSummary['clips'] = [];
  if (status.state === 'succeeded') {
    for (const highlight of highlights) {
      const meta = await tryReadJson(storage, keys.clipMeta(highlight.id), clipMetaSchema);
      if (!meta) continue;
      clips.push({
        id: meta.clipId,
        title: meta.title,
        hashtags: meta.hashtags,
        variants: Object.fromEntries(orderedVariants(meta.variants).map((variant) => [variant.aspect, storage.pathOf(variant.file)])),
        captionsBurned: meta.captions.burned,
        captionsReason: meta.captions.reason,
        thumbnail: storage.pathOf(meta.files.thumbnail),
        captions: storage.pathOf(meta.files.captions),
        compliance: meta.compliance.status,
      });
    }
  }
  const outputs: Record<string, string> = { workspace: storage.root, status: storage.pathOf(keys.status) };
  const review = await tryReadJson(storage, keys.review, showReviewSchema).catch(() => undefined);
  for (const [name, key] of Object.entries({ report: keys.report, transcript: keys.transcript, highlights: keys.highlights, topics: keys.topics, review: keys.review, plan: keys.plan, catalog: keys.catalog })) {
    if (await storage.head(key)) outputs[name] = storage.pathOf(key);
  }
  return {
    showId,
    ...(manifest ? { channel: manifest.options.channel } : {}),
    status: status.state,
    ...(status.error ? { error: status.error } : {}),
    ...(transcript ? { transcriptEngine: transcript.engine } : {}),
    ...(transcript?.note ? { transcriptNote: transcript.note } : {}),
    ...(chatLag ? { chatLag } : {}),
    ...(manifest ? { inputs: Object.fromEntries(Object.entries(manifest.inputs).flatMap(([kind, input]) => (input ? [[kind, input.report]] : []))) } : {}),
    outputs,
    ...(highlightsFile?.none ? { noHighlights: highlightsFile.none } : {}),
    highlights: highlights.map((h) => ({ id: h.id, rank: h.rank, start: h.start, end: h.end, score: h.score, signals: h.signals.map((s) => s.name) })),
    clips,
    topics: topics.map((topic) => ({ topic: topic.topic, kind: topic.kind, score: topic.score })),
    ...(review
      ? {
          review: {
            score: review.score.total,
            gmv: review.kpis.gmv,
            orders: review.kpis.orders,
            ...(review.products[0] && review.products[0].gmv > 0 ? { topProduct: review.products[0].name } : {}),
            ...(review.fixes[0] ? { topFix: review.fixes[0].text } : {}),
          },
        }
      : {}),
    stages: Object.fromEntries(Object.entries(status.stages).map(([stage, s]) => [stage, { state: s.state, items: s.items, ms: s.ms }])),
  };
}

/**
 * The speech engine the run really used, which is not always the one configured: given captions replace
 * it, and a language it cannot transcribe leaves the show without speech ('none').
 */
export function speechUsed(summary: Pick<RunSummary, 'transcriptEngine' | 'providers'>): string {
  switch (summary.transcriptEngine) {
    case undefined:
      return `${summary.providers?.transcriber ?? 'none'} (configured; the run made no transcript)`;
    case 'captions':
      return 'captions given (no speech recognition)';
    case 'none':
      return `none (${summary.providers?.transcriber ?? 'the configured engine'} cannot transcribe this show's language)`;
    default:
      return summary.transcriptEngine;
  }
}

/** The stored reason for an empty highlights list as one plain sentence. */
export function describeNoHighlights(reason: NoHighlightsReason | undefined): string {
  switch (reason?.kind) {
    case undefined:
      return 'nothing stood out';
    case 'too-short':
      return `the recording is ${reason.durationSeconds} s long, shorter than the shortest clip (${reason.minClipSeconds} s; --min-clip)`;
    case 'below-floor':
      return `the strongest moment (at ${clock(reason.at)}) scored ${reason.bestScore}, under the ${reason.floor} a clip needs`;
    case 'uncorroborated':
      return `the strongest moment (at ${clock(reason.at)}, score ${reason.bestScore}) had fewer than ${reason.requiredSignals} signals firing together, too few to explain a clip`;
  }
}

export function printRunSummary(summary: RunSummary): void {
  const out = (line = '') => process.stdout.write(`${line}\n`);
  out(`show ${summary.showId}${summary.channel ? ` on channel ${summary.channel}` : ''}: ${summary.status}`);
  if (summary.error) out(`  ${summary.error.stage} failed: ${summary.error.reason}`);
  if (summary.providers) out(`providers: speech ${speechUsed(summary)}; writing ${summary.providers.languageModel}`);
  if (summary.transcriptEngine) out(`transcript: ${summary.transcriptEngine}${summary.transcriptNote ? ` (${summary.transcriptNote})` : ''}`);
  for (const [kind, report] of Object.entries(summary.inputs ?? {})) {
    const kinds = Object.entries(report.kinds ?? {}).filter(([name, count]) => name !== 'message' && count > 0);
    const extra = kinds.length > 0 ? ` (${kinds.map(([name, count]) => `${count} ${name}`).join(', ')})` : '';
    out(`${kind}: ${report.format}, ${report.accepted} accepted${extra}${report.skipped > 0 ? `, ${report.skipped} skipped` : ''}`);
    // Each problem once, with where it first happened when the parser knows: the user can open the file there.
    for (const [reason, count] of Object.entries(report.skippedReasons)) {
      const first = report.firstSkipped?.[reason];
      out(`  ${count} × ${reason}${first ? ` (first at ${first})` : ''}`);
    }
  }
  if (summary.chatLag) {
    out(`chat lag: ${describeChatLag(summary.chatLag)}`);
  }
  if (summary.clips.length > 0) {
    out(`clips (${summary.clips.length}):`);
    summary.clips.forEach((clip, i) => {
      const h = summary.highlights[i];
      out(`  ${i + 1}. ${h ? `${clock(h.start)}-${clock(h.end)} score ${h.score.toFixed(2)} ` : ''}${clip.title}${clip.compliance === 'clear' ? '' : ` [${clip.compliance}]`}`);
      if (clip.hashtags.length > 0) out(`     ${clip.hashtags.join(' ')}`);
      const [first] = Object.values(clip.variants);
      if (first) out(`     ${first}`);
    });
  } else if (summary.status === 'succeeded') out(`no highlights found: ${describeNoHighlights(summary.noHighlights)}`);
  if (summary.topics.length > 0) out(`topics: ${summary.topics.slice(0, 5).map((t) => t.topic).join(' · ')}`);
  if (summary.review) {
    const { score, gmv, orders, topProduct, topFix } = summary.review;
    const sales = gmv === null ? '' : `, GMV ${gmv.toLocaleString('en-US')} from ${orders ?? 0} orders${topProduct ? ` (top: ${topProduct})` : ''}`;
    out(`review: score ${score}/100${sales} (postshow review ${summary.showId})`);
    if (topFix) out(`  first fix: ${topFix}`);
  }
  if (summary.outputs.report) out(`report: ${summary.outputs.report}`);
}
