/**
 * Building blocks for setting schemas. Each check carries the message a user reads, without the
 * setting's name, so every surface can prefix its own ("--chat-lag must be at most 60 seconds",
 * "job.json: chatLagSeconds must be at most 60 seconds").
 */
import { z } from 'zod';

const NUMBER = { error: 'must be a number' };

/** A duration in seconds within [min, max]. */
export function seconds(min: number, max: number) {
  return z.number(NUMBER).min(min, `must be at least ${min} seconds`).max(max, `must be at most ${max} seconds`);
}

/** A whole number within [min, max] (max optional). */
export function wholeNumber(min: number, max?: number) {
  const atLeast = z.number(NUMBER).int('must be a whole number').min(min, `must be at least ${min}`);
  return max === undefined ? atLeast : atLeast.max(max, `must be at most ${max}`);
}

/** The part of a schema that checks the value: without its default or optional wrapper. */
export function innerSchema(schema: z.ZodType): z.ZodType {
  return schema instanceof z.ZodDefault || schema instanceof z.ZodOptional ? innerSchema(schema.unwrap() as z.ZodType) : schema;
}

/** The schema's default, or undefined when it has none. */
export function defaultOf(schema: z.ZodType): unknown {
  return schema instanceof z.ZodDefault ? schema.parse(undefined) : undefined;
}

/** How a setting is described: one line of help, its unit, and words for a default that is not a fixed value. */
export interface SettingDescription {
  /** One line, without range or default (both are read from the schema). */
  readonly help: string;
  /** Unit of a number, shown after its range and default, e.g. `s`, `ms`. */
  readonly unit?: string;
  /** The default in words when the schema has none to show (e.g. "measured, else 4 s"). */
  readonly defaultHelp?: string;
}

/** "0-60 s", "at least 1", "1-64 characters", or undefined for a value without bounds. */
export function rangeText(schema: z.ZodType, unit?: string): string | undefined {
  const inner = innerSchema(schema);
  const checked = inner instanceof z.ZodPipe ? inner.out : inner;
  const finite = (value: number | null): value is number => value !== null && Math.abs(value) < Number.MAX_SAFE_INTEGER;
  const span = (min: number | null, max: number | null, suffix: string) => {
    if (finite(min) && finite(max)) return `${min}-${max}${suffix}`;
    return finite(min) ? `at least ${min}${suffix}` : undefined;
  };
  if (checked instanceof z.ZodNumber) return span(checked.minValue, checked.maxValue, unit ? ` ${unit}` : '');
  if (checked instanceof z.ZodString) return span(checked.minLength, checked.maxLength, ' characters');
  return undefined;
}

/** The values an enum setting accepts, or undefined when it is not an enum. */
export function choicesOf(schema: z.ZodType): readonly string[] | undefined {
  const inner = innerSchema(schema);
  return inner instanceof z.ZodEnum ? inner.options.map(String) : undefined;
}

/**
 * Help text read from a setting's schema and description, e.g. "shortest clip (3-600 s; default: 15 s)";
 * `notes` are added to the parenthesis.
 */
export function settingHelp(schema: z.ZodType, description: SettingDescription, ...notes: string[]): string {
  const fallback = defaultOf(schema);
  const defaultText = description.defaultHelp ?? (fallback === undefined ? undefined : `${String(fallback)}${description.unit ? ` ${description.unit}` : ''}`);
  const details = [rangeText(schema, description.unit), defaultText === undefined ? undefined : `default: ${defaultText}`, ...notes].filter(Boolean);
  return details.length > 0 ? `${description.help} (${details.join('; ')})` : description.help;
}
