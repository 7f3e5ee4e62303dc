/**
 * Parsers for the lines ffmpeg's measurement filters write to its log. Each consumes one line at a
 * time so memory stays flat however long the recording is.
 */

/** Loudness reported for digital silence; ebur128 says -inf or -120, we clamp to this floor. */
export const LOUDNESS_FLOOR_LUFS = -70;

// [Parsed_ebur128_2 @ 0x..] t: 1.0999   TARGET:-23 LUFS    M: -21.3 S: -22.4     I: -22.1 LUFS  ...
const EBUR128_FRAME = /\bt:\s*([\d.]+)\s+TARGET:.*?\bM:\s*(-?[\d.]+|-?inf|nan)\s+S:\s*(-?[\d.]+|-?inf|nan)/;
const EBUR128_INTEGRATED = /^\s*I:\s*(-?[\d.]+|-?inf)\s+LUFS/;

function lufs(value: string | undefined): number {
  const number = Number(value);
  return Number.isFinite(number) ? Math.max(LOUDNESS_FLOOR_LUFS, number) : LOUDNESS_FLOOR_LUFS;
}

/**
 * Folds ebur128's 10-per-second frame log into one loudness value per second: the energy mean of
 * the momentary (400 ms) readings inside that second. Momentary rather than short-term (3 s)
 * because excitement peaks are short and the 3 s window is undefined for the first seconds.
 */
export class LoudnessAccumulator {
  private readonly energy: number[] = [];
  private readonly counts: number[] = [];
  /** Time of the last frame seen, seconds: how much audio was actually decoded. */
  lastTime = 0;
  /** Integrated loudness from the summary, LUFS. */
  integrated = LOUDNESS_FLOOR_LUFS;

  /** Returns true when the line was an ebur128 line. */
  consume(line: string): boolean {
    const frame = EBUR128_FRAME.exec(line);
    if (frame) {
      const t = Number(frame[1]);
      const momentary = lufs(frame[2]);
      // Frame times mark the end of each 100 ms block; attribute the block to the second it ends in.
      const second = Math.max(0, Math.ceil(t - 1e-6) - 1);
      while (this.energy.length <= second) {
        this.energy.push(0);
        this.counts.push(0);
      }
      this.energy[second] = (this.energy[second] ?? 0) + 10 ** (momentary / 10);
      this.counts[second] = (this.counts[second] ?? 0) + 1;
      this.lastTime = Math.max(this.lastTime, t);
      return true;
    }
    const integrated = EBUR128_INTEGRATED.exec(line);
    if (integrated) {
      this.integrated = lufs(integrated[1]);
      return true;
    }
    return false;
  }

  /** Loudness per whole second in LUFS, floored at LOUDNESS_FLOOR_LUFS. */
  perSecond(): number[] {
    return this.energy.map((sum, i) => {
      const count = this.counts[i] ?? 0;
      return count === 0 ? LOUDNESS_FLOOR_LUFS : lufs(String(10 * Math.log10(sum / count)));
    });
  }
}

export type SilenceEvent = { kind: 'start'; at: number } | { kind: 'end'; at: number; duration?: number };

/** Parses `silence_start: 12.3` / `silence_end: 15.6 | silence_duration: 3.3` lines. */
export function parseSilenceLine(line: string): SilenceEvent | undefined {
  const start = /silence_start:\s*(-?[\d.]+)/.exec(line);
  if (start) return { kind: 'start', at: Math.max(0, Number(start[1])) };
  const end = /silence_end:\s*(-?[\d.]+)(?:\s*\|\s*silence_duration:\s*([\d.]+))?/.exec(line);
  if (end) return { kind: 'end', at: Number(end[1]), ...(end[2] ? { duration: Number(end[2]) } : {}) };
  return undefined;
}

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
