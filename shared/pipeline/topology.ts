/**
 * The pipeline's shape as the deployment needs it: who sends to whom, and who may call OpenAI.
 * The CDK stack grants exactly this (one SQS queue per stage; sendMessage only to successors; the
 * OpenAI secret only to the stages that use a provider), and the local cloud simulator wires the same.
 */
import type { StageName } from './messages.js';

/** The stages each stage's `next` messages go to. */
export const STAGE_SUCCESSORS = {
  ingest: ['audio'],
  audio: ['transcribe'],
  transcribe: ['analyze'],
  analyze: ['clip', 'suggest'],
  // suggest: the run's fan-in; catalog: a re-rendered edit refreshes the catalog directly (functions/clip.ts).
  clip: ['suggest', 'catalog'],
  suggest: ['catalog'],
  catalog: ['report'],
  report: [],
} as const satisfies Readonly<Record<StageName, readonly StageName[]>>;

/** Stages that may call OpenAI: language detection and transcription, re-ranking, clip copy, topic pitches. */
export const STAGES_USING_OPENAI = ['audio', 'transcribe', 'analyze', 'clip', 'suggest'] as const satisfies readonly StageName[];

/** Stages that run ffmpeg/ffprobe and get the media layer. */
export const MEDIA_STAGES = ['ingest', 'audio', 'transcribe', 'clip'] as const satisfies readonly StageName[];

/**
 * What the stack puts in the OpenAI secret it creates, until the user replaces it with the key. The
 * stage runtime reads it as "no key configured" (offline providers) rather than calling OpenAI with it.
 */
export const OPENAI_KEY_PLACEHOLDER = 'REPLACE_WITH_OPENAI_API_KEY';
