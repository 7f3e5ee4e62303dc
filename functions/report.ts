/**
 * report: one self-contained report.html per show: timeline chart, highlights with thumbnails and
 * reasons, compliance flags and topic suggestions, and the show review and next show's plan when they were made.
 */
import { renderReport, type ReportHighlight } from '../shared/core/report/index.js';
import { speechMaterial } from '../shared/core/highlights/highlightMaterial.js';
import { showKeys, showPrefix } from '../shared/core/keys.js';
import { analysisSchema, audioAnalysisSchema, clipMetaSchema, highlightsFileSchema, topicsFileSchema, transcriptSchema } from '../shared/pipeline/artifacts.js';
import { manifestSchema } from '../shared/pipeline/manifest.js';
import type { StageHandler } from '../shared/pipeline/stage.js';
import { readStatusParts } from '../shared/pipeline/status.js';
import { readJson, tryReadJson } from '../shared/pipeline/storageJson.js';
import { clipReviewSchema } from '../shared/core/schemas/clipEdit.js';
import { showPlanSchema, showReviewSchema } from '../shared/core/schemas/review.js';

export const report: StageHandler<'report'> = async (message, { storage }) => {
  const keys = showKeys(message.showId);
  const manifest = await readJson(storage, keys.manifest, manifestSchema);
  const audio = await readJson(storage, keys.audioAnalysis, audioAnalysisSchema);
  const transcript = await readJson(storage, keys.transcript, transcriptSchema);
  const analysis = await readJson(storage, keys.analysis, analysisSchema);
  const { highlights } = await readJson(storage, keys.highlights, highlightsFileSchema);
  const { topics } = await readJson(storage, keys.topics, topicsFileSchema);
  // Shows reviewed before the review existed have neither file: the report simply leaves those sections out.
  const review = await tryReadJson(storage, keys.review, showReviewSchema);
  const plan = await tryReadJson(storage, keys.plan, showPlanSchema);

  const reportHighlights: ReportHighlight[] = [];
  for (const highlight of highlights) {
    const meta = await readJson(storage, keys.clipMeta(highlight.id), clipMetaSchema);
    const thumbnail = await storage.tryGet(meta.files.thumbnail);
    const review = await tryReadJson(storage, keys.clipReview(highlight.id), clipReviewSchema);
    // Links are relative to report.html, which sits at the show prefix.
    const relative = (key: string) => key.slice(showPrefix(message.showId).length);
    reportHighlights.push({
      ...highlight,
      // An edited clip is shown with its own span, and its lines from the transcript as it now is (corrected or not).
      start: meta.start,
      end: meta.end,
      ...speechMaterial(meta, transcript.segments),
      ...(thumbnail ? { thumbnailDataUri: `data:image/jpeg;base64,${thumbnail.toString('base64')}` } : {}),
      clipFiles: meta.variants.map((variant) => ({ label: variant.aspect, path: relative(variant.file) })),
      clip: {
        title: meta.title,
        description: meta.description,
        hashtags: meta.hashtags,
        copyBy: meta.copyBy,
        captions: meta.captions,
        version: meta.version,
        ...(review && review.version === meta.version && review.status !== 'pending' ? { review: { status: review.status, ...(review.note ? { note: review.note } : {}) } } : {}),
      },
    });
  }
  const timings = (await readStatusParts(storage, message.showId))
    .filter((part) => part.state === 'succeeded')
    .reduce<Map<string, number>>((map, part) => map.set(part.stage, (map.get(part.stage) ?? 0) + (part.ms ?? 0)), new Map());

  const html = renderReport({
    showId: message.showId,
    channel: manifest.options.channel,
    title: manifest.sourceName,
    generatedFrom: manifest.sourceName,
    duration: audio.duration,
    language: manifest.language,
    transcriptEngine: transcript.engine,
    ...(transcript.note ? { transcriptNote: transcript.note } : {}),
    sentiment: analysis.sentiment,
    engagement: {
      chatRate: analysis.chatPerSecond,
      loudness: audio.loudness,
      ...(analysis.viewersPerSecond ? { viewers: analysis.viewersPerSecond } : {}),
    },
    highlights: reportHighlights,
    compliance: analysis.compliance,
    topics,
    inputs: Object.entries(manifest.inputs).map(([name, input]) => ({ name, report: input.report })),
    ...(analysis.chatLag ? { chatLag: analysis.chatLag } : {}),
    stageTimings: [...timings.entries()].map(([stage, ms]) => ({ stage, ms: Math.round(ms) })),
    ...(review ? { review } : {}),
    ...(plan ? { plan } : {}),
  });
  await storage.put(keys.report, html);
  return { next: [], summary: { bytes: Buffer.byteLength(html) } };
};
