/**
 * audio: one ffmpeg decode pass over the recording. Writes per-second loudness and silence
 * intervals, and, when an ASR engine will run, the 16 kHz mono track it reads; then plans the
 * transcription chunks (boundaries in silences, overlapping seams) and fans out one message each.
 * When the recording has video, a second ffmpeg reads its intra frames (every other keyframe of a long,
 * large one) at the same time, and the scene changes it finds are stored with the audio measurements
 * (a highlight signal).
 */
import path from 'node:path';
import { isPermanent, MediaError, reasonOf } from '../shared/core/errors.js';
import { showKeys, type ShowId } from '../shared/core/keys.js';
import type { Language } from '../shared/core/types.js';
import { planChunks } from '../shared/core/transcript/chunkPlan.js';
import { audioAnalysisSchema, type StoredAudioAnalysis } from '../shared/pipeline/artifacts.js';
import { manifestSchema, type Manifest } from '../shared/pipeline/manifest.js';
import type { StageContext } from '../shared/pipeline/ports.js';
import type { StageHandler, StageResult } from '../shared/pipeline/stage.js';
import { readJson, tryReadJson, writeJson } from '../shared/pipeline/storageJson.js';

/** Decoding less than this share of the probed duration means the file is truncated. */
const MIN_DECODED_SHARE = 0.9;
/** Audio added on each side of a chunk so words at a seam are heard whole (engines with word timings), seconds. */
export const CHUNK_OVERLAP_SECONDS = 3;

export const audio: StageHandler<'audio'> = async (message, { storage, media, transcriber, workDir, onProgress, logger, signal }) => {
  const keys = showKeys(message.showId);
  const manifest = await readJson(storage, keys.manifest, manifestSchema);
  // The analysis is the stage's last write: a redelivered or duplicated message of this run re-sends
  // from it instead of decoding the whole recording again (minutes on a long show).
  const done = await tryReadJson(storage, keys.audioAnalysis, audioAnalysisSchema).catch(() => undefined);
  if (done?.runId === manifest.runId) {
    const reused: StageResult = {
      next: done.chunks.map((chunk) => ({ stage: 'transcribe' as const, showId: message.showId, chunk: chunk.index })),
      summary: { chunks: done.chunks.length, language: manifest.language, integratedLufs: done.integratedLufs, silences: done.silences.length, sceneChanges: done.sceneChanges.length, reused: true },
    };
    return reused;
  }
  const probed = manifest.media.duration;
  // The speech track is only written when an ASR engine will read it; captions make it unnecessary.
  const useAsr = manifest.transcriptionSource === 'asr' && transcriber.supports(manifest.language);
  const speechPath = useAsr ? path.join(workDir, 'speech.wav') : undefined;
  const location = await storage.readLocation(manifest.recordingKey);
  // Two processes on two cores: the single-threaded intra-frame pass costs less than a bare audio
  // decode (0.7-0.9x on 10 min of 320x180 H.264) and a third of analyzeAudio, so beside it it adds
  // almost nothing to the stage's time. Both are awaited before anything is thrown, so no ffmpeg
  // outlives the stage and its work directory.
  const [audioPass, scenePass] = await Promise.allSettled([
    media.analyzeAudio(location, { duration: probed, speechPath, onProgress, signal }),
    manifest.media.video ? media.detectSceneChanges(location, { duration: probed, frame: manifest.media.video, signal }) : Promise.resolve([]),
  ]);
  if (audioPass.status === 'rejected') throw audioPass.reason;
  const result = audioPass.value;
  if (result.decodedSeconds < probed * MIN_DECODED_SHARE - 1) {
    throw new MediaError(
      `recording ${manifest.sourceName} appears truncated: its audio decodes to ${result.decodedSeconds.toFixed(1)} s of the ${probed.toFixed(1)} s its header claims`,
      { permanent: true },
    );
  }
  // Only after the audio checks: a broken recording is reported by what is wrong with its audio.
  const sceneChanges = sceneChangesOrNone(scenePass, manifest.sourceName, logger);
  const duration = Math.min(probed, result.decodedSeconds) || probed;
  const silences = result.silences.map((s) => ({ start: round(s.start), end: round(s.end) }));

  if (speechPath) await storage.putFile(keys.speechAudio, speechPath);
  const language = speechPath ? await detectShowLanguage(manifest, speechPath, duration, silences, { storage, media, transcriber, workDir, signal }) : manifest.language;
  const chunks: StoredAudioAnalysis['chunks'] = useAsr
    ? planChunks(duration, silences, {
        chunkSeconds: manifest.options.chunkSeconds,
        overlapSeconds: transcriber.wordTimings ? CHUNK_OVERLAP_SECONDS : 0,
      })
    : [{ index: 0, start: 0, end: duration, extractStart: 0, extractEnd: duration }];

  const analysis: StoredAudioAnalysis = {
    runId: manifest.runId,
    duration,
    loudness: result.loudness.map((value) => Math.round(value * 100) / 100),
    silences,
    integratedLufs: result.integratedLufs,
    ...(speechPath ? { speechKey: keys.speechAudio } : {}),
    chunks,
    sceneChanges: sceneChanges.filter((t) => t < duration),
  };
  await writeJson(storage, keys.audioAnalysis, audioAnalysisSchema, analysis);
  return {
    next: chunks.map((chunk) => ({ stage: 'transcribe' as const, showId: message.showId, chunk: chunk.index })),
    summary: { chunks: chunks.length, language, integratedLufs: result.integratedLufs, silences: silences.length, sceneChanges: sceneChanges.length },
  };
};

/**
 * Scene changes are one highlight signal among several, not worth losing the show for: when the
 * video track cannot be decoded (a permanent error) but the audio could, the show goes on without
 * them and a warning says why. Any other failure (a read that may succeed next time) fails the stage
 * so it is retried, like every other media error.
 */
function sceneChangesOrNone(pass: PromiseSettledResult<number[]>, sourceName: string, logger: StageContext['logger']): number[] {
  if (pass.status === 'fulfilled') return pass.value;
  if (!isPermanent(pass.reason)) throw pass.reason;
  logger.warn('scene changes left out: the video track could not be decoded', { recording: sourceName, reason: reasonOf(pass.reason) });
  return [];
}

/** Seconds of speech a multilingual engine hears to tell the show's language. */
const LANGUAGE_PROBE_SECONDS = 30;

/**
 * With no captions, chat or --lang, the language was a default: a multilingual engine listens to
 * an excerpt and the manifest records what it heard (`languageSource: 'audio'`).
 */
async function detectShowLanguage(
  manifest: Manifest,
  speechPath: string,
  duration: number,
  silences: readonly { start: number; end: number }[],
  { storage, media, transcriber, workDir, signal }: Pick<StageContext, 'storage' | 'media' | 'transcriber' | 'workDir' | 'signal'>,
): Promise<Language> {
  if (manifest.languageSource !== 'default' || !transcriber.detectLanguage || !(transcriber.supports('en') && transcriber.supports('zh'))) {
    return manifest.language;
  }
  // Start where the first silence ends: shows often open with music or a countdown.
  const start = Math.min(silences.find((s) => s.start < 1)?.end ?? 0, Math.max(0, duration - LANGUAGE_PROBE_SECONDS));
  const excerpt = path.join(workDir, 'language-probe.wav');
  await media.extractAudio(speechPath, { start, end: Math.min(duration, start + LANGUAGE_PROBE_SECONDS), outPath: excerpt, signal });
  const heard = await transcriber.detectLanguage(excerpt, { signal });
  if (!heard) return manifest.language;
  await writeJson(storage, showKeys(manifest.showId as ShowId).manifest, manifestSchema, { ...manifest, language: heard, languageSource: 'audio' });
  return heard;
}

const round = (value: number): number => Math.round(value * 1000) / 1000;
