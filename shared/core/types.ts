/**
 * Domain types shared by the functional core, the stages and the adapters.
 *
 * Times are always seconds from the start of the recording (floating point),
 * unless a field says otherwise.
 */

/** Languages the core understands. `auto` is resolved to one of these at ingest. */
export type Language = 'en' | 'zh';

/** A half-open interval [start, end) in seconds. */
export interface TimeRange {
  readonly start: number;
  readonly end: number;
}

/** One recognised word with its timing (where the engine gives word timings). */
export interface Word extends TimeRange {
  readonly text: string;
  /** 0..1 where the engine reports it. */
  readonly confidence?: number;
}

/** One transcript segment: a sentence or caption cue. */
export interface Segment extends TimeRange {
  readonly text: string;
  readonly words?: readonly Word[];
}

/** Which engine produced a transcript; written into every transcript output. */
export type TranscriptEngine = 'captions' | 'pocketsphinx' | 'openai' | 'whisper-local' | 'none';

export interface Transcript {
  readonly engine: TranscriptEngine;
  readonly language: Language;
  readonly segments: readonly Segment[];
}

/**
 * Kinds of audience events: a plain chat `message`; a `paid` message (Super Chat, bilibili SC, Twitch
 * bits); a `gift`; a `member` event (subscription, membership, bilibili guard).
 */
export type ChatEventKind = 'message' | 'paid' | 'gift' | 'member';

export interface ChatMessage {
  /** Seconds from recording start. */
  readonly t: number;
  readonly user: string;
  /** What viewers read; for gifts and member events a short description ("辣条 x10", "subscribed (Tier 1)"). */
  readonly text: string;
  readonly kind: ChatEventKind;
  /** Paid messages and gifts: the amount in `currency`, where the log gives one. */
  readonly amount?: number;
  /** ISO 4217 code (`CNY`, `USD`, `JPY`) or the platform's unit (`bits`, `bilibili-gold`). */
  readonly currency?: string;
}

/** Chat log formats, detected by content. */
export const CHAT_FORMATS = [
  'jsonl',
  'bilibili-xml',
  'twitch-downloader-json',
  'twitch-irc',
  'youtube-replay-json',
  'youtube-ytdlp-jsonl',
  'csv',
] as const;
export type ChatFormat = (typeof CHAT_FORMATS)[number];

/** What a side-input parser accepted and what it skipped, and why. Malformed lines are counted, never fatal. */
export interface ParseReport {
  readonly format: string;
  readonly accepted: number;
  readonly skipped: number;
  /** reason -> count, e.g. { "invalid JSON": 3, "missing t": 1 } */
  readonly skippedReasons: Readonly<Record<string, number>>;
  /** Chat only: accepted events by kind, e.g. { message: 1100, paid: 90, gift: 13 }. */
  readonly kinds?: Readonly<Record<string, number>>;
}

/** One row of the metrics CSV (`t,viewers,likes,orders,gmv`). Missing columns are undefined. */
export interface MetricsPoint {
  readonly t: number;
  readonly viewers?: number;
  readonly likes?: number;
  readonly orders?: number;
  readonly gmv?: number;
}

export type MetricName = 'viewers' | 'likes' | 'orders' | 'gmv';

export interface Product {
  readonly name: string;
  readonly aliases: readonly string[];
}

/** A product mentioned at a time, in speech or chat. */
export interface ProductMention {
  readonly t: number;
  readonly product: string;
  readonly matched: string;
  readonly source: 'speech' | 'chat';
}

/** Per-second audio measurements from the audio stage. */
export interface AudioAnalysis {
  /** Duration of the audio in seconds. */
  readonly duration: number;
  /**
   * Loudness in LUFS, one value per whole second (energy mean of EBU R128 momentary readings):
   * `loudness[i]` covers [i, i+1). Silence is clamped to -70 LUFS.
   */
  readonly loudness: readonly number[];
  readonly silences: readonly TimeRange[];
  /** Integrated loudness of the whole programme in LUFS. */
  readonly integratedLufs: number;
}

/** A sentiment score of one text: `score` in [-1, 1], `intensity` = |score| weighted by evidence. */
export interface SentimentScore {
  readonly score: number;
  /** Number of lexicon hits that contributed (0 = neutral / unknown). */
  readonly hits: number;
}

/** One window of a sentiment timeline. */
export interface SentimentWindow extends TimeRange {
  /** Mean score of the texts in the window, in [-1, 1]; 0 when there are none. */
  readonly mean: number;
  /** Number of texts in the window. */
  readonly count: number;
  readonly positive: number;
  readonly negative: number;
}

export interface SentimentTimeline {
  readonly windowSeconds: number;
  readonly speech: readonly SentimentWindow[];
  readonly chat: readonly SentimentWindow[];
}

/** Names of the signals fused into the highlight score. */
export type SignalName =
  | 'loudness'
  | 'speechRate'
  | 'speechSentiment'
  | 'mentions'
  | 'chatRate'
  | 'chatSentiment'
  | 'reactions'
  | 'questions'
  | 'paidMessages'
  | 'gifts'
  | 'viewers'
  | 'orders'
  | 'scenes';

/** A per-second time series of one signal, already normalised to a z-like scale (0 = baseline). */
export interface SignalSeries {
  readonly name: SignalName;
  /** values[i] covers second [i, i+1). */
  readonly values: readonly number[];
}

/** A signal that fired inside a highlight, with the evidence. */
export interface FiredSignal {
  readonly name: SignalName;
  /** Peak normalised value inside the highlight window. */
  readonly value: number;
  /** The threshold it crossed (normalised units). */
  readonly threshold: number;
  /** Second at which the peak occurred. */
  readonly at: number;
  /** Human-readable explanation, e.g. "chat rate 4.2x baseline (23 msgs/10s)". */
  readonly detail: string;
}

/** A detected highlight: a clip-sized window around a peak, with its reasons. */
export interface Highlight extends TimeRange {
  /** Deterministic id derived from show id and boundaries: same input -> same id. */
  readonly id: string;
  /** Rank 1 = best. */
  readonly rank: number;
  /** Fused score (weighted sum of normalised signals at the peak, >= 0). */
  readonly score: number;
  /** Second of the fused-score peak. */
  readonly peak: number;
  readonly signals: readonly FiredSignal[];
  /** Transcript lines inside the window (trimmed, bounded). */
  readonly transcript: readonly string[];
  /** Chat lines inside the window (bounded sample). */
  readonly chat: readonly string[];
  /** Product names mentioned inside the window. */
  readonly products: readonly string[];
}

export type ComplianceSeverity = 'block' | 'warn';

/** A banned or absolute advertising claim found in speech or chat. */
export interface ComplianceFlag extends TimeRange {
  readonly term: string;
  readonly rule: string;
  readonly severity: ComplianceSeverity;
  readonly source: 'speech' | 'chat';
  readonly text: string;
  readonly language: Language;
}

/** Titles, description and hashtags for a clip (extractive offline). */
export interface ClipCopy {
  readonly title: string;
  readonly description: string;
  readonly hashtags: readonly string[];
}

/** A topic suggested for upcoming shows, with its evidence. */
export interface TopicSuggestion {
  readonly topic: string;
  readonly kind: 'keyphrase' | 'product' | 'question';
  /** Ranking score (higher = stronger audience response). */
  readonly score: number;
  readonly why: string;
  readonly evidence: readonly TopicEvidence[];
  /** A segment pitch for an upcoming show, where a language model wrote one. */
  readonly pitch?: string;
}

export interface TopicEvidence {
  readonly showId: string;
  readonly t: number;
  readonly quote: string;
  readonly source: 'speech' | 'chat' | 'metrics';
  readonly clipId?: string;
}
