/**
 * A real but uneventful recording to pair a chat log with: a grey 160x90 picture at 1 fps and a steady quiet tone,
 * rendered by ffmpeg (seconds for hours of show) and cached by duration, then measured by the pipeline's own media
 * adapter. The audio evidence is a real measurement of a flat show, so only the chat can make a highlight.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { AudioAnalysis } from '../../shared/core/types.js';
import type { Media } from '../../shared/pipeline/ports.js';

const execFileAsync = promisify(execFile);

/** One minute of grey picture; a show's recording loops it without re-encoding. */
const SEGMENT_SECONDS = 60;

/**
 * `<cacheDir>/flat-<seconds>s.mp4`, made when missing (whole seconds, so shows of one length share a file). The
 * picture is one encoded minute looped by stream copy; the audio is encoded whole (8 kHz mono, a 4-hour show in
 * about 20 s), because looped AAC leaves a gap at every join that silencedetect would report as a silence.
 */
export async function flatRecording(cacheDir: string, seconds: number, ffmpegPath = 'ffmpeg'): Promise<string> {
  const file = path.join(cacheDir, `flat-${seconds}s.mp4`);
  if (existsSync(file)) return file;
  await mkdir(cacheDir, { recursive: true });
  const picture = path.join(cacheDir, `flat-picture-${SEGMENT_SECONDS}s.mp4`);
  if (!existsSync(picture)) {
    await renderAtomically(ffmpegPath, picture, ['-f', 'lavfi', '-i', `color=c=gray:s=160x90:r=1:d=${SEGMENT_SECONDS}`, '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p']);
  }
  await renderAtomically(ffmpegPath, file, [
    '-stream_loop', '-1', '-i', picture,
    // A 220 Hz tone at about -40 LUFS: quiet and steady, yet above the silence threshold (-35 dB peak), so no silences.
    '-f', 'lavfi', '-i', `sine=frequency=220:sample_rate=8000:duration=${seconds},volume=-21dB`,
    '-map', '0:v', '-map', '1:a', '-t', String(seconds),
    '-c:v', 'copy', '-c:a', 'aac', '-b:a', '12k', '-ac', '1',
  ]);
  return file;
}

/** Written beside, then renamed: an interrupted render never leaves a truncated file in the cache. */
async function renderAtomically(ffmpegPath: string, file: string, args: readonly string[]): Promise<void> {
  const partial = `${file}.partial.mp4`;
  await execFileAsync(ffmpegPath, ['-hide_banner', '-loglevel', 'error', '-y', ...args, partial]);
  await rename(partial, file);
}

/** Loudness, silences and scene cuts of a recording, measured as the analyze stage measures them. */
export async function measureFlatRecording(media: Media, file: string): Promise<{ duration: number; audio: AudioAnalysis; sceneChanges: number[] }> {
  const info = await media.probe(file, path.basename(file));
  const [audio, sceneChanges] = await Promise.all([media.analyzeAudio(file, { duration: info.duration }), media.detectSceneChanges(file, { duration: info.duration })]);
  const duration = Math.min(info.duration, audio.decodedSeconds) || info.duration;
  return { duration, audio: { duration, loudness: audio.loudness, silences: audio.silences, integratedLufs: audio.integratedLufs }, sceneChanges };
}
