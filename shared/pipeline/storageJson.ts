import type { z } from 'zod';
import { PostshowError } from '../core/errors.js';
import type { Storage } from './ports.js';

/** An output written by an earlier stage is missing or unreadable: the pipeline itself is inconsistent. */
export class CorruptOutputError extends PostshowError {
  constructor(key: string, reason: string) {
    super(`${key} is missing or invalid: ${reason}`, { permanent: false });
    this.name = 'CorruptOutputError';
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

export async function writeJson(storage: Storage, key: string, value: unknown): Promise<void> {
  await storage.put(key, `${JSON.stringify(value, null, 2)}\n`);
}
