/**
 * transcribe: one message per audio chunk. Captions, when given, are the transcript; otherwise the
 * configured engine transcribes the chunk. The last chunk to finish merges them, exactly once.
 */
import { InputError } from '../shared/core/errors.js';
import { formatSrt } from '../shared/core/inputs/index.js';
import { showKeys } from '../shared/core/keys.js';
import { mergeChunkSegments } from '../shared/core/transcript/mergeChunks.js';
import type { Segment, TranscriptEngine } from '../shared/core/types.js';
import { audioAnalysisSchema, segmentsSchema, transcriptChunkSchema, transcriptSchema, type StoredAudioAnalysis } from '../shared/pipeline/artifacts.js';
import { claimFanIn } from '../shared/pipeline/claims.js';
import { manifestSchema, type Manifest } from '../shared/pipeline/manifest.js';
import type { StageContext } from '../shared/pipeline/ports.js';
import type { StageHandler } from '../shared/pipeline/stage.js';
import { readJson, tryReadJson, writeJson } from '../shared/pipeline/storageJson.js';
import path from 'node:path';
import type { z } from 'zod';

export const transcribe: StageHandler<'transcribe'> = async (message, context) => {
  const { storage, transcriber } = context;
  const keys = showKeys(message.showId);
  const manifest = await readJson(storage, keys.manifest, manifestSchema);
  const analysis = await readJson(storage, keys.audioAnalysis, audioAnalysisSchema);
  const chunk = analysis.chunks.find((candidate) => candidate.index === message.chunk);
  if (!chunk) throw new InputError(`chunk ${message.chunk} is not part of show ${message.showId}`);

  // A redelivered message finds its chunk already transcribed in this run: ASR is the expensive
  // step (and a paid one with remote providers), so it is never repeated for the same run.
  const done = await tryReadJson(storage, keys.transcriptChunk(message.chunk), transcriptChunkSchema).catch(() => undefined);
  let engine: TranscriptEngine;
  let segments: readonly Segment[];
  if (done?.runId === manifest.runId) {
    engine = done.engine;
    segments = done.segments;
  } else {
    ({ engine, segments } = await transcribeChunk(manifest, analysis, chunk, context));
    await writeJson(storage, keys.transcriptChunk(message.chunk), transcriptChunkSchema, { runId: manifest.runId, chunk: message.chunk, engine, segments });
  }

  const merged = await mergeWhenComplete(message.showId, manifest, analysis, message.chunk, transcriber.engine, context);
  return {
    next: merged ? [{ stage: 'analyze', showId: message.showId }] : [],
    summary: { engine, segments: segments.length },
  };
};

type ChunkTranscript = z.infer<typeof transcriptChunkSchema>;

/** Captions when the show has them; else the configured engine when it covers the language; else nothing. */
async function transcribeChunk(
  manifest: Manifest,
  analysis: StoredAudioAnalysis,
  chunk: StoredAudioAnalysis['chunks'][number],
  { storage, transcriber, media, workDir }: StageContext,
): Promise<{ engine: TranscriptEngine; segments: readonly Segment[] }> {
  if (manifest.transcriptionSource === 'captions' && manifest.inputs.captions) {
    return { engine: 'captions', segments: await readJson(storage, manifest.inputs.captions.key, segmentsSchema) };
  }
  if (analysis.speechKey && transcriber.supports(manifest.language)) {
    // The engine hears the chunk with its overlap; the merge keeps only what this chunk owns.
    const chunkPath = path.join(workDir, `chunk-${chunk.index}.wav`);
    await media.extractAudio(await storage.readLocation(analysis.speechKey), { start: chunk.extractStart, end: chunk.extractEnd, outPath: chunkPath });
    return transcriber.transcribe({
      location: chunkPath,
      offset: chunk.extractStart,
      duration: chunk.extractEnd - chunk.extractStart,
      language: manifest.language,
      silences: analysis.silences.filter((s) => s.end > chunk.extractStart && s.start < chunk.extractEnd),
    });
  }
  return { engine: 'none', segments: [] };
}

/** Fan-in: when every chunk of this run is written, the claim owner merges them into transcript.json. */
async function mergeWhenComplete(
  showId: Parameters<typeof showKeys>[0],
  manifest: Manifest,
  analysis: StoredAudioAnalysis,
  chunk: number,
  configuredEngine: TranscriptEngine,
  { storage }: StageContext,
): Promise<boolean> {
  const keys = showKeys(showId);
  const { runId, language } = manifest;
  const parts: { plan: StoredAudioAnalysis['chunks'][number]; transcript: ChunkTranscript }[] = [];
  for (const plan of analysis.chunks) {
    const stored = await tryReadJson(storage, keys.transcriptChunk(plan.index), transcriptChunkSchema);
    if (!stored || stored.runId !== runId) return false;
    parts.push({ plan, transcript: stored });
  }
  if (!(await claimFanIn(storage, keys.claim(runId, 'transcript'), `chunk-${chunk}`))) return false;

  const segments = mergeChunkSegments(
    parts.map(({ plan, transcript }) => ({ owned: { start: plan.start, end: plan.end }, segments: transcript.segments })),
    language,
  );
  const engine = parts[0]?.transcript.engine ?? 'none';
  const note =
    engine === 'none'
      ? `no offline speech recognition for ${language === 'zh' ? 'Chinese' : language} (${configuredEngine} handles English only): pass captions, or configure a transcription provider; highlights use audio, chat and metrics`
      : undefined;
  await writeJson(storage, keys.transcript, transcriptSchema, { engine, language, segments, ...(note ? { note } : {}) });
  await storage.put(keys.transcriptSrt, formatSrt(segments));
  return true;
}
