/**
 * clip: one message per highlight. Cuts an accurate horizontal clip and a 1080x1920 vertical
 * variant with burned-in captions, makes a JPEG thumbnail, and writes meta.json last: meta.json
 * is the clip's completion marker, so a clip without it never claims success.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildClipCaptions, DEFAULT_CAPTION_STYLE, parseCaptionStyle } from '../shared/core/captions/index.js';
import { wholeSpan } from '../shared/core/clips/clipTimeline.js';
import { showClipCopy } from '../shared/core/clips/index.js';
import { clipCompliance, DEFAULT_CLAIM_RULES } from '../shared/core/compliance/index.js';
import { InputError } from '../shared/core/errors.js';
import { CLIP_FILE_NAMES, showKeys, type ClipFileName, type ShowId } from '../shared/core/keys.js';
import type { Highlight } from '../shared/core/types.js';
import { keywords } from '../shared/core/text/index.js';
import { analysisSchema, claimRulesSchema, clipMetaSchema, highlightsFileSchema, transcriptSchema, type ClipMeta } from '../shared/pipeline/artifacts.js';
import { writeClipCopy, type ClipCopyContext } from '../shared/pipeline/assist/clipCopyTask.js';
import { claimWhenAllDone } from '../shared/pipeline/claims.js';
import { manifestSchema, type Manifest } from '../shared/pipeline/manifest.js';
import type { StageContext } from '../shared/pipeline/ports.js';
import type { ClipVariant } from '../shared/core/schemas/clipRender.js';
import type { StageHandler } from '../shared/pipeline/stage.js';
import { readJson, tryReadJson, writeJson } from '../shared/pipeline/storageJson.js';

/** Thumbnail size: 9:16 like the vertical clip, small enough to embed in reports and catalog pages. */
const THUMBNAIL = { width: 540, height: 960 } as const;

export const clip: StageHandler<'clip'> = async (message, context) => {
  const { storage } = context;
  const keys = showKeys(message.showId);
  const manifest = await readJson(storage, keys.manifest, manifestSchema);
  const { highlights } = await readJson(storage, keys.highlights, highlightsFileSchema);
  const highlight = highlights.find((candidate) => candidate.id === message.clipId);
  if (!highlight) throw new InputError(`clip ${message.clipId} is not a highlight of show ${message.showId}`);

  const existing = await tryReadJson(storage, keys.clipMeta(highlight.id), clipMetaSchema);
  const reused = existing?.runId === manifest.runId;
  if (!reused) await makeClip(message.showId, manifest, highlights, highlight, context);

  // Fan-in: the last clip of this run to finish claims the next step.
  const claimed = await claimWhenAllDone(
    storage,
    { items: highlights, claimKey: keys.claim(manifest.runId, 'clips'), owner: highlight.id },
    async (other) => {
      const meta = await tryReadJson(storage, keys.clipMeta(other.id), clipMetaSchema);
      return meta?.runId === manifest.runId ? meta : undefined;
    },
  );
  return { next: claimed ? [{ stage: 'suggest', showId: message.showId }] : [], summary: { reused } };
};

/** Cuts the clip, stores its files, then writes its meta.json. */
async function makeClip(showId: ShowId, manifest: Manifest, highlights: readonly Highlight[], highlight: Highlight, context: StageContext): Promise<void> {
  const { storage, media, images, workDir, languageModel, logger, signal } = context;
  const keys = showKeys(showId);
  const transcript = await readJson(storage, keys.transcript, transcriptSchema);
  const analysis = await readJson(storage, keys.analysis, analysisSchema);
  // Only cues the engine was sure of are burned; a clip whose speech is mostly unsure gets none.
  const captions = buildClipCaptions({
    segments: transcript.segments,
    engine: transcript.engine,
    language: manifest.language,
    timeline: wholeSpan(highlight),
    style: parseCaptionStyle(DEFAULT_CAPTION_STYLE),
    frame: { width: 1080, height: 1920 },
  });
  const local = {
    ...(Object.fromEntries(Object.entries(CLIP_FILE_NAMES).map(([role, name]) => [role, path.join(workDir, name)])) as Record<ClipFileName, string>),
    horizontal: path.join(workDir, 'horizontal.mp4'),
    vertical: path.join(workDir, 'vertical.mp4'),
    frame: path.join(workDir, 'frame.png'),
  };
  await writeFile(local.captions, captions.srt);
  await media.cutClip({
    source: await storage.readLocation(manifest.recordingKey),
    start: highlight.start,
    end: highlight.end,
    hasVideo: Boolean(manifest.media.video),
    horizontalPath: local.horizontal,
    verticalPath: local.vertical,
    ...(captions.state.burned ? { captionsPath: local.captions } : {}),
    framePath: local.frame,
    frameAt: highlight.peak - highlight.start,
    signal,
  });
  await images.thumbnail({ framePath: local.frame, outPath: local.thumbnail, ...THUMBNAIL });

  const files = {} as Record<ClipFileName, string>;
  for (const role of Object.keys(CLIP_FILE_NAMES) as ClipFileName[]) {
    files[role] = keys.clipFile(highlight.id, role);
    await storage.putFile(files[role], local[role]);
  }

  const source = manifest.media.video;
  const variants: ClipVariant[] = [
    { aspect: '9:16', width: 1080, height: 1920, file: keys.clipVariant(highlight.id, '9:16'), reframe: source ? 'blur' : 'none' },
    { aspect: '16:9', width: source?.width ?? 1920, height: source?.height ?? 1080, file: keys.clipVariant(highlight.id, '16:9'), reframe: 'none' },
  ];
  await storage.putFile(variants[0]!.file, local.vertical);
  await storage.putFile(variants[1]!.file, local.horizontal);

  const copy = await writeClipCopy(highlight, await copyContext(storage, manifest, highlights, highlight), languageModel, logger, signal);
  const meta: ClipMeta = {
    runId: manifest.runId,
    clipId: highlight.id,
    showId,
    rank: highlight.rank,
    start: highlight.start,
    end: highlight.end,
    duration: Math.round((highlight.end - highlight.start) * 1000) / 1000,
    score: highlight.score,
    title: copy.title,
    description: copy.description,
    hashtags: [...copy.hashtags],
    copyBy: copy.writtenBy,
    products: [...highlight.products],
    language: manifest.language,
    reasons: [...highlight.signals],
    compliance: clipCompliance(analysis.compliance, highlight),
    files,
    variants,
    captions: captions.state,
    transcriptEngine: transcript.engine,
  };
  await writeJson(storage, keys.clipMeta(highlight.id), clipMetaSchema, meta);
}

/**
 * The offline copy of every clip of the show (cheap and deterministic, so each clip stage computes the same
 * set and the titles stay distinct), and what the model's copy of this clip is checked against.
 */
async function copyContext(storage: StageContext['storage'], manifest: Manifest, highlights: readonly Highlight[], highlight: Highlight): Promise<ClipCopyContext> {
  const rules = manifest.inputs.rules ? await readJson(storage, manifest.inputs.rules.key, claimRulesSchema) : DEFAULT_CLAIM_RULES;
  const channel = manifest.options.channel === 'default' ? undefined : manifest.options.channel;
  const language = manifest.language;
  const copies = showClipCopy(highlights, { language, keywordsOf: keywords, rules, ...(channel ? { channel } : {}) });
  const offline = copies.get(highlight.id);
  if (!offline) throw new InputError(`clip ${highlight.id} has no copy`);
  const otherTitles = [...copies.entries()].filter(([id]) => id !== highlight.id).map(([, copy]) => copy.title);
  return { language, offline, rules, otherTitles, ...(channel ? { channel } : {}) };
}
