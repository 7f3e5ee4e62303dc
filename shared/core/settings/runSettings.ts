/**
 * Run settings: what a caller may ask of one run, as `postshow run` flags or in
 * `recordings/{showId}/job.json`. Each setting is one zod schema that carries its range, default
 * and (through {@link runSettingsRegistry}) its help text and flag. The CLI options, job.json, the
 * manifest's `options` and the highlight config's clip fields are all derived from these schemas:
 * adding a run setting is one entry here plus the code that uses the value.
 */
import { z } from 'zod';
import { CAPTION_STYLE_PRESETS, captionStyleFileSchema, DEFAULT_CAPTION_STYLE, type CaptionStylePreset } from '../captions/captionStyle.js';
import { DEFAULT_CHAT_LAG_SECONDS } from '../chat/chatLag.js';
import { ASPECTS, reframeModeSchema, TRIM_KINDS } from '../schemas/clipRender.js';
import { seconds, wholeNumber, type SettingDescription } from './settingSchemas.js';

/** What the registry knows of a run setting besides its schema. */
export interface RunSettingMeta extends SettingDescription {
  /** `postshow run` flag with its value name, e.g. `--chat-lag <seconds>`; absent: job.json only. */
  readonly flag?: `--${string} <${string}>`;
  /**
   * The flag also takes the path of a JSON file holding the value (an object the schema accepts); the
   * CLI reads it and, when the object has no `name`, names it after the file.
   */
  readonly jsonFile?: boolean;
}

/** Help text and flag of every run setting, keyed by its schema. */
export const runSettingsRegistry = z.registry<RunSettingMeta>();

const setting = <S extends z.ZodType>(schema: S, meta: RunSettingMeta): S => {
  runSettingsRegistry.add(schema as z.ZodType, meta);
  return schema;
};

/** Most clips one run may cut (the top of `--max-clips`' range and of the automatic budget). */
export const MAX_CLIPS = 100;

/** Every run setting, in `--help` order. */
export const RUN_SETTINGS = {
  language: setting(z.enum(['auto', 'en', 'zh']).default('auto'), {
    flag: '--lang <lang>',
    help: 'show language; auto: from the captions, else the chat, else the audio',
  }),
  /** 15 s is the shortest clip short-video platforms reward. */
  minClipSeconds: setting(seconds(3, 600).default(15), { flag: '--min-clip <seconds>', help: 'shortest clip', unit: 's' }),
  /** 45 s: a moment's set-up, pay-off and reaction; longer and the feed's viewers are gone before the end. */
  maxClipSeconds: setting(seconds(3, 600).default(45), { flag: '--max-clip <seconds>', help: 'longest clip', unit: 's' }),
  /**
   * Absent: automatic. Every strong moment gets a clip (its fused score clears the show's own floor), about
   * three per ten minutes at most (shared/core/highlights/clipBudget.ts), so a long, lively show is not cut
   * down to a fixed handful and a quiet one is not padded out.
   */
  maxClips: setting(wholeNumber(0, MAX_CLIPS).optional(), {
    flag: '--max-clips <n>',
    help: 'most clips to cut; 0 analyses the show without cutting',
    defaultHelp: 'automatic, every strong moment up to about 3 per 10 minutes',
  }),
  /**
   * Two minutes of 16 kHz mono PCM is ~3.8 MB: small enough that chunks of a short show still spread
   * over the workers, large enough that few utterances are cut at seams. At most 10 minutes: 600 s
   * plus overlap is ~19.4 MB, under OpenAI's 25 MB upload limit.
   */
  chunkSeconds: setting(seconds(10, 600).default(120), { flag: '--chunk <seconds>', help: 'speech recognition chunk length', unit: 's' }),
  /** Wall-clock chat logs (Twitch IRC) need it; ISO 8601 in the log's own clock when it has no zone. */
  chatStart: setting(z.iso.datetime({ local: true, offset: true, error: 'must be an ISO 8601 date and time, e.g. 2019-04-30T08:57:00' }).optional(), {
    flag: '--chat-start <time>',
    help: 'when the recording started, for wall-clock chat logs (Twitch IRC), e.g. 2019-04-30T08:57:00',
    defaultHelp: "the log's first line",
  }),
  /** Shows of several channels share one workspace or bucket; a slug keeps the name safe in keys and URLs. */
  channel: setting(
    z.string().min(1, 'must not be empty').max(64, 'must be at most 64 characters').regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be lowercase letters, digits, "-" or "_", starting with a letter or digit').default('default'),
    { flag: '--channel <name>', help: 'the channel or account the show belongs to, a lowercase slug' },
  ),
  /** Orders the channel's shows for the review (复盘) and its comparison with earlier shows. */
  aired: setting(z.union([z.iso.date(), z.iso.datetime({ local: true, offset: true })], { error: 'must be a date (2026-12-01) or an ISO 8601 date and time' }).optional(), {
    flag: '--aired <date>',
    help: 'when the show aired, e.g. 2026-12-01 or 2026-12-01T20:00:00+08:00',
    defaultHelp: "the recording's creation time, else the file's modification time",
  }),
  /**
   * Absent: the source's own shape and 9:16, the two a channel posts most. A comma list on the command
   * line ("9:16,1:1"), a list or the same text in job.json.
   */
  aspects: setting(
    z
      .preprocess(commaList, z.array(z.enum(ASPECTS, { error: `must list shapes from ${ASPECTS.join(', ')}` })).min(1, 'must name at least one shape').refine(distinct, 'must not repeat a shape'))
      .optional(),
    {
      flag: '--aspect <list>',
      help: `shapes to render each clip in, comma-separated from ${ASPECTS.join(', ')}`,
      defaultHelp: "the source's shape and 9:16",
    },
  ),
  reframe: setting(reframeModeSchema.default('auto'), {
    flag: '--reframe <mode>',
    help: 'how a source of another shape fills a variant: subject (a crop that follows the subject), blur (the whole picture over a blurred fill), center (crop the middle), auto (subject when a stable one is found, else blur)',
  }),
  /** Off by default: trimming changes the clip's timing, which a marketer should ask for. */
  trim: setting(z.preprocess(commaList, z.array(z.enum(TRIM_KINDS, { error: `must list kinds from ${TRIM_KINDS.join(', ')}` })).refine(distinct, 'must not repeat a kind')).default([]), {
    flag: '--trim <list>',
    help: `what to cut out inside clips, comma-separated from ${TRIM_KINDS.join(', ')}`,
    defaultHelp: 'nothing',
  }),
  /** A preset name, or a style object (a style file's fields over a preset; see docs/formats.md). */
  captionStyle: setting(z.union([z.enum(Object.keys(CAPTION_STYLE_PRESETS) as [CaptionStylePreset, ...CaptionStylePreset[]], {
      error: `must be ${Object.keys(CAPTION_STYLE_PRESETS).join(', ')} or a JSON style file`,
    }), captionStyleFileSchema]).default(DEFAULT_CAPTION_STYLE), {
    flag: '--caption-style <style>',
    help: `how burned captions look: ${Object.keys(CAPTION_STYLE_PRESETS).join(', ')}, or a JSON style file (docs/formats.md)`,
    jsonFile: true,
  }),
  /** Past a minute, chat is about something else. Absent: measured per show. */
  chatLagSeconds: setting(seconds(0, 60).optional(), {
    flag: '--chat-lag <seconds>',
    help: 'how late chat reacts to the stream, overriding the per-show measurement',
    unit: 's',
    defaultHelp: `measured, else ${DEFAULT_CHAT_LAG_SECONDS} s`,
  }),
};

/** "9:16, 1:1" → ["9:16", "1:1"]; lists and anything else pass through to the list schema. */
function commaList(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

function distinct(values: readonly unknown[]): boolean {
  return new Set(values).size === values.length;
}

export type RunSettingName = keyof typeof RUN_SETTINGS;
/** The run settings with every default filled in. */
export type RunSettings = z.infer<z.ZodObject<typeof RUN_SETTINGS>>;

/** The registry's entry for a setting. */
export function runSettingMeta(name: RunSettingName): RunSettingMeta {
  return runSettingsRegistry.get(RUN_SETTINGS[name]) as RunSettingMeta;
}

/** A rule across settings, stated once and worded by each surface in its own names (keys, flags). */
interface RunSettingRule {
  readonly settings: readonly [RunSettingName, RunSettingName];
  readonly holds: (first: number, second: number) => boolean;
  readonly says: (first: string, second: string) => string;
}

const RUN_SETTING_RULES: readonly RunSettingRule[] = [
  { settings: ['minClipSeconds', 'maxClipSeconds'], holds: (min, max) => min <= max, says: (min, max) => `${min} must not exceed ${max}` },
];

/**
 * Checks the rules across settings on any object that holds their values (run settings, the
 * highlight config); a rule whose settings are not all present is skipped.
 */
export function checkRunSettingRules(values: Partial<Record<RunSettingName, unknown>>, ctx: z.RefinementCtx): void {
  RUN_SETTING_RULES.forEach((rule, index) => {
    const [first, second] = rule.settings.map((name) => values[name]);
    if (typeof first !== 'number' || typeof second !== 'number' || rule.holds(first, second)) return;
    ctx.addIssue({ code: 'custom', message: rule.says(...rule.settings), params: { runSettingRule: index } });
  });
}

/** All run settings of one run, defaults filled in, rules across them checked. */
export const runSettingsSchema = z.object(RUN_SETTINGS).superRefine(checkRunSettingRules);

/**
 * Settings ingest consumes while building the manifest (the requested language becomes
 * `manifest.language`, the chat start places the chat); later stages never read them.
 */
const CONSUMED_BY_INGEST = { language: true, chatStart: true } as const;

/** The settings later stages read from `manifest.options`: every run setting but those ingest consumes. */
export const manifestOptionsSchema = z.object(RUN_SETTINGS).omit(CONSUMED_BY_INGEST);

/**
 * The problems in a failed parse of run settings, one line, each naming its setting the caller's way
 * (`nameOf('chatLagSeconds')` is `--chat-lag` on the command line, `chatLagSeconds` in job.json).
 */
export function runSettingsProblem(error: z.ZodError, nameOf: (name: string) => string = (name) => name): string {
  return error.issues
    .map((issue) => {
      const rule = issue.code === 'custom' ? RUN_SETTING_RULES[Number(issue.params?.runSettingRule)] : undefined;
      if (rule) return rule.says(...(rule.settings.map(nameOf) as [string, string]));
      return issue.path.length > 0 ? `${nameOf(issue.path.join('.'))} ${issue.message}` : issue.message;
    })
    .join('; ');
}
