/**
 * The one media module: every ffmpeg and ffprobe call in postshow goes through here (the
 * capability check of ffmpegCapabilities.ts included). Binaries come from the options or from
 * FFMPEG_PATH / FFPROBE_PATH: Debian's ffmpeg 5.1 locally, the static 4.1 build in Lambda; locally the
 * probes use the static ffprobe npm installs when it is there (bundledFfprobe.ts: it starts 0.1 s sooner).
 *
 * fluent-ffmpeg's repository is archived; keeping it behind the `Media` port means it can be
 * replaced by direct `spawn` calls without touching any stage.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import ffmpeg from 'fluent-ffmpeg';
import { z } from 'zod';
import { AudioFeatureMeter } from '../../core/audio/index.js';
import { AbortedError, MediaError, reasonOf } from '../../core/errors.js';
import { readEnvSettings } from '../../core/settings/envSettings.js';
import { NOMINAL_VARIANT_SIZES, variantFit, variantSize, type FrameSize } from '../../core/clips/variantSize.js';
import { planSmartCut, type SmartCutPlan } from '../../core/clips/smartCut.js';
import type { Aspect } from '../../core/schemas/clipRender.js';
import type { AudioPassResult, Media, MediaInfo, MediaRunOptions, RenderClipRequest, RenderClipResult } from '../../pipeline/ports.js';
import type { SampledFrames, SampleFramesRequest } from '../../pipeline/ports.js';
import { planClipRender, type ClipRenderPlan, type VariantAssembly } from './clipRenderPlan.js';
import { copyableVideo } from './videoPackets.js';
import { createConcurrencyLimit, type ConcurrencyLimit } from '../providers/concurrencyLimit.js';
import { assFontFamilies, captionFontsDir } from './captionFonts.js';
import { DEFAULT_CAPTION_FONT } from '../../core/captions/captionStyle.js';
import { filterPath } from './clipRenderGraph.js';
import { cachedFfmpegCapabilities } from './ffmpegCapabilityCache.js';
import { type FfmpegCapabilities, passthroughFrameTiming, type SceneMeasure, sceneMeasureOf } from './ffmpegCapabilities.js';
import {
  isSceneChange,
  type KeyframeChange,
  KeyframeChangeReader,
  type KeyframeChangeLogReader,
  parseAsrMetadata,
  SignalstatsChangeReader,
} from './ffmpegLogParsers.js';
import { FrameSampling } from './frameSampling.js';
import { bundledFfprobe } from './bundledFfprobe.js';
import { findExecutable } from '../findExecutable.js';
import { type FfprobeBinaries, type FfprobeRunError, runFfprobe } from './ffprobeRun.js';
import { redactUrls } from './redactUrls.js';

/** Tunables of the media module, with the reasons for their defaults. */
export interface FfmpegMediaOptions {
  /** ffmpeg binary. @default env FFMPEG_PATH (Lambda: /opt/bin/ffmpeg), else from PATH */
  readonly ffmpegPath: string;
  /** ffprobe binary. @default env FFPROBE_PATH (Lambda: /opt/bin/ffprobe), else the static build npm installs (bundledFfprobe.ts), else from PATH */
  readonly ffprobePath: string;
  /** x264 preset for clips. @default env POSTSHOW_X264_PRESET, else `veryfast` */
  readonly x264Preset: string;
  /** x264 CRF for clips (lower = better). @default 23 */
  readonly crf: number;
  /**
   * Nominal size of each clip variant; a render may come out smaller (variantSize: no absurd
   * upscaling). Tests inject tiny sizes. @default NOMINAL_VARIANT_SIZES (1080x1920, 1080x1080, 1080x1350, 1920x1080)
   */
  readonly variantSizes: Readonly<Record<Aspect, FrameSize>>;
  /** Font family for burned-in captions; must cover CJK (Debian: fonts-noto-cjk). @default env POSTSHOW_CAPTION_FONT */
  readonly captionFont: string;
  /**
   * Directory libass loads caption fonts from; it needs no fontconfig setup, so it works in Lambda.
   * @default env POSTSHOW_FONTS_DIR (Lambda: /opt/fonts), else Debian's Noto directory
   */
  readonly fontsDir: string;
  /** Silence threshold for silencedetect, dB. @default -35 */
  readonly silenceNoiseDb: number;
  /** Minimum silence length, seconds. @default 0.5 */
  readonly silenceMinSeconds: number;
  /**
   * Clip renders this instance runs at once; more wait their turn. A render holds ~550 MB (the 1080x1920 x264
   * encode ~230 MB) and its x264 already keeps every core busy: on 2 cores two renders at once finished two
   * clips only 7% sooner than one after the other, for twice the memory. @default env POSTSHOW_RENDER_SLOTS, else 1
   */
  readonly renderSlots: number;
  /**
   * How long a read from an http(s) location (a presigned S3 URL) may stall before ffmpeg gives up, seconds.
   * Without it a stalled connection would hang the stage until the Lambda timeout. @default 30
   */
  readonly readTimeoutSeconds: number;
  /**
   * The scene pass decodes every other keyframe (see measureEveryOtherKeyframe) once a recording's video
   * holds at least this many pixel-seconds (width x height x duration): it then saves more decoding than
   * its second ffmpeg process costs. Below it, and without a size, every intra frame is decoded.
   * @default 1280 x 720 x 300 (5 minutes of 720p)
   */
  readonly everyOtherKeyframeFrom: number;
}

/**
 * The options with the environment's FFMPEG_PATH, FFPROBE_PATH, POSTSHOW_FONTS_DIR,
 * POSTSHOW_CAPTION_FONT, POSTSHOW_X264_PRESET and POSTSHOW_RENDER_SLOTS (defaults and ranges: shared/core/settings/envSettings.ts).
 * In Lambda the stack sets the first four to the media layer's binaries and font (libass has no
 * fontconfig there, so the family must match the file).
 */
export function ffmpegMediaDefaults(env: NodeJS.ProcessEnv = process.env): FfmpegMediaOptions {
  const settings = readEnvSettings(env, ['FFMPEG_PATH', 'FFPROBE_PATH', 'POSTSHOW_FONTS_DIR', 'POSTSHOW_CAPTION_FONT', 'POSTSHOW_X264_PRESET', 'POSTSHOW_RENDER_SLOTS']);
  return {
    ffmpegPath: settings.FFMPEG_PATH,
    ffprobePath: settings.FFPROBE_PATH ?? bundledFfprobe() ?? 'ffprobe',
    x264Preset: settings.POSTSHOW_X264_PRESET,
    crf: 23,
    renderSlots: settings.POSTSHOW_RENDER_SLOTS,
    variantSizes: NOMINAL_VARIANT_SIZES,
    captionFont: settings.POSTSHOW_CAPTION_FONT,
    fontsDir: settings.POSTSHOW_FONTS_DIR,
    silenceNoiseDb: -35,
    silenceMinSeconds: 0.5,
    readTimeoutSeconds: 30,
    everyOtherKeyframeFrom: 1280 * 720 * 300,
  };
}

/** Defaults without the environment: ffmpeg from PATH, the static ffprobe npm installs (else PATH's), Debian's Noto directory. */
export const DEFAULT_FFMPEG_MEDIA_OPTIONS: FfmpegMediaOptions = ffmpegMediaDefaults({});

const ASR_SAMPLE_RATE = 16_000;

/**
 * Scene detection compares intra frames scaled down to this size. Averaging (`flags=area`) to 64x36
 * removes sensor noise and small motion but keeps the layout and colours a cut changes; the scale
 * and the comparison cost nothing next to decoding the frames.
 */
const SCENE_FRAME_SIZE = '64:36';

/**
 * Per scene measure: the filters after the 64x36 scale, then the reader of what they print.
 * The signalstats chain keeps 8-bit YUV formats (converting only other inputs), so its luma
 * difference is on the 0..255 scale SignalstatsChangeReader assumes, with no range conversion.
 * Where it differs from scdet: RGB and 10-bit video is converted to 8-bit YUV first, where scdet
 * would measure all RGB planes or at 10 bits; the numbers can then differ slightly. 8-bit YUV
 * (what cameras, OBS and phones record) measures identically.
 */
const SCENE_MEASURES: Record<SceneMeasure, { filters: string; reader: (onFrame: (frame: KeyframeChange) => void) => KeyframeChangeLogReader }> = {
  // scdet's own threshold is out of reach (100 %): the decision is isSceneChange's, made on both measures.
  scdet: { filters: 'scdet=threshold=100,metadata=mode=print', reader: (onFrame) => new KeyframeChangeReader(onFrame) },
  signalstats: {
    filters: 'format=pix_fmts=yuv420p|yuvj420p|yuv422p|yuvj422p|yuv444p|yuvj444p,signalstats,metadata=mode=print',
    reader: (onFrame) => new SignalstatsChangeReader(onFrame),
  },
};

/** ffmpeg's words for "the input has no video stream to map". */
const NO_VIDEO_STREAM = /does not contain any stream|matches no streams/i;
/** ffmpeg's words for a video stream that exists but cannot be read: retrying will not help. */
const UNDECODABLE_VIDEO = /Invalid data found|moov atom not found|could not find codec parameters|Decoder \(codec [^)]*\) not found|no decoder found/i;

/**
 * ffmpeg's words for a read that failed on the way, not in the media: an HTTP error status (an expired or
 * not yet valid presigned URL, S3 throttling or 5xx), a refused, reset or stalled connection. Retrying can help.
 */
const READ_FAILURE = /HTTP error|Server returned (?:[1-5]\d\d|[45]XX)|Connection (?:refused|reset|timed out)|Network is unreachable|Failed to resolve hostname|Operation timed out|Broken pipe/i;

const isUrl = (location: string): boolean => /^https?:\/\//i.test(location);

/** A location fit for messages and logs: a presigned URL loses its query string (the signature and credentials). */
function displayLocation(location: string): string {
  return isUrl(location) ? location.replace(/\?.*$/s, '') : location;
}

/** A read of `location` failed for a reason retrying can fix: never blame the recording for it. */
function readFailure(location: string, detail: string, cause: unknown): MediaError | undefined {
  if (!isUrl(location) || !READ_FAILURE.test(detail)) return undefined;
  const line = detail.split('\n').find((candidate) => READ_FAILURE.test(candidate)) ?? detail;
  return new MediaError(`${displayLocation(location)} could not be read (retrying may help): ${redactUrls(line.replace(/^\[[^\]]*\]\s*/, '').trim()).slice(0, 400)}`, {
    permanent: false,
    cause,
  });
}

/** Maps ffprobe's complaint onto a reason a user can act on. */
function explainProbeFailure(displayName: string, message: string): string {
  if (/moov atom not found/i.test(message)) return `recording ${displayName} is truncated or corrupt (moov atom not found)`;
  if (/Invalid data found/i.test(message)) return `recording ${displayName} is not a readable media file (invalid data)`;
  if (/No such file/i.test(message)) return `recording ${displayName} does not exist`;
  const last = message.trim().split('\n').filter(Boolean).pop() ?? message;
  return `recording ${displayName} could not be read by ffprobe: ${redactUrls(last).slice(0, 200)}`;
}

function parseFps(rate: string | undefined): number {
  if (!rate) return 0;
  const [num, den] = rate.split('/').map(Number);
  if (!num || !den) return 0;
  return num / den;
}

interface RunOptions extends MediaRunOptions {
  /** The operation, for messages ("audio decode"). */
  readonly what: string;
  /** The input's location: an http(s) read failure is told apart from bad media. */
  readonly location: string;
  /** Seconds of input, for progress fractions. */
  readonly duration?: number;
  readonly onStderr?: (line: string) => void;
  /**
   * Set when a failure that is neither a read failure nor an abort means the input is unusable: the
   * error is then permanent and its message starts with this reason. @default undefined (retryable)
   */
  readonly unusableInput?: string;
}

/**
 * Runs a fluent-ffmpeg command to completion, forwarding stderr lines and progress. An abort kills
 * ffmpeg (SIGKILL) and rejects with an AbortedError once the process is gone, so no ffmpeg outlives
 * the stage and its scratch directory.
 */
function run(command: ffmpeg.FfmpegCommand, options: RunOptions): Promise<void> {
  const { signal, onProgress, duration } = options;
  if (signal?.aborted) return Promise.reject(abortedError(options.what, signal));
  return new Promise((resolve, reject) => {
    // Progress is read from ffmpeg's own stats lines (`... time=00:01:23.45 ...`), never through
    // fluent-ffmpeg's 'progress' event: a listener on it makes fluent-ffmpeg ffprobe the input first,
    // a second probe of the recording (and a second read of a remote one) on every run.
    const progressOf = onProgress && duration ? (line: string): void => {
      const time = STATS_TIME.exec(line);
      if (time) onProgress(Math.min(1, timemarkSeconds(time[1]!) / duration));
    } : undefined;
    // An abort before the spawn is caught by the 'start' listener, one after it by the abort listener.
    const kill = (): void => void command.kill('SIGKILL');
    signal?.addEventListener('abort', kill, { once: true });
    command
      .on('start', () => signal?.aborted && kill())
      .on('stderr', (line: string) => {
        progressOf?.(line);
        options.onStderr?.(line);
      })
      .on('error', (error: Error, _stdout: string | null, stderr: string | null) => {
        signal?.removeEventListener('abort', kill);
        if (signal?.aborted) {
          reject(abortedError(options.what, signal));
          return;
        }
        // fluent-ffmpeg's error repeats the command line and stderr: kept as the cause, without the URL's signature.
        error.message = redactUrls(error.message);
        const tail = redactUrls((stderr ?? '').trim().split('\n').slice(-3).join(' | ') || error.message);
        const { unusableInput } = options;
        const failed = `${options.what} failed: ${tail}`.slice(0, 600);
        reject(
          readFailure(options.location, stderr ?? error.message, error) ??
            new MediaError(unusableInput ? `${unusableInput}: ${failed}` : failed, { permanent: unusableInput !== undefined, cause: error }),
        );
      })
      .on('end', () => {
        signal?.removeEventListener('abort', kill);
        resolve();
      })
      .run();
  });
}

function abortedError(what: string, signal: AbortSignal): AbortedError {
  return new AbortedError(`${what} stopped: ${reasonOf(signal.reason)}`, { cause: signal.reason });
}

type PathLookup = (callback: (error: Error | null, path: string) => void) => void;

/**
 * Binds a fluent-ffmpeg command to these binaries. fluent-ffmpeg 2.1.3's `setFfmpegPath` and
 * `setFfprobePath`, even called on a command, write one module-wide cache that is read only when
 * the process is spawned, so two instances with different binaries would race. Shadowing the two
 * private lookups on the command itself keeps every command on its own binaries.
 */
function bindBinaries(command: ffmpeg.FfmpegCommand, paths: { ffmpegPath: string; ffprobePath: string }): ffmpeg.FfmpegCommand {
  const lookups = command as unknown as {
    _getFfmpegPath: PathLookup;
    _getFfprobePath: PathLookup;
    _checkCapabilities: (callback: (error?: Error) => void) => void;
    availableEncoders: (callback: (error: Error | null, encoders: Record<string, never>) => void) => void;
  };
  lookups._getFfmpegPath = (callback) => callback(null, paths.ffmpegPath);
  lookups._getFfprobePath = (callback) => callback(null, paths.ffprobePath);
  // fluent-ffmpeg checks every command's `-f` values against `ffmpeg -formats` and its codecs against
  // `ffmpeg -encoders`: two more ffmpeg starts per process (~0.2 s each, twice when two commands start
  // together). This module asks its binary once for what it relies on (capabilities(), cached on disk),
  // and the muxers it names (wav, null, s16le, mp4, image2) are in every ffmpeg build. The encoder list
  // would only add `-strict experimental` after `-acodec`/`-vcodec`, which this module never passes.
  lookups._checkCapabilities = (callback) => callback();
  lookups.availableEncoders = (callback) => callback(null, {});
  return command;
}

/** The position in ffmpeg's stats line: `size=  1024kB time=00:01:23.45 bitrate=...`. */
const STATS_TIME = /\btime=\s*(\d+:\d+:\d+(?:\.\d+)?)/;

function timemarkSeconds(timemark: string): number {
  const parts = timemark.split(':').map(Number);
  return parts.reduce((total, part) => total * 60 + (Number.isFinite(part) ? part : 0), 0);
}

export class FfmpegMedia implements Media {
  readonly options: FfmpegMediaOptions;
  private capabilitiesOnce: Promise<FfmpegCapabilities> | undefined;
  private readonly renderTurns: ConcurrencyLimit;
  /**
   * The ffprobe binaries a probe tries in turn (ffprobeRun.ts): the static build npm installs is followed by
   * PATH's ffprobe, which is run should the static one crash.
   */
  private readonly probeBinaries: FfprobeBinaries;

  constructor(options: Partial<FfmpegMediaOptions> = {}) {
    const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
    this.options = { ...ffmpegMediaDefaults(), ...given };
    this.renderTurns = createConcurrencyLimit(this.options.renderSlots);
    const fallback = this.options.ffprobePath === bundledFfprobe() ? findExecutable('ffprobe') : undefined;
    this.probeBinaries = fallback ? [this.options.ffprobePath, fallback] : [this.options.ffprobePath];
  }

  /**
   * What this instance's ffmpeg can do; asked of the binary once, then cached in memory and on disk
   * (ffmpegCapabilityCache.ts; a failed attempt is asked again). Every ffmpeg operation awaits it first,
   * which also proves the binary exists and is executable: fluent-ffmpeg 2.1.3 throws an uncaught
   * TypeError from its exit handler when it cannot spawn ffmpeg, taking the whole process down
   * instead of failing the command.
   */
  capabilities(): Promise<FfmpegCapabilities> {
    this.capabilitiesOnce ??= cachedFfmpegCapabilities(this.options.ffmpegPath).catch((error: unknown) => {
      this.capabilitiesOnce = undefined;
      throw error;
    });
    return this.capabilitiesOnce;
  }

  async probe(location: string, displayName: string): Promise<MediaInfo> {
    let stdout: string;
    try {
      stdout = await runFfprobe(this.probeBinaries, [...this.readOptions(location), '-v', 'error', '-show_streams', '-show_format', '-of', 'json', location]);
    } catch (error) {
      const failed = error as FfprobeRunError;
      const detail = failed.stderr || failed.message;
      // A binary that cannot be started, or a read that failed on the way, says nothing about the recording: not permanent.
      if (failed.spawnFailed) throw new MediaError(`ffprobe at ${failed.binary} could not be run: ${failed.message}`, { permanent: false, cause: error });
      throw readFailure(location, detail, error) ?? new MediaError(explainProbeFailure(displayName, detail), { permanent: true, cause: error });
    }
    const parsed = probeOutputSchema.safeParse(parseJsonOrUndefined(stdout));
    if (!parsed.success) throw new MediaError(`recording ${displayName} could not be read by ffprobe: its report was not in the expected shape`, { permanent: true, cause: parsed.error });
    const { streams, format } = parsed.data;
    const video = streams.find((s) => s.codec_type === 'video' && s.disposition?.attached_pic !== 1);
    const audio = streams.find((s) => s.codec_type === 'audio');
    const duration = Number(format.duration ?? audio?.duration ?? video?.duration ?? NaN);
    const createdAt = isoTime(format.tags?.['creation_time']);
    return {
      ...(createdAt === undefined ? {} : { createdAt }),
      formatName: format.format_name ?? 'unknown',
      duration: Number.isFinite(duration) ? duration : 0,
      sizeBytes: Number(format.size ?? 0),
      ...(video ? { video: { codec: video.codec_name ?? 'unknown', ...displaySize(video), fps: parseFps(video.avg_frame_rate ?? video.r_frame_rate) } } : {}),
      ...(audio ? { audio: { codec: audio.codec_name ?? 'unknown', sampleRate: Number(audio.sample_rate ?? 0), channels: audio.channels ?? 0 } } : {}),
    };
  }

  /**
   * One decode of the audio track, resampled once to 16 kHz mono 16-bit, streamed to node where every
   * feature is measured in the same pass (shared/core/audio: loudness, silences, decoded length). Measuring
   * in TypeScript rather than with ffmpeg's ebur128 and silencedetect filters halves the pass: those two
   * filters cost more than the decode itself, and node measures while ffmpeg decodes. When ASR will run,
   * the same track is also written as the WAV the engines read.
   */
  async analyzeAudio(location: string, options: MediaRunOptions & { duration: number; speechPath?: string }): Promise<AudioPassResult> {
    await this.capabilities();
    const meter = new AudioFeatureMeter({ sampleRate: ASR_SAMPLE_RATE, silenceNoiseDb: this.options.silenceNoiseDb, silenceMinSeconds: this.options.silenceMinSeconds });
    // No 'close' event: fluent-ffmpeg fails a run whose output stream closes 20 ms before ffmpeg has exited.
    const pcm = new Writable({
      emitClose: false,
      write(chunk: Buffer, _encoding, done) {
        meter.pushBytes(chunk);
        done();
      },
    });
    const drained = once(pcm, 'finish');
    drained.catch(() => undefined); // a failed run rejects below; the stream's own outcome then does not matter
    // The ASR engines get swresample's default (32-tap) filter; measuring loudness and silence alone, 8 taps
    // lose nothing (what aliases lies above 7 kHz, where the K-weighted energy of a show is small) and save
    // a sixth of the pass.
    const resample = options.speechPath ? `aresample=${ASR_SAMPLE_RATE}` : `aresample=${ASR_SAMPLE_RATE}:filter_size=8`;
    // Large frames and no per-packet flush: the pipe then carries 32 KiB writes instead of 2 KiB ones,
    // which alone cost a third of the decode.
    const track = `[0:a:0]${resample},aformat=sample_fmts=s16:channel_layouts=mono,asetnsamples=n=16384:pad=0`;
    const command = this.command(location).complexFilter(options.speechPath ? `${track},asplit=2[asr][pcm]` : `${track}[pcm]`);
    if (options.speechPath) command.output(options.speechPath).outputOptions(['-map', '[asr]', '-c:a', 'pcm_s16le', '-f', 'wav']);
    command.output(pcm).outputOptions(['-map', '[pcm]', '-c:a', 'pcm_s16le', '-flush_packets', '0', '-f', 's16le']);
    await run(command, {
      ...options,
      what: 'audio decode',
      location,
      // A decode failure of a readable input is the recording's fault: retrying will not help.
      unusableInput: 'the audio track could not be decoded',
    });
    await drained;
    return meter.result();
  }

  async extractAudio(location: string, range: { start: number; end: number; outPath: string; signal?: AbortSignal }): Promise<void> {
    await this.capabilities();
    const command = this.command(location)
      .inputOptions(['-ss', range.start.toFixed(3)])
      .outputOptions(['-t', Math.max(0.01, range.end - range.start).toFixed(3), '-map', '0:a:0', '-ac', '1', '-ar', String(ASR_SAMPLE_RATE), '-c:a', 'pcm_s16le'])
      .output(range.outPath);
    await run(command, { what: 'audio extract', location, signal: range.signal });
  }

  /**
   * The ffmpeg commands a render runs (clipRenderPlan.ts): what the bench runs bare to measure this module's
   * overhead. A variant whose captions travel as a track and whose picture is the recording's own is smart-cut
   * when the recording's packets allow it. Throws a permanent MediaError on a request that cannot be rendered.
   */
  async planRender(request: RenderClipRequest): Promise<ClipRenderPlan> {
    const captionFiles = request.variants.flatMap((variant) => (variant.captionsPath && variant.captionsAs !== 'track' ? [variant.captionsPath] : []));
    const smartCuts = new Map<Aspect, SmartCutPlan>();
    const source = request.sourceVideo;
    const own = request.variants.filter((variant) => {
      if (variant.captionsAs !== 'track' || !source) return false;
      const size = variantSize(this.options.variantSizes[variant.aspect], source, variantFit(variant.aspect, source, variant.reframe.mode));
      return size.width === source.width && size.height === source.height;
    });
    // The packet listing (an ffprobe start) and the caption fonts' folder are found side by side.
    const [video, fontsDir] = await Promise.all([
      own.length === 0
        ? undefined
        : copyableVideo(this.probeBinaries, request.source, request.timeline, { readOptions: this.readOptions(request.source), ...(request.signal ? { signal: request.signal } : {}) }).catch(
            // The copy only saves work: a listing that fails (the render will then say why) falls back to encoding.
            () => undefined,
          ),
      this.fontsDirFor(captionFiles),
    ]);
    if (video?.copyable) for (const variant of own) smartCuts.set(variant.aspect, planSmartCut(request.timeline, video.packets));
    return planClipRender(request, { ...this.options, fontsDir }, smartCuts);
  }

  /**
   * Every variant and the thumbnail frame from one decode of the kept spans (clipRenderGraph.ts), in one
   * ffmpeg process; variants share the trimmed audio and video, so their durations are equal and audio stays
   * on the picture through every cut. A variant with its captions as a track is then assembled: the
   * recording's whole GOPs copied (beside the main command: they only read), joined with its re-encoded pieces.
   */
  async renderClip(request: RenderClipRequest): Promise<RenderClipResult> {
    // A render that waited for its turn and was aborted meanwhile fails at once in run().
    return this.renderTurns(() => this.renderNow(request));
  }

  private async renderNow(request: RenderClipRequest): Promise<RenderClipResult> {
    await this.capabilities();
    // libass refuses an empty subtitle file, so a variant without speech is given no captions path.
    if (request.variants.some((variant) => variant.captionsPath && variant.captionsAs !== 'track')) await this.requireFilter('subtitles', 'burning in captions (libass)');
    const plan = await this.planRender(request);
    const command = this.command(plan.source).inputOptions([...plan.inputOptions]).complexFilter(plan.filterComplex);
    for (const output of plan.outputs) command.output(output.path).outputOptions([...output.options]);
    const copies = plan.assemblies.flatMap((assembly) => assembly.copies);
    try {
      await Promise.all([
        run(command, { what: 'clip render', location: request.source, signal: request.signal, onProgress: request.onProgress, duration: plan.duration }),
        ...copies.map((args) => this.runArgs(args, { what: 'clip stream copy', location: request.source, signal: request.signal })),
      ]);
      for (const assembly of plan.assemblies) await this.assemble(assembly, request);
    } finally {
      await Promise.all(plan.assemblies.flatMap((assembly) => assembly.temporaryFiles.map((file) => rm(file, { force: true }))));
    }
    return { variants: plan.variants, duration: plan.duration };
  }

  /** Joins a variant's copied and re-encoded parts, its audio and its caption track into its mp4. */
  private async assemble(assembly: VariantAssembly, request: RenderClipRequest): Promise<void> {
    await writeFile(assembly.listPath, assembly.list);
    await this.runArgs(assembly.join, { what: `clip ${assembly.aspect} join`, location: assembly.listPath, signal: request.signal });
  }

  /**
   * Runs ffmpeg with a whole argument list (the last argument is the output). Arguments are passed one by one:
   * fluent-ffmpeg splits an array's elements on a space, which would break paths.
   */
  private runArgs(args: readonly string[], options: RunOptions): Promise<void> {
    const output = args.at(-1);
    if (output === undefined) throw new MediaError(`${options.what}: no ffmpeg arguments`, { permanent: true });
    const rest = args.slice(0, -1).filter((arg, i, all) => !(arg === '-y' && i === 0 && all.length > 1));
    const command = bindBinaries(ffmpeg(), this.options);
    command.output(output);
    if (rest.length > 0) command.outputOptions(rest[0]!, ...rest.slice(1));
    return run(command, options);
  }

  /**
   * Decodes only intra frames (`-skip_frame nointra`: keyframes, plus the non-IDR I-frames x264 puts at
   * a cut that comes too soon after a keyframe), scales each to 64x36 and measures how much it differs
   * from the previous one; `metadata=mode=print` writes the measures to the log, read line by line.
   * `nointra` rather than `nokey`: a cut within x264's min-keyint (1 s at 25 fps) of a keyframe gets a
   * plain I-frame, and `nokey` would only see it at the next keyframe, up to 10 s later.
   * scdet rather than `select='gt(scene,x)'`: both score min(difference, change of difference), which
   * hides the second of two cuts on consecutive keyframes; scdet also reports the difference itself.
   * Builds without scdet (the static ffmpeg 4.1 in Lambda) measure with signalstats instead, which
   * gives the same two numbers (SignalstatsChangeReader), so the same cuts are found.
   */
  async detectSceneChanges(location: string, options: MediaRunOptions & { duration: number; frame?: FrameSize }): Promise<number[]> {
    const capabilities = await this.capabilities();
    const measure = sceneMeasureOf(capabilities);
    if (!measure) {
      throw new MediaError(`ffmpeg ${capabilities.version} at ${capabilities.ffmpegPath} has neither the scdet nor the signalstats filter: scene changes cannot be measured`, {
        permanent: true,
      });
    }
    const times = new Set<number>();
    const reader = SCENE_MEASURES[measure].reader((frame) => {
      if (isSceneChange(frame)) times.add(Math.round(frame.t * 1000) / 1000);
    });
    let noVideo = false;
    let undecodable: string | undefined;
    const onStderr = (line: string): void => {
      if (reader.consume(line)) return;
      if (NO_VIDEO_STREAM.test(line)) noVideo = true;
      else if (!undecodable && UNDECODABLE_VIDEO.test(line)) undecodable = line.replace(/^\[[^\]]*\]\s*/, '').trim();
    };
    const outputOptions = [
      // `?`: a recording without video maps nothing and ffmpeg says so, instead of picking cover art by guess.
      '-map', '0:v:0?', '-an', '-sn', '-dn',
      '-vf', `scale=${SCENE_FRAME_SIZE}:flags=area,${SCENE_MEASURES[measure].filters}`,
      // Frames go to the null muxer as decoded, never duplicated to a constant rate.
      ...passthroughFrameTiming(capabilities),
      '-filter_threads', '1',
      '-f', 'null',
    ];
    try {
      const pixelSeconds = options.frame ? options.frame.width * options.frame.height * options.duration : 0;
      if (capabilities.packetDropExpression && options.frame && pixelSeconds >= this.options.everyOtherKeyframeFrom) {
        await this.measureEveryOtherKeyframe(location, outputOptions, onStderr, options.signal);
      } else {
        const command = this.command(location)
          // One decoder thread: frame threads wait for frames that are never decoded, and the stage runs
          // this beside the audio decode on two cores. Halves the CPU time on a 320x180 test recording.
          .inputOptions(['-skip_frame', 'nointra', '-threads', '1'])
          .outputOptions(outputOptions)
          .output('-');
        await run(command, { ...options, what: 'scene detection', location, onStderr });
      }
    } catch (error) {
      if (error instanceof AbortedError && options.signal?.aborted) throw error;
      if (noVideo) return [];
      if (undecodable) {
        throw new MediaError(`the video track could not be decoded for scene detection: ${undecodable}`.slice(0, 600), { permanent: true, cause: error });
      }
      throw error;
    }
    reader.flush();
    return [...times].sort((a, b) => a - b);
  }

  /**
   * The scene pass on every other keyframe, where the build allows it: one ffmpeg copies the video's
   * keyframe packets, drops every second one (two `noise` bitstream filters: the first keeps keyframes,
   * the second counts only those) and pipes them as NUT to a second ffmpeg that decodes and measures
   * them. Decoding (3.7 ms a keyframe at 2.5 Mbit/s 720p) halves; the copy still reads the whole file, so
   * the pass alone went from 2.8x to 2.1x an audio-only decode there. The scene signal is a density of cuts
   * over a 20 s window: a cut shows at the next kept keyframe, at most two GOPs late; only a cut away and
   * back within one stride is missed.
   */
  private async measureEveryOtherKeyframe(location: string, outputOptions: readonly string[], onStderr: (line: string) => void, signal?: AbortSignal): Promise<void> {
    const keyframes = new PassThrough();
    // Either process failing stops the other: a reader gone would leave the copy blocked on a full pipe.
    const stop = new AbortController();
    const abortBoth = (): void => stop.abort(signal?.reason);
    signal?.addEventListener('abort', abortBoth, { once: true });
    const copy = this.command(location)
      // Timestamps as read: NUT would otherwise shift them all by the B-frame delay to keep them positive.
      // (`-discard nokey` is left out on purpose: its gaps in the packets' decode times garble ffmpeg's.)
      .outputOptions([
        '-map', '0:v:0?', '-an', '-sn', '-dn', '-c:v', 'copy',
        '-bsf:v', 'noise=drop=not(key),noise=drop=mod(n\\,2)',
        '-avoid_negative_ts', 'disabled', '-f', 'nut',
      ])
      .output(keyframes, { end: true });
    const decode = bindBinaries(ffmpeg(keyframes), this.options)
      .inputOptions(['-f', 'nut', '-skip_frame', 'nointra', '-threads', '1'])
      .outputOptions([...outputOptions])
      .output('-');
    const [copied, decoded] = await Promise.allSettled([
      run(copy, { what: 'scene detection (keyframe copy)', location, signal: stop.signal, onStderr }).catch((error: unknown) => {
        keyframes.end();
        stop.abort(error);
        throw error;
      }),
      run(decode, { what: 'scene detection', location, signal: stop.signal, onStderr }).catch((error: unknown) => {
        stop.abort(error);
        throw error;
      }),
    ]);
    signal?.removeEventListener('abort', abortBoth);
    if (signal?.aborted) throw abortedError('scene detection', signal);
    // The copy reads the recording: its failure is the cause; the decoder then only saw the pipe end.
    if (copied.status === 'rejected' && !(copied.reason instanceof AbortedError)) throw copied.reason;
    if (decoded.status === 'rejected') throw decoded.reason;
    if (copied.status === 'rejected') throw copied.reason;
  }

  /** Low-resolution RGB frames of a span and its cuts, in one decode (see frameSampling.ts). */
  async sampleFrames(location: string, request: SampleFramesRequest): Promise<SampledFrames> {
    const capabilities = await this.capabilities();
    const measure = sceneMeasureOf(capabilities);
    const sampling = new FrameSampling(request, measure ? SCENE_MEASURES[measure] : undefined);
    const dir = await mkdtemp(path.join(tmpdir(), 'postshow-frames-'));
    try {
      const rawPath = path.join(dir, 'frames.rgb');
      const command = this.command(location)
        .inputOptions(sampling.inputOptions())
        .complexFilter(sampling.graph())
        .outputOptions(sampling.outputOptions(passthroughFrameTiming(capabilities)))
        .output(rawPath);
      let noVideo = false;
      try {
        await run(command, {
          what: 'frame sampling',
          location,
          signal: request.signal,
          onStderr: (line) => {
            if (!sampling.consume(line) && NO_VIDEO_STREAM.test(line)) noVideo = true;
          },
        });
      } catch (error) {
        // Retrying cannot give a recording a picture: the caller should not have asked for a crop.
        if (noVideo && !(error instanceof AbortedError)) throw new MediaError(`${displayLocation(location)} has no video stream to reframe`, { permanent: true, cause: error });
        throw error;
      }
      return await sampling.read(rawPath);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /**
   * Runs ffmpeg's `asr` filter (pocketsphinx) over an audio file and returns one entry per utterance
   * with the time it ended. Two seconds of padding let the recogniser close the last utterance.
   * Debian's ffmpeg has the filter; the static Lambda build does not (a permanent MediaError says so).
   */
  async recognizeSpeech(
    location: string,
    model: { hmm?: string; dict?: string; lm?: string } = {},
    signal?: AbortSignal,
  ): Promise<{ end: number; text: string }[]> {
    await this.requireFilter('asr', 'offline speech recognition (pocketsphinx)');
    const modelArgs = Object.entries(model)
      .filter(([, value]) => value)
      .map(([key, value]) => `${key}='${filterPath(value as string)}'`)
      .join(':');
    const asr = modelArgs ? `asr=${modelArgs}` : 'asr';
    const lines: string[] = [];
    const command = this.command(location)
      .audioFilters(`apad=pad_dur=2,${asr},ametadata=mode=print:key=lavfi.asr.text`)
      .outputOptions(['-f', 'null'])
      .output('-');
    // ametadata prints at info level into the log, one pts line and one text line per utterance.
    await run(command, { what: 'speech recognition', location, signal, onStderr: (line) => {
      if (line.includes('pts_time') || line.includes('lavfi.asr.text')) lines.push(line.replace(/^\[[^\]]*\]\s*/, ''));
    } });
    return parseAsrMetadata(lines.join('\n'));
  }

  /** The fonts directory for burning these caption files: only their families' files (captionFonts.ts). */
  private async fontsDirFor(captionFiles: readonly string[]): Promise<string> {
    if (captionFiles.length === 0) return this.options.fontsDir;
    // A deployment font other than the styles' default replaces every style's font (clipRenderPlan.ts).
    const families = this.options.captionFont !== DEFAULT_CAPTION_FONT
      ? [this.options.captionFont]
      : assFontFamilies(await Promise.all(captionFiles.map((file) => readFile(file, 'utf8'))));
    return captionFontsDir(this.options.fontsDir, families);
  }

  /** A fluent-ffmpeg command on this instance's ffmpeg and ffprobe. */
  private command(input: string): ffmpeg.FfmpegCommand {
    return bindBinaries(ffmpeg(input), this.options).inputOptions(this.readOptions(input));
  }

  /** Input options for reading `location`: a stall timeout for http(s) reads, nothing for local files. */
  private readOptions(location: string): string[] {
    // rw_timeout is in microseconds; the http protocol of ffmpeg 4.1 and 5.1 both honour it.
    return isUrl(location) ? ['-rw_timeout', String(Math.round(this.options.readTimeoutSeconds * 1_000_000))] : [];
  }

  /** Fails permanently, naming the binary, when a filter the operation needs is not compiled in. */
  private async requireFilter(filter: string, purpose: string): Promise<void> {
    const capabilities = await this.capabilities();
    if (!capabilities.filters.has(filter)) {
      throw new MediaError(`ffmpeg ${capabilities.version} at ${capabilities.ffmpegPath} lacks the ${filter} filter needed for ${purpose}`, { permanent: true });
    }
  }
}

/** A field ffprobe may leave out or, in an odd file, give in another type: either way it reads as absent. */
const lenient = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);
const probedTags = lenient(z.record(z.string(), z.unknown()));

/** The part of `ffprobe -show_streams -show_format -of json` that probe() reads. */
const probedStreamSchema = z.object({
  codec_type: lenient(z.string()),
  codec_name: lenient(z.string()),
  width: lenient(z.number()),
  height: lenient(z.number()),
  avg_frame_rate: lenient(z.string()),
  r_frame_rate: lenient(z.string()),
  sample_rate: lenient(z.string()),
  channels: lenient(z.number()),
  duration: lenient(z.string()),
  disposition: lenient(z.object({ attached_pic: lenient(z.number()) })),
  tags: probedTags,
  side_data_list: lenient(z.array(z.object({ rotation: lenient(z.number()) }))),
});
type ProbedStream = z.infer<typeof probedStreamSchema>;
const probeOutputSchema = z.object({
  streams: z.array(probedStreamSchema).default([]),
  format: z.object({ format_name: lenient(z.string()), duration: lenient(z.string()), size: lenient(z.string()), tags: probedTags }),
});

function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The picture's size as shown and as decoded: ffmpeg turns frames upright by the display matrix (phones store
 * a portrait recording as landscape frames rotated 90°), so a quarter-turn swaps the coded width and height.
 * ffprobe reports the matrix as `rotation` (side data) or, in older files, a `rotate` tag.
 */
function displaySize(stream: ProbedStream): { width: number; height: number } {
  const width = stream.width ?? 0;
  const height = stream.height ?? 0;
  const rotation = Number(stream.side_data_list?.find((entry) => entry.rotation !== undefined)?.rotation ?? stream.tags?.['rotate'] ?? 0);
  return Number.isFinite(rotation) && Math.abs(Math.round(rotation)) % 180 === 90 ? { width: height, height: width } : { width, height };
}

/** A tag value as an ISO 8601 time, when it is one (recorders write `2024-05-01T19:58:03.000000Z`). */
function isoTime(tag: unknown): string | undefined {
  if (typeof tag !== 'string') return undefined;
  const ms = Date.parse(tag);
  // A zero date (1970, or 1904 from QuickTime's epoch) means the recorder left it unset.
  return Number.isFinite(ms) && ms > Date.UTC(1990, 0, 1) ? new Date(ms).toISOString() : undefined;
}
