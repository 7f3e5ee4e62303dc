/**
 * Environment settings: every variable a user may set to tune postshow (providers, media, logging),
 * each one zod schema over the variable's text that carries its range, default and (through
 * {@link envSettingsRegistry}) its help text. Adapters read their variables with
 * {@link readEnvSettings} / {@link parseEnvSettings}, so each is parsed in one place. README's
 * Configuration table lists exactly these variables (test/unit/settingsDocs.test.ts).
 *
 * Not here: the Lambda wiring the CDK stack sets (buckets, queue URLs, stage name), which
 * functions/lambda/cloudConfig.ts validates at cold start; a user never sets those.
 */
import { z } from 'zod';
import { InputError } from '../errors.js';
import { wholeNumber, type SettingDescription } from './settingSchemas.js';

/** What the registry knows of an environment setting besides its schema. */
export interface EnvSettingMeta extends SettingDescription {
  /** `postshow run` flag that overrides the variable, e.g. `--llm <provider>`. */
  readonly flag?: `--${string} <${string}>`;
}

/** Help text and flag of every environment setting, keyed by its schema. */
export const envSettingsRegistry = z.registry<EnvSettingMeta>();

/** Registers a variable's schema; its input is the variable's text (or undefined when unset). */
const setting = <S extends z.ZodType<unknown, string | undefined>>(schema: S, meta: EnvSettingMeta): S => {
  envSettingsRegistry.add(schema as z.ZodType, meta);
  return schema;
};

const text = () => z.string().trim().min(1, 'must not be empty');

/** A whole number written in decimal digits. */
const wholeNumberText = (min: number) => z.string().trim().regex(/^\d+$/, 'expected a whole number').transform(Number).pipe(wholeNumber(min));

const booleanText = () =>
  z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no']))
    .transform((value) => value === 'true' || value === '1' || value === 'yes');

export const TRANSCRIBER_CHOICES = ['auto', 'openai', 'local', 'pocketsphinx', 'captions'] as const;
export const LANGUAGE_MODEL_CHOICES = ['auto', 'openai', 'offline'] as const;
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export const X264_PRESETS = ['ultrafast', 'superfast', 'veryfast', 'faster', 'fast', 'medium', 'slow', 'slower', 'veryslow'] as const;
/** OpenAI's public endpoint; the SDK would otherwise read `OPENAI_BASE_URL` from process.env behind our back. */
export const OPENAI_DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/** Per-attempt timeout of a transcription request, ms: a 10-minute chunk upload plus decoding. */
export const OPENAI_TRANSCRIBE_TIMEOUT_MS = 120_000;
/** Per-attempt timeout of a chat request, ms. */
export const OPENAI_CHAT_TIMEOUT_MS = 60_000;

/** Every environment setting. Empty values count as unset. */
export const ENV_SETTINGS = {
  POSTSHOW_TRANSCRIBER: setting(z.enum(TRANSCRIBER_CHOICES).default('auto'), {
    flag: '--transcriber <engine>',
    help: 'speech recognition: auto = OpenAI when OPENAI_API_KEY is set, else the best local engine; local = Whisper; captions never runs ASR',
  }),
  POSTSHOW_LLM: setting(z.enum(LANGUAGE_MODEL_CHOICES).default('auto'), {
    flag: '--llm <provider>',
    help: 'language model for titles, re-ranking and topic pitches: auto = OpenAI when a key is set; offline keeps titles extractive and the detector order',
  }),
  POSTSHOW_LOG_LEVEL: setting(z.enum(LOG_LEVELS).default('info'), { help: 'level of the JSON-lines log in <workspace>/postshow.log' }),
  POSTSHOW_WHISPER_MODEL: setting(text().optional(), {
    help: 'a model name from `postshow models list` or the path of a whisper.cpp ggml file, for whisper-local',
    defaultHelp: '~/.cache/postshow/models/ggml-base.bin',
  }),
  /** Cost against quality for clip encodes (Lambda GB-seconds scale with it); `veryfast` keeps a 1080x1920 encode near real time on 2 cores. */
  POSTSHOW_X264_PRESET: setting(z.enum(X264_PRESETS).default('veryfast'), { help: 'x264 preset of clip encodes: encode time against file size' }),
  POSTSHOW_RENDER_SLOTS: setting(wholeNumberText(1).default(1), {
    help: 'clip renders one process runs at once; each holds ~550 MB (a 1080x1920 x264 encode that already uses every core)',
  }),
  FFMPEG_PATH: setting(text().default('ffmpeg'), { help: 'ffmpeg binary; the Lambda stack sets /opt/bin/ffmpeg' }),
  FFPROBE_PATH: setting(text().optional(), {
    help: 'ffprobe binary; the Lambda stack sets /opt/bin/ffprobe',
    defaultHelp: 'the static build npm installs (starts 0.1 s faster than a distribution build), else from PATH',
  }),
  /** libass loads caption fonts from this directory without fontconfig, so it works in Lambda. */
  POSTSHOW_FONTS_DIR: setting(text().default('/usr/share/fonts/opentype/noto'), { help: 'fonts for burned-in captions; the Lambda stack sets /opt/fonts' }),
  POSTSHOW_CAPTION_FONT: setting(text().default('Noto Sans CJK SC'), { help: 'caption font family, covering CJK; must match a font in POSTSHOW_FONTS_DIR' }),
  OPENAI_API_KEY: setting(text().optional(), {
    help: 'enables the OpenAI providers; compatible servers that need no key accept any value; never logged or written to outputs',
    defaultHelp: 'none: postshow runs offline',
  }),
  OPENAI_BASE_URL: setting(z.string().trim().pipe(z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' })).default(OPENAI_DEFAULT_BASE_URL), {
    help: 'any OpenAI-compatible server (self-hosted Whisper or LLM), e.g. http://localhost:8000/v1',
  }),
  POSTSHOW_OPENAI_TRANSCRIBE_MODEL: setting(text().default('whisper-1'), {
    help: 'transcription model; gpt-4o-transcribe and gpt-4o-mini-transcribe also work but return no timestamps',
  }),
  POSTSHOW_OPENAI_TRANSCRIBE_VERBOSE: setting(booleanText().optional(), {
    help: 'whether the server accepts verbose_json with word and segment timestamps',
    defaultHelp: 'true except for gpt-4o*-transcribe',
  }),
  POSTSHOW_OPENAI_MODEL: setting(text().default('gpt-4o-mini'), { help: 'chat model for structured outputs' }),
  POSTSHOW_OPENAI_TIMEOUT_MS: setting(wholeNumberText(1).optional(), {
    help: 'per HTTP attempt, transcription and chat alike',
    unit: 'ms',
    defaultHelp: `${OPENAI_TRANSCRIBE_TIMEOUT_MS} transcription, ${OPENAI_CHAT_TIMEOUT_MS} chat`,
  }),
  POSTSHOW_OPENAI_MAX_RETRIES: setting(wholeNumberText(0).default(4), {
    help: 'retries after the first attempt on 429 (honouring retry-after), 5xx, connection errors and timeouts',
  }),
  POSTSHOW_OPENAI_RETRY_BASE_MS: setting(wholeNumberText(0).default(500), {
    help: 'backoff base: the delay before retry n is uniform in [0, min(cap, base*2^(n-1))]',
    unit: 'ms',
  }),
  POSTSHOW_OPENAI_RETRY_MAX_MS: setting(wholeNumberText(0).default(8000), { help: 'backoff cap', unit: 'ms' }),
  POSTSHOW_OPENAI_CONCURRENCY: setting(wholeNumberText(1).default(4), { help: 'requests in flight per process' }),
  POSTSHOW_OPENAI_TOKEN_BUDGET: setting(wholeNumberText(0).default(200_000), { help: 'tokens per show; past it, the offline code takes over' }),
};

export type EnvSettingName = keyof typeof ENV_SETTINGS;
export type EnvSettingValues<N extends EnvSettingName> = { readonly [K in N]: z.output<(typeof ENV_SETTINGS)[K]> };
export type Env = Readonly<Record<string, string | undefined>>;

/** The registry's entry for a variable. */
export function envSettingMeta(name: EnvSettingName): EnvSettingMeta {
  return envSettingsRegistry.get(ENV_SETTINGS[name]) as EnvSettingMeta;
}

/**
 * The named variables from an env-like record, defaults filled in, or the problems in one line
 * naming each bad variable (and the flag that overrides it), never its value.
 */
export function parseEnvSettings<const N extends EnvSettingName>(
  env: Env,
  names: readonly N[],
): { readonly ok: true; readonly values: EnvSettingValues<N> } | { readonly ok: false; readonly problems: string } {
  const schema = z.object(Object.fromEntries(names.map((name) => [name, ENV_SETTINGS[name]])) as Pick<typeof ENV_SETTINGS, N>);
  const parsed = schema.safeParse(Object.fromEntries(names.map((name) => [name, env[name]?.trim() ? env[name] : undefined])));
  if (parsed.success) return { ok: true, values: parsed.data as EnvSettingValues<N> };
  // Issue paths and messages only: zod messages do not echo input, and we never add it.
  const problems = parsed.error.issues.map((issue) => {
    const name = String(issue.path[0]) as EnvSettingName;
    const flag = envSettingMeta(name)?.flag?.split(' ')[0];
    return `${flag ? `${name} / ${flag}` : name}: ${issue.message}`;
  });
  return { ok: false, problems: problems.join('; ') };
}

/** {@link parseEnvSettings}, throwing an InputError ("invalid environment: …") on a bad value. */
export function readEnvSettings<const N extends EnvSettingName>(env: Env, names: readonly N[]): EnvSettingValues<N> {
  const parsed = parseEnvSettings(env, names);
  if (!parsed.ok) throw new InputError(`invalid environment: ${parsed.problems}`);
  return parsed.values;
}
