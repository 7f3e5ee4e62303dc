/**
 * Pure planning of one labelled synthetic show at the signals level: (options, seed) -> every event with its time.
 *
 * A show is routine host talk and background chat, with labelled MOMENTS (each fires a random 3-4 of its kind's
 * signals) and unlabelled DISTRACTORS (each fires one signal strongly, sometimes a second weakly), so that no single
 * signal separates highlights from noise. No I/O; the same options and seed give the same plan. Randomness comes from
 * independent seeded streams per concern (layout, effects, speech, chat timing, metrics, scenes, products), so e.g.
 * changing how chat is timed does not move the timeline.
 */
import { InputError } from '../../shared/core/errors.js';
import { SIGNAL_NAMES } from '../../shared/core/highlights/config.js';
import type { Language, SignalName } from '../../shared/core/types.js';
import { gaussian, intBetween, logUniform, pick, round3, seededStream, shuffled, uniform } from '../prng.js';
import { CONFOUNDER_POOLS } from './confounderScripts.js';
import { LANGUAGE_POOLS, speechLength, type CatalogProduct, type LanguagePools, type MomentKind } from './scripts.js';

export type { MomentKind } from './scripts.js';

/** The detector's per-second signals the generator can drive: all of them. */
export type LabelledSignal = SignalName;

/** Every signal, in the detector's order. */
export const LABELLED_SIGNALS: readonly LabelledSignal[] = SIGNAL_NAMES;

/** Every moment kind, in the order kinds are dealt across a set. */
export const MOMENT_KINDS: readonly MomentKind[] = ['product-reveal', 'flash-sale', 'funny', 'giveaway', 'demo', 'qa-rush'];

/** The signals each kind of moment CAN fire; an instance fires 3 or 4 of them. */
export const MOMENT_SIGNATURES: Readonly<Record<MomentKind, readonly LabelledSignal[]>> = {
  'product-reveal': ['loudness', 'speechSentiment', 'mentions', 'chatRate', 'chatSentiment', 'gifts', 'orders'],
  'flash-sale': ['mentions', 'speechRate', 'questions', 'orders', 'chatRate'],
  funny: ['reactions', 'loudness', 'chatRate', 'chatSentiment', 'paidMessages', 'speechRate'],
  giveaway: ['viewers', 'chatRate', 'speechSentiment', 'loudness', 'gifts', 'speechRate'],
  demo: ['scenes', 'speechRate', 'mentions', 'chatSentiment', 'questions'],
  'qa-rush': ['questions', 'chatRate', 'mentions', 'speechSentiment', 'paidMessages'],
};

/**
 * Signals carried by a single kind are always fired by it: with kinds dealt evenly (1/6 each) this keeps reactions,
 * viewers and scenes in ~17 % of moments, above the ~15 % every signal needs across a set.
 */
export const MOMENT_ANCHORS: Readonly<Partial<Record<MomentKind, LabelledSignal>>> = {
  funny: 'reactions',
  giveaway: 'viewers',
  demo: 'scenes',
};

/** Kinds of unlabelled distractors. */
export type DistractorKind =
  | 'loud-empty'
  | 'chat-spam'
  | 'off-topic-laughter'
  | 'raid'
  | 'fast-routine-talk'
  | 'routine-cta'
  | 'scene-cut-only'
  | 'question-repeat'
  | 'bulk-order'
  | 'negative-rant'
  | 'polite-host'
  | 'big-donation'
  | 'gift-train';

/** The one signal each distractor fires strongly. */
export const DISTRACTOR_SIGNALS: Readonly<Record<DistractorKind, LabelledSignal>> = {
  'loud-empty': 'loudness',
  'chat-spam': 'chatRate',
  'off-topic-laughter': 'reactions',
  raid: 'viewers',
  'fast-routine-talk': 'speechRate',
  'routine-cta': 'mentions',
  'scene-cut-only': 'scenes',
  'question-repeat': 'questions',
  'bulk-order': 'orders',
  'negative-rant': 'chatSentiment',
  'polite-host': 'speechSentiment',
  'big-donation': 'paidMessages',
  'gift-train': 'gifts',
};

/** Every distractor kind, in the order kinds are dealt across a set. */
export const DISTRACTOR_KINDS = Object.keys(DISTRACTOR_SIGNALS) as readonly DistractorKind[];

/**
 * Kinds of unlabelled CONFOUNDERS: what real live-commerce shows are full of and a highlight is not. Unlike
 * distractors they fire several signals at once, loudly:
 * - giveaway-flood: the host shouts a draw open ("type 1"), then hundreds of viewers post one token within seconds
 *   and the viewer count rises;
 * - requested-spam: the host asks for a token ("type 1 if you want it", "666"), a smaller one-token flood answers;
 * - music-break: the host announces a break, then loud music with no speech and little chat;
 * - shouted-housekeeping: loud "follow the channel!" lines nobody answers.
 */
export type ConfounderKind = 'giveaway-flood' | 'requested-spam' | 'music-break' | 'shouted-housekeeping';

/** Every confounder kind. */
export const CONFOUNDER_KINDS: readonly ConfounderKind[] = ['giveaway-flood', 'requested-spam', 'music-break', 'shouted-housekeeping'];

/** Lines of a giveaway flood (hundreds within seconds) and of a requested flood. */
export const GIVEAWAY_FLOOD_LINES = { min: 150, max: 400 } as const;
export const REQUESTED_FLOOD_LINES = { min: 60, max: 180 } as const;
/** Share of a flood's lines written by distinct viewers (the rest type it again). */
export const FLOOD_DISTINCT_SHARE = 0.85;
/** How much a giveaway lifts the audience (share of the show's audience), as real draws pull viewers in. */
export const GIVEAWAY_VIEWERS_SHARE = { min: 0.15, max: 0.35 } as const;
/** Music of a break, LU above the speech level; housekeeping lines are shouted this much above it. */
export const MUSIC_GAIN_LU = { min: 3, max: 7 } as const;
export const SHOUT_GAIN_LU = { min: 5, max: 9 } as const;
/** Share of background chat that goes on during a break. */
export const BREAK_CHAT_SHARE = 0.3;

/** Moments per show: one per 4 minutes, at least 5. */
export const SECONDS_PER_MOMENT = 240;
export const MIN_MOMENTS = 5;
/** Distractors planned per moment (fewer when a short show has no room left). */
export const DISTRACTORS_PER_MOMENT = 1.5;
/** Length of a labelled window (set-up to end of the audience reaction), seconds. */
export const MOMENT_SECONDS = { min: 20, max: 45 } as const;
/** Moments start at least this far apart, seconds (relaxed only when 5 moments cannot fit otherwise). */
export const MOMENT_SPACING_SECONDS = 60;
/** Moments keep this far from the start and end of the show, seconds. */
export const MOMENT_EDGE_SECONDS = 30;
/** Distractors keep this far from any moment and from each other, seconds, so none merges into a labelled window. */
export const DISTRACTOR_CLEARANCE_SECONDS = 30;
/** Distractors keep this far from the start and end of the show, seconds. */
export const DISTRACTOR_EDGE_SECONDS = 10;
/** Shortest show the planner accepts, seconds: 5 moments of 20 s with 10 s gaps and 30 s edges. */
export const MIN_SHOW_SECONDS = 240;
/** Chat reacts this late to what happens on stream (typing delay), seconds. */
export const CHAT_LAG_SECONDS = { min: 2, max: 6 } as const;
/** The metrics CSV has one row every this many seconds. */
export const METRICS_STEP_SECONDS = 10;
/** Share of background chat lines that are mild laughter, product questions and positive lines (each). */
export const BACKGROUND_REACTION_SHARE = 0.04;
/** Share of background chat lines that are paid messages (Super Chats). */
export const BACKGROUND_PAID_SHARE = 0.01;
/** Background gifts per second: a trickle, busier with a busier chat. */
export const BACKGROUND_GIFT_RATE = { base: 0.002, perChatMessage: 0.02 } as const;
/** Fewest paid messages a moment firing that signal gets: three supporters in a quiet window reach z = 3. */
export const MIN_SUPPORT_EVENTS = 3;
/** Fewest gifts a moment firing that signal gets: gifts trickle in all show long, so five make a burst. */
export const MIN_GIFT_EVENTS = 5;
/** Background chat density range the set draws from, messages per second. */
export const CHAT_RATE_RANGE = { min: 0.05, max: 3 } as const;

/** What the planner needs to know about one show. */
export interface ShowOptions {
  readonly id: string;
  readonly language: Language;
  /** Whole seconds. */
  readonly durationSeconds: number;
  /** Background chat density, messages per second. */
  readonly chatRate: number;
  /** Loudness of ordinary speech, LUFS (also the integrated loudness). */
  readonly baseLufs: number;
  /** Typical concurrent viewers. */
  readonly audience: number;
  /** Index of the first moment kind in the set-wide deal, so kinds stay balanced across a set. @default 0 */
  readonly momentKindOffset?: number;
  /** Index of the first distractor kind in the set-wide deal. @default 0 */
  readonly distractorKindOffset?: number;
  /** Number of labelled moments. @default max(5, round(minutes / 4)) */
  readonly moments?: number;
  /** Moment kinds dealt round-robin. @default MOMENT_KINDS */
  readonly momentKinds?: readonly MomentKind[];
  /** Distractors planned per moment. @default DISTRACTORS_PER_MOMENT */
  readonly distractorsPerMoment?: number;
  /** Confounders to plant, one per entry; never dropped for room. @default none */
  readonly confounders?: readonly ConfounderKind[];
  /**
   * Keeps routine talk out of a moment's opening (window start to set-up line), so the labelled start is where
   * the moment begins and not inside an unrelated sentence. Off in the default set, which stays byte-identical
   * to the one earlier reports were measured on. @default false
   */
  readonly clearOpenings?: boolean;
}

/** Why a host cue exists. */
export type CueStyle = 'routine' | 'moment' | 'specs' | 'routine-cta' | 'polite' | 'giveaway-prompt' | 'request-prompt' | 'break' | 'housekeeping';

/** One caption cue of the host. */
export interface PlannedCue {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly style: CueStyle;
}

/** What a chat line is about; the renderer picks the words. */
export type ChatCategory =
  | 'background'
  | 'hype'
  | 'positive'
  | 'laughter'
  | 'question'
  | 'offTopicQuestion'
  | 'spam'
  | 'raid'
  | 'negative'
  | 'paid'
  | 'bigPaid'
  | 'gift'
  | 'flood';

/**
 * One chat line: time and category; lines of one `group` share a user (spam), a raiding channel (raid) or, for a
 * flood, the crowd that types the flood's `text`.
 */
export interface PlannedChat {
  readonly t: number;
  readonly category: ChatCategory;
  readonly group?: number;
  /** The exact words (floods: the token asked for). */
  readonly text?: string;
}

/** A stretch where the audio is louder than speech (cheer, laughter, music sting), LU above the base level. */
export interface LoudEvent {
  readonly start: number;
  readonly end: number;
  readonly gainLu: number;
}

/** One metrics row; orders and gmv are cumulative. */
export interface MetricsRow {
  readonly t: number;
  readonly viewers: number;
  readonly orders: number;
  readonly gmv: number;
}

/** A labelled highlight and what it was given. */
export interface PlannedMoment {
  readonly start: number;
  readonly end: number;
  readonly kind: MomentKind;
  readonly signals: readonly LabelledSignal[];
  /** 0..1: where in each signal's range the effects sit. */
  readonly strength: number;
  readonly product: string;
  /** Human-scale effect sizes per fired signal (e.g. loudnessLu, chatLines), for diagnostics. */
  readonly effects: Readonly<Record<string, number>>;
}

/** An unlabelled decoy: signals[0] is the strong one, any other is weak. */
export interface PlannedDistractor {
  readonly start: number;
  readonly end: number;
  readonly kind: DistractorKind;
  readonly signals: readonly LabelledSignal[];
  readonly strength: number;
  readonly effects: Readonly<Record<string, number>>;
}

/** An unlabelled confounder: what it is, when the host prompted it and what the audience typed. */
export interface PlannedConfounder {
  readonly start: number;
  readonly end: number;
  readonly kind: ConfounderKind;
  /** Start of the host's line that sets it off (prompt, break announcement, first shouted line). */
  readonly promptAt: number;
  /** The token the flood repeats (floods only). */
  readonly token?: string;
  /** Effect sizes and times (floodStart, floodLines, viewersShare, musicStart, loudnessLu, ...). */
  readonly effects: Readonly<Record<string, number>>;
}

/** Everything that happens in a show, with times in seconds. */
export interface ShowPlan {
  readonly id: string;
  readonly language: Language;
  readonly seed: number;
  readonly duration: number;
  readonly chatRate: number;
  readonly baseLufs: number;
  readonly audience: number;
  /** Calm host speech rate of this show: words/s (en) or characters/s (zh). */
  readonly speechRate: number;
  readonly products: readonly CatalogProduct[];
  readonly cues: readonly PlannedCue[];
  readonly chat: readonly PlannedChat[];
  readonly loudEvents: readonly LoudEvent[];
  readonly sceneChanges: readonly number[];
  readonly metrics: readonly MetricsRow[];
  readonly moments: readonly PlannedMoment[];
  readonly distractors: readonly PlannedDistractor[];
  /** Distractors wanted (1.5x moments) before short shows ran out of room. */
  readonly distractorsWanted: number;
  readonly confounders: readonly PlannedConfounder[];
}

// ---------------------------------------------------------------------------------------------------------------
// Seeded randomness

/** Salts of the independent random streams; the renderer uses its own (see renderSignals.ts). */
export const STREAM_SALTS = {
  layout: 1,
  effects: 2,
  speech: 3,
  chatTiming: 4,
  metrics: 5,
  scenes: 6,
  products: 7,
  chatText: 8,
  users: 9,
  loudness: 10,
} as const;

/** Poisson count (Knuth; fine for the small means used here). */
function poisson(rng: () => number, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(rng)));
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng();
  while (p > limit) {
    k++;
    p *= rng();
  }
  return k;
}
const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

// ---------------------------------------------------------------------------------------------------------------
// Counts and set-level helpers

/** Number of labelled moments in a show of this length: max(5, round(minutes / 4)). */
export function momentCount(durationSeconds: number): number {
  return Math.max(MIN_MOMENTS, Math.round(durationSeconds / SECONDS_PER_MOMENT));
}

/** Number of distractors wanted for this many moments (before room runs out). */
export function distractorTarget(moments: number): number {
  return Math.round(moments * DISTRACTORS_PER_MOMENT);
}

/**
 * Position of a chat density on the set's log scale, 0 (0.05 msg/s) .. 1 (3 msg/s); reaction, question and
 * positive-line counts scale with it so a busy chat bursts bigger.
 */
function densityScale(chatRate: number): number {
  return clamp01(Math.log(chatRate / CHAT_RATE_RANGE.min) / Math.log(CHAT_RATE_RANGE.max / CHAT_RATE_RANGE.min));
}

/**
 * Most chat lines a window of `seconds` may hold and still read as background chat rate: the expected count plus
 * `spreads` spreads of the detector's chat model (1.5·√count per 10 s, at least 1.5). One spread (z ≈ 1) is
 * background; two (z ≈ 2) is a weak rise, still below the chat-rate threshold of 3.
 */
export function backgroundChatBudget(chatRate: number, seconds: number, spreads = 1): number {
  const per10 = chatRate * 10;
  const spread = Math.max(1.5 * Math.sqrt(Math.max(per10, 1)), 1.5);
  return Math.floor(chatRate * seconds + (spreads * spread * seconds) / 10);
}

/**
 * A moment's reaction that does not fire chatRate may fill its window up to this many chat spreads (z ≈ 1.5, under
 * the detector's noise-floor-plus-threshold). In a quiet chat (below ~0.5 msg/s) that is only 2-4 lines, so
 * reactions / questions / chat sentiment fired WITHOUT chatRate are weak there: a real quiet chat cannot laugh
 * five times in ten seconds without its rate tripling.
 */
const MOMENT_CHAT_SPREADS = 1.5;
/** Distractors may push chat up to this many spreads (a weak second signal in a quiet chat). */
const DISTRACTOR_CHAT_SPREADS = 2;

// ---------------------------------------------------------------------------------------------------------------
// Layout: where moments and distractors go

interface LayoutItem {
  readonly type: 'moment' | 'distractor' | 'confounder';
  readonly index: number;
  length: number;
}

function minGapBetween(a: LayoutItem | undefined, b: LayoutItem | undefined, spacing: number): number {
  // Confounders keep the moments' edge: a flood or a break cut off by the start of the recording is no confounder.
  if (a === undefined) return b !== undefined && b.type !== 'distractor' ? MOMENT_EDGE_SECONDS : DISTRACTOR_EDGE_SECONDS;
  if (b === undefined) return a.type !== 'distractor' ? MOMENT_EDGE_SECONDS : DISTRACTOR_EDGE_SECONDS;
  if (a.type === 'moment' && b.type === 'moment') return Math.max(10, spacing - a.length);
  return DISTRACTOR_CLEARANCE_SECONDS;
}

function requiredSeconds(sequence: readonly LayoutItem[], spacing: number): number {
  let total = 0;
  for (let i = 0; i <= sequence.length; i++) {
    total += minGapBetween(sequence[i - 1], sequence[i], spacing);
    total += sequence[i]?.length ?? 0;
  }
  return total;
}

/**
 * Places moments evenly-ish with distractors dropped into random gaps between them, then spreads the slack randomly
 * over all gaps. Short shows lose distractors first, then moment length, then moment spacing.
 */
function layOut(
  rng: () => number,
  duration: number,
  moments: LayoutItem[],
  distractors: readonly LayoutItem[],
  confounders: readonly LayoutItem[] = [],
): { starts: Map<LayoutItem, number>; kept: LayoutItem[] } {
  const gaps: LayoutItem[][] = Array.from({ length: moments.length + 1 }, () => []);
  for (const d of distractors) gaps[Math.floor(rng() * gaps.length)]?.push(d);
  // Confounders go into random gaps too, at a random place among the gap's distractors.
  for (const c of confounders) {
    const gap = gaps[Math.floor(rng() * gaps.length)];
    gap?.splice(Math.floor(rng() * (gap.length + 1)), 0, c);
  }
  const sequence = (): LayoutItem[] => gaps.flatMap((g, i) => [...g, ...(moments[i] ? [moments[i]] : [])]);
  const distractorsIn = (gap: readonly LayoutItem[]) => gap.filter((item) => item.type === 'distractor').length;

  let spacing = MOMENT_SPACING_SECONDS;
  while (requiredSeconds(sequence(), spacing) > duration && gaps.some((g) => distractorsIn(g) > 0)) {
    // Short shows lose distractors, never confounders.
    const crowded = gaps.reduce((best, g) => (distractorsIn(g) > distractorsIn(best) ? g : best));
    const last = crowded.map((item) => item.type).lastIndexOf('distractor');
    crowded.splice(last, 1);
  }
  if (requiredSeconds(sequence(), spacing) > duration) {
    for (const m of moments) m.length = MOMENT_SECONDS.min;
  }
  while (requiredSeconds(sequence(), spacing) > duration && spacing > MOMENT_SECONDS.min + 10) spacing -= 1;
  const items = sequence();
  const needed = requiredSeconds(items, spacing);
  if (needed > duration) {
    throw new InputError(`show of ${duration} s is too short for ${moments.length} labelled moments (needs ${needed} s)`);
  }
  const weights = Array.from({ length: items.length + 1 }, () => uniform(rng, 0.5, 1.5));
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const slack = duration - needed;
  const starts = new Map<LayoutItem, number>();
  let cursor = 0;
  items.forEach((item, i) => {
    cursor += minGapBetween(items[i - 1], item, spacing) + (slack * (weights[i] ?? 0)) / weightSum;
    starts.set(item, round3(cursor));
    cursor += item.length;
  });
  return { starts, kept: items.filter((i) => i.type === 'distractor') };
}

/** Nominal length of each distractor kind, seconds (the event itself; clearance is added by the layout). */
function distractorLength(rng: () => number, kind: DistractorKind): number {
  switch (kind) {
    case 'loud-empty':
      return uniform(rng, 1, 4);
    case 'chat-spam':
      return uniform(rng, 8, 12);
    case 'off-topic-laughter':
      return uniform(rng, 8, 12);
    case 'raid':
      return uniform(rng, 15, 25);
    case 'fast-routine-talk':
      return uniform(rng, 10, 20);
    case 'routine-cta':
      return uniform(rng, 12, 20);
    case 'scene-cut-only':
      return uniform(rng, 4, 12);
    case 'question-repeat':
      return uniform(rng, 12, 18);
    case 'bulk-order':
      return 10;
    case 'negative-rant':
      return uniform(rng, 10, 15);
    case 'polite-host':
      return uniform(rng, 7, 12);
    case 'big-donation':
      return uniform(rng, 5, 10);
    case 'gift-train':
      return uniform(rng, 8, 12);
  }
}

/** Nominal length of each confounder, seconds; a break takes at most a tenth of the show (at least 30 s). */
function confounderLength(rng: () => number, kind: ConfounderKind, duration: number): number {
  switch (kind) {
    case 'giveaway-flood':
      return uniform(rng, 45, 75);
    case 'requested-spam':
      return uniform(rng, 20, 35);
    case 'music-break':
      return Math.max(30, Math.min(uniform(rng, 60, 150), duration / 10));
    case 'shouted-housekeeping':
      return uniform(rng, 10, 20);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Host speech

class HostSpeech {
  readonly cues: PlannedCue[] = [];
  private readonly reserved: { start: number; end: number }[] = [];
  private lastLine = '';

  constructor(
    private readonly pools: LanguagePools,
    private readonly rng: () => number,
    readonly rate: number,
    private readonly products: readonly CatalogProduct[],
  ) {}

  /** A line of the pool, never the one just drawn (a host does not say the same sentence twice in a row). */
  line(pool: readonly string[]): string {
    let line = pick(this.rng, pool);
    for (let k = 0; k < 3 && line === this.lastLine && pool.length > 1; k++) line = pick(this.rng, pool);
    this.lastLine = line;
    return line;
  }

  /** Fills `{p}`, `{price}` and `{left}` with a product (random one when not given). */
  fill(line: string, product?: CatalogProduct): string {
    const p = product ?? pick(this.rng, this.products);
    const spoken = this.rng() < 0.6 ? p.name : pick(this.rng, [p.name, ...p.aliases]);
    return line
      .replaceAll('{p}', spoken)
      .replaceAll('{price}', String(p.price))
      .replaceAll('{left}', String(intBetween(this.rng, 5, 50)));
  }

  /** A line of `pool` whose spoken length is close to `target` (best of three draws). */
  fitting(pool: readonly string[], target: number, product?: CatalogProduct): string {
    let best = '';
    let bestLine = '';
    let bestMiss = Infinity;
    for (let k = 0; k < 3; k++) {
      const line = pick(this.rng, pool);
      if (line === this.lastLine && pool.length > 1) continue;
      const text = this.fill(line, product);
      const miss = Math.abs(speechLength(text, this.pools.language) - target);
      if (miss < bestMiss) {
        best = text;
        bestLine = line;
        bestMiss = miss;
      }
    }
    if (bestLine === '') return this.fill(this.line(pool), product);
    this.lastLine = bestLine;
    return best;
  }

  /** Seconds the text takes at the calm rate times `factor` (±5 % per cue). */
  seconds(text: string, factor: number): number {
    const length = Math.max(1, speechLength(text, this.pools.language));
    return Math.max(1.2, length / (this.rate * factor * uniform(this.rng, 0.95, 1.05)));
  }

  /** Adds a cue sequence in [start, ~end]: always `minCues`, then more while they fit (+1 s overrun allowed). */
  span(
    start: number,
    end: number,
    style: CueStyle,
    factor: number,
    text: (index: number) => string,
    minCues = 1,
    gap: readonly [number, number] = [0.3, 0.9],
  ): { start: number; end: number } {
    let cursor = start;
    let last = start;
    for (let i = 0; ; i++) {
      const line = text(i);
      const seconds = this.seconds(line, factor);
      if (i >= minCues && cursor + seconds > end + 1) break;
      this.cues.push({ start: round3(cursor), end: round3(cursor + seconds), text: line, style });
      last = cursor + seconds;
      cursor = last + uniform(this.rng, gap[0], gap[1]);
      if (cursor >= end && i + 1 >= minCues) break;
    }
    const reserved = { start, end: round3(last) };
    this.reserved.push(reserved);
    return reserved;
  }

  /** Keeps routine talk out of [start, end] (a break: nobody talks over the music). */
  reserve(start: number, end: number): void {
    this.reserved.push({ start, end });
  }

  /**
   * Routine talk everywhere else: cues of 2-6 s, gaps of 0.5-3 s (mostly short), now and then a 4-8 s pause.
   * A line is shortened to the room left before a reserved span, or skipped when under 2 s of room remain.
   */
  routine(duration: number): void {
    const spans = [...this.reserved].sort((a, b) => a.start - b.start);
    const { routine } = this.pools.host;
    let cursor = uniform(this.rng, 0.5, 2);
    let next = 0;
    while (cursor < duration - 2) {
      while (next < spans.length && (spans[next]?.end ?? 0) + 0.5 <= cursor) next++;
      const blocker = spans[next];
      if (blocker !== undefined && cursor >= blocker.start - 0.5) {
        cursor = blocker.end + uniform(this.rng, 0.5, 1.5);
        continue;
      }
      const room = Math.min(blocker === undefined ? Infinity : blocker.start - 0.5, duration - 0.5) - cursor;
      if (room < 2) {
        cursor = blocker === undefined ? duration : blocker.end + uniform(this.rng, 0.5, 1.5);
        continue;
      }
      const wanted = Math.min(uniform(this.rng, 2, 6), room);
      let text = this.fitting(routine, wanted * this.rate);
      if (speechLength(text, this.pools.language) < 0.6 * wanted * this.rate) {
        const more = this.fitting(routine, wanted * this.rate - speechLength(text, this.pools.language));
        text = `${text}${this.pools.joiner}${more}`;
      }
      const seconds = this.seconds(text, 1);
      if (seconds > room) {
        cursor += 0.5; // this draw did not fit; the next one is likely shorter
        continue;
      }
      this.cues.push({ start: round3(cursor), end: round3(cursor + seconds), text, style: 'routine' });
      const pause = this.rng() < 0.08 ? uniform(this.rng, 4, 8) : 0.5 + 2.5 * Math.pow(this.rng(), 2);
      cursor += seconds + pause;
    }
    this.cues.sort((a, b) => a.start - b.start);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Chat

interface ChatWindowRequest {
  readonly start: number;
  readonly end: number;
  readonly content: Partial<Record<ChatCategory, number>>;
  /** 'add' puts the lines on top of background chat; 'replace' converts background lines and stays within budget. */
  readonly mode: 'add' | 'replace';
  readonly group?: number;
  /** Chat-rate spreads a 'replace' window may use (see backgroundChatBudget). @default 1 */
  readonly budgetSpreads?: number;
}

/** What a chat window did. */
interface ChatWindowResult {
  /** Lines of the requested categories now in the window. */
  readonly lines: number;
  /** The same, per category (a quiet chat may hold fewer than requested). */
  readonly byCategory: Readonly<Partial<Record<ChatCategory, number>>>;
  /** True when the window now holds more lines than background chat would (over one spread). */
  readonly aboveBackground: boolean;
}

class ChatPlanner {
  private readonly base: { t: number; category: ChatCategory; group?: number }[] = [];
  private readonly added: PlannedChat[] = [];

  constructor(
    private readonly rng: () => number,
    private readonly rate: number,
    private readonly duration: number,
  ) {
    // Background: a Poisson stream, thinned to a slow ±30 % swell over 10-20 minutes so the rate is not flat.
    const period = uniform(rng, 600, 1200);
    const phase = uniform(rng, 0, 2 * Math.PI);
    const peak = rate * 1.3;
    for (let t = -Math.log(1 - rng()) / peak; t < duration - 0.5; t += -Math.log(1 - rng()) / peak) {
      const local = rate * (1 + 0.3 * Math.sin((2 * Math.PI * t) / period + phase));
      if (rng() * peak > local) continue;
      const u = rng();
      const share = BACKGROUND_REACTION_SHARE;
      const category: ChatCategory =
        u < share
          ? 'laughter'
          : u < 2 * share
            ? 'question'
            : u < 3 * share
              ? 'positive'
              : u < 3 * share + 0.005
                ? 'negative'
                : u < 3 * share + 0.005 + BACKGROUND_PAID_SHARE
                  ? 'paid'
                  : 'background';
      this.base.push({ t: round3(t), category });
    }
    // Gifts are no chat text (the detector keeps them out of the text signals): a Poisson trickle of their own.
    const giftRate = BACKGROUND_GIFT_RATE.base + BACKGROUND_GIFT_RATE.perChatMessage * rate;
    for (let t = -Math.log(1 - rng()) / giftRate; t < duration - 0.5; t += -Math.log(1 - rng()) / giftRate) {
      this.added.push({ t: round3(t), category: 'gift' });
    }
  }

  /** Lines at front-loaded times in [start, end): people react most right after the trigger. */
  private times(count: number, start: number, end: number): number[] {
    return Array.from({ length: count }, () => round3(Math.min(this.duration - 0.01, start + (end - start) * Math.pow(this.rng(), 1.4))));
  }

  /** Applies one chat event window. */
  window(request: ChatWindowRequest): ChatWindowResult {
    const categories = (Object.entries(request.content) as [ChatCategory, number][]).filter(([, n]) => n > 0);
    if (categories.length === 0) return { lines: 0, byCategory: {}, aboveBackground: false };
    const wanted = categories.reduce((sum, [, n]) => sum + n, 0);
    if (request.mode === 'add') {
      const times = this.times(wanted, request.start, request.end);
      let k = 0;
      for (const [category, n] of categories) {
        for (let j = 0; j < n; j++) {
          const t = times[k++] ?? request.start;
          this.added.push(request.group === undefined ? { t, category } : { t, category, group: request.group });
        }
      }
      return { lines: wanted, byCategory: Object.fromEntries(categories), aboveBackground: true };
    }
    const inWindow = this.base.filter((m) => m.t >= request.start && m.t < request.end);
    const convertible = shuffled(
      this.rng,
      inWindow.filter((m) => m.category === 'background'),
    );
    const seconds = request.end - request.start;
    const budget = backgroundChatBudget(this.rate, seconds, request.budgetSpreads ?? 1);
    const capacity = convertible.length + Math.max(0, budget - inWindow.length);
    // Scale the content down to what background chat can hide; every requested category keeps at least one line.
    const scale = wanted > capacity ? capacity / wanted : 1;
    const counts = categories.map(([category, n]) => [category, Math.max(1, Math.floor(n * scale))] as const);
    const newTimes = this.times(Math.max(0, counts.reduce((s, [, n]) => s + n, 0) - convertible.length), request.start, request.end);
    let placed = 0;
    let addedLines = 0;
    const byCategory: Partial<Record<ChatCategory, number>> = {};
    for (const [category, n] of counts) {
      for (let j = 0; j < n; j++) {
        const existing = convertible.pop();
        if (existing !== undefined) {
          existing.category = category;
          if (request.group !== undefined) existing.group = request.group;
        } else {
          const t = newTimes.pop();
          if (t === undefined) continue;
          this.added.push(request.group === undefined ? { t, category } : { t, category, group: request.group });
          addedLines++;
        }
        placed++;
        byCategory[category] = (byCategory[category] ?? 0) + 1;
      }
    }
    return { lines: placed, byCategory, aboveBackground: inWindow.length + addedLines > backgroundChatBudget(this.rate, seconds, 1) };
  }

  /** A flood: `count` lines of one token, front-loaded in [start, end), typed by the crowd of `group`. */
  flood(start: number, end: number, count: number, group: number, token: string): void {
    for (const t of this.times(count, start, end)) this.added.push({ t, category: 'flood', group, text: token });
  }

  /** Keeps only about `share` of the background lines in [start, end) (a break: the chat goes quiet). */
  thin(start: number, end: number, share: number): number {
    const before = this.base.length;
    for (let i = this.base.length - 1; i >= 0; i--) {
      const line = this.base[i];
      if (line !== undefined && line.t >= start && line.t < end && this.rng() >= share) this.base.splice(i, 1);
    }
    return before - this.base.length;
  }

  lines(): PlannedChat[] {
    const all: PlannedChat[] = [
      ...this.base.map((m) => (m.group === undefined ? { t: m.t, category: m.category } : { t: m.t, category: m.category, group: m.group })),
      ...this.added,
    ];
    // Stable sort: equal times keep insertion order, so the output is deterministic.
    return all.sort((a, b) => a.t - b.t);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The plan

interface MetricEvent {
  readonly after: number;
  readonly until: number;
  readonly viewersShare?: number;
  readonly orders?: number;
  readonly price: number;
  /** Row weights of the jump (first row gets weights[0] of it, ...). */
  readonly weights: readonly number[];
}

/** Plans one labelled show. Throws InputError when the options are out of range. */
export function planShow(options: ShowOptions, seed: number): ShowPlan {
  validate(options);
  const pools = LANGUAGE_POOLS[options.language];
  const duration = Math.round(options.durationSeconds);
  const layoutRng = seededStream(seed, STREAM_SALTS.layout);
  const effectsRng = seededStream(seed, STREAM_SALTS.effects);
  const speechRng = seededStream(seed, STREAM_SALTS.speech);
  const chatRng = seededStream(seed, STREAM_SALTS.chatTiming);
  const metricsRng = seededStream(seed, STREAM_SALTS.metrics);
  const scenesRng = seededStream(seed, STREAM_SALTS.scenes);
  const productsRng = seededStream(seed, STREAM_SALTS.products);

  const products = shuffled(productsRng, pools.products).slice(0, intBetween(productsRng, 3, 5));
  const calmRate = pools.speechRate * uniform(speechRng, 0.9, 1.1);
  const density = densityScale(options.chatRate);

  // 1. Which moments and distractors, and where.
  const nMoments = options.moments ?? momentCount(duration);
  const momentOffset = options.momentKindOffset ?? 0;
  const momentKinds = options.momentKinds ?? MOMENT_KINDS;
  const kinds = shuffled(
    layoutRng,
    Array.from({ length: nMoments }, (_, i) => momentKinds[(momentOffset + i) % momentKinds.length] as MomentKind),
  );
  const momentItems: LayoutItem[] = kinds.map((_, index) => ({
    type: 'moment',
    index,
    length: uniform(layoutRng, MOMENT_SECONDS.min, MOMENT_SECONDS.max),
  }));
  const distractorsWanted =
    options.distractorsPerMoment === undefined ? distractorTarget(nMoments) : Math.round(nMoments * options.distractorsPerMoment);
  const distractorOffset = options.distractorKindOffset ?? 0;
  const distractorKinds = Array.from(
    { length: distractorsWanted },
    (_, i) => DISTRACTOR_KINDS[(distractorOffset + i) % DISTRACTOR_KINDS.length] as DistractorKind,
  );
  const distractorItems: LayoutItem[] = distractorKinds.map((kind, index) => ({
    type: 'distractor',
    index,
    length: distractorLength(layoutRng, kind),
  }));
  const confounderKinds = options.confounders ?? [];
  const confounderItems: LayoutItem[] = confounderKinds.map((kind, index) => ({
    type: 'confounder',
    index,
    length: confounderLength(layoutRng, kind, duration),
  }));
  const { starts, kept } = layOut(layoutRng, duration, momentItems, distractorItems, confounderItems);

  const speech = new HostSpeech(pools, speechRng, calmRate, products);
  const chat = new ChatPlanner(chatRng, options.chatRate, duration);
  const loudEvents: LoudEvent[] = [];
  const sceneChanges: number[] = [];
  const metricEvents: MetricEvent[] = [];
  const busy: { start: number; end: number }[] = [];
  let chatGroup = 0;

  // 2. Moments.
  const productOffset = intBetween(effectsRng, 0, products.length - 1);
  const moments: PlannedMoment[] = momentItems.map((item, i) => {
    const kind = kinds[i] as MomentKind;
    const product = products[(productOffset + i) % products.length] as CatalogProduct;
    const start = starts.get(item) ?? 0;
    const end = round3(start + item.length);
    const signals = chooseSignals(effectsRng, kind);
    const strength = round3(effectsRng());
    const has = (s: LabelledSignal) => signals.includes(s);
    const level = () => clamp01(strength + uniform(effectsRng, -0.2, 0.2));
    const effects: Record<string, number> = {};

    // The host's part: the set-up line ~2 s into the window, then the pay-off lines.
    const setupAt = start + uniform(effectsRng, 1.5, 2.5);
    if (options.clearOpenings === true) speech.reserve(start, setupAt);
    // The host talks for about half to three quarters of the window; the rest is the audience's reaction.
    const hostSeconds = Math.min(Math.max(uniform(effectsRng, 0.5, 0.75) * item.length, 12), item.length - 4);
    const rateFactor = has('speechRate') ? 1.4 + 0.5 * level() : 1;
    if (has('speechRate')) effects['speechRateFactor'] = round3(rateFactor);
    const speechParts = (['mentions', 'speechSentiment'] as const).filter((s) => has(s));
    let mentionCues = 0;
    let positiveCues = 0;
    const { host } = pools;
    const hostPart = speech.span(
      setupAt,
      Math.min(setupAt + hostSeconds, end - 2),
      'moment',
      rateFactor,
      (index) => {
        if (index === 0) return speech.line(host.setup[kind]);
        // One part per cue, taking turns, so every cue stays a sentence or two long.
        const turn = speechParts[(index - 1) % Math.max(1, speechParts.length)];
        if (turn === 'speechSentiment') {
          positiveCues++;
          const excited = speech.line(host.excited);
          if (!has('mentions')) return excited;
          // Taking turns halves the mentions, so excited lines carry a short product tag too.
          mentionCues++;
          return `${excited}${pools.joiner}${speech.fill(speech.line(host.shortCallToAction), product)}`;
        }
        if (turn === 'mentions') {
          mentionCues++;
          const pool = kind === 'demo' || kind === 'qa-rush' ? (mentionCues % 2 === 0 ? host.answers : host.routineCallToAction) : host.callToAction;
          return speech.fill(speech.line(pool), product);
        }
        return speech.line(host.body[kind]);
      },
      3,
    );
    if (has('speechSentiment')) effects['positiveCues'] = positiveCues;
    if (has('mentions')) effects['mentionCues'] = mentionCues;
    const trigger = Math.min(setupAt + uniform(effectsRng, 2, 7), hostPart.end);

    if (has('loudness')) {
      const gain = round3(4 + 5 * level());
      const seconds = uniform(effectsRng, 3, 8);
      const loudStart = trigger + uniform(effectsRng, 0, 1.5);
      loudEvents.push({ start: round3(loudStart), end: round3(Math.min(loudStart + seconds, end - 0.5)), gainLu: gain });
      effects['loudnessLu'] = gain;
    }

    // The audience: chat reacts 2-6 s after the trigger and is over before the window ends.
    const chatContent: Partial<Record<ChatCategory, number>> = {};
    if (has('chatSentiment')) chatContent.positive = Math.round((5 + 25 * density) * (0.7 + 0.6 * level()));
    if (has('reactions')) chatContent.laughter = Math.round((8 + 32 * density) * (0.7 + 0.6 * level()));
    if (has('questions')) chatContent.question = Math.round((4 + 11 * density) * (0.7 + 0.6 * level()));
    const reactionStart = Math.min(trigger + uniform(effectsRng, CHAT_LAG_SECONDS.min, CHAT_LAG_SECONDS.max), end - 8);
    // Paid messages: a few supporters, now and then one far above the show's usual amount.
    const paidLines = has('paidMessages') ? MIN_SUPPORT_EVENTS + Math.round(3 * level()) : 0;
    const bigPaid = paidLines > 0 && effectsRng() < 0.25 ? 1 : 0;
    // Paid lines are chat too: part of the burst when chatRate fires, else in place of background lines.
    if (paidLines > 0) {
      chatContent.paid = paidLines - bigPaid;
      if (bigPaid > 0) chatContent.bigPaid = bigPaid;
    }
    let reaction: ChatWindowResult | undefined;
    if (has('chatRate')) {
      const multiplier = 2.5 + 3.5 * level();
      const seconds = Math.min(uniform(effectsRng, 8, 20), end - 0.5 - reactionStart);
      // A 3x burst of a near-silent chat is still ~1 message, so a burst is also at least 0.5-1 msg/s.
      const total = Math.round(Math.max(multiplier * options.chatRate, 0.5 + 0.5 * level()) * seconds);
      const extra = Math.max(total - Math.round(options.chatRate * seconds), 0);
      const content = Object.values(chatContent).reduce((s, n) => s + (n ?? 0), 0);
      reaction = chat.window({
        start: reactionStart,
        end: reactionStart + seconds,
        content: { ...chatContent, hype: Math.max(0, extra - content) },
        mode: 'add',
      });
      effects['chatMultiplier'] = round3(multiplier);
      effects['chatLines'] = reaction.lines;
    } else if (Object.keys(chatContent).length > 0) {
      // Without chatRate the reaction replaces background lines, so the chat rate stays at background.
      const seconds = Math.min(uniform(effectsRng, 8, 15), end - 0.5 - reactionStart);
      reaction = chat.window({
        start: reactionStart,
        end: reactionStart + seconds,
        content: chatContent,
        mode: 'replace',
        budgetSpreads: MOMENT_CHAT_SPREADS,
      });
    }
    for (const category of Object.keys(chatContent)) {
      // Big paid lines are counted with the paid ones.
      if (category !== 'bigPaid') effects[`${category}Lines`] = reaction?.byCategory[category as ChatCategory] ?? 0;
    }
    if (paidLines > 0) {
      // A quiet chat cannot hide many extra lines, so a replaced reaction may hold fewer paid lines than
      // planned; the few still missing for a burst of supporters are added (lifting the rate, not to a burst).
      const placed = (reaction?.byCategory.paid ?? 0) + (reaction?.byCategory.bigPaid ?? 0);
      const missing = Math.max(0, MIN_SUPPORT_EVENTS - placed);
      if (missing > 0) chat.window({ start: reactionStart, end: Math.min(reactionStart + 10, end - 0.5), content: { paid: missing }, mode: 'add' });
      effects['paidLines'] = placed + missing;
    }
    if (has('gifts')) {
      // Gifts are no chat text: they never change the chat rate, so they are simply added.
      const gifts = MIN_GIFT_EVENTS + Math.round(4 * level());
      chat.window({ start: reactionStart, end: Math.min(reactionStart + uniform(effectsRng, 6, 12), end - 0.5), content: { gift: gifts }, mode: 'add' });
      effects['giftEvents'] = gifts;
    }

    if (has('orders')) {
      const multiplier = 3 + 7 * level();
      effects['ordersMultiplier'] = round3(multiplier);
      metricEvents.push({ after: trigger, until: end, orders: multiplier, price: product.price, weights: [0.5, 0.3, 0.2] });
    }
    if (has('viewers')) {
      const share = round3(0.04 + 0.11 * level());
      effects['viewersShare'] = share;
      metricEvents.push({ after: trigger, until: end, viewersShare: share, price: product.price, weights: [0.6, 0.4] });
    }
    if (has('scenes')) {
      const cuts = 2 + (level() > 0.7 ? 1 : 0);
      let t = trigger + uniform(effectsRng, 0, 3);
      for (let k = 0; k < cuts && t < end - 1; k++) {
        sceneChanges.push(round3(t));
        t += uniform(effectsRng, 5, 12);
      }
      effects['sceneCuts'] = cuts;
    }
    busy.push({ start, end });
    return { start, end, kind, signals, strength, product: product.name, effects };
  });

  // 3. Distractors.
  const distractors: PlannedDistractor[] = kept.map((item) => {
    const kind = distractorKinds[item.index] as DistractorKind;
    const start = starts.get(item) ?? 0;
    let end = round3(start + item.length);
    const strength = round3(effectsRng());
    const level = () => clamp01(strength + uniform(effectsRng, -0.2, 0.2));
    const signals: LabelledSignal[] = [DISTRACTOR_SIGNALS[kind]];
    const effects: Record<string, number> = {};
    const { host } = pools;
    // Chat distractors replace background lines; in a quiet chat they may lift the chat rate a little (z ≈ 2),
    // which is then listed as a weak second signal.
    const chatDistractor = (request: Omit<ChatWindowRequest, 'mode' | 'budgetSpreads'>): number => {
      const result = chat.window({ ...request, mode: 'replace', budgetSpreads: DISTRACTOR_CHAT_SPREADS });
      if (result.aboveBackground) signals.push('chatRate');
      return result.lines;
    };
    switch (kind) {
      case 'loud-empty': {
        const gain = round3(6 + 6 * level());
        loudEvents.push({ start, end, gainLu: gain });
        effects['loudnessLu'] = gain;
        if (effectsRng() < 0.35) {
          sceneChanges.push(start);
          signals.push('scenes');
        }
        break;
      }
      case 'chat-spam': {
        const n = intBetween(effectsRng, 10, 25);
        chat.window({ start, end, content: { spam: n }, mode: 'add', group: chatGroup++ });
        effects['spamLines'] = n;
        break;
      }
      case 'off-topic-laughter': {
        const n = Math.round((8 + 32 * density) * (0.7 + 0.6 * level()));
        effects['laughterLines'] = chatDistractor({ start, end, content: { laughter: n } });
        break;
      }
      case 'raid': {
        const share = round3(0.08 + 0.17 * level());
        metricEvents.push({ after: start + 1, until: end, viewersShare: share, price: 0, weights: [0.7, 0.3] });
        effects['viewersShare'] = share;
        effects['raidLines'] = chatDistractor({ start: start + 2, end, content: { raid: intBetween(effectsRng, 3, 6) }, group: chatGroup++ });
        break;
      }
      case 'fast-routine-talk': {
        const factor = 1.5 + 0.4 * level();
        // Spans aim 1 s short because the last cue may overrun by 1 s: the clearance to moments must hold.
        end = speech.span(start, end - 1, 'specs', factor, () => speech.line(host.specs), 2).end;
        effects['speechRateFactor'] = round3(factor);
        if (effectsRng() < 0.25) {
          const gain = round3(uniform(effectsRng, 2, 3));
          loudEvents.push({ start, end: round3(Math.min(start + 4, end)), gainLu: gain });
          signals.push('loudness');
          effects['loudnessLu'] = gain;
        }
        break;
      }
      case 'routine-cta': {
        const product = pick(effectsRng, products);
        end = speech.span(start, end - 1, 'routine-cta', 1, () => speech.fill(speech.line(host.routineCallToAction), product), 2, [0.5, 1.5]).end;
        effects['mentionCues'] = speech.cues.filter((c) => c.style === 'routine-cta' && c.start >= start && c.end <= end + 0.001).length;
        break;
      }
      case 'scene-cut-only': {
        // Usually a cut to another camera and back; sometimes a single cut that stays.
        const cuts = effectsRng() < 0.75 ? [start, end] : [start];
        sceneChanges.push(...cuts);
        effects['sceneCuts'] = cuts.length;
        break;
      }
      case 'question-repeat': {
        const n = intBetween(effectsRng, 4, 10);
        effects['questionLines'] = chatDistractor({ start, end, content: { offTopicQuestion: n } });
        break;
      }
      case 'bulk-order': {
        const multiplier = 3 + 7 * level();
        metricEvents.push({ after: start, until: end, orders: multiplier, price: pick(effectsRng, products).price, weights: [1] });
        effects['ordersMultiplier'] = round3(multiplier);
        break;
      }
      case 'negative-rant': {
        const n = intBetween(effectsRng, 3, 6);
        effects['negativeLines'] = chatDistractor({ start, end, content: { negative: n }, group: chatGroup++ });
        break;
      }
      case 'polite-host': {
        end = speech.span(start, end - 1, 'polite', 1, () => speech.line(host.polite), 1).end;
        break;
      }
      case 'big-donation': {
        // One viewer's large Super Chat about nothing on stream: money, but no moment.
        effects['bigPaidLines'] = chatDistractor({ start, end, content: { bigPaid: 1 } });
        break;
      }
      case 'gift-train': {
        // Regulars send small gifts to keep a gift goal going while the host talks routine.
        const n = intBetween(effectsRng, MIN_GIFT_EVENTS, 9);
        chat.window({ start, end, content: { gift: n }, mode: 'add' });
        effects['giftEvents'] = n;
        break;
      }
    }
    busy.push({ start, end });
    return { start, end, kind, signals, strength, effects };
  });

  // 3b. Confounders: loud, crowded or both, and never a highlight.
  const confounderPools = CONFOUNDER_POOLS[options.language];
  const confounders: PlannedConfounder[] = confounderItems.map((item) => {
    const kind = confounderKinds[item.index] as ConfounderKind;
    const start = starts.get(item) ?? 0;
    const end = round3(start + item.length);
    const effects: Record<string, number> = {};
    const product = pick(effectsRng, products);
    let promptAt = start;
    let token: string | undefined;
    switch (kind) {
      case 'giveaway-flood':
      case 'requested-spam': {
        const giveaway = kind === 'giveaway-flood';
        const chosen = pick(effectsRng, giveaway ? confounderPools.giveawayTokens : confounderPools.requestTokens);
        token = chosen;
        const say = (line: string) => speech.fill(line, product).replaceAll('{token}', chosen);
        // The host prompts (a touch faster than calm talk); during a draw the host keeps talking it up.
        const firstCueIndex = speech.cues.length;
        const prompt = speech.span(
          start,
          // A request is one line (a span ending 1 s in holds exactly one cue); a draw is talked up until it closes.
          giveaway ? end - 1 : start + 1,
          giveaway ? 'giveaway-prompt' : 'request-prompt',
          1.15,
          (index) => say(speech.line(index === 0 ? (giveaway ? confounderPools.giveawayPrompt : confounderPools.requestPrompt) : confounderPools.giveawayTalk)),
          1,
        );
        const firstCue = speech.cues[firstCueIndex];
        const floodStart = round3((firstCue?.end ?? prompt.start) + uniform(effectsRng, 1, 3));
        const floodEnd = Math.min(floodStart + (giveaway ? uniform(effectsRng, 15, 30) : uniform(effectsRng, 8, 15)), end - 0.5);
        const range = giveaway ? GIVEAWAY_FLOOD_LINES : REQUESTED_FLOOD_LINES;
        const lines = intBetween(effectsRng, range.min, range.max);
        chat.flood(floodStart, floodEnd, lines, chatGroup++, chosen);
        effects['floodStart'] = floodStart;
        effects['floodEnd'] = round3(floodEnd);
        effects['floodLines'] = lines;
        if (giveaway) {
          // The host shouts the draw open: the giveaway is loud in the audio as well as in the chat.
          const gain = round3(uniform(effectsRng, SHOUT_GAIN_LU.min - 2, SHOUT_GAIN_LU.max - 2));
          loudEvents.push({ start: firstCue?.start ?? start, end: firstCue?.end ?? start + 3, gainLu: gain });
          effects['promptLoudnessLu'] = gain;
          const share = round3(uniform(effectsRng, GIVEAWAY_VIEWERS_SHARE.min, GIVEAWAY_VIEWERS_SHARE.max));
          metricEvents.push({ after: floodStart, until: end, viewersShare: share, price: 0, weights: [0.4, 0.35, 0.25] });
          effects['viewersShare'] = share;
        }
        promptAt = firstCue?.start ?? start;
        break;
      }
      case 'music-break': {
        const announcement = speech.span(start, start + 3, 'break', 1, () => speech.line(confounderPools.breakAnnouncement), 1);
        const musicStart = round3(announcement.end + uniform(effectsRng, 0.5, 1.5));
        speech.reserve(musicStart, end);
        const gain = round3(uniform(effectsRng, MUSIC_GAIN_LU.min, MUSIC_GAIN_LU.max));
        loudEvents.push({ start: musicStart, end, gainLu: gain });
        // A "be right back" card: the picture cuts away at the break and back after it.
        sceneChanges.push(musicStart, end);
        effects['musicStart'] = musicStart;
        effects['loudnessLu'] = gain;
        effects['chatLinesRemoved'] = chat.thin(musicStart, end, BREAK_CHAT_SHARE);
        break;
      }
      case 'shouted-housekeeping': {
        const shouted = speech.span(start, end - 1, 'housekeeping', 1.15, () => speech.line(confounderPools.housekeeping), 2);
        const gain = round3(uniform(effectsRng, SHOUT_GAIN_LU.min, SHOUT_GAIN_LU.max));
        loudEvents.push({ start: shouted.start, end: shouted.end, gainLu: gain });
        effects['loudnessLu'] = gain;
        break;
      }
    }
    busy.push({ start, end });
    return { start, end, kind, promptAt: round3(promptAt), ...(token === undefined ? {} : { token }), effects };
  });

  // 4. Routine talk fills the rest; background scene cuts every 2-6 minutes, clear of every planted event.
  speech.routine(duration);
  busy.sort((a, b) => a.start - b.start);
  for (let t = uniform(scenesRng, 120, 360); t < duration - 10; t += uniform(scenesRng, 120, 360)) {
    const clash = busy.find((b) => t > b.start - 15 && t < b.end + 15);
    if (clash !== undefined) t = clash.end + 15 + uniform(scenesRng, 0, 30);
    if (t >= duration - 10 || busy.some((b) => t > b.start - 15 && t < b.end + 15)) continue;
    sceneChanges.push(round3(t));
  }
  sceneChanges.sort((a, b) => a - b);

  const metrics = planMetrics(metricsRng, duration, options.audience, products, metricEvents);

  return {
    id: options.id,
    language: options.language,
    seed,
    duration,
    chatRate: options.chatRate,
    baseLufs: options.baseLufs,
    audience: options.audience,
    speechRate: round3(calmRate),
    products,
    cues: speech.cues,
    chat: chat.lines(),
    loudEvents: loudEvents.sort((a, b) => a.start - b.start),
    sceneChanges: [...new Set(sceneChanges)],
    metrics,
    moments: [...moments].sort((a, b) => a.start - b.start),
    distractors: [...distractors].sort((a, b) => a.start - b.start),
    distractorsWanted,
    confounders: [...confounders].sort((a, b) => a.start - b.start),
  };
}

/** A random 3- or 4-signal subset of the kind's signature, always holding the kind's anchor signal. */
function chooseSignals(rng: () => number, kind: MomentKind): LabelledSignal[] {
  const signature = MOMENT_SIGNATURES[kind];
  const anchor = MOMENT_ANCHORS[kind];
  const size = Math.min(signature.length, rng() < 0.5 ? 3 : 4);
  const rest = shuffled(
    rng,
    signature.filter((s) => s !== anchor),
  );
  const chosen = anchor === undefined ? rest.slice(0, size) : [anchor, ...rest.slice(0, size - 1)];
  return LABELLED_SIGNALS.filter((s) => chosen.includes(s));
}

/**
 * Metrics every 10 s: viewers as a slow mean-reverting random walk around the audience, orders as a Poisson drip
 * (about 0.3/min at 200 viewers, ~8/min at 50 000), plus the planned jumps. An orders jump of multiplier m adds
 * (m - 1)x the drip expected in 30 s, and at least 4-8 orders so it is visible even in a tiny shop.
 */
function planMetrics(
  rng: () => number,
  duration: number,
  audience: number,
  products: readonly CatalogProduct[],
  events: readonly MetricEvent[],
): MetricsRow[] {
  const ordersPerMinute = 0.3 * Math.pow(audience / 200, 0.6) * uniform(rng, 0.7, 1.4);
  const dripPerRow = (ordersPerMinute * METRICS_STEP_SECONDS) / 60;
  const dripPer30s = ordersPerMinute / 2;
  const viewersAdd = new Map<number, number>();
  const ordersAdd = new Map<number, { orders: number; price: number }[]>();
  for (const event of events) {
    // Rows strictly after the trigger and inside the window; the first row after the trigger at least.
    const first = Math.floor(event.after / METRICS_STEP_SECONDS) * METRICS_STEP_SECONDS + METRICS_STEP_SECONDS;
    const rows = event.weights.map((_, k) => first + k * METRICS_STEP_SECONDS).filter((t, k) => k === 0 || t <= event.until);
    const weights = event.weights.slice(0, rows.length);
    const weightSum = weights.reduce((a, b) => a + b, 0);
    if (event.viewersShare !== undefined) {
      rows.forEach((t, k) => viewersAdd.set(t, (viewersAdd.get(t) ?? 0) + (event.viewersShare ?? 0) * ((weights[k] ?? 0) / weightSum)));
    }
    if (event.orders !== undefined) {
      const total = Math.max(Math.round((event.orders - 1) * dripPer30s), 4 + Math.round(event.orders / 2.5));
      let left = total;
      rows.forEach((t, k) => {
        const n = k === rows.length - 1 ? left : Math.round(total * ((weights[k] ?? 0) / weightSum));
        left -= n;
        const list = ordersAdd.get(t) ?? [];
        list.push({ orders: n, price: event.price });
        ordersAdd.set(t, list);
      });
    }
  }
  const rows: MetricsRow[] = [];
  let viewers = audience * uniform(rng, 0.95, 1.05);
  let orders = 0;
  let gmv = 0;
  for (let t = 0; t <= duration; t += METRICS_STEP_SECONDS) {
    // 1.5 % mean reversion per row (an audience spike fades over ~5 minutes) and 0.2 % noise per row.
    viewers += 0.015 * (audience - viewers) + 0.002 * audience * gaussian(rng);
    viewers += (viewersAdd.get(t) ?? 0) * audience;
    const drip = t === 0 ? 0 : poisson(rng, dripPerRow);
    for (let k = 0; k < drip; k++) gmv += pick(rng, products).price;
    orders += drip;
    for (const jump of ordersAdd.get(t) ?? []) {
      orders += jump.orders;
      gmv += jump.orders * jump.price;
    }
    rows.push({ t, viewers: Math.max(0, Math.round(viewers)), orders, gmv: Math.round(gmv * 100) / 100 });
  }
  return rows;
}

function validate(options: ShowOptions): void {
  const problems: string[] = [];
  if (!Number.isFinite(options.durationSeconds) || options.durationSeconds < MIN_SHOW_SECONDS) {
    problems.push(`durationSeconds must be at least ${MIN_SHOW_SECONDS}`);
  }
  if (!(options.chatRate > 0) || options.chatRate > 50) problems.push('chatRate must be in (0, 50] messages/s');
  if (!(options.baseLufs < -5 && options.baseLufs > -60)) problems.push('baseLufs must be between -60 and -5 LUFS');
  if (!(options.audience >= 1)) problems.push('audience must be at least 1');
  if (options.language !== 'en' && options.language !== 'zh') problems.push('language must be en or zh');
  if (problems.length > 0) throw new InputError(`invalid show options for ${options.id}: ${problems.join('; ')}`);
}

// ---------------------------------------------------------------------------------------------------------------
// A set of shows

/** Options of a labelled set. */
export interface LabelledSetOptions {
  /** Number of shows. @default 20 */
  readonly count: number;
  /** Set seed; every show's seed and parameters derive from it. @default 1 */
  readonly seed: number;
  /** Shortest show, minutes. @default 5 */
  readonly minMinutes: number;
  /** Longest show, minutes. @default 120 */
  readonly maxMinutes: number;
  /** Languages, alternating across the set. @default ['en', 'zh'] */
  readonly languages: readonly Language[];
  /** 'confounders': long shows with giveaway floods, requested spam, music breaks and shouted housekeeping. @default 'default' */
  readonly set?: LabelledSetKind;
}

/** The generated sets: the default mix of lengths, or the confounder set. */
export type LabelledSetKind = 'default' | 'confounders';

/** The options and seed of every show of a set. */
export interface SetShow {
  readonly options: ShowOptions;
  readonly seed: number;
}

/** Loudness base levels the set draws from, LUFS (quiet podcast-like mixes to loud sales streams). */
export const BASE_LUFS_RANGE = { min: -28, max: -14 } as const;
/** Typical audiences the set draws from, concurrent viewers. */
export const AUDIENCE_RANGE = { min: 200, max: 50_000 } as const;

/**
 * Plans the shows of a set: lengths spread log-evenly from min to max, languages alternating, chat density
 * log-uniform in 0.05..3 msg/s, base loudness uniform in -28..-14 LUFS, audience log-uniform in 200..50 000, and
 * moment / distractor kinds dealt round-robin across the whole set so every kind (and so every signal) is balanced.
 */
export function planSetShows(options: LabelledSetOptions): SetShow[] {
  const rng = seededStream(options.seed, 100);
  const width = Math.max(2, String(options.count).length);
  let momentKindOffset = 0;
  let distractorKindOffset = 0;
  return Array.from({ length: options.count }, (_, i) => {
    const position = options.count === 1 ? 0 : i / (options.count - 1);
    const minutes = options.minMinutes * Math.pow(options.maxMinutes / options.minMinutes, position);
    const durationSeconds = Math.round(minutes * 60);
    const language = options.languages[i % options.languages.length] ?? 'en';
    const chatRate = round3(logUniform(rng, CHAT_RATE_RANGE.min, CHAT_RATE_RANGE.max));
    const baseLufs = Math.round(uniform(rng, BASE_LUFS_RANGE.min, BASE_LUFS_RANGE.max) * 10) / 10;
    const audience = Math.round(logUniform(rng, AUDIENCE_RANGE.min, AUDIENCE_RANGE.max));
    const seed = (Math.imul(options.seed >>> 0, 0x9e3779b1) + Math.imul(i + 1, 0x85ebca6b)) >>> 0;
    const id = `s${String(i + 1).padStart(width, '0')}-${language}-${Math.round(minutes)}m`;
    const show: SetShow = {
      seed,
      options: { id, language, durationSeconds, chatRate, baseLufs, audience, momentKindOffset, distractorKindOffset },
    };
    momentKindOffset += momentCount(durationSeconds);
    distractorKindOffset += distractorTarget(momentCount(durationSeconds));
    return show;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The confounder set

/** Defaults of the confounder set: two 30-minute shows (en, zh) with nine moments, then two of 40 minutes with twelve. */
export const CONFOUNDER_SET_DEFAULTS = { count: 4, minMinutes: 30, maxMinutes: 40 } as const;
/** Shortest confounder show, minutes: three moments, every confounder once and their clearances. */
export const MIN_CONFOUNDER_SHOW_MINUTES = 8;
/** Labelled moments per minute of a confounder show (9 in 30 minutes, 12 in 40), at least 3, at most 12. */
export const CONFOUNDER_SET_MOMENTS = { perMinute: 0.3, min: 3, max: 12 } as const;
/** A giveaway is a confounder here, so the labelled moments are the other kinds. */
export const CONFOUNDER_SET_MOMENT_KINDS: readonly MomentKind[] = MOMENT_KINDS.filter((kind) => kind !== 'giveaway');
/** Shows of at least this many minutes get a second giveaway flood and a second requested flood. */
export const SECOND_FLOOD_MINUTES = 35;
/** Chat density of confounder shows, messages per second: shows that run giveaways have a chat. */
export const CONFOUNDER_CHAT_RATE_RANGE = { min: 0.3, max: 3 } as const;
/** Audiences of confounder shows, concurrent viewers. */
export const CONFOUNDER_AUDIENCE_RANGE = { min: 1_000, max: 50_000 } as const;

/** The confounders of a show of this length: every kind once, floods twice from 35 minutes. */
export function confounderPlan(minutes: number): ConfounderKind[] {
  const kinds: ConfounderKind[] = ['giveaway-flood', 'shouted-housekeeping', 'requested-spam', 'music-break'];
  if (minutes >= SECOND_FLOOD_MINUTES) kinds.push('giveaway-flood', 'requested-spam');
  return kinds;
}

/**
 * Plans the confounder set: shows in language pairs (en then zh, say) of equal length, lengths spread evenly from
 * min to max over the pairs, 0.3 moments per minute (kinds other than giveaway, dealt round-robin), one
 * distractor per moment and the confounders of {@link confounderPlan}. Seeds differ from the default set's, so
 * `--seed` gives held-out shows.
 */
export function planConfounderSetShows(options: LabelledSetOptions): SetShow[] {
  const rng = seededStream(options.seed, 200);
  const width = Math.max(2, String(options.count).length);
  const perPair = options.languages.length;
  const pairs = Math.ceil(options.count / perPair);
  let momentKindOffset = 0;
  let distractorKindOffset = 0;
  return Array.from({ length: options.count }, (_, i) => {
    const pair = Math.floor(i / perPair);
    const position = pairs === 1 ? 0 : pair / (pairs - 1);
    const minutes = options.minMinutes + (options.maxMinutes - options.minMinutes) * position;
    const durationSeconds = Math.round(minutes * 60);
    const language = options.languages[i % perPair] ?? 'en';
    const chatRate = round3(logUniform(rng, CONFOUNDER_CHAT_RATE_RANGE.min, CONFOUNDER_CHAT_RATE_RANGE.max));
    const baseLufs = Math.round(uniform(rng, BASE_LUFS_RANGE.min, BASE_LUFS_RANGE.max) * 10) / 10;
    const audience = Math.round(logUniform(rng, CONFOUNDER_AUDIENCE_RANGE.min, CONFOUNDER_AUDIENCE_RANGE.max));
    const seed = (Math.imul(options.seed >>> 0, 0x27d4eb2f) + Math.imul(i + 1, 0x165667b1)) >>> 0;
    const moments = Math.min(
      CONFOUNDER_SET_MOMENTS.max,
      Math.max(CONFOUNDER_SET_MOMENTS.min, Math.round(minutes * CONFOUNDER_SET_MOMENTS.perMinute)),
    );
    const id = `c${String(i + 1).padStart(width, '0')}-${language}-${Math.round(minutes)}m`;
    const show: SetShow = {
      seed,
      options: {
        id,
        language,
        durationSeconds,
        chatRate,
        baseLufs,
        audience,
        momentKindOffset,
        distractorKindOffset,
        moments,
        momentKinds: CONFOUNDER_SET_MOMENT_KINDS,
        distractorsPerMoment: 1,
        confounders: confounderPlan(minutes),
        clearOpenings: true,
      },
    };
    momentKindOffset += moments;
    distractorKindOffset += moments;
    return show;
  });
}
