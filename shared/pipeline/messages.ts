/**
 * Stage messages: the only thing that travels on the queue. Each is small (ids, never payloads);
 * stages read their inputs from storage, so a redelivered message is harmless.
 */
import { z } from 'zod';
import { parseShowId, validateKey } from '../core/keys.js';

/** Stage ids, in pipeline order. The id also names the queue, the handler file and the CLI progress bar. */
export const STAGES = ['ingest', 'audio', 'transcribe', 'analyze', 'clip', 'suggest', 'catalog', 'report'] as const;
export type StageName = (typeof STAGES)[number];

/** A string checked by one of keys.ts' validators, whose error message becomes the schema's issue. */
function checkedBy<T>(validate: (raw: string) => T) {
  return z.string().transform((raw, ctx) => {
    try {
      return validate(raw);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
      return z.NEVER;
    }
  });
}

const showId = checkedBy(parseShowId);
const storageKey = checkedBy(validateKey);

const clipId = z.string().regex(/^[a-z0-9]{4,40}$/, 'clip id must be 4-40 lowercase letters or digits');

/**
 * `runId` names one processing run of a show (the CLI makes one per `run`, the cloud takes the S3
 * event's sequencer). Redelivered messages share it, a re-run gets a new one, so fan-in claims of an
 * earlier run never block a later one.
 */
export const runIdSchema = z.string().regex(/^[A-Za-z0-9]{4,64}$/, 'run id must be 4-64 letters or digits');

export const ingestMessageSchema = z.object({ stage: z.literal('ingest'), showId, recordingKey: storageKey, runId: runIdSchema });
export const audioMessageSchema = z.object({ stage: z.literal('audio'), showId });
export const transcribeMessageSchema = z.object({ stage: z.literal('transcribe'), showId, chunk: z.number().int().min(0).max(100_000) });
export const analyzeMessageSchema = z.object({ stage: z.literal('analyze'), showId });
/** `version`: an edit's render (clip edit): the clip stage renders `edit.json` and refreshes the catalog instead of fanning in. */
export const clipMessageSchema = z.object({ stage: z.literal('clip'), showId, clipId, version: z.number().int().min(2).optional() });
export const suggestMessageSchema = z.object({ stage: z.literal('suggest'), showId });
export const catalogMessageSchema = z.object({ stage: z.literal('catalog'), showId });
export const reportMessageSchema = z.object({ stage: z.literal('report'), showId });

export const stageMessageSchema = z.discriminatedUnion('stage', [
  ingestMessageSchema,
  audioMessageSchema,
  transcribeMessageSchema,
  analyzeMessageSchema,
  clipMessageSchema,
  suggestMessageSchema,
  catalogMessageSchema,
  reportMessageSchema,
]);

export type StageMessage = z.infer<typeof stageMessageSchema>;
export type MessageOf<S extends StageName> = Extract<StageMessage, { stage: S }>;

/** Parses an untrusted message (queue body, CLI) at the edge. */
export function parseStageMessage(input: unknown): StageMessage {
  return stageMessageSchema.parse(input);
}

/** A stable identity for a message: used for status part names and de-duplication in logs. */
export function messageItem(message: StageMessage): string {
  switch (message.stage) {
    case 'transcribe':
      return `transcribe-${String(message.chunk).padStart(4, '0')}`;
    case 'clip':
      return `clip-${message.clipId}`;
    default:
      return message.stage;
  }
}
