/**
 * DownloadLinks for `postshow serve`: the server's own `/files/<key>` route, which serves a workspace file with
 * range requests (so a `<video>` can seek) to whoever passed the server's token check.
 */
import { validateKey } from '../../core/keys.js';
import type { DownloadLinks } from '../../pipeline/ports.js';

/** Path prefix of the file route. */
export const FILES_ROUTE = '/files/';

export class ServerFileLinks implements DownloadLinks {
  /** Local links do not expire; a day is what the API reports so callers refresh now and then. */
  readonly expiresInSeconds = 86_400;

  async urlFor(key: string, options: { readonly filename?: string } = {}): Promise<string> {
    const path = FILES_ROUTE + validateKey(key).split('/').map(encodeURIComponent).join('/');
    return options.filename ? `${path}?download=${encodeURIComponent(options.filename)}` : path;
  }
}
