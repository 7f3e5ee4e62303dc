import type { z } from 'zod';
import { PostshowError } from '../core/errors.js';
import { parseExact } from '../core/schemas/parseExact.js';
import type { Storage } from './ports.js';

/** An output written by an earlier stage is missing or unreadable: the pipeline itself is inconsistent. */
export class CorruptOutputError extends PostshowError {
  constructor(key: string, reason: string) {
    super(`${key} is missing or invalid: ${reason}`, { permanent: false });
    this.name = 'CorruptOutputError';
  }
}

/**
 * A stage tried to write an output its schema does not describe exactly (an unknown or missing field):
 * a bug in the stage or the schema, so retrying cannot help.
 */
export class OutputShapeError extends PostshowError {
  readonly problems: readonly string[];

  constructor(key: string, problems: readonly string[]) {
    super(`${key} does not match its schema: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` (+${problems.length - 5} more)` : ''}`, {
      permanent: true,
    });
    this.name = 'OutputShapeError';
    this.problems = problems;
  }
}

/** Reads and validates a JSON object written by an earlier stage. */
export async function readJson<T extends z.ZodType>(storage: Storage, key: string, schema: T): Promise<z.infer<T>> {
  const body = await storage.tryGet(key);
  if (!body) throw new CorruptOutputError(key, 'not found');
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new CorruptOutputError(key, (error as Error).message);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new CorruptOutputError(key, parsed.error.issues[0]?.message ?? 'schema mismatch');
  return parsed.data;
}

/** Like readJson, but undefined when the object does not exist. */
export async function tryReadJson<T extends z.ZodType>(storage: Storage, key: string, schema: T): Promise<z.infer<T> | undefined> {
  if (!(await storage.head(key))) return undefined;
  return readJson(storage, key, schema);
}

/**
 * Writes `value` as pretty JSON after checking it against `schema` exactly: every field the schema
 * requires, no field it does not know (which a read would silently drop). The value is written as the
 * producer built it, so its key order, and the stored bytes, are the producer's.
 */
export async function writeJson<T extends z.ZodType>(storage: Storage, key: string, schema: T, value: z.output<T>): Promise<void> {
  const checked = parseExact(schema, value);
  if (!checked.success) throw new OutputShapeError(key, checked.problems);
  await storage.put(key, `${JSON.stringify(value, null, 2)}\n`);
}
