/**
 * transcribe: one message per audio chunk. Captions, when given, are the transcript; otherwise the
 * configured engine transcribes the chunk. The last chunk to finish merges them, exactly once.
 */
import { InputError } from '../shared/core/errors.js';
import { formatSrt } from '../shared/core/inputs/index.js';
import { showKeys } from '../shared/core/keys.js';
import { mergeChunkSegments, type ChunkSegments } from '../shared/core/transcript/mergeChunks.js';
import { markReliability } from '../shared/core/transcript/reliability.js';
import type { Language, Segment, TranscriptEngine } from '../shared/core/types.js';
import { audioAnalysisSchema, segmentsSchema, transcriptChunkSchema, transcriptSchema, type StoredAudioAnalysis } from '../shared/pipeline/artifacts.js';
import { claimWhenAllDone } from '../shared/pipeline/claims.js';
import { manifestSchema, type Manifest } from '../shared/pipeline/manifest.js';
import type { StageContext } from '../shared/pipeline/ports.js';
import type { StageHandler } from '../shared/pipeline/stage.js';
import { readJson, tryReadJson, writeJson } from '../shared/pipeline/storageJson.js';
import path from 'node:path';

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
  const reused = done?.runId === manifest.runId;
  if (reused) {
    engine = done.engine;
    segments = done.segments;
  } else {
    ({ engine, segments } = await transcribeChunk(manifest, analysis, chunk, context));
    await writeJson(storage, keys.transcriptChunk(message.chunk), transcriptChunkSchema, { runId: manifest.runId, chunk: message.chunk, engine, segments });
  }

  const merged = await mergeWhenComplete(message.showId, manifest, analysis, message.chunk, transcriber.engine, context);
  return {
    next: merged ? [{ stage: 'analyze', showId: message.showId }] : [],
    summary: { engine, segments: segments.length, reused },
  };
};

/** Captions when the show has them; else the configured engine when it covers the language; else nothing. */
async function transcribeChunk(
  manifest: Manifest,
  analysis: StoredAudioAnalysis,
  chunk: StoredAudioAnalysis['chunks'][number],
  { storage, transcriber, media, workDir, signal }: StageContext,
): Promise<{ engine: TranscriptEngine; segments: readonly Segment[] }> {
  if (manifest.transcriptionSource === 'captions' && manifest.inputs.captions) {
    return { engine: 'captions', segments: await readJson(storage, manifest.inputs.captions.key, segmentsSchema) };
  }
  if (analysis.speechKey && transcriber.supports(manifest.language)) {
    // The engine hears the chunk with its overlap; the merge keeps only what this chunk owns.
    const chunkPath = path.join(workDir, `chunk-${chunk.index}.wav`);
    await media.extractAudio(await storage.readLocation(analysis.speechKey), { start: chunk.extractStart, end: chunk.extractEnd, outPath: chunkPath, signal });
    return transcriber.transcribe({
      location: chunkPath,
      offset: chunk.extractStart,
      duration: chunk.extractEnd - chunk.extractStart,
      language: manifest.language,
      silences: analysis.silences.filter((s) => s.end > chunk.extractStart && s.start < chunk.extractEnd),
      signal,
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
  const parts = await claimWhenAllDone(
    storage,
    { items: analysis.chunks, claimKey: keys.claim(runId, 'transcript'), owner: `chunk-${chunk}` },
    async (plan) => {
      const stored = await tryReadJson(storage, keys.transcriptChunk(plan.index), transcriptChunkSchema);
      return stored?.runId === runId ? { plan, transcript: stored } : undefined;
    },
  );
  if (!parts) return false;

  const engine = parts[0]?.transcript.engine ?? 'none';
  const segments = mergeJudged(parts.map(({ plan, transcript }) => ({ owned: { start: plan.start, end: plan.end }, ...transcript })), language);
  const note =
    engine === 'none'
      ? `no offline speech recognition for ${language === 'zh' ? 'Chinese' : language} (${configuredEngine} handles English only): pass captions, or configure a transcription provider; highlights use audio, chat and metrics`
      : undefined;
  await writeJson(storage, keys.transcript, transcriptSchema, { engine, language, segments, ...(note ? { note } : {}) });
  await storage.put(keys.transcriptSrt, formatSrt(segments));
  return true;
}

/**
 * Merges the chunks and marks what may be quoted. Each chunk is judged by the engine that heard it (a
 * paid engine may fall back to an offline one mid-show), after the merge kept only what it owns, so a
 * segment cut at a seam is judged on the words it kept.
 */
function mergeJudged(chunks: readonly (ChunkSegments & { engine: TranscriptEngine })[], language: Language): Segment[] {
  return chunks
    .flatMap((chunk, index) => {
      // The other chunks stay in the plan with no segments, so the merge still knows which chunk is last.
      const alone = chunks.map((other, otherIndex) => ({ owned: other.owned, segments: otherIndex === index ? chunk.segments : [] }));
      return markReliability(mergeChunkSegments(alone, language), chunk.engine);
    })
    .sort((a, b) => a.start - b.start || a.end - b.end);
}
