/**
 * clip: one message per highlight. Renders every requested shape (default: the source's and 9:16) from one
 * decode of the clip's span (trimmed when asked), each reframed (planReframe) and with the captions the
 * engine was sure of burned in its caption style; makes a JPEG thumbnail, and writes meta.json last:
 * meta.json is the clip's completion marker, so a clip without it never claims success.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildClipCaptions, CAPTION_STYLE_PRESETS, captionStyleFromFile } from '../shared/core/captions/index.js';
import { toClipTime, wholeSpan, type ClipTimeline } from '../shared/core/clips/clipTimeline.js';
import { copyComplianceFlags, defaultAspects, NOMINAL_VARIANT_SIZES, planTrim, showClipCopy, variantFit } from '../shared/core/clips/index.js';
import { trackOnTimeline, type ReframePlan } from '../shared/core/reframe/index.js';
import { clipCompliance, DEFAULT_CLAIM_RULES } from '../shared/core/compliance/index.js';
import { InputError } from '../shared/core/errors.js';
import { aspectFileStem, CLIP_FILE_NAMES, showKeys, type ClipFileName, type ShowId, type ShowKeys } from '../shared/core/keys.js';
import { parseCaptions } from '../shared/core/inputs/captions.js';
import type { ClipChanges, ClipEdit } from '../shared/core/schemas/clipEdit.js';
import { latestEdit } from '../shared/pipeline/clipEdits.js';
import type { Highlight, Segment, TimeRange } from '../shared/core/types.js';
import { speechMaterial } from '../shared/core/highlights/highlightMaterial.js';
import { markReliability } from '../shared/core/transcript/reliability.js';
import { keywords } from '../shared/core/text/index.js';
import { analysisSchema, audioAnalysisSchema, claimRulesSchema, clipMetaSchema, highlightsFileSchema, transcriptSchema, type ClipMeta } from '../shared/pipeline/artifacts.js';
import type { Transcript } from '../shared/core/schemas/transcript.js';
import { writeClipCopy, type ClipCopyContext } from '../shared/pipeline/assist/clipCopyTask.js';
import { claimWhenAllDone } from '../shared/pipeline/claims.js';
import { manifestSchema, type Manifest } from '../shared/pipeline/manifest.js';
import { planReframe } from '../shared/pipeline/planReframe.js';
import type { ReframeInstruction, RenderVariantRequest, StageContext } from '../shared/pipeline/ports.js';
import { orderedVariants, type Aspect, type ClipVariant, type TrimKind } from '../shared/core/schemas/clipRender.js';
import type { StageHandler } from '../shared/pipeline/stage.js';
import { readJson, tryReadJson, writeJson } from '../shared/pipeline/storageJson.js';

export const clip: StageHandler<'clip'> = async (message, context) => {
  const { storage } = context;
  const keys = showKeys(message.showId);
  const manifest = await readJson(storage, keys.manifest, manifestSchema);
  const { highlights } = await readJson(storage, keys.highlights, highlightsFileSchema);
  const highlight = highlights.find((candidate) => candidate.id === message.clipId);
  if (!highlight) throw new InputError(`clip ${message.clipId} is not a highlight of show ${message.showId}`);

  // An edit of this run (clip edit) is rendered as the version it asks for; an older run's edit no longer applies.
  const stored = await latestEdit(storage, message.showId, highlight.id);
  const edit = stored?.runId === manifest.runId ? stored : undefined;
  const version = edit?.version ?? 1;
  const existing = await tryReadJson(storage, keys.clipMeta(highlight.id), clipMetaSchema);
  const reused = existing?.runId === manifest.runId && existing.version === version;
  if (!reused) await makeClip(message.showId, manifest, highlights, highlight, edit, existing?.runId === manifest.runId ? existing : undefined, context);
  // An edit's render refreshes the catalog (and through it the report); the run's own fan-in is long done.
  if (message.version !== undefined) return { next: [{ stage: 'catalog', showId: message.showId }], summary: { reused, version } };

  // Fan-in: the last clip of this run to finish claims the next step.
  const claimed = await claimWhenAllDone(
    storage,
    { items: highlights, claimKey: keys.claim(manifest.runId, 'clips'), owner: highlight.id },
    async (other) => {
      const meta = await tryReadJson(storage, keys.clipMeta(other.id), clipMetaSchema);
      return meta?.runId === manifest.runId ? meta : undefined;
    },
  );
  return { next: claimed ? [{ stage: 'suggest', showId: message.showId }] : [], summary: { reused, version } };
};

/**
 * Renders the clip's variants (the highlight with the edit's changes laid over it), stores its files, then
 * writes its meta.json. An edited version's files go to their own folder, so the meta.json readers hold keeps
 * pointing at whole files until the new one replaces it; the files it no longer names are removed after.
 */
async function makeClip(
  showId: ShowId,
  manifest: Manifest,
  highlights: readonly Highlight[],
  highlight: Highlight,
  edit: ClipEdit | undefined,
  previous: ClipMeta | undefined,
  context: StageContext,
): Promise<void> {
  const { storage, media, images, workDir, languageModel, logger, signal } = context;
  const keys = showKeys(showId);
  const changes = edit?.changes ?? {};
  const version = edit?.version ?? 1;
  const options = { ...manifest.options, ...definedOnly({ aspects: changes.aspects, reframe: changes.reframe, trim: changes.trim, captionStyle: changes.captionStyle }) };
  const window = { start: changes.start ?? highlight.start, end: changes.end ?? highlight.end };
  const peak = Math.min(Math.max(highlight.peak, window.start), window.end);
  // Read once: captions, trimming and the copy all work from the show's transcript.
  const showTranscript = await readJson(storage, keys.transcript, transcriptSchema);
  const transcript = await captionSource(storage, showTranscript, changes, window.start);
  const analysis = await readJson(storage, keys.analysis, analysisSchema);
  const source = manifest.media.video ? { width: manifest.media.video.width, height: manifest.media.video.height } : undefined;
  const aspects = orderedVariants((options.aspects ?? defaultAspects(source)).map((aspect) => ({ aspect }))).map((variant) => variant.aspect);
  const timeline = options.trim.length > 0 ? await trimmedTimeline(storage, keys, manifest, showTranscript, options.trim, window) : wholeSpan(window);
  const location = await storage.readLocation(manifest.recordingKey);
  const reframes = source
    ? await planReframe({ media, images, location, start: window.start, end: window.end, sourceWidth: source.width, sourceHeight: source.height, aspects, mode: options.reframe, signal })
    : new Map<Aspect, ReframePlan>();

  // Captions are laid out per shape (a narrow frame holds fewer characters a line); only cues the engine was
  // sure of are burned, and a clip whose speech is mostly unsure gets none. The SRT sidecar is the first shape's.
  const style = typeof options.captionStyle === 'string' ? CAPTION_STYLE_PRESETS[options.captionStyle] : captionStyleFromFile(options.captionStyle);
  const captionsOf = new Map(aspects.map((aspect) => [aspect, buildClipCaptions({ segments: transcript.segments, engine: transcript.engine, language: manifest.language, timeline, style, frame: NOMINAL_VARIANT_SIZES[aspect] })]));
  const lead = captionsOf.get(aspects[0]!)!;
  const local = (name: string): string => path.join(workDir, name);
  await writeFile(local(CLIP_FILE_NAMES.captions), lead.srt);
  const variants: RenderVariantRequest[] = [];
  const assPaths = new Map<Aspect, string>();
  for (const aspect of aspects) {
    const captions = captionsOf.get(aspect);
    const assPath = captions?.ass === undefined ? undefined : local(`captions-${aspectFileStem(aspect)}.ass`);
    if (assPath) {
      await writeFile(assPath, captions!.ass!);
      assPaths.set(aspect, assPath);
    }
    const reframe = reframeInstruction(reframes.get(aspect), timeline, window.start);
    // The shape of the recording itself is the clean master: its captions travel as a track, so its picture is the
    // recording's own (smart-cut, whole GOPs copied) and an editor or a platform can take it without burned text.
    const captionsAs = source && variantFit(aspect, source, reframe.mode) === 'none' ? ('track' as const) : ('burned' as const);
    // A track gets the shape's cues as plain SRT: mov_text would keep the ASS style's burn-in font size (92 px).
    let captionsPath = assPath;
    if (assPath && captionsAs === 'track') {
      captionsPath = local(`captions-${aspectFileStem(aspect)}.srt`);
      await writeFile(captionsPath, captions!.srt);
    }
    variants.push({ aspect, outPath: local(`${aspectFileStem(aspect)}.mp4`), reframe, captionsAs, ...(captionsPath ? { captionsPath } : {}) });
  }

  const frame = local('frame.png');
  const rendered = await media.renderClip({
    source: location,
    timeline,
    ...(source ? { sourceVideo: source } : {}),
    variants,
    thumbnail: { path: frame, at: toClipTime(timeline, peak), from: aspects[0] },
    signal,
  });
  const thumbnail = thumbnailSize(aspects[0]!);
  await images.thumbnail({ framePath: frame, outPath: local(CLIP_FILE_NAMES.thumbnail), ...thumbnail });

  const files = {} as Record<ClipFileName, string>;
  for (const role of Object.keys(CLIP_FILE_NAMES) as ClipFileName[]) {
    files[role] = keys.clipFile(highlight.id, role, version);
    await storage.putFile(files[role], local(CLIP_FILE_NAMES[role]));
  }
  const stored: ClipVariant[] = [];
  for (const variant of rendered.variants) {
    const file = keys.clipVariant(highlight.id, variant.aspect, version);
    await storage.putFile(file, variant.path);
    const assPath = assPaths.get(variant.aspect);
    const captions = assPath ? keys.clipCaptionsAss(highlight.id, variant.aspect, version) : undefined;
    if (captions && assPath) await storage.putFile(captions, assPath);
    stored.push({ aspect: variant.aspect, width: variant.width, height: variant.height, file, reframe: variant.reframe, ...(captions ? { captions, captionsAs: variant.captionsAs } : {}) });
  }

  // An edited window or a corrected transcript changes what may be quoted: the copy is built from the clip as
  // it now is. Our offline copy is rebuilt from that; a model's copy or the marketer's own is kept as it was.
  const moment = edit ? { ...highlight, ...window, ...speechMaterial(window, transcriptForCopy(transcript, showTranscript)) } : highlight;
  const context_ = await copyContext(storage, manifest, highlights.map((other) => (other.id === moment.id ? moment : other)), moment);
  const keepsCopy = edit !== undefined && previous !== undefined && previous.copyBy !== 'extractive';
  const written = keepsCopy
    ? { title: previous.title, description: previous.description, hashtags: [...previous.hashtags], writtenBy: previous.copyBy }
    : await writeClipCopy(moment, context_, edit ? undefined : languageModel, logger, signal);
  const copy = { ...written, ...definedOnly({ title: changes.title, description: changes.description, hashtags: changes.hashtags }) };
  const edited = changes.title !== undefined || changes.description !== undefined || changes.hashtags !== undefined || previous?.copyBy === 'edited';
  const meta: ClipMeta = {
    runId: manifest.runId,
    clipId: highlight.id,
    showId,
    rank: highlight.rank,
    start: window.start,
    end: window.end,
    duration: Math.round(rendered.duration * 1000) / 1000,
    ...(timeline.length > 1 || timeline[0]?.start !== window.start || timeline[0]?.end !== window.end ? { kept: timeline.map(({ start, end }) => ({ start, end })) } : {}),
    score: highlight.score,
    title: copy.title,
    description: copy.description,
    hashtags: [...copy.hashtags],
    copyBy: edited ? 'edited' : copy.writtenBy,
    products: [...highlight.products],
    language: manifest.language,
    reasons: [...highlight.signals],
    // A marketer's own copy is checked against the rules as ours is (flags placed at the clip's start).
    compliance: clipCompliance([...analysis.compliance, ...(edited ? copyComplianceFlags(copy, context_.rules).map((flag) => ({ ...flag, start: window.start, end: window.start })) : [])], window),
    files,
    variants: stored,
    captions: lead.state,
    transcriptEngine: transcript.engine,
    version,
    history: [...(edit?.history ?? [])],
  };
  await writeJson(storage, keys.clipMeta(highlight.id), clipMetaSchema, meta);
  if (version > 1) await removeStaleFiles(storage, keys, highlight.id, meta);
}

/** Drops the clip's files the new meta.json no longer names (earlier versions); the edit inputs and review stay. */
async function removeStaleFiles(storage: StageContext['storage'], keys: ShowKeys, clipId: string, meta: ClipMeta): Promise<void> {
  const kept = new Set<string>([
    keys.clipMeta(clipId),
    keys.clipReview(clipId),
    ...Object.values(meta.files),
    ...meta.variants.flatMap((variant) => [variant.file, ...(variant.captions ? [variant.captions] : [])]),
  ]);
  const edits = keys.clipEdits(clipId);
  for (const key of await storage.list(keys.clipDir(clipId))) {
    if (!kept.has(key) && !key.startsWith(edits)) await storage.delete(key);
  }
}

/**
 * The transcript captions are built from: the show's, or the corrected captions of an edit (timed from the
 * clip's start, trusted as the platform's captions are).
 */
async function captionSource(storage: StageContext['storage'], show: Transcript, changes: ClipChanges, clipStart: number): Promise<Pick<Transcript, 'segments' | 'engine'>> {
  if (changes.captions === undefined) return show;
  const text = (await storage.get(changes.captions)).toString('utf8');
  const segments = parseCaptions(text, 'edited captions').map((segment) => ({ ...segment, start: segment.start + clipStart, end: segment.end + clipStart }));
  return { engine: 'captions', segments };
}

/** The show's transcript for the copy: a clip's own corrected captions are its words, else the show's. */
function transcriptForCopy(captions: Pick<Transcript, 'segments' | 'engine'>, show: Transcript): readonly Segment[] {
  return captions.engine === 'captions' ? markReliability(captions.segments, 'captions') : show.segments;
}

/** The object without its undefined fields, so spreading it over defaults keeps them. */
function definedOnly<T extends Record<string, unknown>>(object: T): Partial<{ [K in keyof T]: Exclude<T[K], undefined> }> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as Partial<{ [K in keyof T]: Exclude<T[K], undefined> }>;
}

/** The thumbnail: half the nominal size of the shape it is taken from (540x960 for 9:16), small enough to embed. */
function thumbnailSize(aspect: Aspect): { width: number; height: number } {
  const nominal = NOMINAL_VARIANT_SIZES[aspect];
  return { width: nominal.width / 2, height: nominal.height / 2 };
}

/** What the renderer is told for a shape: a planned track carried onto the clip's timeline, or a fixed fill. */
function reframeInstruction(plan: ReframePlan | undefined, timeline: ClipTimeline, spanStart: number): ReframeInstruction {
  if (plan?.mode === 'subject') return { mode: 'subject', track: trackOnTimeline(plan.track, timeline, spanStart) };
  if (plan?.mode === 'blur' || plan?.mode === 'center') return { mode: plan.mode };
  // The source already has the shape (or has no picture): it is only scaled, whatever the mode says.
  return { mode: 'center' };
}

/**
 * The spans trimming keeps: long silences (the audio pass's) shortened and, with timed words, fillers cut.
 * Segments without word timings (sidecar captions) still protect their speech from silence cuts.
 */
async function trimmedTimeline(storage: StageContext['storage'], keys: ShowKeys, manifest: Manifest, transcript: Transcript, kinds: readonly TrimKind[], window: TimeRange): Promise<ClipTimeline> {
  const audio = await readJson(storage, keys.audioAnalysis, audioAnalysisSchema);
  const words = transcript.segments.flatMap((segment) => segment.words ?? [{ start: segment.start, end: segment.end, text: segment.text }]);
  return planTrim({ window, kinds, silences: audio.silences, words, language: manifest.language });
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
