/**
 * The catalog API's write and export routes: a clip edit or review recorded through
 * shared/pipeline/clipEdits.ts (the same requests the CLI makes) and its message handed to the stage
 * queues, and a show exported for an editor through shared/pipeline/editorExport.ts.
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { z } from 'zod';
import { showKeys, type ShowId } from '../../shared/core/keys.js';
import { clipChangesSchema, clipReviewSchema, type ClipReview } from '../../shared/core/schemas/clipEdit.js';
import { requestClipEdit, reviewClip } from '../../shared/pipeline/clipEdits.js';
import { EDITOR_EXPORT_FORMATS, exportShow, type EditorExportFormat } from '../../shared/pipeline/editorExport.js';
import { manifestSchema } from '../../shared/pipeline/manifest.js';
import type { Logger, Queue, Storage } from '../../shared/pipeline/ports.js';
import { tryReadJson } from '../../shared/pipeline/storageJson.js';
import { HttpError, json, parseBoolean, readJsonBody, rejectUnknownParams, type HttpApiRequest } from './httpRequest.js';

export interface ClipRequestDependencies {
  /** The show store (S3 on the two buckets): manifests, clip metas, edit and review records. */
  readonly storage: Storage;
  /** Where accepted edits (clip queue) and reviews (catalog queue) go. */
  readonly queue: Queue;
  readonly logger?: Logger | undefined;
}

/** Longest corrected captions an edit may carry, characters: a dense 600 s clip's SRT is under 60 KB. */
export const MAX_EDIT_CAPTIONS_CHARS = 200_000;

const { captions: _storedCaptionsKey, ...changeFields } = clipChangesSchema.unwrap().shape;

/**
 * `POST /clips/{showId}/{clipId}/edit`: the changes as ClipChanges has them, except that `captions` is the
 * corrected SRT or WebVTT text itself (timed from the clip's start), not a storage key. Unknown fields are
 * refused, so a typo is a 400 rather than an edit that silently changes nothing.
 */
export const editRequestSchema = z.strictObject({
  ...changeFields,
  captions: z.string().min(1, 'must not be empty').max(MAX_EDIT_CAPTIONS_CHARS, `must be at most ${MAX_EDIT_CAPTIONS_CHARS} characters`).optional(),
});
export type EditRequest = z.infer<typeof editRequestSchema>;

/** `POST /clips/{showId}/{clipId}/approve|reject`: an optional note for whoever reads the catalog. */
export const reviewRequestSchema = z.strictObject({ note: clipReviewSchema.unwrap().shape.note });

/**
 * Records the edit as the clip's next version and queues its render. The record is written before the
 * message is sent: a failed send leaves a version nobody renders, and the caller's retry (a 500 says to)
 * lays a new version over it, so nothing is lost.
 */
export async function editClip(showId: ShowId, clipId: string, request: HttpApiRequest, deps: ClipRequestDependencies): Promise<APIGatewayProxyStructuredResultV2> {
  const body = readJsonBody(request, editRequestSchema);
  await requireClip(showId, clipId, deps.storage);
  const { captions, ...changes } = body;
  const { message, edit } = await requestClipEdit(deps.storage, {
    showId,
    clipId,
    changes,
    ...(captions !== undefined ? { captionsText: captions, captionsName: 'the request body' } : {}),
  });
  await deps.queue.send([message]);
  deps.logger?.info('clip edit queued', { showId, clipId, version: edit.version, changed: edit.history.at(-1)?.changed });
  return json(202, { clipId, version: edit.version, status: 'rendering' });
}

/** Records a verdict on the clip's current version and queues the catalog refresh that shows it. */
export async function reviewClipRequest(
  showId: ShowId,
  clipId: string,
  status: Exclude<ClipReview['status'], 'pending'>,
  request: HttpApiRequest,
  deps: ClipRequestDependencies,
): Promise<APIGatewayProxyStructuredResultV2> {
  const { note } = readJsonBody(request, reviewRequestSchema);
  await requireClip(showId, clipId, deps.storage);
  const { message, review } = await reviewClip(deps.storage, { showId, clipId, status, ...(note ? { note } : {}) });
  await deps.queue.send([message]);
  deps.logger?.info('clip reviewed', { showId, clipId, status, version: review.version });
  return json(200, { clipId, version: review.version, review });
}

const EXPORT_PARAMS = ['format', 'approved'] as const;
/** What each export is served as; the extension names the download. */
export const EXPORT_MEDIA_TYPES: Readonly<Record<EditorExportFormat, { contentType: string; extension: string }>> = {
  fcpxml: { contentType: 'application/xml; charset=utf-8', extension: 'fcpxml' },
  mlt: { contentType: 'application/xml; charset=utf-8', extension: 'mlt' },
  edl: { contentType: 'text/plain; charset=utf-8', extension: 'edl' },
  srt: { contentType: 'application/x-subrip; charset=utf-8', extension: 'srt' },
  vtt: { contentType: 'text/vtt; charset=utf-8', extension: 'vtt' },
};

/**
 * `GET /shows/{showId}/export?format=…[&approved=true]`. The project names the recording as
 * `file:///<its file name>`: the API cannot know where the editor's machine keeps the file, a presigned URL
 * would expire within the hour, and editors offer to relink media they cannot find by that name.
 */
export async function exportShowRequest(showId: ShowId, query: Map<string, string>, deps: ClipRequestDependencies): Promise<APIGatewayProxyStructuredResultV2> {
  rejectUnknownParams(query, EXPORT_PARAMS);
  const format = query.get('format');
  if (format === undefined || !(EDITOR_EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw new HttpError(400, `format: give one of ${EDITOR_EXPORT_FORMATS.join(', ')}`);
  }
  const approved = query.get('approved');
  const approvedOnly = approved === undefined ? false : parseBoolean('approved', approved);
  const manifest = await tryReadJson(deps.storage, showKeys(showId).manifest, manifestSchema);
  if (!manifest) throw new HttpError(404, `no show ${showId} (unknown, or not ingested yet)`);
  const exported = await exportShow(deps.storage, showId, {
    format: format as EditorExportFormat,
    approvedOnly,
    recordingPath: `file:///${encodeURIComponent(manifest.sourceName)}`,
  });
  const { contentType, extension } = EXPORT_MEDIA_TYPES[format as EditorExportFormat];
  return {
    statusCode: 200,
    headers: {
      'content-type': contentType,
      // Show ids are [a-z0-9_-] (keys.ts): safe inside the quotes.
      'content-disposition': `attachment; filename="${showId}${approvedOnly ? '-approved' : ''}.${extension}"`,
      'cache-control': 'no-store',
      'x-postshow-clips': String(exported.clips),
    },
    body: exported.text,
  };
}

/** 404 for a clip the show has never finished; the request functions then check the rest (400s). */
async function requireClip(showId: ShowId, clipId: string, storage: Storage): Promise<void> {
  if (!(await storage.head(showKeys(showId).clipMeta(clipId)))) throw new HttpError(404, `show ${showId} has no finished clip ${clipId}`);
}
