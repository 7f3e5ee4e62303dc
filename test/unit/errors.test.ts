import { describe, expect, it } from 'vitest';
import { ObjectNotFoundError } from '../../shared/adapters/storage/storageErrors.js';
import { AbortedError, InputError, isPermanent, MediaError, PostshowError } from '../../shared/core/errors.js';

describe('isPermanent', () => {
  it('reads the flag of our errors; foreign errors are retryable', () => {
    expect(isPermanent(new InputError('bad chat log'))).toBe(true);
    expect(isPermanent(new MediaError('read failed', { permanent: false }))).toBe(false);
    expect(isPermanent(new AbortedError('stopped'))).toBe(false);
    expect(isPermanent(new Error('ECONNRESET'))).toBe(false);
    expect(isPermanent('a string')).toBe(false);
    expect(isPermanent(undefined)).toBe(false);
  });

  it('looks through plain wrappers into the cause chain', () => {
    const wrapped = new Error('upload failed', { cause: new Error('while reading', { cause: new ObjectNotFoundError('shows/a/x.json') }) });
    expect(isPermanent(wrapped)).toBe(true);
  });

  it('lets the nearest classified error decide', () => {
    // A retryable wrapper around a permanent cause: the wrapper knows retrying can help.
    expect(isPermanent(new PostshowError('try again', { permanent: false, cause: new InputError('bad') }))).toBe(false);
    expect(isPermanent(new MediaError('unusable', { permanent: true, cause: new Error('exit 1') }))).toBe(true);
  });

  it('stops on cycles and very long chains', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    (a as { cause?: unknown }).cause = b;
    expect(isPermanent(a)).toBe(false);
    let deep: Error = new InputError('deep');
    for (let i = 0; i < 20; i += 1) deep = new Error(`wrapper ${i}`, { cause: deep });
    expect(isPermanent(deep)).toBe(false);
  });
});
