/**
 * A show's clips as an editor project or subtitle file (`postshow export`, the catalog API): the show's
 * catalog entries (approved ones only, when asked), in recording order, over the recording itself, so the
 * editor re-cuts from the original with sound and picture together.
 */
import { InputError } from '../core/errors.js';
import {
  parseEditorExportInput,
  rationalFrameRate,
  toEdl,
  toFcpxml,
  toMlt,
  toSubtitles,
  type EditorExportInput,
} from '../core/editorExport/index.js';
import { showKeys, type ShowId } from '../core/keys.js';
import { reliableText } from '../core/transcript/reliability.js';
import { catalogFileSchema, clipMetaSchema, transcriptSchema } from './artifacts.js';
import { manifestSchema } from './manifest.js';
import type { Storage } from './ports.js';
import { readJson, tryReadJson } from './storageJson.js';

export const EDITOR_EXPORT_FORMATS = ['fcpxml', 'edl', 'mlt', 'srt', 'vtt'] as const;
export type EditorExportFormat = (typeof EDITOR_EXPORT_FORMATS)[number];

export interface ShowExportRequest {
  readonly format: EditorExportFormat;
  /** Only clips marked approved. */
  readonly approvedOnly?: boolean;
  /** Where the editor finds the recording (absolute path or file:// URL). @default the store's location of it */
  readonly recordingPath?: string;
}

/** The export's text, and what it holds. */
export interface ShowExport {
  readonly text: string;
  readonly clips: number;
  /** Total length of the edit, seconds. */
  readonly seconds: number;
}

/** Builds the export; an unknown show, a show without video for a video format, or no clip to export is an InputError. */
export async function exportShow(storage: Storage, showId: ShowId, request: ShowExportRequest): Promise<ShowExport> {
  const keys = showKeys(showId);
  const manifest = await tryReadJson(storage, keys.manifest, manifestSchema);
  if (!manifest) throw new InputError(`no show ${showId}`);
  const catalog = await tryReadJson(storage, keys.catalog, catalogFileSchema);
  const entries = (catalog?.entries ?? []).filter((entry) => !request.approvedOnly || entry.review.status === 'approved');
  if (entries.length === 0) throw new InputError(`show ${showId} has no ${request.approvedOnly ? 'approved ' : ''}clips to export`);
  const { video, audio } = manifest.media;
  const isSubtitles = request.format === 'srt' || request.format === 'vtt';
  if (!video && !isSubtitles) throw new InputError(`show ${showId} has no video: export its captions (srt, vtt) instead`);

  const clips = [];
  for (const entry of [...entries].sort((a, b) => a.start - b.start)) {
    const meta = await readJson(storage, entry.files.meta, clipMetaSchema);
    clips.push({ id: entry.clipId, title: meta.title, start: meta.start, end: meta.end, ...(meta.kept ? { kept: meta.kept } : {}) });
  }
  const input: EditorExportInput = parseEditorExportInput({
    recording: {
      name: manifest.sourceName,
      path: request.recordingPath ?? (await storage.readLocation(manifest.recordingKey)),
      // Subtitles of an audio-only show still need a timeline rate: 25 fps is the PAL default.
      width: video?.width ?? 1920,
      height: video?.height ?? 1080,
      fps: rationalFrameRate(video?.fps || 25),
      durationSeconds: manifest.media.duration,
      hasAudio: audio !== undefined,
      ...(audio ? { audioRate: audio.sampleRate, audioChannels: audio.channels } : {}),
    },
    clips,
  });
  const seconds = clips.reduce((sum, clip) => sum + (clip.kept ?? [clip]).reduce((total, span) => total + (span.end - span.start), 0), 0);
  const text = isSubtitles ? toSubtitles(input, await trustedCaptions(storage, showId), request.format as 'srt' | 'vtt') : SERIALIZERS[request.format as 'fcpxml' | 'edl' | 'mlt'](input);
  return { text, clips: clips.length, seconds };
}

const SERIALIZERS = { fcpxml: toFcpxml, edl: toEdl, mlt: toMlt } as const;

/** The show's transcript lines that may be shown as said (captions, reliable recognition). */
async function trustedCaptions(storage: Storage, showId: ShowId): Promise<{ start: number; end: number; text: string }[]> {
  const transcript = await readJson(storage, showKeys(showId).transcript, transcriptSchema);
  return transcript.segments.flatMap((segment) => {
    const text = transcript.engine === 'captions' ? segment.text : reliableText(segment);
    return text ? [{ start: segment.start, end: segment.end, text }] : [];
  });
}
