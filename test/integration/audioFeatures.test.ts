/**
 * The audio pass measured in node (FfmpegMedia.analyzeAudio + shared/core/audio) against ffmpeg's own
 * ebur128 and silencedetect filters reading the same decoded track: real espeak-ng speech with pauses,
 * a tone and a quiet tail, in a stereo AAC mp4. The filters are the oracle here only; the product no
 * longer runs them (they cost more than the decode).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FfmpegMedia } from '../../shared/adapters/media/ffmpegMedia.js';
import { makeSpeechWav } from '../helpers/media.js';

const execFileAsync = promisify(execFile);
const TRACK = 'aresample=16000,aformat=sample_fmts=s16:channel_layouts=mono';

let dir: string;
let recording: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'postshow-audio-features-'));
  const speech = await makeSpeechWav(dir, 'Welcome back everyone. This lip tint is the one you asked about. Link is below, grab it now.');
  recording = path.join(dir, 'show.mp4');
  // Speech, 2 s of digital silence, 3 s of a 660 Hz tone at -14 dBFS, speech again at a lower level, 4 s of -55 dBFS hiss.
  await execFileAsync('ffmpeg', [
    '-v', 'error', '-y', '-i', speech,
    '-f', 'lavfi', '-i', 'sine=frequency=660:sample_rate=48000:duration=3,volume=-11dB',
    '-f', 'lavfi', '-i', 'anoisesrc=color=pink:amplitude=0.002:sample_rate=48000:duration=4:seed=7',
    '-filter_complex',
    '[0:a]aresample=48000,asplit=2[s1][s2];[s1]apad=pad_dur=2[a];[s2]volume=-9dB[b];[a][1:a][b][2:a]concat=n=4:v=0:a=1,aformat=channel_layouts=stereo[out]',
    '-map', '[out]', '-c:a', 'aac', '-b:a', '128k', recording,
  ]);
}, 30_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** ffmpeg's filters on the same 16 kHz mono track: momentary per-second energy means, integrated, silences. */
async function oracle(file: string): Promise<{ perSecond: number[]; integrated: number; silences: { start: number; end: number }[] }> {
  const { stderr } = await execFileAsync(
    'ffmpeg',
    ['-nostats', '-i', file, '-filter_complex', `[0:a:0]${TRACK},ebur128=framelog=info:dualmono=true,silencedetect=noise=-35dB:d=0.5`, '-f', 'null', '-'],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  const energy: number[] = [];
  const counts: number[] = [];
  let integrated = NaN;
  const silences: { start: number; end: number }[] = [];
  let open: number | undefined;
  for (const line of stderr.split('\n')) {
    const frame = /\bt:\s*([\d.]+)\s+TARGET:.*?\bM:\s*(-?[\d.]+|-?inf|nan)/.exec(line);
    if (frame) {
      const second = Math.max(0, Math.ceil(Number(frame[1]) - 1e-6) - 1);
      const m = Number(frame[2]);
      energy[second] = (energy[second] ?? 0) + 10 ** (Math.max(-70, Number.isFinite(m) ? m : -70) / 10);
      counts[second] = (counts[second] ?? 0) + 1;
    }
    const summary = /^\s*I:\s*(-?[\d.]+)\s+LUFS/.exec(line);
    if (summary) integrated = Number(summary[1]);
    const start = /silence_start:\s*(-?[\d.]+)/.exec(line);
    if (start) open = Math.max(0, Number(start[1]));
    const end = /silence_end:\s*([\d.]+)/.exec(line);
    if (end) {
      silences.push({ start: open ?? 0, end: Number(end[1]) });
      open = undefined;
    }
  }
  if (open !== undefined) silences.push({ start: open, end: Infinity });
  return { perSecond: energy.map((sum, i) => Math.max(-70, 10 * Math.log10(sum / (counts[i] ?? 1)))), integrated, silences };
}

describe('FfmpegMedia.analyzeAudio measures in node what ebur128 and silencedetect measure', () => {
  it('agrees on loudness per second, integrated loudness and silences, and writes the ASR track from the same decode', async () => {
    const media = new FfmpegMedia();
    const speechPath = path.join(dir, 'speech.wav');
    const [ours, theirs] = await Promise.all([media.analyzeAudio(recording, { duration: 0, speechPath }), oracle(recording)]);

    expect(ours.loudness.length).toBeGreaterThan(10);
    expect(Math.abs(ours.loudness.length - theirs.perSecond.length)).toBeLessThanOrEqual(1);
    for (const [second, value] of ours.loudness.entries()) {
      const reference = theirs.perSecond[second];
      if (reference === undefined) continue;
      // Audible seconds agree to a fraction of a LU; near the floor both read "silent".
      // The first second differs by up to ~1.5 LU: the two fill the first 400 ms window differently.
      if (second === 0) expect(Math.abs(value - reference)).toBeLessThan(2);
      else if (reference > -60) expect(Math.abs(value - reference), `second ${second}: ${value} vs ${reference}`).toBeLessThan(0.5);
      else expect(value, `second ${second}`).toBeLessThan(-55);
    }
    expect(Math.abs(ours.integratedLufs - theirs.integrated)).toBeLessThan(0.3);

    // The 2 s pause after the first sentence, the hiss at the end (quieter than -35 dB) and any pause in the speech.
    expect(theirs.silences.length).toBeGreaterThanOrEqual(2);
    expect(ours.silences).toHaveLength(theirs.silences.length);
    for (const [i, silence] of ours.silences.entries()) {
      const reference = theirs.silences[i]!;
      expect(Math.abs(silence.start - reference.start), `silence ${i} start`).toBeLessThan(0.02);
      if (Number.isFinite(reference.end)) expect(Math.abs(silence.end - reference.end), `silence ${i} end`).toBeLessThan(0.02);
      else expect(Math.abs(silence.end - ours.decodedSeconds)).toBeLessThan(0.001);
    }
    const { stdout } = await execFileAsync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', recording]);
    expect(Math.abs(ours.decodedSeconds - Number(stdout))).toBeLessThan(0.05);
    // The ASR track: 16 kHz mono 16-bit, as long as what was measured (44-byte header).
    expect((await stat(speechPath)).size).toBeCloseTo(44 + ours.decodedSeconds * 16_000 * 2, -3);
  }, 30_000);
});
