/**
 * audio: one ffmpeg decode pass over the recording. Writes 16 kHz mono chunks for ASR, per-second
 * loudness and silence intervals, then fans out one transcribe message per chunk.
 */
import { MediaError } from '../shared/core/errors.js';
import { showKeys } from '../shared/core/keys.js';
import { audioAnalysisSchema, type StoredAudioAnalysis } from '../shared/pipeline/artifacts.js';
import { manifestSchema } from '../shared/pipeline/manifest.js';
import type { StageHandler } from '../shared/pipeline/stage.js';
import { readJson, writeJson } from '../shared/pipeline/storageJson.js';

/** Decoding less than this share of the probed duration means the file is truncated. */
const MIN_DECODED_SHARE = 0.9;

export const audio: StageHandler<'audio'> = async (message, { storage, media, transcriber, workDir, onProgress }) => {
  const keys = showKeys(message.showId);
  const manifest = await readJson(storage, keys.manifest, manifestSchema);
  const duration = manifest.media.duration;
  // Chunks are only written when an ASR engine will read them; captions make them unnecessary.
  const useAsr = manifest.transcriptionSource === 'asr' && transcriber.supports(manifest.language);
  const result = await media.analyzeAudio(await storage.readLocation(manifest.recordingKey), {
    outDir: workDir,
    chunkSeconds: manifest.options.chunkSeconds,
    duration,
    writeChunks: useAsr,
    ...(onProgress ? { onProgress } : {}),
  });
  if (result.decodedSeconds < duration * MIN_DECODED_SHARE - 1) {
    throw new MediaError(
      `recording ${manifest.sourceName} appears truncated: its audio decodes to ${result.decodedSeconds.toFixed(1)} s of the ${duration.toFixed(1)} s its header claims`,
      { permanent: true },
    );
  }

  const chunks: StoredAudioAnalysis['chunks'] = [];
  for (const chunk of result.chunks) {
    const key = keys.audioChunk(chunk.index);
    await storage.putFile(key, chunk.path);
    chunks.push({ index: chunk.index, start: chunk.start, end: chunk.end, key });
  }
  if (chunks.length === 0) chunks.push({ index: 0, start: 0, end: result.decodedSeconds });

  const analysis: StoredAudioAnalysis = {
    runId: manifest.runId,
    duration: Math.min(duration, result.decodedSeconds) || duration,
    loudness: result.loudness.map((value) => Math.round(value * 100) / 100),
    silences: result.silences.map((s) => ({ start: round(s.start), end: round(s.end) })),
    integratedLufs: result.integratedLufs,
    chunks,
  };
  await writeJson(storage, keys.audioAnalysis, audioAnalysisSchema.parse(analysis));
  return {
    next: chunks.map((chunk) => ({ stage: 'transcribe' as const, showId: message.showId, chunk: chunk.index })),
    summary: { chunks: chunks.length, integratedLufs: result.integratedLufs, silences: result.silences.length },
  };
};

const round = (value: number): number => Math.round(value * 1000) / 1000;
