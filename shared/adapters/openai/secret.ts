/**
 * A credential that refuses to be printed: `String()`, template strings, `JSON.stringify` and
 * `util.inspect` (console.log) all show `[redacted]`. Only `reveal()` returns the value, and only
 * the client factory calls it.
 */
import { inspect } from 'node:util';

const REDACTED = '[redacted]';

export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  /** The raw value, for the HTTP client only. */
  reveal(): string {
    return this.#value;
  }

  /** Replaces every occurrence of the secret in `text` (error bodies sometimes echo the key back). */
  redact(text: string): string {
    return this.#value.length === 0 ? text : text.split(this.#value).join(REDACTED);
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return REDACTED;
  }
}
