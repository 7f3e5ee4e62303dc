/**
 * Renders a planned labelled show as a real recording (`recording.mp4`), so the evaluation and `postshow run` can
 * measure media instead of the signals model. Audio: every caption cue spoken by espeak-ng at its time and the
 * show's speech level (shouted cues and other loud events at their gain), loud events without speech as a crowd
 * cheer, music breaks as music, and a low room-noise floor everywhere. The timeline is one 16-bit mono buffer,
 * muxed with the picture by a single ffmpeg run. Picture: a plain colour that changes at every planned scene
 * change, and a "BE RIGHT BACK" card during music breaks.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { seededStream } from '../prng.js';
import { ESPEAK_SAMPLE_RATE, speakToFit } from './espeakSpeech.js';
import { DUAL_MONO_OFFSET_LU, integratedLoudness } from './pcmLoudness.js';
import type { LoudEvent, PlannedCue, ShowPlan } from './planShow.js';
import { roomNoise, synthesizeCheer, synthesizeMusic } from './synthSounds.js';

const execFileAsync = promisify(execFile);

/** The timeline runs at espeak's rate, so speech is mixed without resampling. */
const SAMPLE_RATE = ESPEAK_SAMPLE_RATE;
const FULL_SCALE = 32_767;
/** Room noise, LUFS: a quiet mic, far below silencedetect's -35 dBFS so pauses still read as silence. */
export const NOISE_FLOOR_LUFS = -66;
/** Loud stretches without speech shorter than this get no cheer (a breath between shouted lines). */
const MIN_CHEER_SECONDS = 0.3;
/** Salts of the renderer's random streams, apart from the planner's (planShow.ts STREAM_SALTS). */
const RECORDING_SALTS = { noise: 101, music: 102, cheer: 103 } as const;

/** Picture: small and cheap; keyframes every 2 s as a stream encoder writes them, plus one at every cut. */
export interface RecordingVideoOptions {
  /** @default 640 */
  readonly width: number;
  /** @default 360 */
  readonly height: number;
  /** @default 15 */
  readonly fps: number;
}

export interface RenderRecordingOptions extends Partial<RecordingVideoOptions> {
  /** espeak-ng processes at once. @default 2 */
  readonly parallelism?: number;
  /** @default 'ffmpeg' from PATH */
  readonly ffmpegPath?: string;
}

/** What a render did, for the generator's log. */
export interface RecordingReport {
  readonly path: string;
  readonly cues: number;
  /** Cues whose utterance overran even at espeak's fastest speed and were cut. */
  readonly trimmedCues: number;
  /** Mean utterance length over cue length. */
  readonly meanFit: number;
  readonly speechSeconds: number;
  readonly encodeSeconds: number;
}

const BOLD_FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf';
/** Scene colours alternate mid and light luma (about 80 apart), so every cut is a large luma change. */
const SCENE_COLOURS: readonly { readonly hex: string; readonly luma: number }[] = [
  { hex: '3D7CC9', luma: 114 },
  { hex: 'F2D16B', luma: 207 },
  { hex: 'C0504D', luma: 113 },
  { hex: 'A8E0F0', luma: 209 },
  { hex: '4E9A5C', luma: 124 },
  { hex: 'F5B7C8', luma: 203 },
];
const BREAK_CARD = { hex: '101018', luma: 17 } as const;
/** Size the scene colours are drawn at before scaling up (see pictureGraph). */
const SCENE_CANVAS = '64x36';
const MIN_CUT_LUMA = 60;

/** Renders `plan` to `outPath` (an .mp4). */
export async function renderRecording(plan: ShowPlan, outPath: string, options: RenderRecordingOptions = {}): Promise<RecordingReport> {
  const video: RecordingVideoOptions = { width: options.width ?? 640, height: options.height ?? 360, fps: options.fps ?? 15 };
  const timeline = new Int16Array(Math.ceil(plan.duration * SAMPLE_RATE));
  const breaks = plan.confounders
    .filter((c) => c.kind === 'music-break')
    .map((c) => ({ start: c.effects['musicStart'] ?? c.start, end: c.end, gainLu: c.effects['loudnessLu'] ?? 0 }));
  const isBreak = (event: LoudEvent) => breaks.some((b) => Math.abs(b.start - event.start) < 1e-3 && Math.abs(b.end - event.end) < 1e-3);
  const otherLoud = plan.loudEvents.filter((event) => !isBreak(event));

  addRoomNoise(timeline, plan.seed);
  const speechStarted = performance.now();
  const fits = await mapLimit(plan.cues, options.parallelism ?? 2, async (cue) => {
    const spoken = await speakToFit(cue.text, plan.language, cue.end - cue.start);
    mixSpeech(timeline, cue, spoken.samples, plan.baseLufs, otherLoud);
    return { share: spoken.samples.length / SAMPLE_RATE / (cue.end - cue.start), trimmed: spoken.trimmed };
  });
  const speechSeconds = (performance.now() - speechStarted) / 1000;
  const musicRng = seededStream(plan.seed, RECORDING_SALTS.music);
  for (const musicBreak of breaks) {
    mixSound(timeline, musicBreak.start, synthesizeMusic(musicBreak.end - musicBreak.start, SAMPLE_RATE, musicRng), plan.baseLufs + musicBreak.gainLu);
  }
  const cheerRng = seededStream(plan.seed, RECORDING_SALTS.cheer);
  for (const event of otherLoud) {
    for (const gap of uncovered(event, plan.cues)) {
      if (gap.end - gap.start < MIN_CHEER_SECONDS) continue;
      mixSound(timeline, gap.start, synthesizeCheer(gap.end - gap.start, SAMPLE_RATE, cheerRng), plan.baseLufs + event.gainLu);
    }
  }

  const encodeStarted = performance.now();
  await encode(plan, timeline, breaks, outPath, video, options.ffmpegPath ?? 'ffmpeg');
  return {
    path: outPath,
    cues: plan.cues.length,
    trimmedCues: fits.filter((f) => f.trimmed).length,
    meanFit: fits.reduce((sum, f) => sum + f.share, 0) / Math.max(1, fits.length),
    speechSeconds,
    encodeSeconds: (performance.now() - encodeStarted) / 1000,
  };
}

/** Runs `work` over `items` with at most `limit` at once; results in input order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/** Linear gain that brings a sound measured at `measuredMonoLufs` to `targetLufs` as the pipeline reads it. */
const gainTo = (targetLufs: number, measuredMonoLufs: number) => Math.pow(10, (targetLufs - DUAL_MONO_OFFSET_LU - measuredMonoLufs) / 20);

/** Adds a sample, limiting softly above 3/4 of full scale (as a broadcast limiter would) instead of wrapping. */
function mixAt(timeline: Int16Array, index: number, value: number): void {
  if (index < 0 || index >= timeline.length) return;
  const sum = ((timeline[index] ?? 0) + value) / FULL_SCALE;
  const magnitude = Math.abs(sum);
  const limited = magnitude <= 0.75 ? magnitude : 0.75 + 0.25 * Math.tanh((magnitude - 0.75) / 0.25);
  timeline[index] = Math.round(Math.sign(sum) * limited * FULL_SCALE);
}

function addRoomNoise(timeline: Int16Array, seed: number): void {
  // Calibrated on ten seconds of the same stream, so the level does not depend on the show's length.
  const probe = roomNoise(seededStream(seed, RECORDING_SALTS.noise), SAMPLE_RATE);
  const gain = gainTo(NOISE_FLOOR_LUFS, integratedLoudness(Float32Array.from({ length: 10 * SAMPLE_RATE }, probe), SAMPLE_RATE));
  const noise = roomNoise(seededStream(seed, RECORDING_SALTS.noise), SAMPLE_RATE);
  for (let i = 0; i < timeline.length; i++) timeline[i] = Math.round(noise() * gain * FULL_SCALE);
}

/** Mixes a float sound at `start` seconds, set to `targetLufs`. */
function mixSound(timeline: Int16Array, start: number, sound: Float32Array, targetLufs: number): void {
  const gain = gainTo(targetLufs, integratedLoudness(sound, SAMPLE_RATE)) * FULL_SCALE;
  const offset = Math.round(start * SAMPLE_RATE);
  for (let i = 0; i < sound.length; i++) mixAt(timeline, offset + i, (sound[i] ?? 0) * gain);
}

/** Mixes an utterance at its cue's start: at the speech level, raised by any loud event it falls in (shouting). */
function mixSpeech(timeline: Int16Array, cue: PlannedCue, samples: Int16Array, baseLufs: number, loudEvents: readonly LoudEvent[]): void {
  const gain = gainTo(baseLufs, integratedLoudness(samples, SAMPLE_RATE, FULL_SCALE + 1));
  const end = cue.start + samples.length / SAMPLE_RATE;
  const shouts = loudEvents.filter((event) => event.start < end && event.end > cue.start);
  const offset = Math.round(cue.start * SAMPLE_RATE);
  for (let i = 0; i < samples.length; i++) {
    let lift = 1;
    if (shouts.length > 0) {
      const t = cue.start + i / SAMPLE_RATE;
      for (const shout of shouts) if (t >= shout.start && t < shout.end) lift = Math.max(lift, Math.pow(10, shout.gainLu / 20));
    }
    mixAt(timeline, offset + i, (samples[i] ?? 0) * gain * lift);
  }
}

/** The parts of a loud event no cue covers: there the crowd cheers (or a sting plays). */
function uncovered(event: LoudEvent, cues: readonly PlannedCue[]): { start: number; end: number }[] {
  const gaps: { start: number; end: number }[] = [];
  let cursor = event.start;
  for (const cue of cues) {
    if (cue.end <= cursor || cue.start >= event.end) continue;
    if (cue.start > cursor) gaps.push({ start: cursor, end: cue.start });
    cursor = Math.max(cursor, cue.end);
  }
  if (cursor < event.end) gaps.push({ start: cursor, end: event.end });
  return gaps;
}

/** One colour per scene (starts in frames): the next palette colour far enough in luma from the last, or the card during a break. */
function sceneColours(cuts: readonly number[], breaks: readonly { start: number }[]): { start: number; hex: string }[] {
  const starts = [0, ...cuts];
  let previous: { hex: string; luma: number } = BREAK_CARD;
  let next = 0;
  return starts.map((start) => {
    if (breaks.some((b) => b.start === start)) {
      previous = BREAK_CARD;
      return { start, hex: BREAK_CARD.hex };
    }
    let colour = SCENE_COLOURS[next % SCENE_COLOURS.length] ?? SCENE_COLOURS[0]!;
    if (Math.abs(colour.luma - previous.luma) < MIN_CUT_LUMA) colour = SCENE_COLOURS[++next % SCENE_COLOURS.length] ?? colour;
    next++;
    previous = colour;
    return { start, hex: colour.hex };
  });
}

/**
 * The first frame of each scene: a cut falls on the first frame at or after its planned time. Scenes are switched
 * and keyframes forced by frame number, since ffmpeg rounds a forced keyframe's time to the nearest frame (which can
 * be the frame before the cut).
 */
const cutFrames = (plan: ShowPlan, fps: number) =>
  [...new Set(plan.sceneChanges.filter((t) => t > 0 && t < plan.duration).map((t) => Math.ceil(t * fps - 1e-6)))].sort((a, b) => a - b);

/**
 * The picture's filter graph: a box per scene over a plain source, scaled up, then the card's text during breaks.
 * The boxes are drawn at 64x36 (a plain colour loses nothing) because drawbox at full size costs about 1 s per box
 * per 30 minutes even while disabled.
 */
function pictureGraph(
  plan: ShowPlan,
  breaks: readonly { start: number; end: number }[],
  video: RecordingVideoOptions,
): { first: string; graph: string } {
  const { fps } = video;
  const frameOf = (t: number) => Math.ceil(t * fps - 1e-6);
  const scenes = sceneColours(cutFrames(plan, fps), breaks.map((b) => ({ start: frameOf(b.start) })));
  const boxes = scenes.slice(1).map((scene, k) => {
    const end = scenes[k + 2]?.start ?? Math.ceil(plan.duration * fps) + 1;
    return `drawbox=x=0:y=0:w=iw:h=ih:t=fill:color=0x${scene.hex}:enable='gte(n,${scene.start})*lt(n,${end})'`;
  });
  // Without the font the card is still a distinct colour.
  const cardTexts = existsSync(BOLD_FONT)
    ? breaks.map(
        (b) =>
          `drawtext=fontfile=${BOLD_FONT}:text='BE RIGHT BACK':fontsize=h/9:fontcolor=white:x=(w-text_w)/2:y=(h-text_h)/2:enable='gte(n,${frameOf(b.start)})*lt(n,${frameOf(b.end)})'`,
      )
    : [];
  const filters = [...boxes, `scale=${video.width}:${video.height}:flags=neighbor`, ...cardTexts];
  return { first: scenes[0]?.hex ?? SCENE_COLOURS[0]!.hex, graph: `[0:v]${filters.join(',')}[v]` };
}

/** One ffmpeg run: the picture from a colour source and the filter script, the audio from the raw timeline. */
async function encode(
  plan: ShowPlan,
  timeline: Int16Array,
  breaks: readonly { start: number; end: number }[],
  outPath: string,
  video: RecordingVideoOptions,
  ffmpegPath: string,
): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'postshow-render-'));
  try {
    const audioPath = join(work, 'timeline.s16le');
    const scriptPath = join(work, 'picture.txt');
    await writeFile(audioPath, new Uint8Array(timeline.buffer, timeline.byteOffset, timeline.byteLength));
    const { first, graph } = pictureGraph(plan, breaks, video);
    await writeFile(scriptPath, graph);
    const cuts = cutFrames(plan, video.fps).map((frame) => (frame / video.fps).toFixed(6));
    const duration = plan.duration.toFixed(3);
    const args = [
      '-hide_banner', '-loglevel', 'error', '-y',
      '-f', 'lavfi', '-i', `color=c=0x${first}:s=${SCENE_CANVAS}:r=${video.fps}:d=${duration}`,
      '-f', 's16le', '-ar', String(SAMPLE_RATE), '-ac', '1', '-i', audioPath,
      '-filter_complex_script', scriptPath,
      '-map', '[v]', '-map', '1:a',
      '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '30', '-pix_fmt', 'yuv420p', '-g', String(2 * video.fps),
      ...(cuts.length > 0 ? ['-force_key_frames', cuts.join(',')] : []),
      // Mono, read by the pipeline as dual mono (pcmLoudness.ts); the fast AAC coder takes a third of the default's time.
      '-c:a', 'aac', '-aac_coder', 'fast', '-b:a', '96k', '-ac', '1', '-ar', '44100',
      '-t', duration, '-movflags', '+faststart',
      outPath,
    ];
    try {
      await execFileAsync(ffmpegPath, args, { maxBuffer: 16 * 1024 * 1024 });
    } catch (error) {
      const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim();
      throw new Error(`ffmpeg could not render ${outPath}: ${stderr.split('\n').slice(-3).join(' | ')}`, { cause: error });
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
