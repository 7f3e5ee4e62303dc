/**
 * Commander options derived from the settings registries (shared/core/settings): the flag, help text
 * with the range and default, and validation by the setting's own schema, so a value the CLI accepts
 * is one job.json accepts and the messages match ("--chat-lag must be at most 60 seconds").
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError, Option } from 'commander';
import { z } from 'zod';
import { ENV_SETTINGS, envSettingMeta, type EnvSettingName } from '../shared/core/settings/envSettings.js';
import { RUN_SETTINGS, runSettingMeta, runSettingsProblem, runSettingsSchema, type RunSettingName, type RunSettings } from '../shared/core/settings/runSettings.js';
import { choicesOf, innerSchema, settingHelp } from '../shared/core/settings/settingSchemas.js';

/** `--chat-lag` of `--chat-lag <seconds>`. */
const flagName = (flag: string): string => flag.split(' ')[0] ?? flag;

/** Run settings with a flag, in registry order. */
const flaggedRunSettings = (): [RunSettingName, string][] =>
  (Object.keys(RUN_SETTINGS) as RunSettingName[]).flatMap((name) => {
    const { flag } = runSettingMeta(name);
    return flag ? [[name, flag] as [RunSettingName, string]] : [];
  });

/**
 * The value of a `jsonFile` setting's file: its JSON object, named after the file when it has no `name`.
 * @throws InvalidArgumentError naming the flag when the file cannot be read or is not JSON
 */
function readJsonValue(flag: string, file: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = error instanceof SyntaxError ? `is not JSON: ${error.message}` : `cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`;
    throw new InvalidArgumentError(`${flagName(flag)} file ${file} ${reason}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value) || 'name' in value) return value;
  return { name: path.basename(file, path.extname(file)).slice(0, 64) || 'custom', ...value };
}

/**
 * An option validated by `schema`: enums become commander choices, numbers are read from the text first,
 * and a `jsonFile` setting reads a value that is not a valid text from the file it names.
 */
function settingOption(flag: string, schema: z.ZodType, help: string, jsonFile = false): Option {
  const option = new Option(flag, help);
  const choices = choicesOf(schema);
  if (choices) return option.choices(choices);
  const numeric = innerSchema(schema) instanceof z.ZodNumber;
  return option.argParser((text: string) => {
    let parsed = schema.safeParse(numeric ? (text.trim() === '' ? Number.NaN : Number(text)) : text);
    if (!parsed.success && jsonFile && /\.json$/i.test(text.trim())) parsed = schema.safeParse(readJsonValue(flag, text.trim()));
    if (!parsed.success) throw new InvalidArgumentError(`${flagName(flag)} ${settingProblem(parsed.error)}`);
    return parsed.data;
  });
}

/** The first problem of a failed parse; for an object value, with the field it is about. */
function settingProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'is invalid';
  if (issue.code === 'invalid_union') {
    // A value that is neither a preset nor a valid object: name what the object lacked, else the choices.
    const fromObject = issue.errors.find((errors) => errors.some((inner) => inner.path.length > 0));
    const inner = fromObject?.find((candidate) => candidate.path.length > 0);
    if (inner) return `${inner.path.join('.')}: ${inner.message}`;
    const fromEnum = issue.errors.flat().find((candidate) => candidate.code === 'invalid_value');
    if (fromEnum) return fromEnum.message;
  }
  // A field of an object value is named; a position in a list is not (the message names what lists take).
  const field = issue.path.filter((key) => typeof key === 'string');
  return field.length > 0 ? `${field.join('.')}: ${issue.message}` : issue.message;
}

/**
 * The `postshow run` options of every run setting that has a flag. No commander defaults: the schema
 * fills them in {@link runSettingsFromFlags}, and the help text shows them.
 */
export function runSettingOptions(): Option[] {
  return flaggedRunSettings().map(([name, flag]) => {
    const meta = runSettingMeta(name);
    return settingOption(flag, RUN_SETTINGS[name], settingHelp(RUN_SETTINGS[name], meta), meta.jsonFile);
  });
}

/** One run setting's option (edits take the same `--aspect`, `--caption-style`... as `run`). */
export function runSettingOption(name: RunSettingName): Option {
  const meta = runSettingMeta(name);
  if (!meta.flag) throw new Error(`${name} has no flag`);
  return settingOption(meta.flag, RUN_SETTINGS[name], settingHelp(RUN_SETTINGS[name], meta), meta.jsonFile);
}

/** The option that overrides an environment setting (`--llm` for POSTSHOW_LLM); unset, the variable applies. */
export function envSettingOption(name: EnvSettingName): Option {
  const meta = envSettingMeta(name);
  if (!meta.flag) throw new Error(`${name} has no flag`);
  return settingOption(meta.flag, ENV_SETTINGS[name], settingHelp(ENV_SETTINGS[name], meta, `env ${name}`));
}

/**
 * The run settings from parsed `run` flags, defaults filled in and the rules across settings checked,
 * each problem naming its flag ("--min-clip must not exceed --max-clip").
 */
export function runSettingsFromFlags(flags: Readonly<Record<string, unknown>>): RunSettings {
  const flagged = flaggedRunSettings();
  const given = Object.fromEntries(flagged.map(([name, flag]) => [name, flags[new Option(flag).attributeName()]]).filter(([, value]) => value !== undefined));
  const parsed = runSettingsSchema.safeParse(given);
  if (parsed.success) return parsed.data;
  const flagOf = new Map(flagged.map(([name, flag]) => [name as string, flagName(flag)]));
  throw new InvalidArgumentError(runSettingsProblem(parsed.error, (name) => flagOf.get(name) ?? name));
}
