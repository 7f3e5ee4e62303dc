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
export type { Language, TimeRange } from './schemas/basics.js';
export type { Segment, Transcript, TranscriptEngine, Word } from './schemas/transcript.js';
export type { ChatEventKind, ChatMessage, MetricsPoint, ParseReport, Product, ProductMention } from './schemas/sideInputs.js';
export type { AudioAnalysis } from './schemas/audioAnalysis.js';
export type { FiredSignal, Highlight, MomentKind, SignalName, SpeechLine } from './schemas/highlight.js';
export type { ComplianceFlag, ComplianceSeverity, ComplianceStatus } from './schemas/compliance.js';
export type { Analysis, SentimentTimeline, SentimentWindow, SignalSeries } from './schemas/analysis.js';
export type { ChatLagRecord } from './schemas/chatLag.js';
export type { ClipMeta } from './schemas/clipMeta.js';
export type { TopicEvidence, TopicSuggestion } from './schemas/topics.js';

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

export type MetricName = 'viewers' | 'likes' | 'orders' | 'gmv' | 'uv' | 'views' | 'productClicks' | 'addToCart' | 'follows';

/** A sentiment score of one text: `score` in [-1, 1], `intensity` = |score| weighted by evidence. */
export interface SentimentScore {
  readonly score: number;
  /** Number of lexicon hits that contributed (0 = neutral / unknown). */
  readonly hits: number;
}

/** Titles, description and hashtags for a clip (extractive offline). */
export interface ClipCopy {
  readonly title: string;
  readonly description: string;
  readonly hashtags: readonly string[];
}

