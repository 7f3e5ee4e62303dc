/**
 * A small show laid out in an in-memory store as a user would upload it (recording, captions, chat,
 * job.json), and a driver that runs stage messages through the real handlers in queue order.
 */
import { stageHandlers } from '../../functions/index.js';
import { parseShowId, recordingPrefix } from '../../shared/core/keys.js';
import type { MessageOf, StageMessage, StageName } from '../../shared/pipeline/messages.js';
import type { Storage, StageContext } from '../../shared/pipeline/ports.js';
import type { StageHandler, StageResult } from '../../shared/pipeline/stage.js';

export const SHOW_ID = parseShowId('unit-show');
export const RUN_ID = 'run0001';
export const RECORDING_KEY = `${recordingPrefix(SHOW_ID)}recording.mp4`;

/** An MP4 header (`ftyp`) and padding: enough for the container signature check; the Media double does the rest. */
const RECORDING_BYTES = Buffer.concat([Buffer.from([0, 0, 0, 0x20]), Buffer.from('ftypisom'), Buffer.alloc(400)]);

export interface ShowInputs {
  /** Caption lines every 10 s, with excitement at 60-70 s and 100-110 s. @default true */
  readonly captions?: boolean;
  /** Viewers chatting through the show, with bursts at 62-72 s and 100-110 s (two highlights). @default true */
  readonly chat?: boolean;
  /** job.json fields. */
  readonly job?: Record<string, unknown>;
  /** Recording bytes. @default an MP4 header */
  readonly recording?: Buffer;
}

/** Puts the show's uploads into `storage` and returns the ingest message that starts its run. */
export async function uploadShow(storage: Storage, inputs: ShowInputs = {}): Promise<MessageOf<'ingest'>> {
  const prefix = recordingPrefix(SHOW_ID);
  if (inputs.captions ?? true) await storage.put(`${prefix}captions.srt`, captionsSrt());
  if (inputs.chat ?? true) await storage.put(`${prefix}chat.jsonl`, chatJsonl());
  await storage.put(`${prefix}job.json`, JSON.stringify({ sourceName: 'unit-show.mp4', ...inputs.job }));
  await storage.put(RECORDING_KEY, inputs.recording ?? RECORDING_BYTES);
  return { stage: 'ingest', showId: SHOW_ID, recordingKey: RECORDING_KEY, runId: RUN_ID };
}

/** A JSON object a stage wrote. */
export async function storedJson<T = any>(storage: Storage, key: string): Promise<T> {
  return JSON.parse((await storage.get(key)).toString('utf8')) as T;
}

/** Runs one message through its real handler. */
export function runStage<S extends StageName>(message: MessageOf<S>, context: StageContext): Promise<StageResult> {
  return (stageHandlers[message.stage] as StageHandler<S>)(message, context);
}

/**
 * Runs `first` and everything it leads to, in queue order, up to (not including) the messages of
 * `stopAt`; returns those messages so a test can run that stage itself.
 */
export async function runUntil(first: StageMessage, context: StageContext, stopAt?: StageName): Promise<StageMessage[]> {
  const pending: StageMessage[] = [first];
  const held: StageMessage[] = [];
  for (let message = pending.shift(); message; message = pending.shift()) {
    if (message.stage === stopAt) {
      held.push(message);
      continue;
    }
    pending.push(...(await runStage(message, context)).next);
  }
  return held;
}

/** Uploads the show and runs its stages up to `stopAt`; returns the messages for `stopAt`. */
export async function runShowUntil(context: StageContext, stopAt: StageName, inputs?: ShowInputs): Promise<StageMessage[]> {
  return runUntil(await uploadShow(context.storage, inputs), context, stopAt);
}

/** Uploads the show, runs its stages up to `stage`, then the first message of `stage` itself. */
export async function runShowThrough(context: StageContext, stage: StageName, inputs?: ShowInputs): Promise<StageResult> {
  const [message] = await runShowUntil(context, stage, inputs);
  if (!message) throw new Error(`the show never reached the ${stage} stage`);
  return runStage(message, context);
}

function captionsSrt(): string {
  const lines = [
    'hello everyone and welcome to the show',
    'today we look at the new travel mug',
    'it keeps coffee hot for twelve hours',
    'the lid is leak proof and easy to clean',
    'let me show you how it pours',
    'here is the price for today only',
    'wow this is amazing look at that',
    'the mug survived the drop test',
    'we have a few questions in chat',
    'the mug comes in three colours',
    'wow it really works, that is incredible',
    'see you next week',
  ];
  return lines
    .map((text, index) => `${index + 1}\n${clock(index * 10 + 1)} --> ${clock(index * 10 + 8)}\n${text}\n`)
    .join('\n');
}

function chatJsonl(): string {
  const lines: { t: number; user: string; text: string }[] = [];
  for (let t = 3; t < 118; t += 9) lines.push({ t, user: `viewer${t % 5}`, text: 'nice mug' });
  for (const burst of [62, 100]) {
    for (let t = burst; t < burst + 10; t += 0.5) lines.push({ t, user: `fan${Math.round(t * 2) % 12}`, text: 'wow amazing, I want one!' });
  }
  return `${lines.sort((a, b) => a.t - b.t).map((line) => JSON.stringify(line)).join('\n')}\n`;
}

function clock(seconds: number): string {
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return `00:${pad(Math.floor(seconds / 60))}:${pad(seconds % 60)},000`;
}
