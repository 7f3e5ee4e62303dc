/**
 * Clip edits and reviews as requests against storage, shared by the CLI, the local server and the cloud API:
 * each is validated whole before anything is written, so a refused request changes nothing. An accepted edit
 * becomes a clip message that re-renders the clip from the recording (functions/clip.ts); a review becomes a
 * catalog message that refreshes the catalog and the report.
 */
import { parseCaptions } from '../core/inputs/captions.js';
import { InputError } from '../core/errors.js';
import { showKeys, type ShowId } from '../core/keys.js';
import {
  CLIP_HISTORY_LENGTH,
  clipChangesSchema,
  clipEditSchema,
  clipReviewSchema,
  type ClipChanges,
  type ClipEdit,
  type ClipReview,
  type ReviewStatus,
} from '../core/schemas/clipEdit.js';
import { clipMetaSchema, highlightsFileSchema } from './artifacts.js';
import { manifestSchema } from './manifest.js';
import type { MessageOf } from './messages.js';
import type { Storage } from './ports.js';
import { readJson, tryReadJson, writeJson } from './storageJson.js';

/** Shortest clip an edit may leave: under a second there is nothing to post. */
export const MIN_EDITED_CLIP_SECONDS = 1;
/** Longest clip an edit may ask for: what one clip render is sized for (the run's own clips stop at 600 s). */
export const MAX_EDITED_CLIP_SECONDS = 600;
/** How often an edit retries when another edit took the version it wanted. */
const EDIT_ATTEMPTS = 5;

/** What a caller asks an edit to change; `captionsText` is the corrected SRT or VTT, timed from the clip's start. */
export interface ClipEditRequest {
  readonly showId: ShowId;
  readonly clipId: string;
  readonly changes: Omit<ClipChanges, 'captions'>;
  readonly captionsText?: string;
  /** The captions file's name, for messages. @default "(edited captions)" */
  readonly captionsName?: string;
  /**
   * Render again without changes (the history says why: `rerender`, or `transcript` after a corrected
   * transcript); without it an edit must change something.
   */
  readonly rerender?: 'rerender' | 'transcript';
  /** For the history line. @default new Date() */
  readonly now?: Date;
}

/** The edit record this run renders for the clip (the highest version of this run), if any. */
export async function latestEdit(storage: Storage, showId: ShowId, clipId: string): Promise<ClipEdit | undefined> {
  const version = await highestEditVersion(storage, showId, clipId);
  return version === undefined ? undefined : tryReadJson(storage, showKeys(showId).clipEdit(clipId, version), clipEditSchema);
}

async function highestEditVersion(storage: Storage, showId: ShowId, clipId: string): Promise<number | undefined> {
  const versions = (await storage.list(showKeys(showId).clipEdits(clipId)))
    .map((key) => /\/v(\d+)\.json$/.exec(key)?.[1])
    .filter((match): match is string => match !== undefined)
    .map(Number);
  return versions.length === 0 ? undefined : Math.max(...versions);
}

/**
 * Records an edit as the clip's next version and returns the message that renders it. Throws an InputError
 * (nothing written) for an unknown clip, a span outside the recording, unusable captions or bad values. Two
 * edits at once each get their own version (the second laid over the first), never a lost one.
 */
export async function requestClipEdit(storage: Storage, request: ClipEditRequest): Promise<{ message: MessageOf<'clip'>; edit: ClipEdit }> {
  const { showId, clipId } = request;
  const keys = showKeys(showId);
  const manifest = await tryReadJson(storage, keys.manifest, manifestSchema);
  if (!manifest) throw new InputError(`no show ${showId}`);
  const meta = await tryReadJson(storage, keys.clipMeta(clipId), clipMetaSchema);
  const { highlights } = await readJson(storage, keys.highlights, highlightsFileSchema);
  const highlight = highlights.find((candidate) => candidate.id === clipId);
  if (!meta || !highlight || meta.runId !== manifest.runId) throw new InputError(`no finished clip ${clipId} in show ${showId}`);

  const parsed = clipChangesSchema.safeParse(request.changes);
  if (!parsed.success) throw new InputError(parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; '));
  const asked = parsed.data;
  const captions = request.captionsText === undefined ? undefined : checkedCaptions(request.captionsText, request.captionsName ?? '(edited captions)');
  if (Object.keys(asked).length === 0 && captions === undefined && !request.rerender) throw new InputError('nothing to change: give at least one of the edit options');

  for (let attempt = 0; attempt < EDIT_ATTEMPTS; attempt += 1) {
    const previousVersion = await highestEditVersion(storage, showId, clipId);
    const previous = previousVersion === undefined ? undefined : await readJson(storage, keys.clipEdit(clipId, previousVersion), clipEditSchema);
    const base = previous?.runId === manifest.runId ? previous : undefined;
    const version = Math.max(meta.version, previousVersion ?? 1) + 1;
    const changes: ClipChanges = { ...base?.changes, ...asked, ...(captions !== undefined ? { captions: keys.clipEditCaptions(clipId, version) } : {}) };
    const start = changes.start ?? highlight.start;
    const end = changes.end ?? highlight.end;
    checkSpan(start, end, manifest.media.duration);
    const changed = [...Object.keys(asked), ...(captions !== undefined ? ['captions'] : []), ...(request.rerender ? [request.rerender] : [])];
    const history = [...(base?.history ?? meta.history), { version, at: (request.now ?? new Date()).toISOString(), changed }].slice(-CLIP_HISTORY_LENGTH);
    const edit: ClipEdit = clipEditSchema.parse({ runId: manifest.runId, version, changes, history });
    // The captions go first: the record that names them must never point at a missing file.
    if (captions !== undefined) await storage.put(keys.clipEditCaptions(clipId, version), captions);
    if (await storage.putIfAbsent(keys.clipEdit(clipId, version), JSON.stringify(edit, null, 2))) {
      return { message: { stage: 'clip', showId, clipId, version }, edit };
    }
  }
  throw new InputError(`clip ${clipId} is being edited by someone else right now; try again`);
}

/** The corrected captions as SRT, or an InputError naming what is wrong with them. */
function checkedCaptions(text: string, name: string): string {
  const segments = parseCaptions(text, name);
  if (segments.length === 0) throw new InputError(`captions file ${name} has no cues`);
  return text;
}

function checkSpan(start: number, end: number, recordingSeconds: number): void {
  const at = (seconds: number) => `${seconds.toFixed(2)} s`;
  if (!(end > start)) throw new InputError(`the end (${at(end)}) must come after the start (${at(start)})`);
  if (start < 0 || end > recordingSeconds + 1e-6) {
    throw new InputError(`span ${at(start)}-${at(end)} is outside the recording (0-${at(recordingSeconds)})`);
  }
  if (end - start < MIN_EDITED_CLIP_SECONDS) throw new InputError(`span ${at(start)}-${at(end)} is shorter than ${MIN_EDITED_CLIP_SECONDS} s`);
  if (end - start > MAX_EDITED_CLIP_SECONDS) throw new InputError(`span ${at(start)}-${at(end)} is longer than ${MAX_EDITED_CLIP_SECONDS} s`);
}

/**
 * Records a marketer's verdict on the clip's current version and returns the message that puts it in the
 * catalog. An unknown clip is an InputError, nothing written.
 */
export async function reviewClip(
  storage: Storage,
  request: { showId: ShowId; clipId: string; status: Exclude<ReviewStatus, 'pending'>; note?: string; now?: Date },
): Promise<{ message: MessageOf<'catalog'>; review: ClipReview }> {
  const keys = showKeys(request.showId);
  const meta = await tryReadJson(storage, keys.clipMeta(request.clipId), clipMetaSchema);
  if (!meta) throw new InputError(`no finished clip ${request.clipId} in show ${request.showId}`);
  const review = clipReviewSchema.parse({
    status: request.status,
    at: (request.now ?? new Date()).toISOString(),
    version: meta.version,
    ...(request.note ? { note: request.note } : {}),
  });
  await writeJson(storage, keys.clipReview(request.clipId), clipReviewSchema, review);
  return { message: { stage: 'catalog', showId: request.showId }, review };
}
