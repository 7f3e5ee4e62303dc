/**
 * Parsers for the lines ffmpeg's measurement filters write to its log. Each consumes one line at a
 * time so memory stays flat however long the recording is.
 */

/** Parses ffmpeg's `asr` filter output printed by `ametadata=mode=print`: pairs of pts_time and text lines. */
export function parseAsrMetadata(output: string): { end: number; text: string }[] {
  const utterances: { end: number; text: string }[] = [];
  let pendingTime: number | undefined;
  for (const line of output.split('\n')) {
    const time = /pts_time:\s*([\d.]+)/.exec(line);
    if (time) {
      pendingTime = Number(time[1]);
      continue;
    }
    const text = /^lavfi\.asr\.text=(.*)$/.exec(line.trim());
    if (text && pendingTime !== undefined) {
      const cleaned = (text[1] ?? '').replace(/<\/?s>|<sil>|\[[^\]]*\]|\(\d+\)/g, ' ').replace(/\s+/g, ' ').trim();
      if (cleaned) utterances.push({ end: pendingTime, text: cleaned });
      pendingTime = undefined;
    }
  }
  return utterances;
}

/** Change measures of one decoded keyframe against the keyframe before it: ffmpeg's `scdet` filter, or the same from `signalstats`. */
export interface KeyframeChange {
  /** Presentation time of the keyframe, seconds. */
  readonly t: number;
  /** Mean absolute frame difference to the previous keyframe, percent of full scale (0..100). */
  readonly mafd: number;
  /** scdet's score: min(mafd, |mafd - previous mafd|), percent (0..100). */
  readonly score: number;
}

// [Parsed_metadata_3 @ 0x..] frame:12   pts:25600   pts_time:2
const METADATA_FRAME = /\bframe:\s*\d+\s+pts:\s*\S+\s+pts_time:\s*(\S+)/;
// [Parsed_metadata_3 @ 0x..] lavfi.scd.mafd=3.204   /   lavfi.scd.score=0.521
const SCDET_VALUE = /\blavfi\.scd\.(mafd|score)=(-?[\d.]+|nan|-?inf)/;

/** Reads per-frame change measures from ffmpeg's log, one line at a time; {@link flush} once when the log ends. */
export interface KeyframeChangeLogReader {
  /** Returns true when the line belonged to the measurement print. */
  consume(line: string): boolean;
  flush(): void;
}

/**
 * Groups the lines `metadata=mode=print` writes into frames: a `pts_time` line opens a frame, the key lines
 * after it (`valueLine`: key in group 1, value in group 2) fill it, and the next frame or the end of the log
 * ({@link flush}) closes it. So the key order does not matter and only one frame is held in memory.
 */
class MetadataPrintReader implements KeyframeChangeLogReader {
  private pending: { t: number; values: Map<string, number> } | undefined;

  /** @param onFrame gets each frame's `pts_time` (NaN for NOPTS) and its finite values by key. */
  constructor(
    private readonly valueLine: RegExp,
    private readonly onFrame: (t: number, values: ReadonlyMap<string, number>) => void,
  ) {}

  consume(line: string): boolean {
    const frame = METADATA_FRAME.exec(line);
    if (frame) {
      this.flush();
      this.pending = { t: Number(frame[1]), values: new Map() };
      return true;
    }
    const value = this.valueLine.exec(line);
    if (!value) return false;
    const number = Number(value[2]);
    if (this.pending && Number.isFinite(number)) this.pending.values.set(value[1] ?? '', number);
    return true;
  }

  flush(): void {
    const frame = this.pending;
    this.pending = undefined;
    if (frame) this.onFrame(frame.t, frame.values);
  }
}

/** Reads the per-frame lines `metadata=mode=print` writes after `scdet`. */
export class KeyframeChangeReader extends MetadataPrintReader {
  constructor(onFrame: (frame: KeyframeChange) => void) {
    super(SCDET_VALUE, (t, values) => {
      // A frame without a timestamp (pts_time:NOPTS) cannot be placed on the recording's clock.
      if (Number.isFinite(t)) onFrame({ t, mafd: values.get('mafd') ?? 0, score: values.get('score') ?? 0 });
    });
  }
}

// [Parsed_metadata_4 @ 0x..] lavfi.signalstats.YDIF=8.18837   (printf %g: may read 1.5e-05)
const SIGNALSTATS_VALUE = /\blavfi\.signalstats\.(\w+)=(\S*)/;

/** Full scale of the 8-bit luma signalstats measures here (the fallback filter chain forces 8-bit formats). */
const LUMA_FULL_SCALE = 256;

/**
 * The scene measures for ffmpeg builds without `scdet` (the static 4.1 in Lambda), read from the
 * lines `metadata=mode=print` writes after `signalstats`. signalstats' YDIF is the mean absolute
 * difference of the luma plane to the previous frame; scdet measures only the luma plane of YUV
 * input too, so YDIF x 100 / 256 is scdet's mafd to the last digit, and the score is computed with
 * scdet's own formula, min(mafd, |mafd - previous mafd|) clipped to 0..100. Same numbers, so
 * {@link isSceneChange} keeps its thresholds.
 *
 * Not `select`'s scene score, the obvious fallback: it is only min(difference, change of difference)
 * (no mafd), so the second of two similar cuts on consecutive keyframes (camera A -> B -> A) would score
 * near 0 and be lost.
 */
export class SignalstatsChangeReader extends MetadataPrintReader {
  constructor(onFrame: (frame: KeyframeChange) => void) {
    let previousMafd = 0;
    super(SIGNALSTATS_VALUE, (t, values) => {
      const mafd = ((values.get('YDIF') ?? 0) * 100) / LUMA_FULL_SCALE;
      const score = Math.min(100, Math.max(0, Math.min(mafd, Math.abs(mafd - previousMafd))));
      // A frame without a timestamp cannot be placed, but it is still the "previous frame" of the next one.
      previousMafd = mafd;
      if (Number.isFinite(t)) onFrame({ t, mafd: round3(mafd), score: round3(score) });
    });
  }
}

/** scdet prints its measures with three decimals; the fallback rounds the same way so both compare equal. */
function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/**
 * A keyframe whose scdet score (change beyond the motion the shot already had) reaches this is a
 * scene change; percent of full scale on a 64x36 picture. scdet's documentation suggests 8-14 for
 * consecutive frames; keyframes are up to 2 s apart, so continuous motion adds up between them (a
 * zooming fractal measures 9-12 over 2 s, a moving test card 3-5), hence the top of that range.
 * @default 14
 */
export const SCENE_SCORE_THRESHOLD = 14;

/**
 * A keyframe this different from the previous one is a cut whatever its score, percent of full scale.
 * Needed because the score subtracts the previous keyframe's difference: where keyframes sit only at
 * cuts (x264's scenecut), consecutive cuts of similar size (camera A -> B -> A) score near 0.
 * Midway between the 2-second motion of a fast zoom (9-12) and the cuts between unrelated shots
 * measured on test material (19.6-30); cuts between similar shots of one studio can measure less.
 * @default 16
 */
export const SCENE_CUT_MAFD_THRESHOLD = 16;

/** Thresholds of {@link isSceneChange}, percent of full scale. */
export interface SceneChangeThresholds {
  /** @default SCENE_SCORE_THRESHOLD */
  readonly score: number;
  /** @default SCENE_CUT_MAFD_THRESHOLD */
  readonly mafd: number;
}

/** True when a keyframe starts a new scene: a sudden change (score) or a change too large to be motion (mafd). */
export function isSceneChange(
  frame: KeyframeChange,
  thresholds: SceneChangeThresholds = { score: SCENE_SCORE_THRESHOLD, mafd: SCENE_CUT_MAFD_THRESHOLD },
): boolean {
  // The first keyframe has nothing to differ from; scdet reports 0 for it, and a cut at 0 means nothing.
  if (frame.t <= 0) return false;
  return frame.score >= thresholds.score || frame.mafd >= thresholds.mafd;
}
