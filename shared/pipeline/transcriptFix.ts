/**
 * Fixing a show's transcript once: export it as SRT/VTT, correct it anywhere, import it back. The corrected
 * text becomes the show's transcript (trusted like the platform's captions; the engine's original is kept
 * beside it), and every clip is re-rendered from it and the topics recomputed.
 */
import { InputError } from '../core/errors.js';
import { formatSrt, parseCaptions } from '../core/inputs/captions.js';
import { showKeys, type ShowId } from '../core/keys.js';
import { markReliability } from '../core/transcript/reliability.js';
import { highlightsFileSchema, transcriptSchema, clipMetaSchema } from './artifacts.js';
import { requestClipEdit } from './clipEdits.js';
import { manifestSchema } from './manifest.js';
import type { StageMessage } from './messages.js';
import type { Storage } from './ports.js';
import { readJson, tryReadJson, writeJson } from './storageJson.js';

export const TRANSCRIPT_FORMATS = ['srt', 'vtt'] as const;
export type TranscriptFormat = (typeof TRANSCRIPT_FORMATS)[number];

/** The show's transcript as subtitles, every line (the unsure ones too: they are what needs fixing). */
export async function exportTranscript(storage: Storage, showId: ShowId, format: TranscriptFormat): Promise<string> {
  const transcript = await tryReadJson(storage, showKeys(showId).transcript, transcriptSchema);
  if (!transcript) throw new InputError(`show ${showId} has no transcript yet`);
  const srt = formatSrt(transcript.segments);
  return format === 'srt' ? srt : srtToVtt(srt);
}

function srtToVtt(srt: string): string {
  const body = srt.replace(/^\d+\r?\n/gm, '').replace(/(\d\d:\d\d:\d\d),(\d\d\d)/g, '$1.$2');
  return `WEBVTT\n\n${body}`;
}

/**
 * Replaces the show's transcript with a corrected one and returns the messages that re-render every finished
 * clip (each as its next version) and recompute the topics. Refused (InputError, nothing written) when the
 * file has no cues or runs past the recording.
 */
export async function importTranscript(storage: Storage, showId: ShowId, text: string, name: string, now = new Date()): Promise<{ messages: StageMessage[]; segments: number }> {
  const keys = showKeys(showId);
  const manifest = await tryReadJson(storage, keys.manifest, manifestSchema);
  if (!manifest) throw new InputError(`no show ${showId}`);
  const transcript = await tryReadJson(storage, keys.transcript, transcriptSchema);
  if (!transcript) throw new InputError(`show ${showId} has no transcript yet`);
  const segments = parseCaptions(text, name);
  if (segments.length === 0) throw new InputError(`captions file ${name} has no cues`);
  const last = Math.max(...segments.map((segment) => segment.end));
  if (last > manifest.media.duration + 1) throw new InputError(`captions file ${name} runs to ${last.toFixed(2)} s, past the recording's end (${manifest.media.duration.toFixed(2)} s)`);

  // The engine's own transcript is kept once, the first time it is replaced.
  await storage.putIfAbsent(keys.transcriptOriginal, JSON.stringify(transcript, null, 2));
  const original = await readJson(storage, keys.transcriptOriginal, transcriptSchema);
  await writeJson(storage, keys.transcript, transcriptSchema, {
    engine: 'captions',
    language: transcript.language,
    segments: markReliability(segments, 'captions'),
    note: `corrected by hand (${name}, ${now.toISOString()}); the ${original.engine} transcript is kept in transcript.original.json`,
  });
  await storage.put(keys.transcriptSrt, formatSrt(segments));

  const messages: StageMessage[] = [];
  const { highlights } = await readJson(storage, keys.highlights, highlightsFileSchema);
  for (const highlight of highlights) {
    const meta = await tryReadJson(storage, keys.clipMeta(highlight.id), clipMetaSchema);
    if (meta?.runId !== manifest.runId) continue;
    messages.push((await requestClipEdit(storage, { showId, clipId: highlight.id, changes: {}, rerender: 'transcript', now })).message);
  }
  messages.push({ stage: 'suggest', showId });
  return { messages, segments: segments.length };
}
