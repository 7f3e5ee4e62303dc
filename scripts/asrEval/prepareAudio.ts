/**
 * Brings evaluation audio to what the transcription engines are fed in the pipeline: 16 kHz mono 16-bit PCM WAV
 * (the analyze stage writes its ASR chunks that way). Files already in that form are used in place; others (mp3,
 * flac, 8/24/44.1/48 kHz, stereo, float PCM) are converted into a temporary folder.
 *
 * Imperative evaluation tooling (runs ffprobe/ffmpeg directly, like the benchmark), not part of the product.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';

const execFileAsync = promisify(execFile);

/** Sample rate the engines expect, Hz. */
export const ASR_SAMPLE_RATE = 16_000;

/** An audio file ready for an engine, and how long it is. */
export interface PreparedAudio {
  readonly path: string;
  readonly durationSeconds: number;
  /** True when the file was converted rather than used as is. */
  readonly converted: boolean;
}

const probeSchema = z.object({
  streams: z.array(z.object({ codec_type: z.string(), codec_name: z.string(), sample_rate: z.string().optional(), channels: z.number().optional() })),
  format: z.object({ format_name: z.string(), duration: z.string() }),
});

async function probeAudio(file: string): Promise<z.infer<typeof probeSchema>> {
  const { stdout } = await execFileAsync('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_type,codec_name,sample_rate,channels:format=format_name,duration', '-of', 'json', file]);
  return probeSchema.parse(JSON.parse(stdout));
}

/** Returns a 16 kHz mono s16 WAV of `source`: the file itself when it already is one, else a conversion in `tempDir`. */
export async function prepareAsrWav(source: string, tempDir: string): Promise<PreparedAudio> {
  const probe = await probeAudio(source);
  const audio = probe.streams.find((stream) => stream.codec_type === 'audio');
  if (!audio) throw new Error(`${source}: no audio stream`);
  const ready = probe.format.format_name === 'wav' && audio.codec_name === 'pcm_s16le' && Number(audio.sample_rate) === ASR_SAMPLE_RATE && audio.channels === 1;
  if (ready) return { path: source, durationSeconds: Number(probe.format.duration), converted: false };
  const target = path.join(tempDir, `${path.basename(source).replace(/\.[^.]+$/, '')}.16k.wav`);
  await execFileAsync('ffmpeg', ['-v', 'error', '-nostdin', '-y', '-i', source, '-vn', '-ac', '1', '-ar', String(ASR_SAMPLE_RATE), '-c:a', 'pcm_s16le', target]);
  const converted = await probeAudio(target);
  return { path: target, durationSeconds: Number(converted.format.duration), converted: true };
}
