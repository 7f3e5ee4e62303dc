/**
 * Domain types shared by the functional core, the stages and the adapters.
 *
 * Times are always seconds from the start of the recording (floating point),
 * unless a field says otherwise.
 *
 * A shape that is stored is inferred from its zod schema in `./schemas/` (one definition: the type and
 * what is written and read back cannot drift apart); the field docs live there. Shapes that are never
 * stored stay interfaces here.
 */
import type { z } from 'zod';
import type { analysisSchema, sentimentTimelineSchema, sentimentWindowSchema, signalSeriesSchema } from './schemas/analysis.js';
import type { audioAnalysisSchema } from './schemas/audioAnalysis.js';
import type { languageSchema, timeRangeSchema } from './schemas/basics.js';
import type { chatLagRecordSchema } from './schemas/chatLag.js';
import type { clipMetaSchema } from './schemas/clipMeta.js';
import type { complianceFlagSchema, complianceSeveritySchema, complianceStatusSchema } from './schemas/compliance.js';
import type { firedSignalSchema, highlightSchema } from './schemas/highlight.js';
import type {
  chatEventKindSchema,
  chatMessageSchema,
  metricsPointSchema,
  parseReportSchema,
  productMentionSchema,
  productSchema,
} from './schemas/sideInputs.js';
import type { topicEvidenceSchema, topicSuggestionSchema } from './schemas/topics.js';
import type { segmentSchema, transcriptEngineSchema, transcriptSchema, wordSchema } from './schemas/transcript.js';

/** Languages the core understands. `auto` is resolved to one of these at ingest. */
export type Language = z.infer<typeof languageSchema>;

/** A half-open interval [start, end) in seconds. */
export type TimeRange = z.infer<typeof timeRangeSchema>;

/** One recognised word with its timing (where the engine gives word timings). */
export type Word = z.infer<typeof wordSchema>;

/** One transcript segment: a sentence or caption cue. */
export type Segment = z.infer<typeof segmentSchema>;

/** Which engine produced a transcript; written into every transcript output. */
export type TranscriptEngine = z.infer<typeof transcriptEngineSchema>;

export type Transcript = z.infer<typeof transcriptSchema>;

/** Kinds of audience events: `message`, `paid`, `gift`, `member` (see schemas/sideInputs.ts). */
export type ChatEventKind = z.infer<typeof chatEventKindSchema>;

export type ChatMessage = z.infer<typeof chatMessageSchema>;

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
export type ParseReport = z.infer<typeof parseReportSchema>;

/** One row of the metrics CSV (`t,viewers,likes,orders,gmv`). Missing columns are undefined. */
export type MetricsPoint = z.infer<typeof metricsPointSchema>;

export type MetricName = 'viewers' | 'likes' | 'orders' | 'gmv';

export type Product = z.infer<typeof productSchema>;

/** A product mentioned at a time, in speech or chat. */
export type ProductMention = z.infer<typeof productMentionSchema>;

/** Per-second audio measurements from the audio stage. */
export type AudioAnalysis = z.infer<typeof audioAnalysisSchema>;

/** A sentiment score of one text: `score` in [-1, 1], `intensity` = |score| weighted by evidence. */
export interface SentimentScore {
  readonly score: number;
  /** Number of lexicon hits that contributed (0 = neutral / unknown). */
  readonly hits: number;
}

/** One window of a sentiment timeline. */
export type SentimentWindow = z.infer<typeof sentimentWindowSchema>;

export type SentimentTimeline = z.infer<typeof sentimentTimelineSchema>;

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
export type SignalSeries = z.infer<typeof signalSeriesSchema>;

/** A signal that fired inside a highlight, with the evidence. */
export type FiredSignal = z.infer<typeof firedSignalSchema>;

/** A detected highlight: a clip-sized window around a peak, with its reasons. */
export type Highlight = z.infer<typeof highlightSchema>;

export type ComplianceSeverity = z.infer<typeof complianceSeveritySchema>;

/** Compliance verdict of a clip: `block` if any blocking flag fired, `warn` if only warnings, else `clear`. */
export type ComplianceStatus = z.infer<typeof complianceStatusSchema>;

/** A banned or absolute advertising claim found in speech or chat. */
export type ComplianceFlag = z.infer<typeof complianceFlagSchema>;

/** Titles, description and hashtags for a clip (extractive offline). */
export interface ClipCopy {
  readonly title: string;
  readonly description: string;
  readonly hashtags: readonly string[];
}

/** A topic suggested for upcoming shows, with its evidence. */
export type TopicSuggestion = z.infer<typeof topicSuggestionSchema>;

export type TopicEvidence = z.infer<typeof topicEvidenceSchema>;

/** The analyze stage's `analysis.json`. */
export type Analysis = z.infer<typeof analysisSchema>;

/** How late chat reacts to the stream: the show's measurement and the lag the detector applied. */
export type ChatLagRecord = z.infer<typeof chatLagRecordSchema>;

/** A cut clip's `meta.json`. */
export type ClipMeta = z.infer<typeof clipMetaSchema>;
