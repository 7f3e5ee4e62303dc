/**
 * catalog: registers the show's finished clips as catalog entries marketers can search and filter.
 */
import { catalogEntrySchema, type CatalogEntry } from '../shared/core/catalog/index.js';
import { showKeys } from '../shared/core/keys.js';
import { orderedVariants } from '../shared/core/schemas/clipRender.js';
import { catalogFileSchema, clipMetaSchema, highlightsFileSchema } from '../shared/pipeline/artifacts.js';
import { manifestSchema } from '../shared/pipeline/manifest.js';
import type { StageHandler } from '../shared/pipeline/stage.js';
import { readJson, tryReadJson, writeJson } from '../shared/pipeline/storageJson.js';
import { clipReviewSchema, type ClipReview } from '../shared/core/schemas/clipEdit.js';


export const catalog: StageHandler<'catalog'> = async (message, { storage, catalogIndex }) => {
  const keys = showKeys(message.showId);
  const manifest = await readJson(storage, keys.manifest, manifestSchema);
  const { highlights } = await readJson(storage, keys.highlights, highlightsFileSchema);
  const entries: CatalogEntry[] = [];
  // Only this run's highlights are catalogued: clip folders left by an earlier run are not.
  for (const highlight of highlights) {
    const metaKey = keys.clipMeta(highlight.id);
    const meta = await readJson(storage, metaKey, clipMetaSchema);
    entries.push(
      catalogEntrySchema.parse({
        clipId: meta.clipId,
        showId: meta.showId,
        rank: meta.rank,
        start: meta.start,
        end: meta.end,
        duration: meta.duration,
        score: meta.score,
        title: meta.title,
        description: meta.description,
        hashtags: meta.hashtags,
        products: meta.products,
        language: meta.language,
        compliance: {
          status: meta.compliance.status,
          flags: meta.compliance.flags.map((flag) => ({ term: flag.term, rule: flag.rule, severity: flag.severity, t: flag.start })),
        },
        files: { ...meta.files, meta: metaKey },
        variants: orderedVariants(meta.variants).map(({ aspect, width, height, file, captionsAs }) => ({ aspect, width, height, file, ...(captionsAs ? { captionsAs } : {}) })),
        signals: [...new Set(meta.reasons.map((reason) => reason.name))],
        createdFrom: { recordingKey: manifest.recordingKey, transcriptEngine: meta.transcriptEngine },
        version: meta.version,
        review: reviewOf(await tryReadJson(storage, keys.clipReview(highlight.id), clipReviewSchema), meta.version),
      }),
    );
  }
  await writeJson(storage, keys.catalog, catalogFileSchema, { showId: message.showId, runId: manifest.runId, entries });
  await catalogIndex.replaceShow(message.showId, manifest.runId, entries);
  return { next: [{ stage: 'report', showId: message.showId }], summary: { clips: entries.length } };
};

/** A verdict holds for the version it was given on; an edited clip is pending again. */
function reviewOf(review: ClipReview | undefined, version: number): CatalogEntry['review'] {
  if (!review || review.version !== version) return { status: 'pending' };
  return { status: review.status, at: review.at, ...(review.note ? { note: review.note } : {}) };
}
