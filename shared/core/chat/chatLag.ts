/**
 * Estimates how late chat reacts to the stream. Viewers watch the stream seconds behind the host (player
 * latency) and then need time to type, so a burst of messages trails the moment it is about; a fixed guess
 * misplaces clip boundaries by the difference.
 *
 * Method: cross-correlation of two per-second series over whole-second lags, refined to sub-second.
 * - Chat: messages per second (each split between the two nearest seconds), smoothed by a triangular
 *   kernel (peaked, so the correlation has a peak rather than a plateau), minus a rolling median (the show's
 *   drifting baseline), divided by a local spread (rolling MAD, never below the Poisson spread of the
 *   baseline, so a quiet chat cannot turn two messages into a burst), compressed logarithmically above
 *   z = 3 so one giant spam burst cannot outvote every other moment without flattening the shape of bursts.
 * - Stream activity: impulses where something starts on stream, the thing chat reacts to. Loud events
 *   (cheers, laughter, a shouting host) count at their ONSETS, timed to a fraction of a second from the
 *   energy share of the seconds around the rise (a 20-second cheer is one event; correlating loudness levels
 *   would tie the lag to how long the cheer lasts). Notable speech counts at the start of each stretch of it
 *   (chat reacts to a pitch starting, not to every sentence of it), at half weight (a segment's start only
 *   roughly marks its notable words). A metrics jump is a box over the polling interval before the row that
 *   shows it (the moment happened somewhere in that interval).
 * The correlation of activity(t) with chat(t + lag) is computed for every lag in range. The estimate is
 * the middle of its peak at half height rather than the top: reaction times are right-skewed (a few slow
 * typists), so the top sits early, and the middle of the peak lands near the typical (median) delay.
 *
 * Whether the peak means anything is judged against a surrogate null: the same correlation with chat
 * circularly shifted minutes away from the stream, where it keeps its own burstiness but loses any link
 * (up to 200 shifts). Prominence is the peak's robust z against those; support is the number of separate
 * stream events followed by a chat burst at the lag, beyond what the shifted chat gives by chance. A lag
 * is claimed when both are clear; confidence grows with both. Otherwise the result is the documented
 * default with confidence 0 and a reason. On unrelated chat (Poisson, or the show's own chat shifted by
 * minutes) over generated shows, about 96 % falls back to the default; the rest are 10-minute shows where
 * chance lined chat up with 3-4 loud onsets (confidence up to 0.74), which is why the detector applies a lag
 * only when more separate events agree (highlights/calibrateChatLag.ts).
 *
 * Cost: a few O(n) and O(n × 121) rolling passes plus O(n × (lags + shifts)) for the correlations; about
 * 50 ms for a 6-hour show.
 */
import { InputError } from '../errors.js';
import { MAD_TO_SIGMA, mad, median, movingSum, rollingMad, rollingMedian } from '../highlights/robustStats.js';

/** Stream-side evidence a lag estimate was built from. */
export type ChatLagEvidence = 'loudness' | 'speech' | 'metrics';

/** What {@link estimateChatLag} needs; times in seconds from the start of the recording. */
export interface ChatLagInput {
  readonly duration: number;
  /** Times of chat messages (ordinary and paid kinds; leave out joins, follows and other system events). */
  readonly chatTimes: readonly number[];
  /** Short-term loudness per whole second, LUFS, as the audio stage stores it (-70 or non-finite = silence). */
  readonly loudness?: readonly number[];
  /** Times where notable speech happens (product mentions, calls to action, high sentiment). */
  readonly speechOnsets?: readonly number[];
  /** Times where orders or viewers jump (the metrics row that first shows the jump). */
  readonly metricsJumps?: readonly number[];
  /** Smallest lag considered, seconds. @default 0 */
  readonly minLag?: number;
  /** Largest lag considered, seconds. @default 30 */
  readonly maxLag?: number;
}

/** A measured lag. */
export interface MeasuredChatLag {
  readonly lagSeconds: number;
  /** 0..1: how clearly the correlation peak stands out and how many separate events support it. */
  readonly confidence: number;
  readonly method: 'cross-correlation';
  /** The stream-side series that were used. */
  readonly evidence: readonly ChatLagEvidence[];
  /** Pearson correlation of the two series at the best integer lag. */
  readonly correlation: number;
  /** How far the peak stands above the correlation of unrelated (far-shifted) series, in robust spreads. */
  readonly prominence: number;
  /** Separate stream events followed by a chat burst at the estimated lag. */
  readonly supportingEvents: number;
  /** The same at unrelated (far-shifted) lags: what chance gives (median over the shifts). */
  readonly chanceSupport: number;
}

/** The fallback when the lag cannot be measured. */
export interface DefaultChatLag {
  readonly lagSeconds: number;
  readonly confidence: 0;
  readonly method: 'default';
  /** Why the lag could not be measured, for logs and the report. */
  readonly reason: string;
}

export type ChatLagEstimate = MeasuredChatLag | DefaultChatLag;

/**
 * Lag assumed when it cannot be measured, seconds: what the highlight detector applies to a show whose lag is
 * neither measured clearly nor given. Typical reality: 2-5 s of player latency plus 1-3 s of typing.
 */
export const DEFAULT_CHAT_LAG_SECONDS = 4;
/** Default search range, seconds: low-latency players lag ~1 s, default HLS players up to ~30 s. */
export const DEFAULT_MIN_LAG_SECONDS = 0;
export const DEFAULT_MAX_LAG_SECONDS = 30;
/** Fewest in-show chat messages worth correlating: fewer cannot form bursts at several moments. */
export const MIN_CHAT_MESSAGES = 30;
/** Fewest separate stream events: with one or two, any lag that matches them "fits". */
export const MIN_STREAM_EVENTS = 3;
/** Fewest stream events that must be followed by a chat burst at the estimated lag, beyond chance. */
export const MIN_EXCESS_SUPPORT = 2;
/**
 * Peak prominence, in robust spreads of the unrelated (null) correlations above their median, below which no
 * lag is claimed, and at which the prominence part of confidence is full. On unrelated chat the best of the
 * 31 lags reaches 3.5 one time in ten and 5 one time in a hundred.
 */
const MIN_PROMINENCE = 4;
const FULL_PROMINENCE = 8;
/** Lags read past each end of the range to see the shape of a peak near it, seconds. */
const SHAPE_PAD_SECONDS = 8;
/**
 * Circular shifts that sample the correlation of unrelated series: up to NULL_SHIFTS (enough for a stable
 * median and MAD even when chance alignments of other moments fatten the tail), at least MIN_NULL_SHIFTS.
 */
const NULL_SHIFTS = 200;
const MIN_NULL_SHIFTS = 40;
/** Null shifts stay this far from every lag in range, seconds: well past any reaction to the stream. */
const NULL_MARGIN_SECONDS = 60;
/** Floor of the null spread, so a near-deterministic series cannot produce an infinite prominence. */
const MIN_NULL_SPREAD = 1e-3;
/** Supporting events beyond chance at which the event part of confidence reaches 1 - 1/e. */
const SUPPORT_SCALE = 3;

/** Triangular chat kernel: a 3-second box applied twice (weights 1,2,3,2,1). */
const CHAT_BOX_SECONDS = 3;
/** Rolling window of the chat and loudness baselines, seconds: spans several moments, follows a show's slow drift. */
const BASELINE_WINDOW_SECONDS = 121;
/**
 * Chat z-scores above this grow only logarithmically: a 100-message spam burst must not outweigh every other
 * moment, yet a burst must keep its shape (a hard clip would flatten its top and leave the peak undefined).
 */
const CHAT_Z_KNEE = 3;
/** Chat dips below this z carry no timing information and are cut off. */
const CHAT_Z_FLOOR = -2;
/** Chat z at which a second counts as a burst when counting supporting events. */
const CHAT_BURST_Z = 2;
/** Slack around the estimated lag when looking for a supporting burst, seconds. */
const SUPPORT_SLACK_SECONDS = 2;

/** LUFS value the audio stage uses for silence. */
const SILENCE_LUFS = -70;
/** Loudness this far below the show's median heard level counts as silence (music beds, fades), LU. */
const LOUDNESS_GATE_LU = 20;
/** Seconds this far below the rough loudness baseline are pauses, not speech, LU. */
const PAUSE_DROP_LU = 3;
/** Median of a half-normal distribution, in σ. */
const HALF_NORMAL_MEDIAN = 0.6745;
/** Smallest loudness spread, LU: below ~1 LU nobody hears a difference. */
const MIN_LOUDNESS_SPREAD_LU = 1;
/** Loudness z above the baseline that is ordinary jitter; only the part above it can start an event. */
const LOUDNESS_NOISE_Z = 1.5;
/** A loudness rise is measured against the highest level of this many seconds before it. */
const LOUDNESS_RISE_MEMORY_SECONDS = 5;
/** Smallest climb above the last few seconds' loudness that starts an event, in robust spreads. */
const LOUDNESS_MIN_RISE_Z = 1;
/** Seconds from an onset over which the event's height is taken (median, so jitter and a short dip do not count). */
const LOUDNESS_HOLD_SECONDS = 3;
/** A loudness rise of this many z above the noise counts as one full event (impulse 1); bigger rises are capped there. */
const LOUDNESS_EVENT_Z = 2;

/** Notable speech within this many seconds of the previous notable speech continues the same stretch. */
const SPEECH_STRETCH_GAP_SECONDS = 10;
/** A metrics jump is spread over this many seconds before the row that shows it (a typical polling interval). */
const METRICS_INTERVAL_SECONDS = 10;

/** A loudness onset of at least this (of one event) counts as a separate stream event. */
const CLEAR_ONSET = 0.5;
/**
 * Weight of the start of notable speech against a clear loudness onset: a cheer is sharply timed, while a
 * transcript segment's start is only roughly where the notable words are.
 */
const SPEECH_WEIGHT = 0.5;
/** Stream events closer than this are one event, seconds. */
const EVENT_SEPARATION_SECONDS = 10;

/**
 * Estimates the chat lag of a show. Pure and deterministic; O(duration × lags).
 * @throws InputError when the lag range is not 0 <= minLag <= maxLag (finite).
 */
export function estimateChatLag(input: ChatLagInput): ChatLagEstimate {
  const minLag = input.minLag ?? DEFAULT_MIN_LAG_SECONDS;
  const maxLag = input.maxLag ?? DEFAULT_MAX_LAG_SECONDS;
  if (!Number.isFinite(minLag) || !Number.isFinite(maxLag) || minLag < 0 || minLag > maxLag) {
    throw new InputError(`chat lag range must satisfy 0 <= minLag <= maxLag, got ${minLag}..${maxLag}`);
  }
  const clampLag = (lag: number) => Math.min(maxLag, Math.max(minLag, lag));
  const fallback = (reason: string): DefaultChatLag => ({
    lagSeconds: clampLag(DEFAULT_CHAT_LAG_SECONDS),
    confidence: 0,
    method: 'default',
    reason,
  });

  const n = Number.isFinite(input.duration) && input.duration > 0 ? Math.ceil(input.duration) : 0;
  const first = Math.ceil(minLag);
  const last = Math.floor(maxLag);
  if (first > last) return fallback(`no whole-second lag in ${minLag}..${maxLag} s`);
  // The peak's shape is read a few lags past the range on both sides (negative lags are fine: the
  // correlation wraps), so a lag near the range's end is refined like any other.
  const grid = Array.from({ length: last - first + 1 + 2 * SHAPE_PAD_SECONDS }, (_, k) => first - SHAPE_PAD_SECONDS + k);
  const nullShifts = nullShiftsFor(n, first - SHAPE_PAD_SECONDS, last + SHAPE_PAD_SECONDS);
  if (nullShifts.length === 0) return fallback(`show of ${n} s is too short to measure a lag up to ${maxLag} s`);

  const inShow = input.chatTimes.filter((t) => Number.isFinite(t) && t >= 0 && t < n);
  if (inShow.length < MIN_CHAT_MESSAGES) return fallback(`too little chat (${inShow.length} messages, needs ${MIN_CHAT_MESSAGES})`);

  const { activity, evidence, times } = streamActivity(input, n);
  const events = separateEvents(times);
  if (events.length < MIN_STREAM_EVENTS) {
    return fallback(`too little stream-side evidence (${events.length} events, needs ${MIN_STREAM_EVENTS})`);
  }
  const chat = chatBursts(inShow, n);

  const correlations = grid.map((lag) => circularCorrelation(activity, chat, lag));
  let best = SHAPE_PAD_SECONDS;
  for (let k = SHAPE_PAD_SECONDS; k < grid.length - SHAPE_PAD_SECONDS; k++) {
    if ((correlations[k] ?? -Infinity) > (correlations[best] ?? -Infinity)) best = k;
  }
  const peak = correlations[best] ?? 0;
  const bestLag = grid[best] ?? 0;
  // How the peak compares with the correlation of the same series when they are unrelated: chat shifted
  // minutes away from the stream keeps its own burstiness but loses the link (a surrogate null).
  const unrelated = nullShifts.map((shift) => circularCorrelation(activity, chat, shift));
  const center = median(unrelated);
  const prominence = (peak - center) / Math.max(MAD_TO_SIGMA * mad(unrelated, center), MIN_NULL_SPREAD);
  // Events followed by a burst at the best lag, beyond what chance gives at the unrelated shifts: in a busy
  // chat some events always have a burst nearby.
  const supportingEvents = countSupport(events, chat, bestLag);
  const bySupport = median(nullShifts.map((shift) => countSupport(events, chat, shift)));
  const excessSupport = supportingEvents - bySupport;
  if (!(peak > 0) || prominence < MIN_PROMINENCE || excessSupport < MIN_EXCESS_SUPPORT) {
    return fallback(
      `no clear correlation peak (best ${bestLag} s: r=${peak.toFixed(3)}, ${prominence.toFixed(1)} spreads above unrelated, ` +
        `${supportingEvents} of ${events.length} events followed by a burst against ${bySupport} by chance)`,
    );
  }

  const refined =
    halfHeightMiddle(grid, correlations, best, center) ??
    bestLag + parabolicOffset(correlations[best - 1], peak, correlations[best + 1]);
  const peakPart = Math.min(1, (prominence - MIN_PROMINENCE) / (FULL_PROMINENCE - MIN_PROMINENCE));
  const supportPart = 1 - Math.exp(-excessSupport / SUPPORT_SCALE);
  return {
    lagSeconds: clampLag(refined),
    confidence: Math.min(1, Math.max(0, peakPart * supportPart)),
    method: 'cross-correlation',
    evidence,
    correlation: peak,
    prominence,
    supportingEvents,
    chanceSupport: bySupport,
  };
}

/**
 * Shifts for the surrogate null: evenly spread over the shifts at least NULL_MARGIN_SECONDS away from every
 * lag in the range in both directions (a circular shift s is also a lag of s − n); empty when the show is too
 * short to hold MIN_NULL_SHIFTS of them.
 */
function nullShiftsFor(n: number, lowestLag: number, highestLag: number): number[] {
  const first = highestLag + NULL_MARGIN_SECONDS;
  const last = n + lowestLag - NULL_MARGIN_SECONDS;
  const available = last - first + 1;
  if (available < MIN_NULL_SHIFTS) return [];
  const count = Math.min(NULL_SHIFTS, available);
  return Array.from({ length: count }, (_, k) => first + Math.floor((k * available) / count));
}

/**
 * Adds a unit (or `weight`) event at time t to a per-second series, split linearly between the two seconds
 * whose centres surround it, so sub-second timing survives the binning.
 */
function splat(series: Float64Array, t: number, weight = 1): void {
  const x = t - 0.5;
  const i = Math.floor(x);
  const f = x - i;
  if (i >= 0 && i < series.length) series[i] = (series[i] ?? 0) + weight * (1 - f);
  if (i + 1 >= 0 && i + 1 < series.length) series[i + 1] = (series[i + 1] ?? 0) + weight * f;
}

/** Robust chat-burst z per second (see the module comment). */
function chatBursts(times: readonly number[], n: number): Float64Array {
  const perSecond = new Float64Array(n);
  for (const t of times) splat(perSecond, t);
  const smoothed = movingSum(movingSum(Array.from(perSecond), CHAT_BOX_SECONDS), CHAT_BOX_SECONDS);
  // For Poisson counts of rate λ the smoothed value has mean λ·Σw and variance λ·Σw², so the Poisson spread
  // of a baseline b is √(b·Σw²/Σw); Σw = 9 and Σw² = 19 for the 1,2,3,2,1 kernel.
  const weightSum = CHAT_BOX_SECONDS * CHAT_BOX_SECONDS;
  const weightSquares = triangularSquareSum(CHAT_BOX_SECONDS);
  const baseline = rollingMedian(smoothed, BASELINE_WINDOW_SECONDS);
  const localMad = rollingMad(smoothed, baseline, BASELINE_WINDOW_SECONDS);
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const b = baseline[i] ?? 0;
    // A floor of one message per box keeps a near-silent chat from dividing by ~0.
    const poisson = Math.sqrt((Math.max(b, CHAT_BOX_SECONDS) * weightSquares) / weightSum);
    const spread = Math.max(MAD_TO_SIGMA * (localMad[i] ?? 0), poisson);
    z[i] = compress(((smoothed[i] ?? 0) - b) / spread);
  }
  return z;
}

/** Identity between the floor and the knee, logarithmic above it (continuous, slope 1 at the knee). */
function compress(z: number): number {
  if (z <= CHAT_Z_FLOOR) return CHAT_Z_FLOOR;
  return z <= CHAT_Z_KNEE ? z : CHAT_Z_KNEE * (1 + Math.log(z / CHAT_Z_KNEE));
}

/** Σw² of a box of width w convolved with itself. */
function triangularSquareSum(width: number): number {
  let sum = 0;
  for (let k = 1; k < 2 * width; k++) {
    const w = Math.min(k, 2 * width - k);
    sum += w * w;
  }
  return sum;
}

/**
 * The stream-side impulse series (loudness onsets + starts of notable speech + metrics jumps) and the time of
 * each impulse, for counting separate events.
 */
function streamActivity(input: ChatLagInput, n: number): { activity: Float64Array; evidence: ChatLagEvidence[]; times: number[] } {
  const activity = new Float64Array(n);
  const evidence: ChatLagEvidence[] = [];
  const times: number[] = [];
  const add = (name: ChatLagEvidence, found: readonly number[]) => {
    if (found.length === 0) return;
    evidence.push(name);
    times.push(...found);
  };
  if (input.loudness !== undefined) add('loudness', addLoudnessOnsets(activity, input.loudness, n));
  if (input.speechOnsets !== undefined) add('speech', addSpeechStretches(activity, input.speechOnsets, n));
  if (input.metricsJumps !== undefined) add('metrics', addMetricsJumps(activity, input.metricsJumps, n));
  return { activity, evidence, times };
}

/**
 * Loud events (cheers, laughter, a shouting host) as impulses at their onsets. Loudness is compared with a
 * rolling median of the audible seconds, in robust spreads; pauses and silences are gated out of the
 * baseline, so speech resuming after a pause is not an event. An event starts where the level climbs clearly
 * above everything of the last few seconds (one rise per event: inside a sustained cheer the per-second
 * jitter keeps rising and falling, and counting those rises would drag the event's timing late). Its weight
 * is its sustained height (a one-second jitter spike weighs ~nothing), capped at one event. Returns the onsets.
 */
function addLoudnessOnsets(activity: Float64Array, loudness: readonly number[], n: number): number[] {
  const raw = Array.from({ length: n }, (_, i) => {
    const v = loudness[i];
    return v !== undefined && Number.isFinite(v) && v > SILENCE_LUFS ? v : Number.NaN;
  });
  const heard = raw.filter(Number.isFinite);
  if (heard.length === 0) return [];
  const gate = median(heard) - LOUDNESS_GATE_LU;
  const audible = raw.map((v) => (v > gate ? v : Number.NaN));
  // The level of ordinary speech: a first rolling median still mixes in the seconds of short pauses between
  // sentences (several LU down), which pull it below the speech; a second one over the seconds near the
  // first leaves them out.
  const rough = rollingMedian(audible, BASELINE_WINDOW_SECONDS);
  const speech = audible.map((v, i) => (v >= (rough[i] ?? Number.NaN) - PAUSE_DROP_LU ? v : Number.NaN));
  const baseline = rollingMedian(speech, BASELINE_WINDOW_SECONDS);
  const excess = audible.map((v, i) => {
    const b = baseline[i] ?? Number.NaN;
    return Number.isFinite(v) && Number.isFinite(b) ? v - b : 0;
  });
  // The spread of the upper half only: pauses between sentences sit far below the baseline and would widen a
  // two-sided spread until moderate cheers vanish in it. Above the baseline, speech jitter is half-normal,
  // whose median is 0.674σ; the few loud seconds barely move that median.
  const above = excess.filter((e) => e > 0);
  const spread = Math.max(MIN_LOUDNESS_SPREAD_LU, median(above) / HALF_NORMAL_MEDIAN);
  const level = excess.map((e) => Math.max(0, e / spread - LOUDNESS_NOISE_Z));
  const onsets: number[] = [];
  let lastOnset = -Infinity;
  for (let i = 0; i < n; i++) {
    if (i - lastOnset <= LOUDNESS_RISE_MEMORY_SECONDS) continue;
    let recent = 0;
    for (let k = Math.max(0, i - LOUDNESS_RISE_MEMORY_SECONDS); k < i; k++) recent = Math.max(recent, level[k] ?? 0);
    if ((level[i] ?? 0) - recent < LOUDNESS_MIN_RISE_Z) continue;
    lastOnset = i;
    const held = median(level.slice(i, i + LOUDNESS_HOLD_SECONDS));
    const weight = Math.min(1, held / LOUDNESS_EVENT_Z);
    if (weight <= 0) continue;
    const at = subSecondOnset(raw, i, baseline[i] ?? Number.NaN);
    splat(activity, at, weight);
    if (weight >= CLEAR_ONSET) onsets.push(at);
  }
  return onsets;
}

/**
 * Onset time of a loud event first seen in second `i`, to a fraction of a second: each second's loudness is
 * an energy mean, so the share of a second the event covers is where its energy sits between the baseline
 * and the event's level. Summing the shares of seconds i-1..i+1 counts back from the end of second i+1.
 */
function subSecondOnset(raw: readonly number[], i: number, baselineLufs: number): number {
  const loud = median(raw.slice(i, i + LOUDNESS_HOLD_SECONDS).filter(Number.isFinite));
  if (!Number.isFinite(baselineLufs) || !(loud > baselineLufs)) return i + 0.5;
  const energy = (lufs: number | undefined) => (lufs !== undefined && Number.isFinite(lufs) ? Math.pow(10, lufs / 10) : 0);
  const quiet = energy(baselineLufs);
  const full = energy(loud);
  let covered = 0;
  for (let k = i - 1; k <= i + 1; k++) covered += Math.min(1, Math.max(0, (energy(raw[k]) - quiet) / (full - quiet)));
  return i + 2 - covered;
}

/** One impulse at the start of each stretch of notable speech. Returns the stretch starts. */
function addSpeechStretches(activity: Float64Array, onsets: readonly number[], n: number): number[] {
  const times = onsets.filter((t) => Number.isFinite(t) && t >= 0 && t < n).sort((a, b) => a - b);
  const starts: number[] = [];
  let previous = -Infinity;
  for (const t of times) {
    if (t - previous > SPEECH_STRETCH_GAP_SECONDS) {
      splat(activity, t, SPEECH_WEIGHT);
      starts.push(t);
    }
    previous = t;
  }
  return starts;
}

/** Each jump as a unit of activity spread evenly over the polling interval before it. Returns the interval midpoints. */
function addMetricsJumps(activity: Float64Array, jumps: readonly number[], n: number): number[] {
  const found: number[] = [];
  for (const t of jumps) {
    if (!Number.isFinite(t) || t < 0 || t >= n + METRICS_INTERVAL_SECONDS) continue;
    for (let k = 0; k < METRICS_INTERVAL_SECONDS; k++) splat(activity, t - k - 0.5, 1 / METRICS_INTERVAL_SECONDS);
    found.push(t - METRICS_INTERVAL_SECONDS / 2);
  }
  return found;
}

/**
 * Separate stream events: the event times of all series, sorted, grouped where they are closer than the
 * separation (a pitch, the cheer it draws and the order spike after it are one moment).
 */
function separateEvents(times: readonly number[]): number[][] {
  const sorted = [...times].sort((a, b) => a - b);
  const events: number[][] = [];
  let previous = -Infinity;
  for (const t of sorted) {
    if (t - previous > EVENT_SEPARATION_SECONDS || events.length === 0) events.push([t]);
    else events[events.length - 1]?.push(t);
    previous = t;
  }
  return events;
}

/** Stream events of which some part is followed, `lag` seconds later (± slack), by a chat burst. */
function countSupport(events: readonly (readonly number[])[], chat: Float64Array, lag: number): number {
  const n = chat.length;
  const burstNear = (t: number) => {
    const at = Math.floor(t + lag);
    for (let i = at - SUPPORT_SLACK_SECONDS; i <= at + SUPPORT_SLACK_SECONDS; i++) {
      if ((chat[((i % n) + n) % n] ?? -Infinity) >= CHAT_BURST_Z) return true;
    }
    return false;
  };
  return events.filter((times) => times.some(burstNear)).length;
}

/**
 * Pearson correlation of a(t) with c(t + lag), wrapping around the end (the few wrapped seconds of a lag in
 * range are negligible against a show, and wrapping lets the null shifts use every second); 0 when either
 * series is constant.
 */
function circularCorrelation(a: Float64Array, c: Float64Array, lag: number): number {
  const count = a.length;
  if (count < 2 || c.length !== count) return 0;
  const shift = ((lag % count) + count) % count;
  let sumA = 0;
  let sumC = 0;
  let sumAA = 0;
  let sumCC = 0;
  let sumAC = 0;
  // Two straight runs instead of a modulo per sample: this loop is the estimator's whole cost.
  for (const [from, to, offset] of [
    [0, count - shift, shift],
    [count - shift, count, shift - count],
  ] as const) {
    for (let i = from; i < to; i++) {
      const x = a[i] ?? 0;
      const y = c[i + offset] ?? 0;
      sumA += x;
      sumC += y;
      sumAA += x * x;
      sumCC += y * y;
      sumAC += x * y;
    }
  }
  const covariance = sumAC - (sumA * sumC) / count;
  const varianceA = sumAA - (sumA * sumA) / count;
  const varianceC = sumCC - (sumC * sumC) / count;
  return varianceA > 0 && varianceC > 0 ? covariance / Math.sqrt(varianceA * varianceC) : 0;
}

/** Offset in (-0.5, 0.5) of the vertex of the parabola through three neighbouring samples; 0 at the range's edges. */
function parabolicOffset(before: number | undefined, peak: number, after: number | undefined): number {
  if (before === undefined || after === undefined) return 0;
  const curvature = before - 2 * peak + after;
  if (!(curvature < 0)) return 0;
  return Math.min(0.5, Math.max(-0.5, (0.5 * (before - after)) / curvature));
}

/**
 * Middle of the peak at half its height above `floor`: the lags where the correlation crosses the half height
 * on either side of the best lag (linearly interpolated), averaged. Reactions are right-skewed (a few slow
 * typists), so the top of the peak sits early; the middle of its upper half is nearer the typical delay.
 * Undefined when the peak runs into the end of the computed lags.
 */
function halfHeightMiddle(lags: readonly number[], r: readonly number[], best: number, floor: number): number | undefined {
  const peak = r[best] ?? 0;
  const half = floor + (peak - floor) / 2;
  let left = best;
  while (left > 0 && (r[left - 1] ?? -Infinity) >= half) left--;
  let right = best;
  while (right < r.length - 1 && (r[right + 1] ?? -Infinity) >= half) right++;
  if (left === 0 || right === r.length - 1) return undefined;
  const crossing = (inside: number, outside: number) => {
    const a = r[inside] ?? 0;
    const b = r[outside] ?? 0;
    const f = a === b ? 0 : (a - half) / (a - b);
    return (lags[inside] ?? 0) + f * ((lags[outside] ?? 0) - (lags[inside] ?? 0));
  };
  return (crossing(left, left - 1) + crossing(right, right + 1)) / 2;
}
