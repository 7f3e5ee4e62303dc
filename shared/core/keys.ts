import { InvalidKeyError } from './errors.js';

/** Longest storage key we accept; S3 allows 1024 bytes, we keep headroom for suffixes. */
export const MAX_KEY_LENGTH = 900;
/** Longest show id; it appears in every output key and file name. */
export const MAX_SHOW_ID_LENGTH = 64;

const SHOW_ID_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;
// Keys are POSIX-like paths built from safe segments; anything else is rejected, not escaped.
const KEY_SEGMENT_PATTERN = /^[A-Za-z0-9._=-]+$/;

/** A validated show id: lowercase letters, digits, `-` and `_`, 1-64 chars. */
export type ShowId = string & { readonly __brand: 'ShowId' };

/** Validates a show id, throwing InvalidKeyError with the reason. */
export function parseShowId(raw: string): ShowId {
  if (raw.length === 0) throw new InvalidKeyError(raw, 'show id is empty');
  if (raw.length > MAX_SHOW_ID_LENGTH) throw new InvalidKeyError(raw, `show id longer than ${MAX_SHOW_ID_LENGTH} characters`);
  if (!SHOW_ID_PATTERN.test(raw)) {
    throw new InvalidKeyError(raw, 'show id may only contain lowercase letters, digits, "-" and "_", and must start with a letter or digit');
  }
  return raw as ShowId;
}

/** Turns any file name into a show id candidate (slug); pair with a content hash for uniqueness. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/g, '');
  return slug.length > 0 ? slug : 'show';
}

/** Validates a storage key: relative, `/`-separated safe segments, no `.`/`..`, bounded length. */
export function validateKey(key: string): string {
  if (key.length === 0) throw new InvalidKeyError(key, 'key is empty');
  if (key.length > MAX_KEY_LENGTH) throw new InvalidKeyError(key, `key longer than ${MAX_KEY_LENGTH} characters`);
  if (key.startsWith('/') || /^[A-Za-z]:/.test(key)) throw new InvalidKeyError(key, 'absolute paths are not allowed');
  if (key.includes('\\')) throw new InvalidKeyError(key, 'backslashes are not allowed');
  for (const segment of key.split('/')) {
    if (segment === '' ) throw new InvalidKeyError(key, 'empty path segment');
    if (segment === '.' || segment === '..') throw new InvalidKeyError(key, 'relative segments ("." or "..") are not allowed');
    if (!KEY_SEGMENT_PATTERN.test(segment)) throw new InvalidKeyError(key, `segment ${JSON.stringify(segment.slice(0, 40))} has characters outside [A-Za-z0-9._=-]`);
  }
  return key;
}

/** Top-level key prefixes: users' uploads, large temporary files, and outputs (one bucket or lifecycle rule each in the cloud). */
export const KEY_ROOTS = { recordings: 'recordings/', intermediate: 'intermediate/', shows: 'shows/' } as const;

/** Where a show's inputs live: `recordings/{showId}/`. */
export const recordingPrefix = (showId: ShowId): string => `${KEY_ROOTS.recordings}${showId}/`;
/**
 * Large temporary files of a show (the 16 kHz speech track): `intermediate/{showId}/`, apart from the
 * outputs so one lifecycle rule can expire them.
 */
export const intermediatePrefix = (showId: ShowId): string => `${KEY_ROOTS.intermediate}${showId}/`;
/** Where a show's outputs live: `shows/{showId}/`. */
export const showPrefix = (showId: ShowId): string => `${KEY_ROOTS.shows}${showId}/`;

/** The files a clip folder holds besides meta.json and its variants, by role. */
export const CLIP_FILE_NAMES = {
  thumbnail: 'thumbnail.jpg',
  captions: 'captions.srt',
} as const;

/** `9x16` of `9:16`: aspect ratios in file names (a colon is not portable in file names). */
export const aspectFileStem = (aspect: string): string => aspect.replace(':', 'x');

export type ClipFileName = keyof typeof CLIP_FILE_NAMES;

/**
 * The folder of one version of a clip's files. Version 1 (what the run cut) sits in the clip's folder; an edit
 * renders into `v{n}/` beside it, so the files meta.json points to stay whole until the new meta.json replaces it.
 */
const clipVersionDir = (base: string, clipId: string, version: number): string => `${base}clips/${clipId}/${version > 1 ? `v${version}/` : ''}`;

/** Every output key of a show, in one place so stages, catalog and report agree. */
export function showKeys(showId: ShowId) {
  const base = showPrefix(showId);
  return {
    manifest: `${base}manifest.json`,
    status: `${base}status.json`,
    statusPart: (part: string) => `${base}status/${part}.json`,
    statusParts: `${base}status/`,
    audioAnalysis: `${base}audio/analysis.json`,
    speechAudio: `${intermediatePrefix(showId)}audio/speech.wav`,
    transcriptChunk: (index: number) => `${base}transcript/chunk-${String(index).padStart(4, '0')}.json`,
    transcriptChunks: `${base}transcript/`,
    transcript: `${base}transcript.json`,
    transcriptSrt: `${base}transcript.srt`,
    /** The engine's transcript, kept when a corrected one replaces it (`postshow transcript --import`). */
    transcriptOriginal: `${base}transcript.original.json`,
    analysis: `${base}analysis.json`,
    highlights: `${base}highlights.json`,
    /** The clip's completion marker: written last, so a clip without it is unfinished. */
    clipMeta: (clipId: string) => `${base}clips/${clipId}/meta.json`,
    clipFile: (clipId: string, name: ClipFileName, version = 1) => `${clipVersionDir(base, clipId, version)}${CLIP_FILE_NAMES[name]}`,
    /** One rendered shape of the clip: `clips/{clipId}/9x16.mp4` (an edited version: `clips/{clipId}/v2/9x16.mp4`). */
    clipVariant: (clipId: string, aspect: string, version = 1) => `${clipVersionDir(base, clipId, version)}${aspectFileStem(aspect)}.mp4`,
    /** The ASS captions burned into that shape: `clips/{clipId}/captions-9x16.ass`. */
    clipCaptionsAss: (clipId: string, aspect: string, version = 1) => `${clipVersionDir(base, clipId, version)}captions-${aspectFileStem(aspect)}.ass`,
    /** The clip's folder: everything of the clip, every version, lives under it. */
    clipDir: (clipId: string) => `${base}clips/${clipId}/`,
    /** A marketer's edits, one record per version asked for (clipEditSchema); the highest is the one rendered. */
    clipEdits: (clipId: string) => `${base}clips/${clipId}/edits/`,
    clipEdit: (clipId: string, version: number) => `${base}clips/${clipId}/edits/v${version}.json`,
    /** Corrected captions uploaded with edit `version`. */
    clipEditCaptions: (clipId: string, version: number) => `${base}clips/${clipId}/edits/captions-v${version}.srt`,
    /** The clip's review verdict (clipReviewSchema). */
    clipReview: (clipId: string) => `${base}clips/${clipId}/review.json`,
    clipsPrefix: `${base}clips/`,
    topics: `${base}topics.json`,
    topicEvidence: `${base}topic-evidence.json`,
    /** The show review (复盘, showReviewSchema). */
    review: `${base}review.json`,
    /** The plan for the channel's next show, as of this show (showPlanSchema). */
    plan: `${base}plan.json`,
    catalog: `${base}catalog.json`,
    report: `${base}report.html`,
    claim: (runId: string, name: string) => `${base}claims/${runId}/${name}`,
    inputs: (name: string) => `${base}inputs/${name}.json`,
  };
}

export type ShowKeys = ReturnType<typeof showKeys>;
