/**
 * Parsing that loses nothing. `z.object` drops keys its shape does not know, and `.default()` fills
 * in keys the value lacks: reading either back looks fine while a field silently disappeared or was
 * never written. Here both count as problems, so a producer and its schema cannot drift apart.
 */
import type { z } from 'zod';

export type ExactParse<T> = { readonly success: true; readonly data: T } | { readonly success: false; readonly problems: readonly string[] };

/** Parses `value` and reports every schema issue, unknown key and defaulted (missing) key, by path. */
export function parseExact<T extends z.ZodType>(schema: T, value: unknown): ExactParse<z.output<T>> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    return { success: false, problems: parsed.error.issues.map((issue) => `${pathText(issue.path)}: ${issue.message}`) };
  }
  const problems = keyDrift(value, parsed.data, []);
  return problems.length > 0 ? { success: false, problems } : { success: true, data: parsed.data };
}

/** Keys present on one side only, walking the value and the parsed output side by side. */
function keyDrift(input: unknown, output: unknown, path: PropertyKey[]): string[] {
  if (Array.isArray(input) && Array.isArray(output)) return input.flatMap((item, index) => keyDrift(item, output[index], [...path, index]));
  if (!isPlainObject(input) || !isPlainObject(output)) return [];
  const problems: string[] = [];
  // An undefined value is absent once stored as JSON, so it counts as absent on both sides.
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    if (output[key] === undefined) problems.push(`${pathText([...path, key])}: not in the schema (reading it back would drop it)`);
    else problems.push(...keyDrift(value, output[key], [...path, key]));
  }
  for (const [key, value] of Object.entries(output)) {
    if (value !== undefined && input[key] === undefined) problems.push(`${pathText([...path, key])}: missing (only a default fills it in)`);
  }
  return problems;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pathText(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(root)' : path.map(String).join('.');
}
