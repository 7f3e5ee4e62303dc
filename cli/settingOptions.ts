/**
 * Commander options derived from the settings registries (shared/core/settings): the flag, help text
 * with the range and default, and validation by the setting's own schema, so a value the CLI accepts
 * is one job.json accepts and the messages match ("--chat-lag must be at most 60 seconds").
 */
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

/** An option validated by `schema`: enums become commander choices, numbers are read from the text first. */
function settingOption(flag: string, schema: z.ZodType, help: string): Option {
  const option = new Option(flag, help);
  const choices = choicesOf(schema);
  if (choices) return option.choices(choices);
  const numeric = innerSchema(schema) instanceof z.ZodNumber;
  return option.argParser((text: string) => {
    const parsed = schema.safeParse(numeric ? (text.trim() === '' ? Number.NaN : Number(text)) : text);
    if (!parsed.success) throw new InvalidArgumentError(`${flagName(flag)} ${parsed.error.issues[0]?.message ?? 'is invalid'}`);
    return parsed.data;
  });
}

/**
 * The `postshow run` options of every run setting that has a flag. No commander defaults: the schema
 * fills them in {@link runSettingsFromFlags}, and the help text shows them.
 */
export function runSettingOptions(): Option[] {
  return flaggedRunSettings().map(([name, flag]) => settingOption(flag, RUN_SETTINGS[name], settingHelp(RUN_SETTINGS[name], runSettingMeta(name))));
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
