/**
 * clip: one message per highlight. Cuts an accurate horizontal clip and a 1080x1920 vertical
 * variant with burned-in captions, makes a JPEG thumbnail with sharp, and writes meta.json last:
 * meta.json is the clip's completion marker, so a clip without it never claims success.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { captionCues } from '../shared/core/clips/captionCues.js';
import { InputError } from '../shared/core/errors.js';
import { formatSrt } from '../shared/core/inputs/index.js';
import { showKeys } from '../shared/core/keys.js';
import type { ComplianceFlag } from '../shared/core/types.js';
import { analysisSchema, clipMetaSchema, highlightsFileSchema, transcriptSchema, type ClipMeta } from '../shared/pipeline/artifacts.js';
import { writeClipCopy } from '../shared/pipeline/assist/clipCopyTask.js';
import { claimFanIn } from '../shared/pipeline/claims.js';
import { manifestSchema } from '../shared/pipeline/manifest.js';
import type { StageHandler } from '../shared/pipeline/stage.js';
import { readJson, tryReadJson, writeJson } from '../shared/pipeline/storageJson.js';

/** Thumbnail size: 9:16 like the vertical clip, small enough to embed in reports and catalog pages. */
const THUMBNAIL = { width: 540, height: 960, quality: 82 } as const;

export const clip: StageHandler<'clip'> = async (message, { storage, media, workDir, languageModel, logger }) => {
  const keys = showKeys(message.showId);
  const manifest = await readJson(storage, keys.manifest, manifestSchema);
  const { highlights } = await readJson(storage, keys.highlights, highlightsFileSchema);
  const highlight = highlights.find((candidate) => candidate.id === message.clipId);
  if (!highlight) throw new InputError(`clip ${message.clipId} is not a highlight of show ${message.showId}`);

  const prefix = keys.clipPrefix(highlight.id);
  const metaKey = `${prefix}meta.json`;
  const existing = await tryReadJson(storage, metaKey, clipMetaSchema);
  if (existing?.runId !== manifest.runId) {
    const transcript = await readJson(storage, keys.transcript, transcriptSchema);
    const analysis = await readJson(storage, keys.analysis, analysisSchema);
    const cues = captionCues(transcript.segments, highlight, manifest.language);
    const local = {
      captions: path.join(workDir, 'captions.srt'),
      horizontal: path.join(workDir, 'horizontal.mp4'),
      vertical: path.join(workDir, 'vertical.mp4'),
      frame: path.join(workDir, 'frame.png'),
      thumbnail: path.join(workDir, 'thumbnail.jpg'),
    };
    await writeFile(local.captions, formatSrt(cues));
    await media.cutClip({
      source: await storage.readLocation(manifest.recordingKey),
      start: highlight.start,
      end: highlight.end,
      hasVideo: Boolean(manifest.media.video),
      horizontalPath: local.horizontal,
      verticalPath: local.vertical,
      ...(cues.length > 0 ? { captionsPath: local.captions } : {}),
      framePath: local.frame,
      frameAt: highlight.peak - highlight.start,
    });
    await sharp(local.frame)
      .resize(THUMBNAIL.width, THUMBNAIL.height, { fit: 'cover' })
      .jpeg({ quality: THUMBNAIL.quality, mozjpeg: true })
      .toFile(local.thumbnail);

    const files = {
      horizontal: `${prefix}horizontal.mp4`,
      vertical: `${prefix}vertical.mp4`,
      thumbnail: `${prefix}thumbnail.jpg`,
      captions: `${prefix}captions.srt`,
    };
    await storage.putFile(files.horizontal, local.horizontal);
    await storage.putFile(files.vertical, local.vertical);
    await storage.putFile(files.thumbnail, local.thumbnail);
    await storage.putFile(files.captions, local.captions);

    const flags = analysis.compliance.filter((flag) => flag.start < highlight.end && flag.end >= highlight.start);
    const copy = await writeClipCopy(highlight, manifest.language, languageModel, logger);
    const meta: ClipMeta = {
      runId: manifest.runId,
      clipId: highlight.id,
      showId: message.showId,
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
      compliance: { status: complianceStatus(flags), flags },
      files,
      transcriptEngine: transcript.engine,
    };
    await writeJson(storage, metaKey, clipMetaSchema, meta);
  }

  // Fan-in: the last clip of this run to finish claims the next step.
  for (const other of highlights) {
    const meta = await tryReadJson(storage, `${keys.clipPrefix(other.id)}meta.json`, clipMetaSchema);
    if (meta?.runId !== manifest.runId) return { next: [], summary: { reused: existing?.runId === manifest.runId } };
  }
  const claimed = await claimFanIn(storage, keys.claim(manifest.runId, 'clips'), highlight.id);
  return { next: claimed ? [{ stage: 'suggest', showId: message.showId }] : [], summary: { reused: existing?.runId === manifest.runId } };
};

function complianceStatus(flags: readonly ComplianceFlag[]): ClipMeta['compliance']['status'] {
  if (flags.some((flag) => flag.severity === 'block')) return 'block';
  return flags.length > 0 ? 'warn' : 'clear';
}
