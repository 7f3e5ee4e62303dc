/**
 * ingest: validate the recording (ffprobe), parse and normalise the side inputs, resolve the
 * language and write the show manifest. Everything a user can get wrong fails here, early.
 */
import { parseClaimRules } from '../shared/core/compliance/index.js';
import { detectLanguage } from '../shared/core/text/index.js';
import { decodeTextInput } from '../shared/core/inputs/textDecoding.js';
import { endCaptionsAt, readCaptions, parseChatLog, parseMetricsCsv, parseProducts, type ParsedCaptions } from '../shared/core/inputs/index.js';
import { endChatAt, type ChatParseReport } from '../shared/core/inputs/chatLog.js';
import { InputError, MediaError } from '../shared/core/errors.js';
import { recordingPrefix, showKeys, type ShowId } from '../shared/core/keys.js';
import { looksLikeMedia, MEDIA_SIGNATURE_BYTES } from '../shared/core/mediaSignature.js';
import type { ChatParseOptions } from '../shared/core/inputs/chatParseOptions.js';
import type { ChatMessage, Language, ParseReport, Segment } from '../shared/core/types.js';
import { manifestOptionsSchema } from '../shared/core/settings/runSettings.js';
import { sideInputSchemas, type SideInputValue } from '../shared/pipeline/artifacts.js';
import { manifestSchema, parseJobOptions, type Manifest } from '../shared/pipeline/manifest.js';
import type { StageContext } from '../shared/pipeline/ports.js';
import type { StageHandler } from '../shared/pipeline/stage.js';
import { JOB_FILE, sideInputKind, type SideInputKind } from '../shared/pipeline/sideInputs.js';
import { tryReadJson, writeJson } from '../shared/pipeline/storageJson.js';

export const ingest: StageHandler<'ingest'> = async (message, { storage, media }) => {
  const { showId, recordingKey, runId } = message;
  const keys = showKeys(showId);
  if (!recordingKey.startsWith(recordingPrefix(showId))) {
    throw new InputError(`recording key ${recordingKey} is not under ${recordingPrefix(showId)}`);
  }

  // The manifest is ingest's last write: finding it for this run means a redelivered or duplicated
  // notification, and the run goes on from it (re-parsing would also undo a language the audio stage detected).
  const done = await tryReadJson(storage, keys.manifest, manifestSchema).catch(() => undefined);
  if (done?.runId === runId) return { next: [{ stage: 'audio', showId }], summary: { ...ingestSummary(done), reused: true } };

  const job = await readJobOptions(storage, `${recordingPrefix(showId)}${JOB_FILE}`);
  const sourceName = job.sourceName ?? recordingKey.split('/').pop() ?? recordingKey;
  const head = await storage.head(recordingKey);
  if (!head) throw new InputError(`recording ${sourceName} was not found`);
  if (head.size === 0) throw new MediaError(`recording ${sourceName} is empty (0 bytes)`, { permanent: true });

  // The probe runs in ffprobe's own process; the side inputs are read and parsed meanwhile. The recording's
  // verdict still comes first: a broken recording is reported as such even when a side input is broken too.
  const probing = media.probe(await storage.readLocation(recordingKey), sourceName).catch(async (error: unknown) => {
    // ffprobe says "moov atom not found" for anything named .mp4; the first bytes tell damage from garbage.
    if (!looksLikeMedia(await storage.getRange(recordingKey, 0, MEDIA_SIGNATURE_BYTES))) {
      throw new MediaError(`recording ${sourceName} is not a readable media file (no known container signature)`, { permanent: true, cause: error });
    }
    throw error;
  });
  probing.catch(() => undefined); // awaited below, after the side inputs
  const chatOptions: ChatParseOptions = job.chatStart ? { recordingStartMs: wallClockMs(job.chatStart) } : {};
  const parsing = parseSideInputs(storage, showId, chatOptions);
  parsing.catch(() => undefined);
  const info = await probing;
  if (!info.audio) throw new MediaError(`recording ${sourceName} has no audio track`, { permanent: true });
  if (!(info.duration > 0)) throw new MediaError(`recording ${sourceName} has no measurable duration (truncated or corrupt?)`, { permanent: true });
  const sideInputs = await parsing;

  // A new run starts from a clean status: parts from an earlier run of this show would mislead.
  const previous = await storage.tryGet(keys.manifest);
  if (previous && (JSON.parse(previous.toString('utf8')) as { runId?: string }).runId !== runId) {
    for (const key of await storage.list(keys.statusParts)) if (key !== keys.statusPart('ingest')) await storage.delete(key);
  }

  const inputs: Manifest['inputs'] = {};
  const texts: { captions: string[]; chat: string[] } = { captions: [], chat: [] };
  for (const parsed of sideInputs) {
    // Chat and captions after the recording's end are dropped (and counted) once the probe has said where the end is.
    const { value, report } = parsed.kind === 'chat' ? endOfChat(parsed, info.duration) : parsed.kind === 'captions' ? endOfCaptions(parsed, info.duration) : parsed;
    const { kind } = parsed;
    const normalisedKey = keys.inputs(kind);
    await writeJson(storage, normalisedKey, sideInputSchemas[kind], value);
    inputs[kind] = { sourceKey: parsed.sourceKey, key: normalisedKey, report };
    if (kind === 'captions') texts.captions = (value as readonly { text: string }[]).map((segment) => segment.text);
    if (kind === 'chat') texts.chat = (value as readonly { text: string }[]).slice(0, 5000).map((chat) => chat.text);
  }

  const { language, languageSource } = resolveLanguage(job.language, texts);
  const manifest: Manifest = {
    showId,
    runId,
    recordingKey,
    sourceName,
    media: info,
    language,
    languageSource,
    options: manifestOptionsSchema.parse(job),
    transcriptionSource: inputs.captions ? 'captions' : 'asr',
    airedAt: airedAt(job.aired, info.createdAt, head.modifiedMs),
    inputs,
  };
  await writeJson(storage, keys.manifest, manifestSchema, manifest);
  return { next: [{ stage: 'audio', showId }], summary: ingestSummary(manifest) };
};

/** The status summary: the recording, and each side input's parse report in brief (format, accepted, skipped). */
function ingestSummary(manifest: Manifest): Record<string, string | number | boolean> {
  const parsed: Record<string, string | number> = {};
  for (const [kind, input] of Object.entries(manifest.inputs)) {
    if (!input) continue;
    parsed[`${kind}Format`] = input.report.format;
    parsed[`${kind}Accepted`] = input.report.accepted;
    parsed[`${kind}Skipped`] = input.report.skipped;
  }
  return {
    duration: Math.round(manifest.media.duration),
    language: manifest.language,
    video: Boolean(manifest.media.video),
    sideInputs: Object.keys(manifest.inputs).join(',') || 'none',
    ...parsed,
  };
}

async function readJobOptions(storage: Parameters<StageHandler<'ingest'>>[1]['storage'], key: string) {
  const body = await storage.tryGet(key);
  let raw: unknown = {};
  if (body) {
    try {
      raw = JSON.parse(body.toString('utf8'));
    } catch {
      throw new InputError(`${JOB_FILE} is not valid JSON`);
    }
  }
  return parseJobOptions(raw);
}

/** A job's `chatStart` as epoch ms; without a zone it is read as UTC, the way wall-clock chat parsers read their lines. */
function wallClockMs(iso: string): number {
  return Date.parse(/(Z|[+-]\d\d:?\d\d)$/i.test(iso) ? iso : `${iso}Z`);
}

interface ParsedSideInput {
  readonly kind: SideInputKind;
  readonly sourceKey: string;
  readonly value: SideInputValue;
  readonly report: ParseReport;
}

/** Every side input submitted with the recording, read and parsed (chat not yet cut at the recording's end). */
async function parseSideInputs(storage: StageContext['storage'], showId: ShowId, chatOptions: ChatParseOptions): Promise<ParsedSideInput[]> {
  const parsed: ParsedSideInput[] = [];
  for (const key of await storage.list(recordingPrefix(showId))) {
    const fileName = key.slice(recordingPrefix(showId).length);
    const kind = sideInputKind(fileName);
    if (!kind) continue;
    const { text, encoding } = decodeTextInput(await storage.get(key), `${kind} file ${fileName}`);
    const { value, report } = parseSideInput(kind, text, fileName, chatOptions);
    parsed.push({ kind, sourceKey: key, value, report: encoding === 'utf-8' ? report : { ...report, encoding } });
  }
  return parsed;
}

/** The parsed chat without what comes after the recording's end. */
function endOfChat(parsed: ParsedSideInput, durationSeconds: number): Pick<ParsedSideInput, 'value' | 'report'> {
  const { messages, report } = endChatAt({ messages: parsed.value as ChatMessage[], report: parsed.report as ChatParseReport }, durationSeconds);
  return { value: messages, report };
}

/** The captions without cues after the recording's end; a cue running past it ends with it. */
function endOfCaptions(parsed: ParsedSideInput, durationSeconds: number): Pick<ParsedSideInput, 'value' | 'report'> {
  const { segments, report } = endCaptionsAt({ segments: parsed.value as Segment[], report: parsed.report as ParsedCaptions['report'] }, durationSeconds);
  return { value: segments, report };
}

function parseSideInput(kind: SideInputKind, text: string, name: string, chatOptions: ChatParseOptions): { value: SideInputValue; report: ParseReport } {
  switch (kind) {
    case 'chat': {
      const { messages, report } = parseChatLog(text, name, chatOptions);
      return { value: messages, report };
    }
    case 'metrics': {
      const { points, report } = parseMetricsCsv(text, name);
      return { value: points, report };
    }
    case 'captions': {
      const { segments, report } = readCaptions(text, name);
      return { value: segments, report };
    }
    case 'products': {
      const products = parseProducts(text, name);
      return { value: products, report: { format: 'products-json', accepted: products.length, skipped: 0, skippedReasons: {} } };
    }
    case 'rules': {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (error) {
        throw new InputError(`compliance rules ${name} is not valid JSON: ${(error as Error).message}`);
      }
      const rules = parseClaimRules(json);
      return { value: rules, report: { format: 'compliance-rules-json', accepted: rules.length, skipped: 0, skippedReasons: {} } };
    }
  }
}

/** Flag wins; else the captions' language; else the chat's; else English (the offline ASR's language). */
function resolveLanguage(
  requested: 'auto' | Language,
  texts: { captions: string[]; chat: string[] },
): { language: Language; languageSource: Manifest['languageSource'] } {
  if (requested !== 'auto') return { language: requested, languageSource: 'flag' };
  if (texts.captions.length > 0) return { language: detectLanguage(texts.captions), languageSource: 'captions' };
  if (texts.chat.length > 0) return { language: detectLanguage(texts.chat), languageSource: 'chat' };
  return { language: 'en', languageSource: 'default' };
}

/** When the show aired: as the caller said, else as the recorder stamped it, else when the file was written. */
function airedAt(aired: string | undefined, createdAt: string | undefined, modifiedMs: number): string {
  if (aired !== undefined) {
    // A bare date is kept as midnight UTC of that day, so shows sort by the dates the caller gave.
    return new Date(/^\d{4}-\d{2}-\d{2}$/.test(aired) ? `${aired}T00:00:00Z` : aired).toISOString();
  }
  return createdAt ?? new Date(modifiedMs).toISOString();
}
