/**
 * Reads one labelled show from disk (the format is documented in docs/labelled-shows.md): its labels, and
 * the evidence the detector needs, either from precomputed `signals.json` or measured from `recording.*`
 * with the same ffmpeg adapter the pipeline uses. Imperative shell for the evaluation harness.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { InputError } from '../../shared/core/errors.js';
import { parseLabels, type Decoy, type HighlightLabel } from '../../shared/core/evaluation/index.js';
import type { ShowEvidence } from '../../shared/core/highlights/index.js';
import { parseCaptions, parseChatLog, parseMetricsCsv, parseProducts } from '../../shared/core/inputs/index.js';
import { detectLanguage } from '../../shared/core/text/language.js';
import type { Language, Segment } from '../../shared/core/types.js';
import type { Media, Transcriber } from '../../shared/pipeline/ports.js';
import { sideInputKind, type SideInputKind } from '../../shared/pipeline/sideInputs.js';

/** `show.json`: everything optional; the folder name is the id, the language is detected when absent. */
const showFileSchema = z
  .object({ id: z.string().min(1).optional(), language: z.enum(['en', 'zh']).optional(), duration: z.number().positive().optional() })
  .passthrough();

/** `signals.json`: what the audio stage measures (per-second loudness, silences) plus scene cuts. */
export const signalsFileSchema = z.object({
  duration: z.number().positive(),
  integratedLufs: z.number(),
  loudness: z.array(z.number()),
  silences: z.array(z.object({ start: z.number(), end: z.number() })).default([]),
  sceneChanges: z.array(z.number()).default([]),
});

/** `truth.json` of generated shows: only the unlabelled spans are read (what a clip should not land on). */
const decoySchema = z.object({ start: z.number(), end: z.number(), kind: z.string().min(1) });
export const truthFileSchema = z
  .object({ distractors: z.array(decoySchema.passthrough()).default([]), confounders: z.array(decoySchema.passthrough()).default([]) })
  .passthrough();

/** `transcript.json`: postshow's transcript artifact, or just its segments. */
const transcriptFileSchema = z.union([
  z.object({ segments: z.array(z.object({ start: z.number(), end: z.number(), text: z.string() })) }),
  z.array(z.object({ start: z.number(), end: z.number(), text: z.string() })),
]);

const RECORDING = /^recording\.(mp4|mkv|mov|flv|ts|webm|m4a|mp3|wav|aac|ogg|opus)$/i;

export interface LabelledShow {
  readonly name: string;
  readonly labels: readonly HighlightLabel[];
  readonly evidence: ShowEvidence;
  /** Where loudness and scene cuts came from. */
  readonly measuredFrom: 'signals' | 'recording';
  /** Where the transcript came from. */
  readonly transcriptFrom: 'captions' | 'transcript' | 'asr' | 'none';
  /** Skipped input lines and similar, one readable line each. */
  readonly notes: readonly string[];
  /** Unlabelled spans from truth.json (generated shows), scored as "in the top K"; empty without truth.json. */
  readonly decoys: { readonly distractors: readonly Decoy[]; readonly confounders: readonly Decoy[] };
}

/** Engines for shows given as recordings: the pipeline's own adapters. */
export interface MeasurementTools {
  readonly media: Media;
  /** Used only for recordings without captions or transcript. */
  readonly transcriber?: Transcriber;
}

/** Show folders of a set: every sub-folder holding a labels.json, or the folder itself when it holds one. */
export async function listLabelledShows(setDir: string): Promise<string[]> {
  if (!existsSync(setDir)) throw new InputError(`labelled set not found: ${setDir}`);
  if (existsSync(path.join(setDir, 'labels.json'))) return [setDir];
  const entries = await readdir(setDir, { withFileTypes: true });
  const shows = entries
    .filter((entry) => entry.isDirectory() && existsSync(path.join(setDir, entry.name, 'labels.json')))
    .map((entry) => path.join(setDir, entry.name))
    .sort();
  if (shows.length === 0) throw new InputError(`no labelled shows in ${setDir}: expected sub-folders with a labels.json`);
  return shows;
}

/** Loads one show folder. Throws InputError naming the folder and file when something required is missing or invalid. */
export async function loadLabelledShow(dir: string, tools: MeasurementTools): Promise<LabelledShow> {
  const name = path.basename(dir);
  const files = await readdir(dir);
  const find = (pattern: RegExp) => files.find((file) => pattern.test(file));
  // Side inputs are named as beside a recording in the pipeline (chat.jsonl, captions.srt, ...), in any case.
  const sideInput = (kind: SideInputKind) => files.find((file) => sideInputKind(file.toLowerCase()) === kind);
  const readText = (file: string) => readFile(path.join(dir, file), 'utf8');
  const readJsonFile = async (file: string): Promise<unknown> => {
    try {
      return JSON.parse(await readText(file));
    } catch (error) {
      throw new InputError(`${name}/${file} is not valid JSON: ${(error as Error).message}`, { cause: error });
    }
  };
  const notes: string[] = [];

  const labels = parseLabels(await readJsonFile('labels.json'), name);
  const show = files.includes('show.json') ? parsed(showFileSchema, await readJsonFile('show.json'), `${name}/show.json`) : {};

  const chatFile = sideInput('chat');
  const chatLog = chatFile ? parseChatLog(await readText(chatFile), chatFile) : undefined;
  if (chatLog && chatLog.report.skipped > 0) notes.push(`${chatFile}: ${chatLog.report.skipped} lines skipped`);
  const metricsText = files.includes('metrics.csv') ? await readText('metrics.csv') : undefined;
  const metrics = metricsText === undefined ? undefined : parseMetricsCsv(metricsText, 'metrics.csv');
  const products = files.includes('products.json') ? parseProducts(await readText('products.json'), 'products.json') : [];
  const truth = files.includes('truth.json') ? parsed(truthFileSchema, await readJsonFile('truth.json'), `${name}/truth.json`) : undefined;
  const decoys = decoysOf(truth);

  let segments: Segment[] = [];
  let transcriptFrom: LabelledShow['transcriptFrom'] = 'none';
  const captionsFile = sideInput('captions');
  if (captionsFile) {
    segments = parseCaptions(await readText(captionsFile), captionsFile);
    transcriptFrom = 'captions';
  } else if (files.includes('transcript.json')) {
    const transcript = parsed(transcriptFileSchema, await readJsonFile('transcript.json'), `${name}/transcript.json`);
    segments = Array.isArray(transcript) ? transcript : transcript.segments;
    transcriptFrom = 'transcript';
  }
  const texts = [...segments.map((s) => s.text), ...(chatLog?.messages.map((m) => m.text) ?? [])];
  const language: Language = show.language ?? detectLanguage(texts);

  const recording = find(RECORDING);
  const base = {
    showId: show.id ?? name,
    language,
    segments,
    chat: chatLog?.messages ?? [],
    metrics: metrics?.points ?? [],
    products,
  };
  if (files.includes('signals.json')) {
    const signals = parsed(signalsFileSchema, await readJsonFile('signals.json'), `${name}/signals.json`);
    const evidence: ShowEvidence = {
      ...base,
      duration: signals.duration,
      audio: { duration: signals.duration, loudness: signals.loudness, silences: signals.silences, integratedLufs: signals.integratedLufs },
      sceneChanges: signals.sceneChanges,
    };
    return { name, labels, evidence, measuredFrom: 'signals', transcriptFrom, notes, decoys };
  }
  if (!recording) throw new InputError(`${name} has neither signals.json nor a recording.<ext> to measure`);

  const measured = await measureRecording(path.join(dir, recording), recording, tools, transcriptFrom === 'none' ? language : undefined);
  if (measured.segments) {
    segments = measured.segments;
    transcriptFrom = 'asr';
  } else if (transcriptFrom === 'none') {
    notes.push(`no captions or transcript, and ${tools.transcriber ? `${tools.transcriber.engine} cannot transcribe ${language}` : 'no transcriber'}`);
  }
  const evidence: ShowEvidence = { ...base, segments, duration: measured.duration, audio: measured.audio, sceneChanges: measured.sceneChanges };
  return { name, labels, evidence, measuredFrom: 'recording', transcriptFrom, notes, decoys };
}

/** Measures a recording with the pipeline's media adapter; transcribes it when `transcribeIn` is given and supported. */
async function measureRecording(file: string, displayName: string, tools: MeasurementTools, transcribeIn: Language | undefined) {
  const info = await tools.media.probe(file, displayName);
  const transcriber = transcribeIn && tools.transcriber?.supports(transcribeIn) ? tools.transcriber : undefined;
  const workDir = transcriber ? await mkdtemp(path.join(os.tmpdir(), 'postshow-eval-')) : undefined;
  try {
    const speechPath = workDir ? path.join(workDir, 'speech.wav') : undefined;
    const [audio, sceneChanges] = await Promise.all([
      tools.media.analyzeAudio(file, { duration: info.duration, ...(speechPath ? { speechPath } : {}) }),
      info.video ? tools.media.detectSceneChanges(file, { duration: info.duration, frame: info.video }) : Promise.resolve([]),
    ]);
    const duration = Math.min(info.duration, audio.decodedSeconds) || info.duration;
    let segments: Segment[] | undefined;
    if (transcriber && speechPath && transcribeIn) {
      const transcript = await transcriber.transcribe({ location: speechPath, offset: 0, duration, language: transcribeIn, silences: audio.silences });
      segments = transcript.segments;
    }
    return {
      duration,
      audio: { duration, loudness: audio.loudness, silences: audio.silences, integratedLufs: audio.integratedLufs },
      sceneChanges,
      segments,
    };
  } finally {
    if (workDir) await rm(workDir, { recursive: true, force: true });
  }
}

/** The unlabelled spans of a show's truth.json, as scored in the top K (none without one). */
export function decoysOf(truth: z.infer<typeof truthFileSchema> | undefined): LabelledShow['decoys'] {
  const asDecoys = (list: readonly Decoy[] = []): Decoy[] => list.map(({ start, end, kind }) => ({ start, end, kind }));
  return { distractors: asDecoys(truth?.distractors), confounders: asDecoys(truth?.confounders) };
}

/** `value` parsed with `schema`, or an InputError naming the file and the first offending field. */
export function parsed<T extends z.ZodType>(schema: T, value: unknown, where: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new InputError(`${where} is invalid at [${issue?.path.join('.') ?? ''}]: ${issue?.message ?? 'unknown error'}`, { cause: result.error });
}
