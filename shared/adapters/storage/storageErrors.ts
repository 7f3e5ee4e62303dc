import { PostshowError } from '../../core/errors.js';

/** A key that should exist does not. Permanent: retrying will not make it appear. */
export class ObjectNotFoundError extends PostshowError {
  readonly key: string;

  constructor(key: string, options: { cause?: unknown } = {}) {
    super(`object not found: ${key}`, { permanent: true, ...options });
    this.name = 'ObjectNotFoundError';
    this.key = key;
  }
}
