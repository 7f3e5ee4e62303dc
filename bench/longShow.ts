/**
 * A cheap long show for the long-stream bench case: hours of low-resolution video, mono audio whose loudness
 * varies, and a synthetic Chinese caption file, generated with ffmpeg's lavfi sources only (no speech synthesis:
 * espeak-ng for four hours would take longer than the pipeline run it feeds).
 *
 * Shape (all from the seed): a stream alternates talk segments (4-15 min, captioned like speech), song segments
 * (2.5-5 min, louder, captioned like lyrics with instrumental gaps) and short breaks every 25-45 min (near-silent,
 * no captions, a darker picture). Talk has a few loud bursts per hour. The picture is a flat colour whose hue and
 * brightness change at each segment start, with a keyframe forced there, so scene detection has real cuts to find.
 * The audio is pink noise: it loads the decoder and the loudness meters like a real track, which is what the bench
 * measures; nothing listens to words (the captions are the transcript).
 *
 * Generated files are cached under `.bench/long/` (params.json marks a complete, matching set); shorter cases are
 * stream-copied cuts of the long recording with their captions trimmed, so a 1-hour case is the first hour of the
 * very same show.
 *
 * Imperative benchmark tooling (ffmpeg, files); the plan itself is pure.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { formatSrt } from '../shared/core/inputs/captions.js';
import type { Segment } from '../shared/core/types.js';
import { pick, round3, seededStream, uniform } from '../scripts/prng.js';

/** Bump when the generator's output changes, so cached long shows are regenerated. */
export const LONG_SHOW_GENERATOR_VERSION = 1;

export interface LongShowParams {
  readonly seconds: number;
  readonly seed: number;
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  /** Longest distance between keyframes, seconds (segment starts get one too). */
  readonly gopSeconds: number;
  readonly sampleRate: number;
  readonly audioKbps: number;
}

/** Four hours at 160x90, 2 fps, 48 kHz mono AAC: about 2 minutes to generate on two busy cores. */
export const DEFAULT_LONG_SHOW: LongShowParams = {
  seconds: 4 * 3600,
  seed: 20201212,
  width: 160,
  height: 90,
  fps: 2,
  gopSeconds: 60,
  sampleRate: 48000,
  audioKbps: 64,
};

// ---------------------------------------------------------------------------------------------------------------
// Plan (pure)

export type SegmentKind = 'talk' | 'song' | 'break';

export interface ShowSegment {
  readonly start: number;
  readonly end: number;
  readonly kind: SegmentKind;
  /** Picture hue (degrees) and brightness (-10..10, ffmpeg's hue filter) during the segment. */
  readonly hue: number;
  readonly brightness: number;
}

export interface LongShowPlan {
  readonly seconds: number;
  readonly segments: readonly ShowSegment[];
  /** Loud moments (laughter, a shout, a sound effect) inside talk segments. */
  readonly bursts: readonly { readonly start: number; readonly end: number }[];
  readonly cues: readonly Segment[];
}

/** Segment lengths, seconds. */
const SEGMENT_SECONDS: Readonly<Record<SegmentKind, readonly [number, number]>> = { talk: [240, 900], song: [150, 300], break: [30, 120] };
/** A break comes after this much programme, seconds. */
const BREAK_EVERY_SECONDS = [1500, 2700] as const;
const SONG_SHARE = 0.3;
/** Loud bursts per hour of talk, and their length in seconds. */
const BURSTS_PER_TALK_HOUR = 4;
const BURST_SECONDS = [2, 6] as const;
/** Mandarin speech runs at about 4-5 characters per second. */
const SPEECH_CHARS_PER_SECOND = [3.8, 5.2] as const;
const CUE_SECONDS = [1, 7] as const;
/** Gaps between talk cues: mostly short, sometimes a pause. */
const TALK_GAP_SECONDS = [0.15, 1.2] as const;
const TALK_PAUSE_SECONDS = [2, 8] as const;
const TALK_PAUSE_SHARE = 0.12;
const LYRIC_SECONDS = [2.5, 5.5] as const;
const LYRIC_GAP_SECONDS = [0.3, 1.5] as const;
const INTERLUDE_SECONDS = [8, 20] as const;
const INTERLUDE_SHARE = 0.1;
/** Picture brightness steps (ffmpeg's hue `b`, one step is about 25 luma levels): breaks are the darkest. */
const BREAK_BRIGHTNESS = -3;
const PROGRAMME_BRIGHTNESS = [-1, 1, 3] as const;

/** Invented streamer talk (a VTuber's first stream: greetings, thanks, reading chat, small talk). */
const TALK_LINES: readonly string[] = [
  '大家晚上好，欢迎来到我的第一次直播！',
  '有点紧张，手都在抖，大家听得到我说话吗？',
  '声音会不会太小了，小的话在弹幕里说一下哦。',
  '谢谢大家的礼物，破费了破费了。',
  '谢谢这位舰长，欢迎上船！',
  '我看一下弹幕，大家都在刷什么呀。',
  '哈哈哈哈，你们也太会说了吧。',
  '今天先跟大家做个自我介绍吧。',
  '我平时最喜欢的事情就是吃好吃的。',
  '最近在学画画，画得不太好，大家不要笑我。',
  '等一下我们来玩一个小游戏好不好？',
  '好的好的，我看到了，谢谢你的醒目留言。',
  '这个问题好难回答呀，让我想一想。',
  '其实我是一个很怕冷的人，冬天都不想出门。',
  '大家吃晚饭了吗？我今天吃了火锅。',
  '刚才那一下是不是卡住了？网络好像有点问题。',
  '好啦好啦，不要一直刷同一句话啦。',
  '下次直播的时间我会在动态里通知大家。',
  '接下来给大家唱一首歌吧，唱得不好请多包涵。',
  '唱完啦，谢谢大家的掌声！',
  '有人问我喜欢什么颜色，我最喜欢粉色。',
  '我们的粉丝牌子叫什么好呢？大家帮我想想。',
  '这个名字好可爱，我记下来了。',
  '大家不要熬夜哦，早点休息对身体好。',
  '哇，今天来了这么多人，我好开心。',
  '刚刚进来的朋友欢迎欢迎，我们在聊天。',
  '我再看一下时间，已经播了这么久了呀。',
  '有点口渴，我喝口水，大家等我一下。',
  '好，我们继续，刚才说到哪里了？',
  '这个游戏我第一次玩，操作可能不太熟练。',
  '啊啊啊，又输了，再来一把！',
  '赢了赢了，大家看到了吗，我好厉害！',
  '谢谢大家一直陪着我，真的很感动。',
  '明天还要早起，今天就播到这里吧。',
  '最后再跟大家说一声晚安，拜拜！',
  '你们说的这个梗我不太懂，能解释一下吗？',
  '原来是这样啊，我学到了。',
  '这首歌是我很小的时候就喜欢的。',
  '弹幕好快，我都看不过来了。',
  '大家记得点个关注，下次开播就能看到啦。',
];

/** Invented lyric-like lines. */
const LYRIC_LINES: readonly string[] = [
  '冬天的风吹过小小的街',
  '路灯下面有你的影子',
  '我把心事写在窗户上',
  '等春天来的时候再告诉你',
  '星星一颗一颗亮起来',
  '你说要去很远的地方',
  '我在原地轻轻地唱',
  '晚安晚安明天见',
  '雪花落在你的肩膀',
  '时间走得那么慢',
  '想和你一起看海',
  '云朵慢慢飘向远方',
  '我们的故事还没有写完',
  '一步一步走到天亮',
  '就算下雨也没关系',
  '心里的花开了一朵',
];

/** Plans a show of `seconds` (at least a minute): segments, bursts and captions, all from the seed. */
export function planLongShow(seconds: number, seed: number): LongShowPlan {
  if (!(seconds >= 60)) throw new RangeError(`a long show needs at least 60 seconds, got ${seconds}`);
  const segments = planSegments(seconds, seededStream(seed, 1));
  const burstRng = seededStream(seed, 2);
  const bursts = segments.filter((segment) => segment.kind === 'talk').flatMap((segment) => planBursts(segment, burstRng));
  const cueRng = seededStream(seed, 3);
  const cues = segments.flatMap((segment) => planCues(segment, cueRng));
  return { seconds, segments, bursts, cues };
}

function planSegments(seconds: number, rng: () => number): ShowSegment[] {
  const segments: ShowSegment[] = [];
  let t = 0;
  let nextBreak = uniform(rng, ...BREAK_EVERY_SECONDS);
  let hue = uniform(rng, 0, 360);
  while (t < seconds) {
    const previous = segments.at(-1)?.kind;
    const kind: SegmentKind =
      t >= nextBreak && seconds - t > 300 ? 'break' : previous !== 'song' && previous !== undefined && rng() < SONG_SHARE ? 'song' : 'talk';
    const length = uniform(rng, ...SEGMENT_SECONDS[kind]);
    // Whole seconds: ffmpeg rounds forced keyframe times to the frame grid, and a keyframe one frame before the
    // picture changes would hide the cut until the next one.
    let end = Math.min(seconds, Math.round(t + length));
    // No stub segment at the end: the last one runs to the end of the show.
    if (seconds - end < 60) end = seconds;
    if (kind === 'break') nextBreak = end + uniform(rng, ...BREAK_EVERY_SECONDS);
    // A visible cut at every segment start. Scene detection compares luma, so the brightness always moves by
    // at least two steps (about 50 of 255 levels); the hue changes too, for anyone looking at the picture.
    hue = (hue + uniform(rng, 60, 300)) % 360;
    const previousBrightness = segments.at(-1)?.brightness;
    const brightness = kind === 'break' ? BREAK_BRIGHTNESS : pick(rng, PROGRAMME_BRIGHTNESS.filter((b) => b !== previousBrightness));
    segments.push({ start: t, end, kind, hue: Math.round(hue), brightness });
    t = end;
  }
  return segments;
}

function planBursts(segment: ShowSegment, rng: () => number): { start: number; end: number }[] {
  const span = segment.end - segment.start;
  const count = Math.floor((span / 3600) * BURSTS_PER_TALK_HOUR + rng());
  const bursts: { start: number; end: number }[] = [];
  for (let i = 0; i < count; i++) {
    const length = uniform(rng, ...BURST_SECONDS);
    // Evenly spread slots with jitter inside, so bursts never overlap.
    const slot = span / count;
    const start = round3(segment.start + i * slot + uniform(rng, 0, Math.max(0, slot - length)));
    bursts.push({ start, end: round3(Math.min(segment.end, start + length)) });
  }
  return bursts;
}

function planCues(segment: ShowSegment, rng: () => number): Segment[] {
  if (segment.kind === 'break') return [];
  const cues: Segment[] = [];
  let t = segment.start + uniform(rng, 0.5, 2);
  while (t < segment.end - CUE_SECONDS[0]) {
    const isTalk = segment.kind === 'talk';
    const text = isTalk ? talkText(rng) : pick(rng, LYRIC_LINES);
    const length = isTalk
      ? Math.min(CUE_SECONDS[1], Math.max(CUE_SECONDS[0], [...text].length / uniform(rng, ...SPEECH_CHARS_PER_SECOND)))
      : uniform(rng, ...LYRIC_SECONDS);
    const start = round3(t);
    const end = round3(Math.min(segment.end, t + length));
    cues.push({ start, end, text });
    const gap = isTalk
      ? rng() < TALK_PAUSE_SHARE ? uniform(rng, ...TALK_PAUSE_SECONDS) : uniform(rng, ...TALK_GAP_SECONDS)
      : rng() < INTERLUDE_SHARE ? uniform(rng, ...INTERLUDE_SECONDS) : uniform(rng, ...LYRIC_GAP_SECONDS);
    t = end + gap;
  }
  return cues;
}

/** One talk line, sometimes two run together (people rarely pause at every full stop). */
function talkText(rng: () => number): string {
  const first = pick(rng, TALK_LINES);
  return rng() < 0.25 ? first + pick(rng, TALK_LINES) : first;
}

/** Cues that start before `seconds`, ends clipped to it: the captions of the show's first `seconds`. */
export function cuesUntil(cues: readonly Segment[], seconds: number): Segment[] {
  return cues.filter((cue) => cue.start < seconds).map((cue) => (cue.end <= seconds ? cue : { ...cue, end: seconds }));
}

// ---------------------------------------------------------------------------------------------------------------
// ffmpeg graph (pure)

/** Pink noise at this amplitude reads about -20 LUFS, the level of ordinary speech. */
const NOISE_AMPLITUDE = 0.5;
const LEVEL: Readonly<Record<SegmentKind, number>> = { talk: 1, song: 1.4, break: 0.002 };
/** Gain of a loud burst over the talk level (+8 dB). */
const BURST_GAIN = 2.5;
const BASE_COLOUR = '0x3a6ea5';

/** `expr` during [start, end), summed over ranges: ffmpeg expression text. */
function piecewise(ranges: readonly { start: number; end: number }[], value: (index: number) => number): string {
  return ranges.map((range, i) => `${value(i)}*gte(t,${range.start})*lt(t,${range.end})`).join('+') || '0';
}

/** The `-filter_complex` graph: `[v]` and `[a]` outputs. */
export function longShowGraph(plan: LongShowPlan, params: LongShowParams): string {
  const { segments, bursts } = plan;
  const level = piecewise(segments, (i) => LEVEL[segments[i]?.kind ?? 'talk']);
  // Talk and songs breathe: a slow swell of a few dB, so per-second loudness is never flat.
  const swell = '(0.8+0.2*sin(t*0.27)*sin(t*0.031))';
  const burst = `(1+${piecewise(bursts, () => BURST_GAIN - 1)})`;
  const audio = `anoisesrc=d=${plan.seconds}:c=pink:r=${params.sampleRate}:a=${NOISE_AMPLITUDE}:s=${params.seed},` + `volume=eval=frame:volume='(${level})*${swell}*${burst}'[a]`;
  const video =
    `color=c=${BASE_COLOUR}:s=${params.width}x${params.height}:r=${params.fps}:d=${plan.seconds},format=yuv420p,` +
    `hue=h='${piecewise(segments, (i) => segments[i]?.hue ?? 0)}':b='${piecewise(segments, (i) => segments[i]?.brightness ?? 0)}'[v]`;
  return `${audio};${video}`;
}

/** Full ffmpeg arguments rendering `plan` into `outPath`. */
export function longShowFfmpegArgs(plan: LongShowPlan, params: LongShowParams, outPath: string): string[] {
  const keyframes = plan.segments.slice(1).map((segment) => segment.start.toFixed(3));
  return [
    '-hide_banner', '-nostats', '-loglevel', 'error', '-y',
    '-filter_complex', longShowGraph(plan, params),
    '-map', '[v]', '-map', '[a]',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '30', '-g', String(params.gopSeconds * params.fps),
    ...(keyframes.length > 0 ? ['-force_key_frames', keyframes.join(',')] : []),
    '-c:a', 'aac', '-aac_coder', 'fast', '-b:a', `${params.audioKbps}k`, '-ac', '1', '-ar', String(params.sampleRate),
    '-t', String(plan.seconds),
    '-fflags', '+bitexact', '-flags:v', '+bitexact', '-flags:a', '+bitexact', '-map_metadata', '-1',
    '-movflags', '+faststart',
    outPath,
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// Files and cache

export interface LongShow {
  readonly recording: string;
  readonly captions: string;
  readonly durationSeconds: number;
  readonly cues: number;
  readonly segments: number;
  readonly bursts: number;
}

const FILES = { recording: 'recording.mp4', captions: 'captions.srt', params: 'params.json' } as const;

const storedSchema = z.object({
  params: z.unknown(),
  show: z.object({ durationSeconds: z.number(), cues: z.number(), segments: z.number(), bursts: z.number() }),
});

/** The cache folder for `params` under `cacheRoot`: its name says what is in it, params.json says exactly. */
export function longShowDir(cacheRoot: string, params: LongShowParams): string {
  return path.join(cacheRoot, `zh-${params.seconds / 60}min-${params.width}x${params.height}-${params.fps}fps-seed${params.seed}`);
}

/** The show in `dir` when its params.json records exactly `wanted` and its files exist. */
async function readCached(dir: string, wanted: unknown): Promise<LongShow | undefined> {
  const paramsPath = path.join(dir, FILES.params);
  const recording = path.join(dir, FILES.recording);
  const captions = path.join(dir, FILES.captions);
  if (![paramsPath, recording, captions].every((file) => existsSync(file))) return undefined;
  try {
    const stored = storedSchema.parse(JSON.parse(await readFile(paramsPath, 'utf8')));
    if (JSON.stringify(stored.params) !== JSON.stringify(wanted)) return undefined;
    return { recording, captions, ...stored.show };
  } catch {
    return undefined; // a damaged params.json just means "generate again"
  }
}

/** Writes params.json last: its presence marks a complete set. */
async function markComplete(dir: string, params: unknown, show: LongShow): Promise<void> {
  const { durationSeconds, cues, segments, bursts } = show;
  await writeFile(path.join(dir, FILES.params), `${JSON.stringify({ params, show: { durationSeconds, cues, segments, bursts } }, null, 2)}\n`);
}

/** Runs ffmpeg to completion; rejects with its stderr tail. */
function ffmpeg(args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('ffmpeg', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4000)));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg exited with ${code}: ${stderr.trim()}`))));
  });
}

/** The cached long show for `params` when complete, else a freshly generated one (and how long that took, ms). */
export async function ensureLongShow(cacheRoot: string, params: LongShowParams): Promise<{ show: LongShow; generatedMs: number | null }> {
  const dir = longShowDir(cacheRoot, params);
  const wanted = { generator: LONG_SHOW_GENERATOR_VERSION, ...params };
  const cached = await readCached(dir, wanted);
  if (cached) return { show: cached, generatedMs: null };

  const started = performance.now();
  // Anything in the folder (cuts included) belongs to other params: start clean.
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const plan = planLongShow(params.seconds, params.seed);
  const show: LongShow = {
    recording: path.join(dir, FILES.recording),
    captions: path.join(dir, FILES.captions),
    durationSeconds: params.seconds,
    cues: plan.cues.length,
    segments: plan.segments.length,
    bursts: plan.bursts.length,
  };
  await writeFile(show.captions, formatSrt(plan.cues));
  await ffmpeg(longShowFfmpegArgs(plan, params, show.recording));
  await markComplete(dir, wanted, show);
  return { show, generatedMs: performance.now() - started };
}

/**
 * The first `seconds` of a long show: the recording stream-copied (no re-encode, so the same samples and frames)
 * and the captions trimmed; cached in a sub-folder of the long show's.
 */
export async function ensureLongShowCut(
  cacheRoot: string,
  params: LongShowParams,
  seconds: number,
): Promise<{ show: LongShow; generatedMs: number | null }> {
  if (!(seconds > 0 && seconds < params.seconds)) throw new RangeError(`a cut must be shorter than the show (${params.seconds} s), got ${seconds}`);
  const dir = path.join(longShowDir(cacheRoot, params), `cut-${seconds / 60}min`);
  const wanted = { generator: LONG_SHOW_GENERATOR_VERSION, ...params, cutSeconds: seconds };
  const cached = await readCached(dir, wanted);
  if (cached) return { show: cached, generatedMs: null };

  const { show: full } = await ensureLongShow(cacheRoot, params);
  const started = performance.now();
  await mkdir(dir, { recursive: true });
  await rm(path.join(dir, FILES.params), { force: true });
  const plan = planLongShow(params.seconds, params.seed);
  const cues = cuesUntil(plan.cues, seconds);
  const show: LongShow = {
    recording: path.join(dir, FILES.recording),
    captions: path.join(dir, FILES.captions),
    durationSeconds: seconds,
    cues: cues.length,
    segments: plan.segments.filter((segment) => segment.start < seconds).length,
    bursts: plan.bursts.filter((burst) => burst.start < seconds).length,
  };
  await writeFile(show.captions, formatSrt(cues));
  await ffmpeg([
    '-hide_banner', '-nostats', '-loglevel', 'error', '-y',
    '-i', full.recording, '-map', '0', '-c', 'copy', '-t', String(seconds),
    '-fflags', '+bitexact', '-map_metadata', '-1', '-movflags', '+faststart',
    show.recording,
  ]);
  await markComplete(dir, wanted, show);
  return { show, generatedMs: performance.now() - started };
}
